package sourcepane

import (
	"image/color"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// The renderer draws only the lines that intersect the viewport. Screen rows are recycled by
// line number (row = line mod rows), so scrolling by one line rewrites one row's text objects and
// typing rewrites the objects of one line; every other object keeps its text and texture. Text
// widths come from metrics (a per-rune cache), never from canvas.Text.MinSize.

// row holds the canvas objects of one screen row.
type row struct {
	number *canvas.Text
	segs   []*canvas.Text
	used   int
}

// hide hides the row's visible objects (hiding a hidden one would still cost a refresh).
func (rw *row) hide() {
	if rw.number.Visible() {
		rw.number.Hide()
	}
	for _, t := range rw.segs {
		if t.Visible() {
			t.Hide()
		}
	}
}

// rectPool recycles rectangles used for selections, matches and underlines.
type rectPool struct {
	items []*canvas.Rectangle
	used  int
	grown bool
}

func (p *rectPool) next() *canvas.Rectangle {
	if p.used == len(p.items) {
		p.items = append(p.items, canvas.NewRectangle(color.Transparent))
		p.grown = true
	}
	r := p.items[p.used]
	p.used++
	return r
}

// finish hides the rectangles not used in this refresh.
func (p *rectPool) finish() {
	for _, r := range p.items[p.used:] {
		if r.Visible() {
			r.Hide()
		}
	}
	p.used = 0
}

type editorRenderer struct {
	e                                  *Editor
	bg, curLine, gutterBg, caret, thum *canvas.Rectangle
	band, bandBar                      rectPool // SetBand's tint and gutter bars, one per run of lines
	sel, matches, underlines, markers  rectPool
	rows                               []*row
	tipBg                              *canvas.Rectangle
	tipText                            *canvas.Text
	objects                            []fyne.CanvasObject
	// placed is the size of the last Refresh, which placed every object for it.
	placed fyne.Size
	// refreshes counts the Refreshes, each of which marks the window for a frame (tests).
	refreshes int
}

// CreateRenderer is part of fyne.Widget.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	r := &editorRenderer{e: e,
		bg: canvas.NewRectangle(color.Transparent), curLine: canvas.NewRectangle(color.Transparent),
		gutterBg: canvas.NewRectangle(color.Transparent), caret: canvas.NewRectangle(color.Transparent),
		thum: canvas.NewRectangle(color.Transparent), tipBg: canvas.NewRectangle(color.Transparent),
		tipText: canvas.NewText("", color.Black),
	}
	r.thum.CornerRadius = scrollBarW / 2
	r.tipBg.CornerRadius = 4
	r.tipText.TextStyle = fyne.TextStyle{}
	r.tipBg.Hide()
	r.tipText.Hide()
	if e.bar == nil {
		e.bar = newPromptBar(e)
	}
	r.Refresh()
	return r
}

func (r *editorRenderer) Destroy() {}

// Layout places the objects for a new size. Fyne also lays a widget out again, in the frame,
// whenever the minimum size of one of its objects changed (a text object's changes with its
// text, so every keystroke), and a Refresh then would mark the window for one more frame, which
// Mesa's software OpenGL paints whole: of the same size only the prompt bar, whose fields may
// have grown, is placed again.
func (r *editorRenderer) Layout(size fyne.Size) {
	if size == r.placed {
		r.e.bar.layout(size)
		return
	}
	r.Refresh()
}

func (r *editorRenderer) MinSize() fyne.Size {
	m := r.e.m()
	return fyne.NewSize(r.e.gutterWidth()+20*m.charW, 3*m.lineH)
}

func (r *editorRenderer) Objects() []fyne.CanvasObject {
	if r.objects == nil {
		r.rebuildObjects()
	}
	return r.objects
}

