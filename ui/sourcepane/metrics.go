package sourcepane

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// tabColumns is the width of a tab stop in columns of the monospace font.
const tabColumns = 4

// metrics measures text in the editor's monospace font without touching canvas.Text.MinSize
// (a text-shaping call per object, the dominant cost of a naive refresh). Every printable ASCII
// rune has the same advance in a monospace font. Other scripts are drawn in fallback fonts,
// shaped: a Devanagari vowel sign or conjunct, or a joined Arabic letter, is not as wide in its
// word as drawn alone, and a right-to-left phrase is drawn in its own order. So each run of such
// characters (with the spaces between its words) is measured as a whole, as it is drawn
// (drawLine gives it a text object of its own): a line's layout, kept per line.
type metrics struct {
	textSize float32
	style    fyne.TextStyle
	charW    float32 // advance of one ASCII character
	lineH    float32
	widths   map[rune]float32
	lines    map[string]*lineLayout // layouts of lines beyond ASCII (nil: all in the grid)
}

// lineLayout is where the runes of a line with characters beyond the monospace grid go.
type lineLayout struct {
	xs  []float32 // x of every rune boundary, from 0 before the first rune to the line's width
	run []bool    // whether each rune is drawn in a measured run, not in a cell of the grid
}

// maxLines bounds metrics.lines; it is emptied when full (a screenful is a few dozen lines).
const maxLines = 1024

func newMetrics(textSize float32) *metrics {
	m := &metrics{textSize: textSize, style: fyne.TextStyle{Monospace: true}, widths: map[rune]float32{}, lines: map[string]*lineLayout{}}
	const sample = 64
	size := fyne.MeasureText(strings.Repeat("M", sample), textSize, m.style)
	m.charW = size.Width / sample
	m.lineH = float32(int(size.Height + 2.5))
	return m
}

// runeWidth is the advance of r; tabs are handled by the callers (they depend on x).
func (m *metrics) runeWidth(r rune) float32 {
	if r >= 0x20 && r < 0x7f {
		return m.charW
	}
	if w, ok := m.widths[r]; ok {
		return w
	}
	w := fyne.MeasureText(string(r), m.textSize, m.style).Width
	if w <= 0 {
		w = m.charW // control characters and unsupported glyphs still take a cell
	}
	m.widths[r] = w
	return w
}

// advanceRune returns x after drawing r at x.
func (m *metrics) advanceRune(x float32, r rune) float32 {
	if r == '\t' {
		stop := m.charW * tabColumns
		return (float32(int(x/stop+0.001)) + 1) * stop
	}
	return x + m.runeWidth(r)
}

// inGrid reports whether r is drawn in one monospace cell whatever is around it: ASCII, and the
// letters of the scripts that neither join nor combine (Latin, Greek, Cyrillic) when the font has
// them at the cell's width. Everything else is drawn in runs, shaped (see layout).
func (m *metrics) inGrid(r rune) bool {
	return r < utf8.RuneSelf ||
		unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) && m.runeWidth(r) == m.charW
}

// layout returns where the runes of line go, or nil for a line whose runes are all inGrid, in
// which every rune advances by advanceRune.
func (m *metrics) layout(line string) *lineLayout {
	i := 0
	for i < len(line) && line[i] < utf8.RuneSelf {
		i++
	}
	if i == len(line) {
		return nil
	}
	if l, ok := m.lines[line]; ok {
		return l
	}
	var l *lineLayout
	for _, r := range line[i:] {
		if !m.inGrid(r) {
			l = m.measureLine(line)
			break
		}
	}
	if len(m.lines) >= maxLines {
		clear(m.lines)
	}
	m.lines[line] = l
	return l
}

