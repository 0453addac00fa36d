package mapdiff

import (
	"math"
	"strconv"

	"mapwright/render"
)

// ElemDiff tags the items Overlay adds (and is their CSS class in SVG).
const ElemDiff render.ElementKind = "diff"

// Overlay colours: moves in blue, additions in green, removals in red, ghosts in grey.
var (
	moveColour    = render.RGB(0x1f, 0x6f, 0xeb)
	addColour     = render.RGB(0x1a, 0x7f, 0x37)
	removeColour  = render.RGB(0xcf, 0x22, 0x2e)
	changeColour  = render.RGB(0xbf, 0x87, 0x00)
	ghostColour   = render.Color{R: 0x80, G: 0x80, B: 0x80, A: 0xc0}
	legendFill    = render.Color{R: 0xff, G: 0xff, B: 0xff, A: 0xe6}
	legendOutline = render.RGB(0x8c, 0x95, 0x9f)
)

// Overlay draws the changes of r over scene, the Scene that render.Layout made of the new map:
// old positions as grey ghosts with an arrow to each new position, additions ringed in green,
// removals as red crossed ghosts with their old names, links added in green and removed in red
// dashes, moved pipelines as a ghost box, and a small legend. scale is the Options.Scale the
// scene was laid out with (0 means 1). The items are appended above everything else, so every
// encoder draws them.
func Overlay(scene *render.Scene, r *Result, scale float64) {
	if scale <= 0 || math.IsNaN(scale) || math.IsInf(scale, 0) {
		scale = 1
	}
	o := &overlay{s: scene, k: scale}
	for _, it := range scene.Items {
		o.z = max(o.z, it.Z)
	}
	o.z++
	o.index()
	if len(r.Changes) > 0 {
		o.legend(r)
	}
	for _, c := range r.Changes {
		switch c.Element {
		case ElemComponent, ElemAnchor, ElemNote, ElemAccelerator, ElemAnnotation, ElemArea:
			o.element(c)
		case ElemLink:
			o.link(c)
		case ElemPipeline:
			o.pipeline(c)
		}
	}
}

type overlay struct {
	s *render.Scene
	k float64 // scale of strokes, radii and fonts
	z int
	// changed counts the "changed" notes already placed at each element's mark.
	changed map[[2]float64]int
	lines   map[int]*lineMarks // what the scene drew on each source line, before the overlay
	// taken holds the boxes overlay texts must not cover (the scene's texts and marks, the
	// legend, texts already placed), in a grid of cells for quick lookup.
	taken map[[2]int][]box
}

// box is an axis-aligned rectangle in page units.
type box struct{ x, y, w, h float64 }