// rebuildObjects lists every pooled object in drawing order. It runs only when a pool grew.
func (r *editorRenderer) rebuildObjects() {
	o := []fyne.CanvasObject{r.bg}
	for _, x := range r.band.items {
		o = append(o, x)
	}
	o = append(o, r.curLine)
	for _, x := range r.matches.items {
		o = append(o, x)
	}
	for _, x := range r.sel.items {
		o = append(o, x)
	}
	for _, rw := range r.rows {
		for _, t := range rw.segs {
			o = append(o, t)
		}
	}
	for _, x := range r.underlines.items {
		o = append(o, x)
	}
	o = append(o, r.gutterBg)
	for _, x := range r.bandBar.items {
		o = append(o, x)
	}
	for _, rw := range r.rows {
		o = append(o, rw.number)
	}
	for _, x := range r.markers.items {
		o = append(o, x)
	}
	o = append(o, r.caret, r.thum, r.tipBg, r.tipText, r.e.bar.box)
	r.objects = o
	r.sel.grown, r.matches.grown, r.underlines.grown, r.markers.grown = false, false, false, false
	r.band.grown, r.bandBar.grown = false, false
}

// placeRect shows a rectangle with the given geometry and colour, touching it only on change.
func placeRect(x *canvas.Rectangle, p fyne.Position, s fyne.Size, c color.Color) {
	x.Move(p)
	x.Resize(s)
	if x.FillColor != c {
		x.FillColor = c
		x.Refresh()
	}
	if !x.Visible() {
		x.Show()
	}
}

// placeText shows a text object, refreshing it (a new texture) only when its content changed.
func placeText(t *canvas.Text, s string, c color.Color, size float32, p fyne.Position, sz fyne.Size) {
	changed := false
	if t.Text != s {
		t.Text = s
		changed = true
	}
	if t.Color != c {
		t.Color = c
		changed = true
	}
	if t.TextSize != size {
		t.TextSize = size
		changed = true
	}
	t.Move(p)
	if t.Size() != sz {
		t.Resize(sz) // refreshes
	} else if changed {
		t.Refresh()
	}
	if !t.Visible() {
		t.Show()
	}
}

func (r *editorRenderer) newRow() *row {
	n := canvas.NewText("", color.Black)
	n.TextStyle = fyne.TextStyle{Monospace: true}
	n.Alignment = fyne.TextAlignTrailing
	return &row{number: n}
}

func (rw *row) seg() (*canvas.Text, bool) {
	if rw.used == len(rw.segs) {
		t := canvas.NewText("", color.Black)
		t.TextStyle = fyne.TextStyle{Monospace: true}
		rw.segs = append(rw.segs, t)
		rw.used++
		return t, true
	}
	rw.used++
	return rw.segs[rw.used-1], false
}

// Refresh places every object for the pane's size, scroll, text and state, and rebuilds the
// object list only when objects were added or dropped.
func (r *editorRenderer) Refresh() {
	e := r.e
	m := e.m()
	size := e.Size()
	col := e.colours()
	e.clampScroll()
	r.placed = size
	r.refreshes++

	// The background is the window's own (the theme's background, which the painter clears the
	// window to): r.bg is not drawn (a transparent rectangle is skipped), only marks the window
	// for painting below, which saves Mesa's software painter a third of a million pixels a
	// frame.
	placeRect(r.bg, fyne.Position{}, size, color.Transparent)
	gw := e.gutterWidth()
	left := e.textLeft() - e.scrollX
	first, last := e.visibleRange()

	// one row per visible line, recycled by line number; no two visible lines share a row
	structural := r.sizeRows(max(e.visibleLines()+2, last-first+1))

	// current line
	if e.hasSelection() || e.cursor.line < first || e.cursor.line > last {
		r.curLine.Hide()
	} else {
		placeRect(r.curLine, fyne.NewPos(0, e.lineY(e.cursor.line)), fyne.NewSize(size.Width, m.lineH), col.curLine)
	}

	r.drawBand(first, last, gw, col)

	if r.drawLines(first, last, left, col) {
		structural = true
	}

	r.drawMarkers(first, last, left, col)
	placeRect(r.gutterBg, fyne.Position{}, fyne.NewSize(gw, size.Height), col.gutterBg)

	r.drawCaret(first, last, left, gw, col)
	r.drawThumb(size, col)

	r.drawTooltip(col)
	e.bar.layout(size)

	structural = structural || r.sel.grown || r.matches.grown || r.underlines.grown || r.markers.grown ||
		r.band.grown || r.bandBar.grown
	r.band.finish()
	r.bandBar.finish()
	r.sel.finish()
	r.matches.finish()
	r.underlines.finish()
	r.markers.finish()
	if structural || r.objects == nil {
		r.rebuildObjects()
	}
	// Mark the window dirty without invalidating any text texture.
	canvas.Refresh(r.bg)
}

