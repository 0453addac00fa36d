package raster

import (
	"image"
	"image/draw"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"golang.org/x/image/vector"
)

// TestHypot checks hypot against math.Hypot: bit for bit on amd64, whose math.Hypot is
// assembly that rounds the square as hypot does, and to the last bit or so elsewhere; and the
// special cases.
func TestHypot(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		p, q := r.NormFloat64()*math.Pow(10, float64(r.IntN(12)-6)), r.NormFloat64()*100
		got, want := hypot(p, q), math.Hypot(p, q)
		if runtime.GOARCH == "amd64" && got != want {
			t.Fatalf("hypot(%g, %g) = %v, math.Hypot gives %v", p, q, got, want)
		}
		if math.Abs(got-want) > 4e-16*want {
			t.Fatalf("hypot(%g, %g) = %v, math.Hypot gives %v", p, q, got, want)
		}
	}
	for _, tc := range []struct{ p, q, want float64 }{
		{0, 0, 0}, {3, -4, 5}, {math.Inf(-1), math.NaN(), math.Inf(1)}, {math.NaN(), 1, math.NaN()},
	} {
		if got := hypot(tc.p, tc.q); got != tc.want && !(math.IsNaN(got) && math.IsNaN(tc.want)) {
			t.Errorf("hypot(%g, %g) = %v, want %v", tc.p, tc.q, got, tc.want)
		}
	}
}

// TestCurveToIsVectors checks that curveTo cuts quadratic and cubic curves into the segments
// golang.org/x/image/vector's QuadTo and CubeTo make, so that glyphs look as they did: the
// masks must be equal byte for byte. Only on amd64: on arm64 vector's own arithmetic is fused,
// which is why curveTo exists.
func TestCurveToIsVectors(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skipf("vector's curves are computed with fused multiply-adds on %s", runtime.GOARCH)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		w, h := 20+r.IntN(300), 20+r.IntN(300)
		var ctrl [4]pt32
		for k := range ctrl {
			ctrl[k] = pt32{r.Float32()*float32(w+20) - 10, r.Float32()*float32(h+20) - 10}
		}
		n := 3 + i%2 // a quadratic, then a cubic
		want := image.NewAlpha(image.Rect(0, 0, w, h))
		var z vector.Rasterizer
		z.Reset(w, h)
		z.MoveTo(ctrl[0].x, ctrl[0].y)
		if n == 3 {
			z.QuadTo(ctrl[1].x, ctrl[1].y, ctrl[2].x, ctrl[2].y)
		} else {
			z.CubeTo(ctrl[1].x, ctrl[1].y, ctrl[2].x, ctrl[2].y, ctrl[3].x, ctrl[3].y)
		}
		z.ClosePath()
		z.DrawOp = draw.Src
		z.Draw(want, want.Rect, image.Opaque, image.Point{})

		var c canvas
		c.path.MoveTo(ctrl[0].x, ctrl[0].y)
		curveTo(&c.path, ctrl[:n])
		c.path.ClosePath()
		got := c.rasterMask(w, h, make([]uint8, w*h))
		for k := range got {
			if got[k] != want.Pix[k] {
				t.Fatalf("curve %d %v: pixel (%d, %d) is %d, vector gives %d", i, ctrl[:n], k%w, k/w, got[k], want.Pix[k])
			}
		}
	}
}

// TestLargeMaskTiles checks that a mask larger than fixedSide, filled tile by tile, shows no
// seam: a disc and a ring crossing the tiles' edges have full coverage inside, none outside,
// and coverage that follows the area of each pixel along the edge.
func TestLargeMaskTiles(t *testing.T) {
	const w, h = 1300, 1100
	var c canvas
	cx, cy := 650.25, 540.5
	outer := oriented(circlePoints(cx, cy, 530))
	inner := oriented(circlePoints(cx, cy, 300))
	slices.Reverse(inner) // the hole winds the other way round
	for _, poly := range [][]pt{outer, inner} {
		c.path.MoveTo(float32(poly[0].x), float32(poly[0].y))
		for _, q := range poly[1:] {
			c.path.LineTo(float32(q.x), float32(q.y))
		}
		c.path.ClosePath()
	}
	mask := c.rasterMask(w, h, nil)
	var sum float64
	for y := range h {
		for x := range w {
			v := mask[y*w+x]
			sum += float64(v) / 255
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			switch {
			case d < 298 || d > 532:
				if v != 0 {
					t.Fatalf("pixel (%d, %d), %.1f from the centre, has coverage %d, want 0", x, y, d, v)
				}
			case d > 302 && d < 528:
				if v != 255 {
					t.Fatalf("pixel (%d, %d), %.1f from the centre, has coverage %d, want 255", x, y, d, v)
				}
			}
		}
	}
	area := (math.Abs(signedArea(outer)) - math.Abs(signedArea(inner))) / 2 // signedArea is twice the area
	if math.Abs(sum-area) > 0.002*area {
		t.Errorf("coverage adds up to %.0f pixels, the ring's area is %.0f", sum, area)
	}
}