func (b box) overlap(c box) float64 {
	w := min(b.x+b.w, c.x+c.w) - max(b.x, c.x)
	h := min(b.y+b.h, c.y+c.h) - max(b.y, c.y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// textBox is the box of a text item, by render's one label-box measure.
func textBox(it *render.Item) box {
	b := render.ItemBox(it)
	return box{b.Left, b.Top, b.Width(), b.Height()}
}

// takenCell is the side of a cell of the taken grid, in page units at scale 1.
const takenCell = 64.0

func (o *overlay) cells(b box, visit func(c [2]int)) {
	size := takenCell * o.k
	for cx := int(math.Floor(b.x / size)); float64(cx)*size < b.x+b.w; cx++ {
		for cy := int(math.Floor(b.y / size)); float64(cy)*size < b.y+b.h; cy++ {
			visit([2]int{cx, cy})
		}
	}
}

func (o *overlay) take(b box) {
	if b.w <= 0 || b.h <= 0 || b.w > 4*o.s.Width && b.h > 4*o.s.Height {
		return
	}
	o.cells(b, func(c [2]int) { o.taken[c] = append(o.taken[c], b) })
}

// covered is how much of b the taken boxes cover (each box counted once per cell it shares).
func (o *overlay) covered(b box) float64 {
	sum := 0.0
	o.cells(b, func(c [2]int) {
		for _, t := range o.taken[c] {
			sum += b.overlap(t)
		}
	})
	return sum
}

// lineMarks is what the scene drew for the element on one source line, gathered once so that
// each change finds its marks without searching every item (which made a large diff quadratic).
type lineMarks struct {
	mark       render.Point // centre of the first component or submap circle or square
	hasMark    bool
	radius     float64 // largest circle drawn for the element (a method disc is bigger)
	pipeTop    float64 // the pipeline box drawn on the line: its top and height
	pipeH      float64
	hasPipeBox bool
}

// index gathers the marks of every source line of the scene.
func (o *overlay) index() {
	o.lines = map[int]*lineMarks{}
	o.taken = map[[2]int][]box{}
	for i := range o.s.Items {
		it := &o.s.Items[i]
		switch {
		case it.Shape == render.ShapeText && it.Ref.Kind != render.ElemTitle && it.Rotate == 0:
			o.take(textBox(it))
		case it.Shape == render.ShapeCircle && it.Ref.Line > 0:
			o.take(box{it.X - it.R, it.Y - it.R, 2 * it.R, 2 * it.R})
		}
	}
	for _, it := range o.s.Items {
		if it.Ref.Line <= 0 {
			continue
		}
		lm := o.lines[it.Ref.Line]
		if lm == nil {
			lm = &lineMarks{}
			o.lines[it.Ref.Line] = lm
		}
		switch it.Ref.Kind {
		case render.ElemComponent, render.ElemSubmap:
			if !lm.hasMark {
				switch it.Shape {
				case render.ShapeCircle:
					lm.mark, lm.hasMark = render.Point{X: it.X, Y: it.Y}, true
				case render.ShapeRect:
					lm.mark, lm.hasMark = render.Point{X: it.X + float64(it.W/2), Y: it.Y + float64(it.H/2)}, true
				}
			}
		case render.ElemPipeline:
			if it.Shape == render.ShapeRect && !lm.hasPipeBox {
				lm.pipeTop, lm.pipeH, lm.hasPipeBox = it.Y, it.H, true
			}
		}
		if it.Shape == render.ShapeCircle {
			switch it.Ref.Kind {
			case render.ElemComponent, render.ElemSubmap, render.ElemMethod, render.ElemMarket, render.ElemEcosystem:
				lm.radius = max(lm.radius, it.R)
			}
		}
	}
}

// mark returns where the scene drew the element defined on a source line: the centre of its
// circle or square. Pipeline children, for one, sit a little below the visibility in the text.
func (o *overlay) mark(line int) (render.Point, bool) {
	if lm := o.lines[line]; lm != nil && line > 0 {
		return lm.mark, lm.hasMark
	}
	return render.Point{}, false
}

// markRadius is the radius of the largest circle drawn for the element on a line (a
// build/buy/outsource disc is bigger than the component's own circle), or def.
func (o *overlay) markRadius(line int, def float64) float64 {
	if lm := o.lines[line]; lm != nil && lm.radius > 0 {
		return lm.radius
	}
	return def
}

// pipelineBox returns the vertical placement of the box drawn for the pipeline on a line, as
// its top and height relative to the pipeline component's visibility.
func (o *overlay) pipelineBox(line int, vis float64) (top, h float64, ok bool) {
	lm := o.lines[line]
	if lm == nil || !lm.hasPipeBox {
		return 0, 0, false
	}
	y := o.at(Position{Visibility: vis}).Y
	return lm.pipeTop - y, lm.pipeH, true
}

// at converts map units to page units through the scene's drawing area.
func (o *overlay) at(p Position) render.Point {
	return o.s.At(p.Visibility, p.Maturity)
}

func (o *overlay) put(it render.Item) {
	it.Ref = render.Ref{Kind: ElemDiff, Line: it.Ref.Line}
	it.Z = o.z
	o.s.Items = append(o.s.Items, it)
}

func (o *overlay) font(size float64, italic bool) render.Font {
	return render.Font{Family: render.FontSans, Size: size * o.k, Italic: italic}
}

// ghost draws a dashed grey circle where something used to be.
func (o *overlay) ghost(p render.Point, c render.Color, line int) {
	o.put(render.Item{Shape: render.ShapeCircle, X: p.X, Y: p.Y, R: 7 * o.k, Stroke: c, StrokeWidth: 1.5 * o.k,
		Dash: []float64{3 * o.k, 2 * o.k}, Ref: render.Ref{Line: line}})
}

// arrow draws a line from a to b that stops short of b by gap, with a filled head.
func (o *overlay) arrow(a, b render.Point, gap float64, c render.Color, dash []float64, line int) {
	dx, dy := b.X-a.X, b.Y-a.Y
	n := math.Hypot(dx, dy)
	if n < gap+float64(2*o.k) {
		return
	}
	ux, uy := dx/n, dy/n
	tip := render.Point{X: b.X - float64(ux*gap), Y: b.Y - float64(uy*gap)}
	head := 8 * o.k
	base := render.Point{X: tip.X - float64(ux*head), Y: tip.Y - float64(uy*head)}
	o.put(render.Item{Shape: render.ShapeLine, Points: []render.Point{a, base}, Stroke: c, StrokeWidth: 1.5 * o.k, Dash: dash, Ref: render.Ref{Line: line}})
	px, py := float64(-uy*head/2), float64(ux*head/2)
	o.put(render.Item{Shape: render.ShapePath, Closed: true, Fill: c, Stroke: c, StrokeWidth: 0.5 * o.k,
		Points: []render.Point{tip, {X: base.X + px, Y: base.Y + py}, {X: base.X - px, Y: base.Y - py}}, Ref: render.Ref{Line: line}})
}

// text writes s centred at p, or as near it as it fits: inside the picture and, when there is
// room, over no label, mark, legend or earlier overlay text. It returns where the text went.
func (o *overlay) text(p render.Point, s string, size float64, c render.Color, italic bool, line int) render.Point {
	it := render.Item{Shape: render.ShapeText, X: p.X, Y: p.Y, Text: s, Font: o.font(size, italic), Fill: c,
		Anchor: render.AnchorMiddle, Ref: render.Ref{Line: line}}
	tb := textBox(&it)
	x, y, w, h := tb.x, tb.y, tb.w, tb.h
	dx0, dy0 := x-p.X, y-p.Y // the box relative to the anchor point
	step := (size + 3) * o.k
	best, bestCover := p, math.Inf(1)
	try := func(q render.Point) bool {
		// Keep the box inside the picture.
		bx := min(max(q.X+dx0, 2*o.k), o.s.Width-w-2*o.k)
		by := min(max(q.Y+dy0, 2*o.k), o.s.Height-h-2*o.k)
		q = render.Point{X: bx - dx0, Y: by - dy0}
		cover := o.covered(box{bx, by, w, h})
		if cover < bestCover {
			best, bestCover = q, cover
		}
		return cover == 0
	}
	done := try(p)
	for i := 1; i <= 6 && !done; i++ {
		d := float64(float64(i) * step)
		side := float64(w/2) + float64(float64(i)*6*o.k)
		for _, q := range []render.Point{{X: p.X, Y: p.Y + d}, {X: p.X, Y: p.Y - d}, {X: p.X + side, Y: p.Y}, {X: p.X - side, Y: p.Y},
			{X: p.X + side, Y: p.Y + d}, {X: p.X - side, Y: p.Y + d}, {X: p.X + side, Y: p.Y - d}, {X: p.X - side, Y: p.Y - d}} {
			if done = try(q); done {
				break
			}
		}
	}
	it.X, it.Y = best.X, best.Y
	o.put(it)
	o.take(box{best.X + dx0, best.Y + dy0, w, h})
	return best
}

// element marks a change of a positioned element.
func (o *overlay) element(c Change) {
	switch c.Kind {
	case Moved:
		if c.From == nil || c.To == nil {
			return
		}
		a, b := o.at(*c.From), o.at(*c.To)
		if m, ok := o.mark(c.NewLine); ok {
			// Shift the ghost by however far the drawing sits from the plain coordinates.
			a.X, a.Y = a.X+m.X-b.X, a.Y+m.Y-b.Y
			b = m
		}
		o.ghost(a, ghostColour, c.NewLine)
		o.arrow(a, b, o.markRadius(c.NewLine, 6*o.k)+float64(3*o.k), moveColour, nil, c.NewLine)
	case Added:
		if c.To == nil {
			return
		}
		b := o.at(*c.To)
		if m, ok := o.mark(c.NewLine); ok {
			b = m
		}
		o.put(render.Item{Shape: render.ShapeCircle, X: b.X, Y: b.Y, R: o.markRadius(c.NewLine, 6*o.k) + float64(5*o.k), Stroke: addColour, StrokeWidth: 2 * o.k, Ref: render.Ref{Line: c.NewLine}})
		o.text(render.Point{X: b.X + float64(13*o.k), Y: b.Y - float64(9*o.k)}, "+", 14, addColour, false, c.NewLine)
	case Removed:
		if c.From == nil {
			return
		}
		a := o.at(*c.From)
		o.ghost(a, removeColour, c.OldLine)
		d := float64(5 * o.k)
		for _, s := range [][2]render.Point{{{X: a.X - d, Y: a.Y - d}, {X: a.X + d, Y: a.Y + d}}, {{X: a.X - d, Y: a.Y + d}, {X: a.X + d, Y: a.Y - d}}} {
			o.put(render.Item{Shape: render.ShapeLine, Points: s[:], Stroke: removeColour, StrokeWidth: 1.5 * o.k, Ref: render.Ref{Line: c.OldLine}})
		}
		name := displayName(c)
		p := o.text(render.Point{X: a.X, Y: a.Y + float64(20*o.k)}, name, 11, removeColour, true, c.OldLine)
		// strike the old name through
		w := render.MeasureText(o.font(11, true), name)
		o.put(render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: p.X - float64(w/2), Y: p.Y - float64(3.5*o.k)}, {X: p.X + float64(w/2), Y: p.Y - float64(3.5*o.k)}},
			Stroke: removeColour, StrokeWidth: 1 * o.k, Ref: render.Ref{Line: c.OldLine}})
	case Changed:
		if c.To == nil || c.Aspect == "label" {
			return
		}
		b := o.at(*c.To)
		if m, ok := o.mark(c.NewLine); ok {
			b = m
		}
		// One ring per element, however many of its aspects changed; the details stack below.
		key := [2]float64{b.X, b.Y}
		n := o.changed[key]
		if o.changed == nil {
			o.changed = map[[2]float64]int{}
		}
		o.changed[key] = n + 1
		if n == 0 {
			o.put(render.Item{Shape: render.ShapeCircle, X: b.X, Y: b.Y, R: o.markRadius(c.NewLine, 6*o.k) + float64(4*o.k), Stroke: changeColour, StrokeWidth: 1.5 * o.k,
				Dash: []float64{2 * o.k, 2 * o.k}, Ref: render.Ref{Line: c.NewLine}})
		}
		o.text(render.Point{X: b.X, Y: b.Y + (o.markRadius(c.NewLine, 6*o.k) + float64(14*o.k) + float64(12*float64(n)*o.k))}, oneLine(c.Detail), 9, changeColour, true, c.NewLine)
	case Renamed:
		if c.To == nil {
			return
		}
		b := o.at(*c.To)
		if m, ok := o.mark(c.NewLine); ok {
			b = m
		}
		o.text(render.Point{X: b.X, Y: b.Y + float64(22*o.k)}, "was: "+oneLine(c.OldName), 10, ghostColour, true, c.NewLine)
	}
}