// drawLines draws the visible lines first to last: number, text, selection and matches, each in
// its row, and hides the rows no line uses. It reports whether text objects were added.
func (r *editorRenderer) drawLines(first, last int, left float32, col colours) (changed bool) {
	e := r.e
	m := e.m()
	drawn := make([]bool, len(r.rows))
	selS, selE := orderPos(e.anchor, e.cursor)
	digits := float32(len(strconv.Itoa(e.buf.lineCount())))
	numW := max(3, digits) * m.charW
	viewL, viewR := e.scrollX-2*m.charW, e.scrollX+e.textWidth()+2*m.charW
	for i := first; i <= last; i++ {
		k := i % len(r.rows)
		rw := r.rows[k]
		drawn[k] = true
		y := e.lineY(i)
		line := e.buf.line(i)

		numCol := col.gutterText
		if i == e.cursor.line {
			numCol = col.gutterCurrent
		}
		placeText(rw.number, strconv.Itoa(i+1), numCol, m.textSize,
			fyne.NewPos(gutterPadL+gutterMarkerW, y), fyne.NewSize(numW, m.lineH))

		rw.used = 0
		if r.drawLine(rw, line, e.blockStateAt(i), y, left, viewL, viewR, col) {
			changed = true
		}
		for _, t := range rw.segs[rw.used:] {
			if t.Visible() {
				t.Hide()
			}
		}

		r.drawSelection(i, line, selS, selE, y, left, col)
		r.drawMatches(line, y, left, col)
	}
	for k, rw := range r.rows {
		if !drawn[k] {
			rw.hide()
		}
	}
	return changed
}

// sizeRows keeps need rows of text objects, hiding the ones it drops; it reports whether the
// set of objects changed.
func (r *editorRenderer) sizeRows(need int) bool {
	if len(r.rows) == need {
		return false
	}
	for len(r.rows) < need {
		r.rows = append(r.rows, r.newRow())
	}
	for _, rw := range r.rows[need:] {
		rw.hide()
	}
	r.rows = r.rows[:need]
	return true
}

// drawSelection shades the selected part of line i (and its line break when the selection
// goes on past it).
func (r *editorRenderer) drawSelection(i int, line string, selS, selE pos, y, left float32, col colours) {
	if selS == selE || i < selS.line || i > selE.line {
		return
	}
	m := r.e.m()
	x0 := float32(0)
	if i == selS.line {
		x0 = m.xOf(line, selS.col)
	}
	var x1 float32
	if i == selE.line {
		x1 = m.xOf(line, selE.col)
	} else {
		x1 = m.xOf(line, utf8.RuneCountInString(line)) + m.charW/2 // the newline
	}
	if x1 > x0 {
		placeRect(r.sel.next(), fyne.NewPos(left+x0, y), fyne.NewSize(x1-x0, m.lineH), col.selection)
	}
}

