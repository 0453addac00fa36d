package render

import "math"

// Bounds returns the box every item of the scene covers (strokes and text included,
// approximately), as x, y, width, height. An empty scene gives zeros.
func (s *Scene) Bounds() (x, y, w, h float64) {
	b := bounds{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
	for i := range s.Items {
		b.item(&s.Items[i])
	}
	if b.x0 > b.x1 {
		return 0, 0, 0, 0
	}
	return b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0
}

type bounds struct{ x0, y0, x1, y1 float64 }

func (b *bounds) point(x, y float64) {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return
	}
	if x < b.x0 {
		b.x0 = x
	}
	if x > b.x1 {
		b.x1 = x
	}
	if y < b.y0 {
		b.y0 = y
	}
	if y > b.y1 {
		b.y1 = y
	}
}

func (b *bounds) item(it *Item) {
	sw := float64(it.StrokeWidth / 2) // rounded: no fused multiply-add (see raster's package comment)
	switch it.Shape {
	case ShapeRect:
		b.point(it.X-sw, it.Y-sw)
		b.point(it.X+it.W+sw, it.Y+it.H+sw)
	case ShapeCircle:
		b.point(it.X-it.R-sw, it.Y-it.R-sw)
		b.point(it.X+it.R+sw, it.Y+it.R+sw)
	case ShapeLine, ShapePath:
		for _, p := range it.Points {
			b.point(p.X-sw, p.Y-sw)
			b.point(p.X+sw, p.Y+sw)
		}
	case ShapeText:
		r := textBox([]string{it.Text}, it.Font, it.X, it.Y, it.Anchor)
		if it.Rotate == 0 {
			b.point(r.x, r.y)
			b.point(r.x+r.w, r.y+r.h)
			return
		}
		a := it.Rotate * math.Pi / 180
		ca, sa := math.Cos(a), math.Sin(a)
		for _, p := range []Point{{r.x, r.y}, {r.x + r.w, r.y}, {r.x, r.y + r.h}, {r.x + r.w, r.y + r.h}} {
			dx, dy := p.X-it.X, p.Y-it.Y
			b.point(it.X+float64(dx*ca)-float64(dy*sa), it.Y+float64(dx*sa)+float64(dy*ca))
		}
	}
}

// How far past the default page growToContent reaches, sideways and up or down. OWM crops at
// its viewport, and authors use that to hide things (a label offset of -900 px): content that
// far out stays hidden, while a long label just past the edge is kept in.
const (
	maxGrowX = 200
	maxGrowY = 60
)

// OWM's exported picture is the map area with these margins (dialect reference §3.1).
const (
	owmMarginX      = 35
	owmMarginTop    = 45
	owmMarginBottom = 45
)

