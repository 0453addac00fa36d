package raster

import (
	"math"
	"sync/atomic"
)

// pt is a point in device pixels.
type pt struct{ x, y float64 }

// capsulePoly is a polygon to fill together with a capsule (a segment a-b widened by r) that
// contains it. The capsule lets the tiled filler skip tiles a long thin stroke never touches.
type capsulePoly struct {
	poly []pt
	a, b pt
	r    float64
}

// flatness is the largest distance, in pixels, between a circle and the polygon drawn for it.
const flatness = 0.05

// circleSegments is how many sides a polygon needs to stay within flatness of a circle.
func circleSegments(r float64) int {
	if r <= flatness {
		return 8
	}
	n := pixel(math.Ceil(math.Pi / math.Acos(1-flatness/r))) // +Inf for a circle of 1e15 pixels
	return max(8, min(n, 1024))
}

// circlePoints returns a closed polygon approximating the circle.
func circlePoints(cx, cy, r float64) []pt {
	n := circleSegments(r)
	out := make([]pt, n)
	for i, sc := range unitCircle(n) {
		out[i] = pt{cx + float64(r*sc.cos), cy + float64(r*sc.sin)}
	}
	return out
}

// unitCircle returns the sine and cosine of the n angles 2*pi*i/n, computed once per n.
func unitCircle(n int) []sinCos {
	if t := unitCircles[n].Load(); t != nil {
		return *t
	}
	t := make([]sinCos, n)
	for i := range t {
		t[i].sin, t[i].cos = math.Sincos(2 * math.Pi * float64(i) / float64(n))
	}
	unitCircles[n].Store(&t)
	return t
}

type sinCos struct{ sin, cos float64 }

// unitCircles holds unitCircle's tables, for every n circleSegments can return.
var unitCircles [1025]atomic.Pointer[[]sinCos]

// signedArea is twice the signed area of the polygon (positive when clockwise on screen).
func signedArea(p []pt) float64 {
	var a float64
	for i := range p {
		j := (i + 1) % len(p)
		a += float64(p[i].x*p[j].y) - float64(p[j].x*p[i].y)
	}
	return a
}

// oriented returns p turned so that its signed area is negative. The rasteriser adds up signed
// coverage and clamps its magnitude, so polygons of one orientation form their union, while an
// opposite one would cut a hole: every piece of a stroke must therefore turn the same way.
func oriented(p []pt) []pt {
	if signedArea(p) > 0 {
		for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
			p[i], p[j] = p[j], p[i]
		}
	}
	return p
}

// strokeOutline appends the polygons that cover a polyline stroked with half-width hw: a quad
// per segment with butt ends, and a disc at each interior vertex (and at every vertex of a
// closed polyline) for round joins where the line turns noticeably. With square set, the joins
// are axis-aligned squares instead: the miter joins of a rectangle's corners, as SVG draws them.
func strokeOutline(dst []capsulePoly, pts []pt, closed bool, hw float64, square bool) []capsulePoly {
	pts = dedupe(pts)
	n := len(pts)
	if n < 2 || hw <= 0 {
		return dst
	}
	segs := n - 1
	if closed {
		segs = n
	}
	for i := 0; i < segs; i++ {
		a, b := pts[i], pts[(i+1)%n]
		dx, dy := b.x-a.x, b.y-a.y
		l := hypot(dx, dy)
		nx, ny := float64(-dy/l*hw), float64(dx/l*hw)
		quad := oriented([]pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}})
		dst = append(dst, capsulePoly{poly: quad, a: a, b: b, r: hw})
	}
	for i := 0; i < n; i++ {
		if !closed && (i == 0 || i == n-1) {
			continue
		}
		prev, cur, next := pts[(i+n-1)%n], pts[i], pts[(i+1)%n]
		switch {
		case !joinNeeded(prev, cur, next, hw):
		case square:
			sq := oriented([]pt{{cur.x - hw, cur.y - hw}, {cur.x + hw, cur.y - hw}, {cur.x + hw, cur.y + hw}, {cur.x - hw, cur.y + hw}})
			dst = append(dst, capsulePoly{poly: sq, a: cur, b: cur, r: hw * math.Sqrt2})
		default:
			disc := oriented(circlePoints(cur.x, cur.y, hw))
			dst = append(dst, capsulePoly{poly: disc, a: cur, b: cur, r: hw})
		}
	}
	return dst
}

// joinNeeded reports whether the gap between two segment quads at a vertex is wide enough (a
// tenth of a pixel) to need a round join.
func joinNeeded(prev, cur, next pt, hw float64) bool {
	ax, ay := cur.x-prev.x, cur.y-prev.y
	bx, by := next.x-cur.x, next.y-cur.y
	turn := math.Abs(math.Atan2(float64(ax*by)-float64(ay*bx), float64(ax*bx)+float64(ay*by)))
	return hw*turn > 0.1
}