// drawCaret places the caret when the pane has the focus and the caret's line is in view and
// not under the gutter.
func (r *editorRenderer) drawCaret(first, last int, left, gw float32, col colours) {
	e := r.e
	if !e.focused || e.cursor.line < first || e.cursor.line > last {
		r.caret.Hide()
		return
	}
	m := e.m()
	x := left + m.xOf(e.buf.line(e.cursor.line), e.cursor.col)
	if x < gw {
		r.caret.Hide()
		return
	}
	placeRect(r.caret, fyne.NewPos(x-1, e.lineY(e.cursor.line)+1), fyne.NewSize(2, m.lineH-2), col.caret)
}

// drawThumb places the scroll bar's thumb, shown when the text is taller than the view.
func (r *editorRenderer) drawThumb(size fyne.Size, col colours) {
	if r.e.maxScrollY() <= 0 || size.Height <= 0 {
		r.thum.Hide()
		return
	}
	ty, th := r.e.thumb()
	placeRect(r.thum, fyne.NewPos(size.Width-scrollBarW, ty), fyne.NewSize(scrollBarW-2, th), col.thumb)
}

// drawBand tints the visible lines of the band (SetBand), one rectangle per run of consecutive
// lines, each with a bar at the gutter's right edge, out of the way of the diagnostic markers.
func (r *editorRenderer) drawBand(first, last int, gw float32, col colours) {
	e := r.e
	b := e.band
	i, _ := slices.BinarySearch(b, first)
	for i < len(b) && b[i] <= last {
		j := i
		for j+1 < len(b) && b[j+1] == b[j]+1 && b[j+1] <= last {
			j++
		}
		y0, y1 := e.lineY(b[i]), e.lineY(b[j])+e.m().lineH
		placeRect(r.band.next(), fyne.NewPos(gw, y0), fyne.NewSize(e.Size().Width-gw, y1-y0), col.band)
		placeRect(r.bandBar.next(), fyne.NewPos(gw-3, y0), fyne.NewSize(3, y1-y0), col.bandBar)
		i = j + 1
	}
}

// drawLine lays out the coloured segments of one line that fall inside [viewL, viewR] (in text
// coordinates). It walks the line once and reports whether a text object was created. A run of
// characters beyond the monospace grid gets a text object of its own, so it is drawn in exactly
// the width its layout gives it (see metrics.layout).
func (r *editorRenderer) drawLine(rw *row, line string, inBlock bool, y, left, viewL, viewR float32, col colours) bool {
	if line == "" {
		return false
	}
	m := r.e.m()
	l := m.layout(line)
	spans := r.e.spans(line, inBlock).spans
	created := false
	emit := func(s, end int, x, x1 float32, kind TokenKind) {
		text := m.display(line, s, end, x)
		if strings.TrimSpace(text) == "" {
			return
		}
		t, isNew := rw.seg()
		created = created || isNew
		placeText(t, text, col.token(kind), m.textSize, fyne.NewPos(left+x, y), fyne.NewSize(x1-x, m.lineH))
	}
	si := 0
	segStart, segKind, segX, segWide := -1, Plain, float32(0), false
	x := float32(0)
	n := 0 // runes before b
	for b, ru := range line {
		for si < len(spans) && spans[si].End <= b {
			si++
		}
		kind := Plain
		if si < len(spans) && spans[si].Start <= b {
			kind = spans[si].Kind
		}
		var next float32
		wide := false
		if l == nil {
			next = m.advanceRune(x, ru)
		} else {
			next, wide = l.xs[n+1], l.run[n]
			if wide && ru == ' ' && segStart >= 0 {
				kind = segKind // a space inside a run keeps the run whole
			}
		}
		visible := next >= viewL && x <= viewR
		if segStart >= 0 && (!visible || kind != segKind || wide != segWide) {
			emit(segStart, b, segX, x, segKind)
			segStart = -1
		}
		if visible && segStart < 0 {
			segStart, segKind, segX, segWide = b, kind, x, wide
		}
		if x > viewR {
			break // past the right edge; the segment open before this rune was emitted above
		}
		x = next
		n++
	}
	if segStart >= 0 {
		emit(segStart, len(line), segX, x, segKind)
	}
	return created
}

