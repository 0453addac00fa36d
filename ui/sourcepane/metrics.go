package sourcepane

import (
	"strings"

	"fyne.io/fyne/v2"
)

// tabColumns is the width of a tab stop in columns of the monospace font.
const tabColumns = 4

// metrics measures text in the editor's monospace font without touching canvas.Text.MinSize
// (a text-shaping call per object, the dominant cost of a naive refresh). Every printable ASCII
// rune has the same advance in a monospace font; any other rune is measured once and cached, so
// CJK, emoji and other fallback-font glyphs get their real width.
type metrics struct {
	textSize float32
	style    fyne.TextStyle
	charW    float32 // advance of one ASCII character
	lineH    float32
	widths   map[rune]float32
}

func newMetrics(textSize float32) *metrics {
	m := &metrics{textSize: textSize, style: fyne.TextStyle{Monospace: true}, widths: map[rune]float32{}}
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

// xOf is the x offset (from the start of the text) of rune column col in line.
func (m *metrics) xOf(line string, col int) float32 {
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
// tabs become spaces up to the next tab stop and control characters become U+FFFD-free spaces,
// with the x after it.
func (m *metrics) display(line string, s, e int, x float32) (string, float32) {
	simple := true
	for i := s; i < e; i++ {
		if c := line[i]; c < 0x20 || c >= 0x7f {
			simple = false
			break
		}
	}
	if simple {
		return line[s:e], x + float32(e-s)*m.charW
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
	return sb.String(), x
}