func oneLine(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		out = append(out, r)
	}
	return string(out)
}

// link marks links that were added or removed.
func (o *overlay) link(c Change) {
	if c.From == nil || c.To == nil {
		return
	}
	a, b := o.at(*c.From), o.at(*c.To)
	it := render.Item{Shape: render.ShapeLine, Points: []render.Point{a, b}, StrokeWidth: 2.5 * o.k, Ref: render.Ref{Line: c.NewLine}}
	switch c.Kind {
	case Added:
		it.Stroke = render.Color{R: addColour.R, G: addColour.G, B: addColour.B, A: 0xb0}
	case Changed:
		it.Stroke = render.Color{R: changeColour.R, G: changeColour.G, B: changeColour.B, A: 0x90}
		it.Dash = []float64{2 * o.k, 3 * o.k}
	case Removed:
		it.Stroke = render.Color{R: removeColour.R, G: removeColour.G, B: removeColour.B, A: 0xb0}
		it.Dash = []float64{6 * o.k, 4 * o.k}
		it.Ref.Line = c.OldLine
	default:
		return
	}
	o.put(it)
}

// pipeline draws a moved or resized pipeline's old box as a ghost with an arrow to the new one.
func (o *overlay) pipeline(c Change) {
	if c.OldSpan == nil || c.From == nil {
		return
	}
	if c.Kind != Moved && !(c.Kind == Changed && c.Aspect == "span") && c.Kind != Removed {
		return
	}
	col := ghostColour
	if c.Kind == Removed {
		col = removeColour
	}
	a := o.at(Position{Visibility: c.From.Visibility, Maturity: c.OldSpan[0]})
	b := o.at(Position{Visibility: c.From.Visibility, Maturity: c.OldSpan[1]})
	top, h := float64(-11*o.k), float64(22*o.k)
	if c.To != nil {
		if t, hh, ok := o.pipelineBox(c.NewLine, c.To.Visibility); ok {
			top, h = t, hh
		}
	}
	o.put(render.Item{Shape: render.ShapeRect, X: a.X, Y: a.Y + top, W: b.X - a.X, H: h, Stroke: col, StrokeWidth: 1.5 * o.k,
		Dash: []float64{4 * o.k, 3 * o.k}, Ref: render.Ref{Line: c.OldLine}})
	if c.Span != nil && c.To != nil && c.Kind == Moved {
		from := o.at(Position{Visibility: c.From.Visibility, Maturity: (c.OldSpan[0] + c.OldSpan[1]) / 2})
		to := o.at(Position{Visibility: c.To.Visibility, Maturity: (c.Span[0] + c.Span[1]) / 2})
		from.Y += top + h + float64(8*o.k)
		to.Y += top + h + float64(8*o.k)
		o.arrow(from, to, 0, moveColour, nil, c.NewLine)
	}
}

