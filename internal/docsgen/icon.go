package docsgen

import (
	"image"
	"image/color"
	"math"
)

// The application icon is drawn here rather than in an image editor so that it is ours, can be
// regenerated at any size and stays byte-identical between runs. It is a small Wardley map on a
// rounded navy tile: the dashed value-chain axis, the evolution axis with its arrow, a few
// components joined by links, and one component moving right along a red dashed evolution arrow.

// iconDesignSize is the size of the square the shapes below are designed on; Icon scales it.
const iconDesignSize = 512.0

var (
	iconTileTop    = color.NRGBA{0x2c, 0x3d, 0x63, 0xff}
	iconTileBottom = color.NRGBA{0x18, 0x22, 0x38, 0xff}
	iconAxis       = color.NRGBA{0xa9, 0xb9, 0xd8, 0xff}
	iconDivider    = color.NRGBA{0x46, 0x58, 0x80, 0xff}
	iconLink       = color.NRGBA{0xc4, 0xcf, 0xe6, 0xff}
	iconInk        = color.NRGBA{0x11, 0x18, 0x2a, 0xff}
	iconPaper      = color.NRGBA{0xff, 0xff, 0xff, 0xff}
	iconEvolve     = color.NRGBA{0xe6, 0x39, 0x46, 0xff}
)

// iconShape is one filled shape: its signed distance (negative inside, in design units) at a
// point, and its colour there.
type iconShape struct {
	dist  func(x, y float64) float64
	paint func(x, y float64) color.NRGBA
}

func solid(c color.NRGBA) func(x, y float64) color.NRGBA {
	return func(float64, float64) color.NRGBA { return c }
}

// Icon draws the application icon as a size×size image with a transparent background.
func Icon(size int) *image.NRGBA {
	shapes := iconShapes()
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := iconDesignSize / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			x, y := (float64(px)+0.5)*scale, (float64(py)+0.5)*scale
			var r, g, b, a float64 // premultiplied, 0..1
			for _, s := range shapes {
				// Analytic anti-aliasing: coverage falls from 1 to 0 across one device pixel.
				cov := clamp01(0.5 - s.dist(x, y)/scale)
				if cov == 0 {
					continue
				}
				c := s.paint(x, y)
				sa := cov * float64(c.A) / 255
				r = float64(c.R)/255*sa + r*(1-sa)
				g = float64(c.G)/255*sa + g*(1-sa)
				b = float64(c.B)/255*sa + b*(1-sa)
				a = sa + a*(1-sa)
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a * 255)),
				G: uint8(math.Round(g / a * 255)),
				B: uint8(math.Round(b / a * 255)),
				A: uint8(math.Round(a * 255)),
			})
		}
	}
	return img
}

func iconShapes() []iconShape {
	var shapes []iconShape
	add := func(d func(x, y float64) float64, p func(x, y float64) color.NRGBA) {
		shapes = append(shapes, iconShape{d, p})
	}
	// The tile, shaded from top to bottom.
	add(roundedRect(24, 24, 488, 488, 104), func(_, y float64) color.NRGBA {
		return mix(iconTileTop, iconTileBottom, (y-24)/464)
	})

	const left, right, top, bottom = 104.0, 420.0, 96.0, 404.0
	// Stage dividers, faint, at OWM's 0.40 and 0.70 of the evolution axis.
	for _, m := range []float64{0.40, 0.70} {
		x := left + m*(right-left)
		for _, d := range dashes(x, top, x, bottom, 14, 12) {
			add(capsule(d[0], d[1], d[2], d[3], 2.5), solid(iconDivider))
		}
	}
	// Value chain: dashed, no arrow. Evolution: solid with an arrowhead.
	for _, d := range dashes(left, top, left, bottom, 20, 13) {
		add(capsule(d[0], d[1], d[2], d[3], 4), solid(iconAxis))
	}
	add(capsule(left, bottom, right, bottom, 4), solid(iconAxis))
	add(triangle(right+28, bottom, right-4, bottom-17, right-4, bottom+17), solid(iconAxis))

	need := [2]float64{300, 148}
	custom := [2]float64{196, 250}
	product := [2]float64{368, 244}
	old := [2]float64{178, 340}
	evolved := [2]float64{352, 340}
	for _, l := range [][2][2]float64{{need, custom}, {need, product}, {custom, old}} {
		add(capsule(l[0][0], l[0][1], l[1][0], l[1][1], 3.5), solid(iconLink))
	}
	// The evolution arrow: red, dashed, with a filled head touching the evolved copy.
	for _, d := range dashes(old[0]+34, old[1], evolved[0]-52, evolved[1], 18, 11) {
		add(capsule(d[0], d[1], d[2], d[3], 5), solid(iconEvolve))
	}
	add(triangle(evolved[0]-27, evolved[1], evolved[0]-56, evolved[1]-17, evolved[0]-56, evolved[1]+17), solid(iconEvolve))

	component := func(c [2]float64, ring color.NRGBA) {
		add(circle(c[0], c[1], 25), solid(ring))
		add(circle(c[0], c[1], 18), solid(iconPaper))
	}
	component(need, iconInk)
	component(custom, iconInk)
	component(product, iconInk)
	component(old, iconInk)
	component(evolved, iconEvolve)
	return shapes
}

