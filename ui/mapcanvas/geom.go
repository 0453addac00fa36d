package mapcanvas

import (
	"math"

	"mapwright/render"
)

// view is the page-to-screen transform of the canvas: screen = page*zoom + pan. Page units are
// the Scene's (1 unit = 1 CSS pixel at zoom 1); screen units are Fyne's device-independent units
// relative to the widget's top-left corner.
type view struct {
	zoom       float64
	panX, panY float64
}

func (v view) toScreen(p render.Point) (float32, float32) {
	return float32(p.X*v.zoom + v.panX), float32(p.Y*v.zoom + v.panY)
}

func (v view) toPage(x, y float32) render.Point {
	return render.Point{X: (float64(x) - v.panX) / v.zoom, Y: (float64(y) - v.panY) / v.zoom}
}

// Zoom limits: far enough out to see a big map whole, far enough in to place labels precisely.
const (
	minZoom = 0.1
	maxZoom = 8
)

// zoomAbout returns the view zoomed by factor, keeping the screen point (sx, sy) fixed.
func (v view) zoomAbout(factor float64, sx, sy float32) view {
	nz := math.Max(minZoom, math.Min(maxZoom, v.zoom*factor))
	f := nz / v.zoom
	return view{
		zoom: nz,
		panX: float64(sx) - (float64(sx)-v.panX)*f,
		panY: float64(sy) - (float64(sy)-v.panY)*f,
	}
}

// fitView returns the view that shows a page of pw x ph centred in a widget of w x h, with a
// small margin so the page edge stays visible.
func fitView(pw, ph float64, w, h float32) view {
	const margin = 8
	if pw <= 0 || ph <= 0 || w <= 2*margin || h <= 2*margin {
		return view{zoom: 1}
	}
	z := math.Min((float64(w)-2*margin)/pw, (float64(h)-2*margin)/ph)
	z = math.Max(minZoom, math.Min(maxZoom, z))
	return view{zoom: z, panX: (float64(w) - pw*z) / 2, panY: (float64(h) - ph*z) / 2}
}

// segment is one straight piece of a stroke in page units.
type segment struct{ a, b render.Point }

// dashSegments splits the polyline pts into the visible dashes of pattern (alternating on and
// off lengths in page units, as SVG's stroke-dasharray). With no usable pattern it returns the
// polyline's segments unchanged. The dash phase carries over corners, as in SVG, and the number
// of dashes is capped so a degenerate pattern cannot flood the canvas with objects.
func dashSegments(pts []render.Point, closed bool, pattern []float64) []segment {
	path := pts
	if closed && len(pts) > 2 {
		path = append(append([]render.Point(nil), pts...), pts[0])
	}
	var segs []segment
	if !usablePattern(pattern) {
		for i := 1; i < len(path); i++ {
			segs = append(segs, segment{path[i-1], path[i]})
		}
		return segs
	}
	const maxDashes = 4000
	idx, left, on := 0, pattern[0], true
	for i := 1; i < len(path) && len(segs) < maxDashes; i++ {
		a, b := path[i-1], path[i]
		dx, dy := b.X-a.X, b.Y-a.Y
		length := math.Hypot(dx, dy)
		if length == 0 {
			continue
		}
		ux, uy := dx/length, dy/length
		pos := 0.0
		for pos < length && len(segs) < maxDashes {
			step := math.Min(left, length-pos)
			if on {
				segs = append(segs, segment{
					render.Point{X: a.X + ux*pos, Y: a.Y + uy*pos},
					render.Point{X: a.X + ux*(pos+step), Y: a.Y + uy*(pos+step)},
				})
			}
			pos += step
			left -= step
			if left <= 1e-9 {
				idx = (idx + 1) % len(pattern)
				left, on = pattern[idx], !on
				if len(pattern)%2 == 1 && idx == 0 {
					// An odd pattern repeats with on and off swapped, as SVG specifies.
					on = !on
				}
			}
		}
	}
	return segs
}

func usablePattern(p []float64) bool {
	sum := 0.0
	for _, v := range p {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
		sum += v
	}
	return len(p) > 0 && sum > 0.5
}

// rect is an axis-aligned box in page units.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) empty() bool { return r.x1 < r.x0 || r.y1 < r.y0 }

func (r rect) union(o rect) rect {
	if r.empty() {
		return o
	}
	if o.empty() {
		return r
	}
	return rect{math.Min(r.x0, o.x0), math.Min(r.y0, o.y0), math.Max(r.x1, o.x1), math.Max(r.y1, o.y1)}
}

func (r rect) contains(p render.Point, tol float64) bool {
	return p.X >= r.x0-tol && p.X <= r.x1+tol && p.Y >= r.y0-tol && p.Y <= r.y1+tol
}

var emptyRect = rect{1, 1, 0, 0}

func boundsOf(pts []render.Point) rect {
	r := emptyRect
	for _, p := range pts {
		r = r.union(rect{p.X, p.Y, p.X, p.Y})
	}
	return r
}

// distToSegment is the distance from p to the segment a-b.
func distToSegment(p, a, b render.Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return math.Hypot(p.X-a.X, p.Y-a.Y)
	}
	t := ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / l2
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p.X-(a.X+t*dx), p.Y-(a.Y+t*dy))
}

// insidePolygon reports whether p lies inside the closed polygon pts (even-odd rule).
func insidePolygon(p render.Point, pts []render.Point) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		a, b := pts[i], pts[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// round2 rounds a map coordinate to two decimals, as OWM writes them, and keeps it in 0..1.
func round2(v float64) float64 {
	v = math.Max(0, math.Min(1, v))
	return math.Round(v*100) / 100
}