// drawMatches highlights the occurrences of the find query in one line.
func (r *editorRenderer) drawMatches(line string, y, left float32, col colours) {
	e := r.e
	if !e.find.active || e.find.query == "" {
		return
	}
	m := e.m()
	for _, mt := range e.matches(line) {
		x0 := m.xOf(line, utf8.RuneCountInString(line[:mt]))
		x1 := m.xOf(line, utf8.RuneCountInString(line[:mt+len(e.find.query)]))
		placeRect(r.matches.next(), fyne.NewPos(left+x0, y), fyne.NewSize(x1-x0, m.lineH), col.match)
	}
}

// drawMarkers draws diagnostic underlines on the visible lines and one gutter marker per line
// (the most severe diagnostic of the line wins).
func (r *editorRenderer) drawMarkers(first, last int, left float32, col colours) {
	e := r.e
	m := e.m()
	worst := map[int]Marker{}
	lo, hi := e.markersIn(first, last)
	for _, mk := range e.markers[lo:hi] {
		s := e.buf.clamp(pos{mk.StartLine - 1, mk.StartCol - 1})
		t := e.buf.clamp(pos{mk.EndLine - 1, mk.EndCol - 1})
		if t.before(s) {
			s, t = t, s
		}
		if t.line < first || s.line > last {
			continue
		}
		if w, ok := worst[s.line]; !ok || mk.Severity < w.Severity {
			worst[s.line] = mk
		}
		for i := max(s.line, first); i <= min(t.line, last); i++ {
			line := e.buf.line(i)
			c0, c1 := 0, utf8.RuneCountInString(line)
			if i == s.line {
				c0 = s.col
			}
			if i == t.line {
				c1 = t.col
			}
			x0, x1 := m.xOf(line, c0), m.xOf(line, c1)
			if x1 <= x0 { // empty range: mark one character cell
				x1 = x0 + m.charW
			}
			y := e.lineY(i) + m.lineH - 3
			placeRect(r.underlines.next(), fyne.NewPos(left+x0, y), fyne.NewSize(x1-x0, 2), col.sev(mk.Severity))
		}
	}
	for line, mk := range worst {
		d := float32(8)
		x := r.markers.next()
		x.CornerRadius = d / 2
		placeRect(x, fyne.NewPos(gutterPadL+(gutterMarkerW-d)/2, e.lineY(line)+(m.lineH-d)/2), fyne.NewSize(d, d), col.sev(mk.Severity))
	}
}

// drawTooltip shows the message of the hovered diagnostic next to the pointer.
func (r *editorRenderer) drawTooltip(col colours) {
	e := r.e
	if e.hover.marker < 0 || e.hover.marker >= len(e.markers) {
		r.tipBg.Hide()
		r.tipText.Hide()
		return
	}
	mk := e.markers[e.hover.marker]
	msg := mk.Severity.String() + ": " + strings.SplitN(mk.Message, "\n", 2)[0]
	ts := e.m().textSize
	sz := fyne.MeasureText(msg, ts, fyne.TextStyle{}) // one measurement, only while hovering
	pad := float32(6)
	w, h := sz.Width+2*pad, sz.Height+2*pad
	p := e.hover.at.AddXY(8, e.m().lineH)
	size := e.Size()
	if p.X+w > size.Width {
		p.X = max(0, size.Width-w)
	}
	if p.Y+h > size.Height {
		p.Y = max(0, e.hover.at.Y-h-4)
	}
	placeRect(r.tipBg, p, fyne.NewSize(w, h), col.tipBg)
	r.tipBg.StrokeColor = col.sev(mk.Severity)
	r.tipBg.StrokeWidth = 1
	placeText(r.tipText, msg, col.tipFg, ts, p.AddXY(pad, pad), sz)
}
