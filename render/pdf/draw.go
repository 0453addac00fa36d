package pdf

import (
	"bytes"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/jung-kurt/gofpdf"

	"mapwright/internal/cancel"
	"mapwright/render"
)

// painter draws one scene on the current page of doc. It converts scene units to page points
// itself (rather than with a PDF transform) because gofpdf's link rectangles ignore transforms.
//
// Paths are written as raw PDF operators (gofpdf's shape calls format every number with
// fmt.Sprintf and draw a circle as many arcs, which dominated the profile); colours, widths,
// dashes, alpha and fonts still go through gofpdf so that its idea of the graphics state, which
// Text relies on, stays right. A PDF "Q" (the end of a transform or clip) restores the state of
// the matching "q" without gofpdf noticing, so state is changed only outside q/Q blocks, and
// after a clip the painter re-synchronises what it may have changed inside.
type painter struct {
	stop   *cancel.Check // nil unless the encoding can be cancelled (EncodeContext)
	doc    *gofpdf.Fpdf
	g      pageGeometry
	fonts  documentFonts
	shaped shapedFonts
	ops    []byte       // path operators being built for one item
	reader bytes.Reader // hands ops to gofpdf
	runs   []textRun    // the runs of the label being drawn

	// What was last emitted on this page, to skip redundant operators.
	alpha      float64
	dash       string
	width      float64
	join       string
	fill, draw render.Color // A is 0 when unknown
	// The font selected outside any q/Q block, as both gofpdf and the page know it (family ""
	// when unknown), and the text colour last given to gofpdf (A is 0 when unknown).
	font      fontChoice
	textColor render.Color
}

// fontChoice is what gofpdf's SetFont selects.
type fontChoice struct {
	family, style string
	size          float64
}

func (p *painter) x(v float64) float64 { return p.g.ox + float64(v*p.g.scale) }
func (p *painter) y(v float64) float64 { return p.g.oy + float64(v*p.g.scale) }
func (p *painter) l(v float64) float64 { return float64(v * p.g.scale) }

// drawScene paints the background and then every item in list order.
func (p *painter) drawScene(s *render.Scene) {
	// A new page starts with the default alpha; gofpdf re-emits the previous page's dash
	// pattern, so the page is reset to solid lines to match what the painter records.
	p.alpha, p.dash, p.width = 1, "", -1
	p.fill, p.draw = render.None, render.None
	p.font, p.textColor = fontChoice{}, render.None
	p.doc.SetDashPattern([]float64{}, 0)
	p.doc.SetLineCapStyle("butt")
	p.join = ""
	p.setJoin("round")
	if !s.Background.IsNone() {
		p.setFill(s.Background)
		p.rectPath(p.x(0), p.y(0), p.l(s.Width), p.l(s.Height))
		p.flush("f")
	}
	for i := range s.Items {
		p.stop.Point()
		it := &s.Items[i]
		if !itemFinite(it) {
			continue
		}
		switch it.Shape {
		case render.ShapeRect:
			p.rect(it)
		case render.ShapeCircle:
			p.circle(it)
		case render.ShapeLine:
			p.line(it)
		case render.ShapePath:
			p.path(it)
		case render.ShapeText:
			p.text(it)
		}
	}
}

// bookmark adds an outline entry for a page of a deck.
func (p *painter) bookmark(title string, page int) {
	t := strings.TrimSpace(render.PrintableText(title))
	if t == "" {
		t = "Map " + strconv.Itoa(page)
	}
	p.doc.Bookmark(utf16Text(t), 0, 0)
}