// measureLine lays out a line with runes beyond the grid. A run of them, with the spaces between
// its words and the letter a combining mark goes on (e and U+0301), is measured as drawn, once,
// and its width shared among its runes in proportion to their widths alone: the text after the
// run is placed exactly, the caret inside it nearly so. (Measuring every beginning of the run
// instead took 2 to 6 ms for a new 14- to 40-character Devanagari run, too slow for a keystroke.)
func (m *metrics) measureLine(line string) *lineLayout {
	n := utf8.RuneCountInString(line)
	l := &lineLayout{xs: make([]float32, 1, n+1), run: make([]bool, 0, n)}
	x := float32(0)
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if next, _ := utf8.DecodeRuneInString(line[i+size:]); m.inGrid(r) && !unicode.Is(unicode.M, next) {
			x = m.advanceRune(x, r)
			l.xs = append(l.xs, x)
			l.run = append(l.run, false)
			i += size
			continue
		}
		j := m.runEnd(line, i+size)
		run, x0 := line[i:j], x
		width := fyne.MeasureText(run, m.textSize, m.style).Width
		if width <= 0 {
			// Nothing drawable (unsupported or invisible characters): a cell each, as before.
			for _, r := range run {
				x = m.advanceRune(x, r)
				l.xs = append(l.xs, x)
				l.run = append(l.run, false)
			}
		} else {
			// The run's width as drawn, shared among its runes as they are wide alone.
			var sum, acc float32
			for _, r := range run {
				sum += m.runeWidth(r)
			}
			for _, r := range run {
				acc += m.runeWidth(r)
				x = x0 + width*acc/sum
				l.xs = append(l.xs, x)
				l.run = append(l.run, true)
			}
		}
		i = j
	}
	return l
}

// runEnd is the byte offset where a run of runes beyond the grid that goes on at byte j ends:
// at the first rune in the grid, but for spaces followed by more of the run.
func (m *metrics) runEnd(line string, j int) int {
	for j < len(line) {
		r, size := utf8.DecodeRuneInString(line[j:])
		if r == ' ' {
			k := j
			for k < len(line) && line[k] == ' ' {
				k++
			}
			if k == len(line) {
				return j
			}
			if r, _ := utf8.DecodeRuneInString(line[k:]); m.inGrid(r) {
				return j
			}
			j = k
			continue
		}
		if m.inGrid(r) {
			return j
		}
		j += size
	}
	return j
}

// xOf is the x offset (from the start of the text) of rune column col in line.
func (m *metrics) xOf(line string, col int) float32 {
	if l := m.layout(line); l != nil {
		return l.xs[max(0, min(col, len(l.xs)-1))]
	}
	x := float32(0)
	n := 0
	for _, r := range line {
		if n == col {
			break
		}
		x = m.advanceRune(x, r)
		n++
	}
	return x
}

// colAt is the rune column whose boundary is nearest to x.
func (m *metrics) colAt(line string, x float32) int {
	if l := m.layout(line); l != nil {
		for n := 0; n+1 < len(l.xs); n++ {
			if x < (l.xs[n]+l.xs[n+1])/2 {
				return n
			}
		}
		return len(l.xs) - 1
	}
	cur := float32(0)
	n := 0
	for _, r := range line {
		next := m.advanceRune(cur, r)
		if x < (cur+next)/2 {
			return n
		}
		cur = next
		n++
	}
	return n
}

// display returns the part of line between byte offsets [s, e) as it is drawn starting at x:
// tabs become spaces up to the next tab stop and control characters become spaces.
func (m *metrics) display(line string, s, e int, x float32) string {
	simple := true
	for i := s; i < e; i++ {
		if c := line[i]; c < 0x20 || c == 0x7f {
			simple = false
			break
		}
	}
	if simple {
		return line[s:e]
	}
	var sb strings.Builder
	for _, r := range line[s:e] {
		next := m.advanceRune(x, r)
		switch {
		case r == '\t':
			sb.WriteString(strings.Repeat(" ", max(1, int((next-x)/m.charW+0.5))))
		case r < 0x20 || r == 0x7f:
			sb.WriteByte(' ')
		default:
			sb.WriteRune(r)
		}
		x = next
	}
	return sb.String()
}