// dashes splits the segment (x0,y0)-(x1,y1) into dashes of length on separated by gaps of off.
func dashes(x0, y0, x1, y1, on, off float64) [][4]float64 {
	length := math.Hypot(x1-x0, y1-y0)
	ux, uy := (x1-x0)/length, (y1-y0)/length
	var out [][4]float64
	for s := 0.0; s < length; s += on + off {
		e := math.Min(s+on, length)
		out = append(out, [4]float64{x0 + ux*s, y0 + uy*s, x0 + ux*e, y0 + uy*e})
	}
	return out
}

func circle(cx, cy, r float64) func(x, y float64) float64 {
	return func(x, y float64) float64 { return math.Hypot(x-cx, y-cy) - r }
}

// capsule is a line segment with round ends; r is half its width.
func capsule(x0, y0, x1, y1, r float64) func(x, y float64) float64 {
	dx, dy := x1-x0, y1-y0
	l2 := dx*dx + dy*dy
	return func(x, y float64) float64 {
		t := 0.0
		if l2 > 0 {
			t = clamp01(((x-x0)*dx + (y-y0)*dy) / l2)
		}
		return math.Hypot(x-(x0+t*dx), y-(y0+t*dy)) - r
	}
}

func roundedRect(x0, y0, x1, y1, r float64) func(x, y float64) float64 {
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hx, hy := (x1-x0)/2-r, (y1-y0)/2-r
	return func(x, y float64) float64 {
		qx, qy := math.Abs(x-cx)-hx, math.Abs(y-cy)-hy
		outside := math.Hypot(math.Max(qx, 0), math.Max(qy, 0))
		return outside + math.Min(math.Max(qx, qy), 0) - r
	}
}

// triangle is the signed distance to the triangle with the given corners (either winding).
func triangle(ax, ay, bx, by, cx, cy float64) func(x, y float64) float64 {
	edges := [3][4]float64{{ax, ay, bx, by}, {bx, by, cx, cy}, {cx, cy, ax, ay}}
	orient := math.Copysign(1, (bx-ax)*(cy-ay)-(by-ay)*(cx-ax))
	return func(x, y float64) float64 {
		d := math.Inf(1)
		inside := true
		for _, e := range edges {
			d = math.Min(d, capsule(e[0], e[1], e[2], e[3], 0)(x, y))
			if orient*((e[2]-e[0])*(y-e[1])-(e[3]-e[1])*(x-e[0])) < 0 {
				inside = false
			}
		}
		if inside {
			return -d
		}
		return d
	}
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	t = clamp01(t)
	l := func(p, q uint8) uint8 { return uint8(math.Round(float64(p) + (float64(q)-float64(p))*t)) }
	return color.NRGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), l(a.A, b.A)}
}

func clamp01(v float64) float64 { return math.Max(0, math.Min(1, v)) }