// legend explains the marks in the top-right corner of the drawing area.
func (o *overlay) legend(r *Result) {
	counts := r.Counts()
	rows := []struct {
		label string
		c     render.Color
		n     int
	}{
		{"moved", moveColour, counts[Moved]},
		{"added", addColour, counts[Added]},
		{"removed", removeColour, counts[Removed]},
		{"renamed", ghostColour, counts[Renamed]},
		{"changed", changeColour, counts[Changed]},
	}
	f := o.font(11, false)
	lh := float64(16 * o.k)
	w := 0.0
	var shown int
	for _, row := range rows {
		if row.n > 0 {
			w = max(w, render.MeasureText(f, row.label+" 000"))
			shown++
		}
	}
	boxW, boxH := w+float64(36*o.k), float64(float64(shown)*lh)+float64(10*o.k)
	// The corner of the drawing area where the legend covers least of the map (texts and marks),
	// top right when several are free.
	m := float64(6 * o.k)
	x, y := o.s.PlotX+o.s.PlotW-boxW-m, o.s.PlotY+m
	least := math.Inf(1)
	for _, c := range []render.Point{{X: x, Y: y}, {X: x, Y: o.s.PlotY + o.s.PlotH - boxH - m},
		{X: o.s.PlotX + m, Y: o.s.PlotY + o.s.PlotH - boxH - m}, {X: o.s.PlotX + m, Y: y}} {
		if cover := o.covered(box{c.X, c.Y, boxW, boxH}); cover < least {
			least, x, y = cover, c.X, c.Y
		}
	}
	o.take(box{x, y, boxW, boxH})
	o.put(render.Item{Shape: render.ShapeRect, X: x, Y: y, W: boxW, H: boxH, Fill: legendFill, Stroke: legendOutline, StrokeWidth: 1 * o.k})
	i := 0
	for _, row := range rows {
		if row.n == 0 {
			continue
		}
		cy := y + float64(5*o.k) + float64(lh*float64(i)) + float64(lh/2)
		o.put(render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: x + float64(8*o.k), Y: cy}, {X: x + float64(24*o.k), Y: cy}}, Stroke: row.c, StrokeWidth: 3 * o.k})
		o.put(render.Item{Shape: render.ShapeText, X: x + float64(30*o.k), Y: cy + float64(4*o.k), Text: row.label + " " + strconv.Itoa(row.n), Font: f,
			Fill: render.RGB(0x24, 0x29, 0x2f), Anchor: render.AnchorStart})
		i++
	}
}