// dedupe drops consecutive points closer than a hundredth of a pixel, which have no direction.
func dedupe(pts []pt) []pt {
	out := make([]pt, 0, len(pts))
	for _, q := range pts {
		if len(out) > 0 {
			last := out[len(out)-1]
			if math.Abs(q.x-last.x) < 0.01 && math.Abs(q.y-last.y) < 0.01 {
				continue
			}
		}
		out = append(out, q)
	}
	return out
}

// splitDashes cuts a polyline into its dashes. pattern alternates dash and gap lengths and has
// an even length and a positive sum. Only dashes inside clip are produced (the pattern keeps its
// phase across the parts left out), so a hostile line a billion pixels long stays cheap.
func splitDashes(pts []pt, pattern []float64, clip [4]float64) [][]pt {
	var period float64
	for _, v := range pattern {
		period += v
	}
	var out [][]pt
	var cur []pt
	idx, left, on := 0, pattern[0], true
	// advance moves the pattern on by d without drawing.
	advance := func(d float64) {
		if d > period {
			d = math.Mod(d, period)
		}
		for d > 1e-9 {
			step := min(left, d)
			d -= step
			left -= step
			if left <= 1e-9 {
				idx = (idx + 1) % len(pattern)
				left, on = pattern[idx], !on
			}
		}
	}
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		segLen := hypot(b.x-a.x, b.y-a.y)
		if segLen == 0 {
			continue
		}
		t0, t1, ok := clipSegment(a, b, clip[0], clip[1], clip[2], clip[3])
		if !ok {
			if on && len(cur) > 1 {
				out = append(out, cur)
			}
			cur = nil
			advance(segLen)
			continue
		}
		if t0 > 0 {
			if on && len(cur) > 1 {
				out = append(out, cur)
			}
			cur = nil
			advance(t0 * segLen)
		}
		pos, end := float64(t0*segLen), float64(t1*segLen)
		for end-pos > 1e-9 {
			step := min(left, end-pos)
			if on {
				p0 := pt{a.x + (b.x-a.x)*pos/segLen, a.y + (b.y-a.y)*pos/segLen}
				p1 := pt{a.x + (b.x-a.x)*(pos+step)/segLen, a.y + (b.y-a.y)*(pos+step)/segLen}
				if len(cur) == 0 {
					cur = append(cur, p0)
				}
				cur = append(cur, p1)
			}
			pos += step
			left -= step
			if left <= 1e-9 {
				if on && len(cur) > 1 {
					out = append(out, cur)
				}
				cur = nil
				idx = (idx + 1) % len(pattern)
				left, on = pattern[idx], !on
			}
		}
		if t1 < 1 {
			if on && len(cur) > 1 {
				out = append(out, cur)
			}
			cur = nil
			advance((1 - t1) * segLen)
		}
	}
	if on && len(cur) > 1 {
		out = append(out, cur)
	}
	return out
}

// distToRect is the distance from segment a-b to the rectangle [x0,x1]x[y0,y1] (0 if they meet).
func distToRect(a, b pt, x0, y0, x1, y1 float64) float64 {
	if segIntersectsRect(a, b, x0, y0, x1, y1) {
		return 0
	}
	d := min(distPointRect(a, x0, y0, x1, y1), distPointRect(b, x0, y0, x1, y1))
	for _, c := range [4]pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}} {
		d = min(d, distPointSeg(c, a, b))
	}
	return d
}

func distPointRect(p pt, x0, y0, x1, y1 float64) float64 {
	dx := max(max(x0-p.x, 0), p.x-x1)
	dy := max(max(y0-p.y, 0), p.y-y1)
	return hypot(dx, dy)
}

func distPointSeg(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l2 := float64(dx*dx) + float64(dy*dy)
	t := 0.0
	if l2 > 0 {
		t = max(0, min(1, (float64((p.x-a.x)*dx)+float64((p.y-a.y)*dy))/l2))
	}
	return hypot(p.x-(a.x+float64(t*dx)), p.y-(a.y+float64(t*dy)))
}

// segIntersectsRect reports whether any part of the segment lies in the rectangle.
func segIntersectsRect(a, b pt, x0, y0, x1, y1 float64) bool {
	_, _, ok := clipSegment(a, b, x0, y0, x1, y1)
	return ok
}

// clipSegment clips the segment to the rectangle (Liang-Barsky) and returns the parameter range
// of the part inside, if any.
func clipSegment(a, b pt, x0, y0, x1, y1 float64) (float64, float64, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := b.x-a.x, b.y-a.y
	for _, e := range [4][2]float64{{-dx, a.x - x0}, {dx, x1 - a.x}, {-dy, a.y - y0}, {dy, y1 - a.y}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
		if t0 > t1 {
			return 0, 0, false
		}
	}
	return t0, t1, true
}