// utf16Text encodes s as a PDF text string in UTF-16BE with a byte order mark; gofpdf writes a
// bookmark's title as it is given when the current font is not one of its UTF-8 fonts.
func utf16Text(s string) string {
	units := utf16.Encode([]rune(s))
	b := make([]byte, 2, 2+2*len(units))
	b[0], b[1] = 0xFE, 0xFF
	for _, u := range units {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

// setJoin selects the line join: round for paths and lines, miter for rectangles, as SVG
// draws them.
func (p *painter) setJoin(j string) {
	if j != p.join {
		p.doc.SetLineJoinStyle(j)
		p.join = j
	}
}

func (p *painter) setAlpha(a uint8) {
	v := float64(a) / 255
	if v != p.alpha {
		p.doc.SetAlpha(v, "Normal")
		p.alpha = v
	}
}

func (p *painter) setFill(c render.Color) {
	p.setAlpha(c.A)
	if rgb := render.RGB(c.R, c.G, c.B); rgb != p.fill {
		p.doc.SetFillColor(int(c.R), int(c.G), int(c.B))
		p.fill = rgb
	}
}

// setStroke selects the stroke colour, width and dash of it.
func (p *painter) setStroke(it *render.Item) {
	p.setAlpha(it.Stroke.A)
	if rgb := render.RGB(it.Stroke.R, it.Stroke.G, it.Stroke.B); rgb != p.draw {
		p.doc.SetDrawColor(int(rgb.R), int(rgb.G), int(rgb.B))
		p.draw = rgb
	}
	if w := p.l(it.LineWidth()); w != p.width {
		p.doc.SetLineWidth(w)
		p.width = w
	}
	dash := render.DashPattern(it.Dash)
	var key strings.Builder
	for _, d := range dash {
		key.WriteString(strconv.FormatFloat(d, 'g', -1, 64))
		key.WriteByte(' ')
	}
	if key.String() != p.dash {
		scaled := make([]float64, len(dash))
		for i, d := range dash {
			scaled[i] = p.l(d)
		}
		p.doc.SetDashPattern(scaled, 0)
		p.dash = key.String()
	}
}

// afterClip re-synchronises state after a clip's "Q" restored the PDF graphics state: colours and
// alpha set inside the clip are gone from the page but not from gofpdf's record.
func (p *painter) afterClip() {
	r, g, b := p.doc.GetFillColor()
	p.doc.SetFillColor(r, g, b)
	p.fill = render.RGB(uint8(r), uint8(g), uint8(b))
	p.alpha = -1
}

// num appends v with at most two decimals, the precision gofpdf itself writes.
func (p *painter) num(v float64) {
	n := int64(math.Round(v * 100))
	if n < 0 {
		p.ops = append(p.ops, '-')
		n = -n
	}
	p.ops = strconv.AppendInt(p.ops, n/100, 10)
	if f := n % 100; f != 0 {
		p.ops = append(p.ops, '.', byte('0'+f/10))
		if f%10 != 0 {
			p.ops = append(p.ops, byte('0'+f%10))
		}
	}
	p.ops = append(p.ops, ' ')
}

// point appends a page point (y flipped to PDF's upward axis) and an operator.
func (p *painter) point(x, y float64, op string) {
	p.num(x)
	p.num(p.g.size.Ht - y)
	p.ops = append(p.ops, op...)
	p.ops = append(p.ops, '\n')
}

func (p *painter) rectPath(x, y, w, h float64) {
	p.num(x)
	p.num(p.g.size.Ht - y)
	p.num(w)
	p.num(-h)
	p.ops = append(p.ops, "re\n"...)
}

// circlePath appends a circle as four cubic Bézier arcs.
func (p *painter) circlePath(cx, cy, r float64) {
	const k = 0.5522847498 // control distance of a quarter circle
	c := float64(r * k)
	p.point(cx+r, cy, "m")
	p.curve(cx+r, cy+c, cx+c, cy+r, cx, cy+r)
	p.curve(cx-c, cy+r, cx-r, cy+c, cx-r, cy)
	p.curve(cx-r, cy-c, cx-c, cy-r, cx, cy-r)
	p.curve(cx+c, cy-r, cx+r, cy-c, cx+r, cy)
	p.ops = append(p.ops, "h\n"...)
}

func (p *painter) curve(x1, y1, x2, y2, x3, y3 float64) {
	for _, v := range [...][2]float64{{x1, y1}, {x2, y2}, {x3, y3}} {
		p.num(v[0])
		p.num(p.g.size.Ht - v[1])
	}
	p.ops = append(p.ops, "c\n"...)
}

func (p *painter) polyPath(pts []gofpdf.PointType, closed bool) {
	for i, q := range pts {
		op := "l"
		if i == 0 {
			op = "m"
		}
		p.point(q.X, q.Y, op)
	}
	if closed {
		p.ops = append(p.ops, "h\n"...)
	}
}

// flush writes the path built so far followed by a PDF painting operator (f, S or B).
func (p *painter) flush(op string) {
	p.ops = append(p.ops, op...)
	p.reader.Reset(p.ops) // gofpdf copies from it: no string per item
	p.doc.RawWriteBuf(&p.reader)
	p.ops = p.ops[:0]
}

func (p *painter) hasStroke(it *render.Item) bool { return !it.Stroke.IsNone() }

// paint fills and strokes the path that build appends: with one operator when fill and stroke
// share an alpha, otherwise fill first and stroke second. Gradient fills are drawn by the caller.
func (p *painter) paint(it *render.Item, build func()) {
	fill := !it.Fill.IsNone() && len(it.Gradient) == 0
	stroke := p.hasStroke(it)
	switch {
	case fill && stroke && it.Fill.A == it.Stroke.A:
		p.setFill(it.Fill)
		p.setStroke(it)
		build()
		p.flush("B")
	default:
		if fill {
			p.setFill(it.Fill)
			build()
			p.flush("f")
		}
		if stroke {
			p.setStroke(it)
			build()
			p.flush("S")
		}
	}
}

func (p *painter) rect(it *render.Item) {
	x, y, w, h := p.x(it.X), p.y(it.Y), p.l(it.W), p.l(it.H)
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	if len(it.Gradient) > 0 {
		p.gradient(x, y, w, h, it.Gradient)
	}
	p.setJoin("miter")
	p.paint(it, func() { p.rectPath(x, y, w, h) })
	p.setJoin("round")
	p.link(it, x, y, w, h)
}

func (p *painter) circle(it *render.Item) {
	x, y, r := p.x(it.X), p.y(it.Y), p.l(math.Abs(it.R))
	if r == 0 {
		return
	}
	if len(it.Gradient) > 0 {
		p.doc.ClipCircle(x, y, r, false)
		p.gradient(x-r, y-r, 2*r, 2*r, it.Gradient)
		p.doc.ClipEnd()
		p.afterClip()
	}
	p.paint(it, func() { p.circlePath(x, y, r) })
	p.link(it, x-r, y-r, 2*r, 2*r)
}

func (p *painter) line(it *render.Item) {
	if len(it.Points) < 2 || !p.hasStroke(it) {
		return
	}
	a, b := it.Points[0], it.Points[1]
	p.setStroke(it)
	p.point(p.x(a.X), p.y(a.Y), "m")
	p.point(p.x(b.X), p.y(b.Y), "l")
	p.flush("S")
}

func (p *painter) path(it *render.Item) {
	if len(it.Points) < 2 {
		return
	}
	pts := make([]gofpdf.PointType, len(it.Points))
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for i, q := range it.Points {
		pts[i] = gofpdf.PointType{X: p.x(q.X), Y: p.y(q.Y)}
		minX, maxX = math.Min(minX, pts[i].X), math.Max(maxX, pts[i].X)
		minY, maxY = math.Min(minY, pts[i].Y), math.Max(maxY, pts[i].Y)
	}
	if len(it.Gradient) > 0 && len(pts) > 2 {
		p.doc.ClipPolygon(pts, false)
		p.gradient(minX, minY, maxX-minX, maxY-minY, it.Gradient)
		p.doc.ClipEnd()
		p.afterClip()
	}
	if it.Closed {
		p.paint(it, func() { p.polyPath(pts, true) })
	} else {
		// An open path is filled as if closed (as SVG does) but its stroke stays open.
		if !it.Fill.IsNone() && len(it.Gradient) == 0 && len(pts) > 2 {
			p.setFill(it.Fill)
			p.polyPath(pts, true)
			p.flush("f")
		}
		if p.hasStroke(it) {
			p.setStroke(it)
			p.polyPath(pts, false)
			p.flush("S")
		}
	}
	p.link(it, minX, minY, maxX-minX, maxY-minY)
}

// gradient fills the rectangle with a horizontal gradient through the stops. gofpdf shades
// between two colours only, so each pair of neighbouring stops gets its own band; the ends are
// extended with the first and last colour, as SVG pads a gradient.
func (p *painter) gradient(x, y, w, h float64, stops []render.GradientStop) {
	if w <= 0 || h <= 0 {
		return
	}
	st := append([]render.GradientStop(nil), stops...)
	sort.SliceStable(st, func(i, j int) bool { return st[i].Offset < st[j].Offset })
	var alpha float64
	for i := range st {
		st[i].Offset = math.Max(0, math.Min(1, st[i].Offset))
		if math.IsNaN(st[i].Offset) {
			st[i].Offset = 0
		}
		alpha += float64(st[i].Color.A)
	}
	alpha /= float64(len(st))
	if alpha == 0 {
		return
	}
	p.setAlpha(uint8(math.Round(alpha)))
	// Opaque bands overlap slightly so that viewers do not show hairline seams between them.
	overlap := 0.0
	if alpha == 255 {
		overlap = 0.5
	}
	solid := func(x0, x1 float64, c render.Color) {
		if x1 > x0 {
			p.setFill(render.Color{R: c.R, G: c.G, B: c.B, A: p.alphaByte()})
			p.rectPath(x0, y, x1-x0+overlap, h)
			p.flush("f")
		}
	}
	first, last := st[0], st[len(st)-1]
	solid(x, x+float64(first.Offset*w), first.Color)
	for i := 0; i+1 < len(st); i++ {
		a, b := st[i], st[i+1]
		x0, x1 := x+float64(a.Offset*w), x+float64(b.Offset*w)
		if x1-x0 < 0.01 {
			continue
		}
		p.doc.LinearGradient(x0, y, x1-x0+overlap, h,
			int(a.Color.R), int(a.Color.G), int(a.Color.B),
			int(b.Color.R), int(b.Color.G), int(b.Color.B), 0, 0, 1, 0)
	}
	solid(x+float64(last.Offset*w), x+w, last.Color)
}

// alphaByte is the current alpha as a colour component.
func (p *painter) alphaByte() uint8 { return uint8(math.Round(p.alpha * 255)) }

func (p *painter) text(it *render.Item) {
	if l := render.Shaped(it.Font, it.Text); l != nil {
		p.shapedText(it, l)
		return
	}
	s := render.PrintableText(it.Text)
	c := it.Fill
	if c.IsNone() {
		c = it.Stroke
	}
	size := p.l(it.Font.Size) // points
	if s == "" || c.IsNone() || !(size > 0) {
		return
	}
	ff := p.fonts[render.FontKey(it.Font)]
	if ff == nil {
		return // every text item's face was registered; this is only a guard
	}
	style := ""
	if it.Underline {
		style = "U"
	}
	p.runs = ff.encode(s, p.runs[:0])
	units := 0
	for _, r := range p.runs {
		units += r.width
	}
	w := float64(units) * size / 1000 // as gofpdf measures a string
	x, y := p.x(it.X), p.y(it.Y)
	x0 := x + it.Anchor.Offset(w)
	p.setAlpha(c.A)
	if rgb := render.RGB(c.R, c.G, c.B); rgb != p.textColor {
		p.doc.SetTextColor(int(c.R), int(c.G), int(c.B)) // recorded by gofpdf, written with each Text
		p.textColor = rgb
	}
	if it.Rotate != 0 {
		p.doc.TransformBegin()
		p.doc.TransformRotate(-it.Rotate, x, y) // gofpdf turns counter-clockwise, scenes clockwise
	}
	rx := x0
	for _, r := range p.runs {
		// Labels mostly share a font: select it only when it changes. Inside the rotation's q/Q
		// it is always selected, and afterwards the page's font (restored by Q) is no longer the
		// one gofpdf thinks current, so the next label selects its font again.
		if f := (fontChoice{r.family, style, size}); f != p.font || it.Rotate != 0 {
			p.doc.SetFont(r.family, style, size)
			p.font = f
		}
		p.doc.Text(rx, y, r.text)
		rx += float64(r.width) * size / 1000
	}
	if it.Rotate != 0 {
		p.doc.TransformEnd()
		p.font = fontChoice{}
	}
	if it.Link != "" {
		asc, desc := render.AscentRatio*size, render.DescentRatio*size
		bx0, by0, bx1, by1 := rotatedBox(x0-x, -asc, x0-x+w, desc, it.Rotate)
		p.link(it, x+bx0, y+by0, bx1-bx0, by1-by0)
	}
}

// rotatedBox returns the axis-aligned bounds of the rectangle (x0, y0)-(x1, y1) turned clockwise
// by deg degrees about the origin.
func rotatedBox(x0, y0, x1, y1, deg float64) (float64, float64, float64, float64) {
	sin, cos := math.Sincos(deg * math.Pi / 180)
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, c := range [4][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} {
		rx, ry := float64(c[0]*cos)-float64(c[1]*sin), float64(c[0]*sin)+float64(c[1]*cos)
		minX, maxX = math.Min(minX, rx), math.Max(maxX, rx)
		minY, maxY = math.Min(minY, ry), math.Max(maxY, ry)
	}
	return minX, minY, maxX, maxY
}

// link makes the rectangle a clickable link when the item has a safe URL.
func (p *painter) link(it *render.Item, x, y, w, h float64) {
	if it.Link == "" || w <= 0 || h <= 0 {
		return
	}
	if u, ok := linkTarget(it.Link); ok {
		p.doc.LinkString(x, y, w, h, u)
	}
}

// itemFinite reports whether every coordinate of the item is a finite number; an item with a
// NaN or an infinity would write an invalid PDF operator, so it is skipped.
func itemFinite(it *render.Item) bool {
	for _, v := range [...]float64{it.X, it.Y, it.W, it.H, it.R, it.StrokeWidth, it.Rotate, it.Font.Size} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	for _, q := range it.Points {
		if math.IsNaN(q.X) || math.IsInf(q.X, 0) || math.IsNaN(q.Y) || math.IsInf(q.Y, 0) {
			return false
		}
	}
	return true
}