// growToContent enlarges the page so that content just outside it (a label past the right edge,
// a note above the title) is not cut off, keeping a small border, and shifts everything when
// content pokes out on the left or the top. Items lying wholly beyond the reach stay cropped.
func growToContent(s *Scene) {
	const border = 6
	b := bounds{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
	for i := range s.Items {
		var ib bounds = bounds{x0: math.Inf(1), y0: math.Inf(1), x1: math.Inf(-1), y1: math.Inf(-1)}
		ib.item(&s.Items[i])
		if ib.x0 > ib.x1 || ib.x0 > s.Width+maxGrowX || ib.x1 < -maxGrowX || ib.y0 > s.Height+maxGrowY || ib.y1 < -maxGrowY {
			continue
		}
		// Wholly outside OWM's exported frame (the map area plus its margins), an item is not
		// in OWM's picture at all: it stays hidden here too.
		if ib.x1 < s.PlotX-owmMarginX || ib.x0 > s.PlotX+s.PlotW+owmMarginX || ib.y1 < s.PlotY-owmMarginTop || ib.y0 > s.PlotY+s.PlotH+owmMarginBottom {
			continue
		}
		b.point(ib.x0, ib.y0)
		b.point(ib.x1, ib.y1)
	}
	if b.x0 > b.x1 {
		return
	}
	left := math.Ceil(math.Min(math.Max(0, border-b.x0), maxGrowX))
	top := math.Ceil(math.Min(math.Max(0, border-b.y0), maxGrowY))
	right := math.Min(math.Max(0, b.x1+border-s.Width), maxGrowX)
	bottom := math.Min(math.Max(0, b.y1+border-s.Height), maxGrowY)
	if left > 0 || top > 0 {
		translate(s, left, top)
	}
	s.Width = math.Ceil(s.Width + left + right)
	s.Height = math.Ceil(s.Height + top + bottom)
}

func translate(s *Scene, dx, dy float64) {
	s.PlotX += dx
	s.PlotY += dy
	for i := range s.Items {
		it := &s.Items[i]
		it.X += dx
		it.Y += dy
		for k := range it.Points {
			it.Points[k].X += dx
			it.Points[k].Y += dy
		}
		if it.Origin != nil {
			it.Origin = &Point{it.Origin.X + dx, it.Origin.Y + dy}
		}
	}
}

// scaleScene multiplies every length of the scene by k (geometry, strokes, dashes, fonts) and
// rounds coordinates to hundredths so that output is stable.
func scaleScene(s *Scene, k float64) {
	if k <= 0 || math.IsNaN(k) || math.IsInf(k, 0) {
		k = 1
	}
	k = math.Min(k, 100)
	r := func(v float64) float64 { return roundTo(v*k, 100) }
	s.Scale = k
	s.Width, s.Height = r(s.Width), r(s.Height)
	s.PlotX, s.PlotY, s.PlotW, s.PlotH = r(s.PlotX), r(s.PlotY), r(s.PlotW), r(s.PlotH)
	for i := range s.Items {
		it := &s.Items[i]
		it.X, it.Y, it.W, it.H, it.R = r(it.X), r(it.Y), r(it.W), r(it.H), r(it.R)
		it.StrokeWidth = r(it.StrokeWidth)
		it.Font.Size = r(it.Font.Size)
		for p := range it.Points {
			it.Points[p] = Point{r(it.Points[p].X), r(it.Points[p].Y)}
		}
		if it.Origin != nil {
			o := Point{r(it.Origin.X), r(it.Origin.Y)}
			it.Origin = &o
		}
		if it.Dash != nil {
			d := make([]float64, len(it.Dash))
			for n, v := range it.Dash {
				d[n] = r(v)
			}
			it.Dash = d
		}
	}
}

// MatchPage gives s the page of ref: ref's width and height, with s's drawing area moved to
// where ref's is. Two scenes of one map laid out with the same options differ in page size only
// where content pokes past the drawing area (a long label at the right edge grows the page), so
// matching every build-up step to the scene of the whole map keeps the map still from one step
// to the next. Content of s that lies outside ref's page is cropped by the encoders.
func MatchPage(s, ref *Scene) {
	if s == nil || ref == nil {
		return
	}
	if dx, dy := ref.PlotX-s.PlotX, ref.PlotY-s.PlotY; dx != 0 || dy != 0 {
		translate(s, dx, dy)
		// Back to hundredths, as scaleScene left them: the sum of two hundredths is not always
		// one in floating point (168.77 came out as 168.76999999999998), and a step's label
		// must land exactly where the whole map has it.
		r := func(v *float64) { *v = roundTo(*v, 100) }
		r(&s.PlotX)
		r(&s.PlotY)
		for i := range s.Items {
			it := &s.Items[i]
			r(&it.X)
			r(&it.Y)
			for k := range it.Points {
				r(&it.Points[k].X)
				r(&it.Points[k].Y)
			}
			if it.Origin != nil {
				o := *it.Origin
				r(&o.X)
				r(&o.Y)
				it.Origin = &o
			}
		}
	}
	s.Width, s.Height = ref.Width, ref.Height
}
