package render

import (
	"hash/fnv"
	"math"
)

// The handwritten style draws with a slightly unsteady hand: every line, rectangle, circle and
// outline becomes a polyline whose points wander by a pixel or so. The wobble comes from a small
// pseudo-random generator seeded from the element the item draws (its kind, index and how many
// items of that element came before), never from the clock, so the same map gives the same
// strokes, byte for byte, on every run and in every format.

// wobble is the largest sideways wander of a stroke, in page units.
const wobble = 1.1

// rng is splitmix64: tiny, fast and the same everywhere.
type rng uint64

func (r *rng) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// jitter returns a value in [-a, a].
func (r *rng) jitter(a float64) float64 {
	u := float64(float64(r.next()>>11) / (1 << 52)) // in [0, 2), exactly
	return float64((u - 1) * a)
}

func seedOf(ref Ref, ordinal int) rng {
	h := fnv.New64a()
	h.Write([]byte(ref.Kind))
	var b [16]byte
	for i := 0; i < 8; i++ {
		b[i] = byte(uint64(ref.Index) >> (8 * i))
		b[8+i] = byte(uint64(ordinal) >> (8 * i))
	}
	h.Write(b[:])
	return rng(h.Sum64())
}

// roughen turns the strokes of items into hand-drawn paths, in place.
func roughen(items []Item) {
	type key struct {
		k ElementKind
		i int
	}
	seen := map[key]int{}
	for n := range items {
		it := &items[n]
		k := key{it.Ref.Kind, it.Ref.Index}
		ord := seen[k]
		seen[k] = ord + 1
		if it.Shape == ShapeText || it.Ref.Kind == ElemBackground {
			continue
		}
		r := seedOf(it.Ref, ord)
		switch it.Shape {
		case ShapeLine:
			if len(it.Points) == 2 {
				it.Points = roughLine(&r, it.Points[0], it.Points[1])
				it.Shape = ShapePath
			}
		case ShapeRect:
			if it.W <= 0 || it.H <= 0 {
				continue
			}
			pts := []Point{{it.X, it.Y}, {it.X + it.W, it.Y}, {it.X + it.W, it.Y + it.H}, {it.X, it.Y + it.H}}
			it.Points = roughPolygon(&r, pts, true)
			it.Shape, it.Closed = ShapePath, true
			it.X, it.Y, it.W, it.H = 0, 0, 0, 0
		case ShapeCircle:
			it.Points = roughCircle(&r, Point{it.X, it.Y}, it.R)
			it.Shape, it.Closed = ShapePath, true
			it.X, it.Y, it.R = 0, 0, 0
		case ShapePath:
			if len(it.Points) >= 2 {
				it.Points = roughPolygon(&r, it.Points, it.Closed)
			}
		}
	}
}

func amplitude(length float64) float64 { return math.Min(wobble, length*0.04) }

// roughLine subdivides a-b every ~25 units and nudges each point sideways.
func roughLine(r *rng, a, b Point) []Point {
	length := math.Hypot(b.X-a.X, b.Y-a.Y)
	amp := amplitude(length)
	n := int(length/25) + 1
	n = min(n, 400)
	nx, ny := 0.0, 0.0
	if length > 0 {
		nx, ny = -(b.Y-a.Y)/length, (b.X-a.X)/length
	}
	pts := make([]Point, 0, n+1)
	for i := 0; i <= n; i++ {
		t := float64(i) / float64(n)
		d := r.jitter(amp)
		if i == 0 || i == n {
			d *= 0.5
		}
		pts = append(pts, Point{roundTo(a.X+float64((b.X-a.X)*t)+float64(nx*d), 100), roundTo(a.Y+float64((b.Y-a.Y)*t)+float64(ny*d), 100)})
	}
	return pts
}

// roughPolygon roughens each edge of a polyline (closing it when closed).
func roughPolygon(r *rng, pts []Point, closed bool) []Point {
	var out []Point
	n := len(pts)
	edges := n - 1
	if closed {
		edges = n
	}
	for i := 0; i < edges; i++ {
		seg := roughLine(r, pts[i], pts[(i+1)%n])
		if i > 0 {
			seg = seg[1:]
		}
		out = append(out, seg...)
	}
	if closed && len(out) > 1 {
		out = out[:len(out)-1] // the last point repeats the first
	}
	return out
}

// roughCircle draws a circle as a slightly uneven loop that starts at a random angle.
func roughCircle(r *rng, c Point, radius float64) []Point {
	n := int(radius*1.2) + 10
	n = min(n, 120)
	start := r.jitter(math.Pi)
	amp := math.Min(wobble*0.8, radius*0.08)
	pts := make([]Point, n)
	for i := range pts {
		a := start + 2*math.Pi*float64(i)/float64(n)
		rr := radius + r.jitter(amp)
		pts[i] = Point{roundTo(c.X+float64(rr*math.Cos(a)), 100), roundTo(c.Y+float64(rr*math.Sin(a)), 100)}
	}
	return pts
}