// clipPolygonInto clips a polygon to the rectangle (Sutherland-Hodgman), working in two scratch
// buffers, which it grows as needed; the result lies in one of them (or is poly itself when it
// is empty). The result fills the same pixels inside the rectangle; it exists so that the
// rasteriser never walks the rows of a polygon reaching far outside the picture.
func clipPolygonInto(scratch *[2][]pt, poly []pt, x0, y0, x1, y1 float64) []pt {
	inside := func(q pt, edge int) bool {
		switch edge {
		case 0:
			return q.x >= x0
		case 1:
			return q.x <= x1
		case 2:
			return q.y >= y0
		}
		return q.y <= y1
	}
	cross := func(a, b pt, edge int) pt {
		var t float64
		switch edge {
		case 0:
			t = (x0 - a.x) / (b.x - a.x)
		case 1:
			t = (x1 - a.x) / (b.x - a.x)
		case 2:
			t = (y0 - a.y) / (b.y - a.y)
		default:
			t = (y1 - a.y) / (b.y - a.y)
		}
		return pt{a.x + float64((b.x-a.x)*t), a.y + float64((b.y-a.y)*t)}
	}
	out := poly
	for edge := 0; edge < 4 && len(out) > 0; edge++ {
		in := out
		out = scratch[edge%2][:0]
		for i, cur := range in {
			prev := in[(i+len(in)-1)%len(in)]
			switch ci, pi := inside(cur, edge), inside(prev, edge); {
			case ci && pi:
				out = append(out, cur)
			case ci && far(prev):
				// Counted from the far end, the crossing would be lost in the rounding.
				out = append(out, cross(cur, prev, edge), cur)
			case ci:
				out = append(out, cross(prev, cur, edge), cur)
			case pi:
				out = append(out, cross(prev, cur, edge))
			}
		}
		scratch[edge%2] = out
	}
	return out
}

// farDevice is where device coordinates are far from any picture: counted from such a point, a
// distance of a pixel is lost in the rounding of a float64 (a link to a component at maturity
// 1e30), so the shapes reaching it are cut to the picture first (see cutFar), from their other
// end.
const farDevice = 1 << 24

// far reports whether a device point is far from any picture, or not a number.
func far(q pt) bool { return !(math.Abs(q.x) < farDevice && math.Abs(q.y) < farDevice) }

// cutFar is the part of the segment a-b inside the box, found from the end nearer to the box:
// (false) when none is or when what is left is still far (a segment between infinities).
func cutFar(a, b pt, x0, y0, x1, y1 float64) (pt, pt, bool) {
	near, other := a, b
	if max(math.Abs(a.x), math.Abs(a.y)) > max(math.Abs(b.x), math.Abs(b.y)) {
		near, other = b, a
	}
	t0, t1, ok := clipSegment(near, other, x0, y0, x1, y1)
	d := pt{other.x - near.x, other.y - near.y}
	p0 := pt{near.x + float64(d.x*t0), near.y + float64(d.y*t0)}
	p1 := pt{near.x + float64(d.x*t1), near.y + float64(d.y*t1)}
	if !ok || far(p0) || far(p1) {
		return pt{}, pt{}, false
	}
	if near != a {
		p0, p1 = p1, p0
	}
	return p0, p1, true
}

// maxDevice bounds the device coordinates made into pixel indices: far beyond any picture,
// and far enough inside the int range that the few pixels added around a shape cannot overflow.
const maxDevice = 1 << 40

// pixel is the device coordinate v (a whole number of pixels, usually) as an int, within
// ±maxDevice, and 0 for NaN. Shapes may lie anywhere (a label moved by [1e30, 0]); Go turns a
// float beyond the int range into the smallest int on amd64 and the nearest one on arm64, and
// on amd64 the pixels added around a shape then overflowed into the picture's memory (a slice
// index out of range) or put the part of a shape inside the picture out of it.
func pixel(v float64) int {
	switch {
	case v >= maxDevice:
		return maxDevice
	case v <= -maxDevice:
		return -maxDevice
	case v == v:
		return int(v)
	}
	return 0
}

// hypot is math.Hypot computed as amd64's math.Hypot computes it (the
// larger times the square root of one plus the square of their ratio) with the square rounded:
// the standard library's Go version, which arm64 runs, fuses 1+q*q into a multiply-add and
// differs in the last bit for about a third of its arguments.
func hypot(p, q float64) float64 {
	p, q = math.Abs(p), math.Abs(q)
	switch {
	case math.IsInf(p, 1) || math.IsInf(q, 1):
		return math.Inf(1)
	case math.IsNaN(p) || math.IsNaN(q):
		return math.NaN()
	}
	if p < q {
		p, q = q, p
	}
	if p == 0 {
		return 0
	}
	q /= p
	return p * math.Sqrt(1+float64(q*q))
}
