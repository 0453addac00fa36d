package sourcepane

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
)

// Layout constants, in Fyne units.
const (
	gutterMarkerW = 14 // column for diagnostic markers, left of the numbers
	gutterPadL    = 4
	gutterPadR    = 10 // between the numbers and the gutter edge
	textPadL      = 6  // between the gutter edge and column 0
	scrollBarW    = 8
	topPad        = 2
)

// m returns the font metrics, measured on first use (measuring needs a running app).
func (e *Editor) m() *metrics {
	if ts := e.textSize(); e.met == nil || e.met.textSize != ts {
		e.met = newMetrics(ts)
		e.spanCache = [2]map[string]cachedSpans{{}, {}}
	}
	return e.met
}

// gutterWidth depends on the number of digits of the last line number (at least 3).
func (e *Editor) gutterWidth() float32 {
	digits := max(3, len(strconv.Itoa(e.buf.lineCount())))
	return gutterPadL + gutterMarkerW + float32(digits)*e.m().charW + gutterPadR
}

// textLeft is the x of column 0 when not scrolled horizontally.
func (e *Editor) textLeft() float32 { return e.gutterWidth() + textPadL }

// textWidth is the width of the area where text is drawn.
func (e *Editor) textWidth() float32 {
	return max(0, e.Size().Width-e.textLeft()-scrollBarW)
}

// visibleLines is how many whole lines fit on screen (at least 1).
func (e *Editor) visibleLines() int {
	return max(1, int((e.Size().Height-topPad)/e.m().lineH))
}

// firstVisible and lastVisible bound the lines that intersect the viewport.
func (e *Editor) visibleRange() (first, last int) {
	lh := e.m().lineH
	first = max(0, int(e.scrollY/lh))
	last = min(e.buf.lineCount()-1, int((e.scrollY+e.Size().Height)/lh))
	return first, last
}

// lineY is the y of the top of line i on screen.
func (e *Editor) lineY(i int) float32 { return topPad + float32(i)*e.m().lineH - e.scrollY }

// maxScrollY lets the last line scroll up to the top third of the view.
// A document that fits in the view does not scroll.
func (e *Editor) maxScrollY() float32 {
	content := float32(e.buf.lineCount())*e.m().lineH + topPad
	if content <= e.Size().Height {
		return 0
	}
	return max(0, content-e.Size().Height*2/3)
}

func (e *Editor) clampScroll() {
	e.scrollY = max(0, min(e.scrollY, e.maxScrollY()))
	e.scrollX = max(0, e.scrollX)
}

// revealLine scrolls vertically so line i is visible; centre puts it in the middle when it was
// off screen (used by go-to-line and find).
func (e *Editor) revealLine(i int, centre bool) {
	lh := e.m().lineH
	top := float32(i) * lh
	h := e.Size().Height - topPad
	if h <= lh {
		e.scrollY = top
		e.clampScroll()
		return
	}
	if top >= e.scrollY && top+lh <= e.scrollY+h {
		return
	}
	switch {
	case centre:
		e.scrollY = top - h/2 + lh/2
	case top < e.scrollY:
		e.scrollY = top
	default:
		e.scrollY = top + lh - h
	}
	e.clampScroll()
}

// ensureCursorVisible scrolls so the cursor is on screen, vertically and horizontally.
func (e *Editor) ensureCursorVisible() {
	if e.Size().Height <= 0 {
		return
	}
	e.revealLine(e.cursor.line, false)
	x := e.m().xOf(e.buf.line(e.cursor.line), e.cursor.col)
	w := e.textWidth()
	margin := 4 * e.m().charW
	switch {
	case x < e.scrollX:
		e.scrollX = max(0, x-margin)
	case w > margin && x > e.scrollX+w-margin:
		e.scrollX = x - w + margin
	}
}

// posAtPoint converts a point in widget coordinates to the nearest text position.
func (e *Editor) posAtPoint(p fyne.Position) pos {
	lh := e.m().lineH
	line := int(math.Floor(float64((p.Y - topPad + e.scrollY) / lh)))
	if line < 0 {
		return pos{}
	}
	if line >= e.buf.lineCount() {
		last := e.buf.lineCount() - 1
		return pos{last, e.buf.lineRunes(last)}
	}
	x := p.X - e.textLeft() + e.scrollX
	return pos{line, e.m().colAt(e.buf.line(line), x)}
}

// inScrollBar reports whether a point is on the vertical scroll bar.
func (e *Editor) inScrollBar(p fyne.Position) bool {
	return p.X >= e.Size().Width-scrollBarW-2 && e.maxScrollY() > 0
}

// thumb returns the y and height of the scroll bar thumb.
func (e *Editor) thumb() (y, h float32) {
	viewH := e.Size().Height
	content := float32(e.buf.lineCount())*e.m().lineH + viewH*2/3
	h = max(20, viewH*viewH/content)
	if ms := e.maxScrollY(); ms > 0 {
		y = (viewH - h) * e.scrollY / ms
	}
	return y, h
}

// cachedSpans is a highlighter result.
type cachedSpans struct {
	spans        []Span
	inBlockAfter bool
}

// spans returns the highlighter's spans for a line, cached by line text and start state.
func (e *Editor) spans(line string, inBlock bool) cachedSpans {
	if e.highlighter == nil {
		return cachedSpans{}
	}
	k := 0
	if inBlock {
		k = 1
	}
	if s, ok := e.spanCache[k][line]; ok {
		return s
	}
	if len(e.spanCache[k]) > 8192 {
		e.spanCache[k] = map[string]cachedSpans{}
	}
	spans, after := e.highlighter(line, inBlock)
	c := cachedSpans{spans, after}
	e.spanCache[k][line] = c
	return c
}

// blockStateAt tells whether a block comment is open at the start of line i. States are kept
// per line and recomputed from the first line changed since, skipping (without highlighting)
// lines that cannot open or close a block comment.
func (e *Editor) blockStateAt(i int) bool {
	if e.highlighter == nil || i <= 0 {
		return false
	}
	e.stateValid = min(e.stateValid, e.buf.dirtyFrom)
	e.buf.dirtyFrom = math.MaxInt
	if need := e.buf.lineCount() + 1; len(e.blockState) < need {
		e.blockState = append(e.blockState, make([]bool, need-len(e.blockState))...)
	}
	e.blockState[0] = false
	for e.stateValid < i {
		k := e.stateValid
		line := e.buf.line(k)
		in := e.blockState[k]
		out := in
		if in && strings.Contains(line, "*/") || !in && strings.Contains(line, "/*") {
			out = e.spans(line, in).inBlockAfter
		}
		e.blockState[k+1] = out
		e.stateValid++
	}
	return e.blockState[i]
}
