package raster

import (
	"image"
	"math"
	"slices"
	"sync"
)

// Circles of a map are nearly all alike (every component is one, of the same size), so their
// coverage is rasterised once per radius, stroke width and quarter-pixel position, like glyphs,
// and then only painted. A circle lands at most an eighth of a pixel from its exact centre.

// maxMaskedRadius is the largest radius, in pixels, drawn from cached masks; larger circles
// are rasterised where they are.
const maxMaskedRadius = 64

// maxCachedCircles bounds the circle cache.
const maxCachedCircles = 4096

// circleKey names the masks of a circle: radius and half stroke width in pixels, subpixel
// position of the centre (x + subpixel*y).
type circleKey struct {
	r, hw float64
	sub   uint8
}

// circleMasks are the coverage of a circle's disc and of its solid stroke, placed like glyph
// masks relative to the pixel that holds the centre.
type circleMasks struct {
	disc, ring *glyphMask
}

var (
	circlesMu sync.Mutex
	circles   = map[circleKey]*circleMasks{}
)

// maskedCircle draws a circle of radius r (pixels) centred at device (cx, cy) from cached masks:
// its disc with fill unless fill is nil, its ring of half width hw with stroke unless stroke is
// nil. It reports false, drawing nothing, for circles too large for the cache.
func (c *canvas) maskedCircle(cx, cy, r, hw float64, fill, stroke *paint) bool {
	if r > maxMaskedRadius || hw > maxMaskedRadius {
		return false
	}
	if stroke == nil {
		hw = 0
	}
	ix, qx := subpixelOf(cx)
	iy, qy := subpixelOf(cy)
	// A circle wholly outside the band costs nothing.
	reach := r + hw + 2
	if float64(iy)+1+reach < float64(c.clip.Min.Y) || float64(iy)-reach > float64(c.clip.Max.Y) {
		return true
	}
	key := circleKey{r: r, hw: hw, sub: uint8(qx + subpixel*qy)}
	// The canvas's own table first: no lock, so the goroutines drawing bands do not wait on
	// each other.
	m := c.circleMasks[key]
	if m == nil {
		circlesMu.Lock()
		m = circles[key]
		cached := m != nil
		if m == nil {
			m = c.rasterizeCircle(r, hw, float64(qx)/subpixel, float64(qy)/subpixel)
			if len(circles) < maxCachedCircles {
				circles[key] = m
				cached = true
			}
		}
		circlesMu.Unlock()
		if cached && len(c.circleMasks) < maxCachedCircles {
			if c.circleMasks == nil {
				c.circleMasks = map[circleKey]*circleMasks{}
			}
			c.circleMasks[key] = m
		}
	}
	if fill != nil {
		c.paintGlyphMask(m.disc, ix, iy, *fill)
	}
	if stroke != nil {
		c.paintGlyphMask(m.ring, ix, iy, *stroke)
	}
	return true
}

// subpixelOf splits a device coordinate into its pixel and the nearest of the subpixel
// positions inside it.
func subpixelOf(v float64) (int, int) {
	i := math.Floor(v)
	q := int(math.Round((v - i) * subpixel))
	if q == subpixel {
		i, q = i+1, 0
	}
	return pixel(i), q
}

// paintGlyphMask paints p through a mask placed at the pixel (x, y).
func (c *canvas) paintGlyphMask(m *glyphMask, x, y int, p paint) {
	if m.w == 0 || m.h == 0 {
		return
	}
	r := image.Rect(x+m.dx, y+m.dy, x+m.dx+m.w, y+m.dy+m.h)
	c.paintMask(r, m.pix, p)
}

// rasterizeCircle makes the masks of a circle centred at (fx, fy) inside a pixel: the disc of
// radius r and, when hw > 0, the ring between r-hw and r+hw, drawn as the same polygons as an
// uncached circle.
func (c *canvas) rasterizeCircle(r, hw, fx, fy float64) *circleMasks {
	disc := c.polygonMask([][]pt{circlePoints(fx, fy, r)})
	var ring *glyphMask
	if hw > 0 {
		polys := [][]pt{oriented(circlePoints(fx, fy, r+hw))}
		if r > hw {
			inner := oriented(circlePoints(fx, fy, r-hw))
			slices.Reverse(inner)
			polys = append(polys, inner)
		}
		ring = c.polygonMask(polys)
	} else {
		ring = &glyphMask{}
	}
	return &circleMasks{disc: disc, ring: ring}
}

// polygonMask rasterises polygons given relative to a pixel into a mask placed like a glyph's.
func (c *canvas) polygonMask(polys [][]pt) *glyphMask {
	minX, minY, maxX, maxY := polygonBounds(polys)
	x0, y0 := int(math.Floor(minX))-1, int(math.Floor(minY))-1
	x1, y1 := int(math.Ceil(maxX))+1, int(math.Ceil(maxY))+1
	m := &glyphMask{dx: x0, dy: y0, w: x1 - x0, h: y1 - y0}
	z := &c.path
	z.reset()
	for _, poly := range polys {
		z.MoveTo(float32(poly[0].x-float64(x0)), float32(poly[0].y-float64(y0)))
		for _, q := range poly[1:] {
			z.LineTo(float32(q.x-float64(x0)), float32(q.y-float64(y0)))
		}
		z.ClosePath()
	}
	m.pix = append([]uint8(nil), c.rasterMask(m.w, m.h, nil)...)
	return m.trim()
}
