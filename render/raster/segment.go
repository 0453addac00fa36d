package raster

import (
	"encoding/binary"
	"math"
)

// segment draws one straight stroke with butt ends, computing each pixel's coverage directly:
// the overlap of the pixel with the stroke across its width times the overlap along its length.
// That is exact for horizontal and vertical strokes and within a few percent for others, and it
// visits only the pixels near the line, where the general rasteriser would sweep the whole
// bounding box of a long diagonal link. Only the pixels of the band are written; each pixel's
// value does not depend on the band.
func (c *canvas) segment(a, b pt, hw float64, col *source) {
	dx, dy := b.x-a.x, b.y-a.y
	length := hypot(dx, dy)
	if length < 1e-9 || hw <= 0 || col.a == 0 {
		return
	}
	bounds := c.bounds
	clip := c.clip
	m := hw + 2
	if far(a) || far(b) {
		// The distances along the stroke are counted from a, and from a far end (a link to a
		// component at maturity 1e30) none of a pixel would be left. The part that can show
		// is drawn instead, cut where it lies wholly outside the picture; its cut ends are out
		// of sight.
		if ca, cb, ok := cutFar(a, b, float64(bounds.Min.X)-m, float64(bounds.Min.Y)-m, float64(bounds.Max.X)+m, float64(bounds.Max.Y)+m); ok {
			c.segment(ca, cb, hw, col)
		}
		return
	}
	ux, uy := dx/length, dy/length // along
	nx, ny := -uy, ux              // across
	t0, t1, ok := clipSegment(a, b, float64(bounds.Min.X)-m, float64(bounds.Min.Y)-m, float64(bounds.Max.X)+m, float64(bounds.Max.Y)+m)
	if !ok {
		return
	}
	ca := pt{a.x + float64(dx*t0), a.y + float64(dy*t0)}
	cb := pt{a.x + float64(dx*t1), a.y + float64(dy*t1)}
	if max(ca.y, cb.y)+hw+2 < float64(clip.Min.Y) || min(ca.y, cb.y)-hw-2 > float64(clip.Max.Y) {
		return
	}
	pix, stride := c.img.Pix, c.img.Stride
	invFull := 255 - div255(col.a*255)
	// span paints the pixels (x, y) for k = 0..n-1 where x = x0 + k*stepX, y = y0 + k*stepY (one of
	// the steps is zero): the distances along (s) and across (t) the stroke change linearly. Rows
	// outside the band are stepped over but not written, so the sums run as without bands.
	span := func(x, y, n, stepX, stepY int) {
		px, py := float64(x)+0.5-a.x, float64(y)+0.5-a.y
		s, t := float64(px*ux)+float64(py*uy), float64(px*nx)+float64(py*ny)
		ds, dt := float64(float64(stepX)*ux)+float64(float64(stepY)*uy), float64(float64(stepX)*nx)+float64(float64(stepY)*ny)
		i := c.img.PixOffset(x, y)
		di := stepX*4 + stepY*stride
		// Away from the ends (the usual case) every pixel of the span is fully covered along the
		// stroke, and for strokes at least a pixel wide the cover across is a clamped distance.
		sEnd := s + float64(float64(n-1)*ds)
		inside := min(s, sEnd) >= 0.5 && max(s, sEnd) <= length-0.5
		if inside && hw >= 0.5 {
			// The band's rows of the span, with t advanced to the first of them as the loop
			// without bands would have advanced it.
			k0, k1 := 0, n
			if stepY != 0 {
				k0, k1 = max(0, clip.Min.Y-y), min(n, clip.Max.Y-y)
			}
			for k := 0; k < k0; k++ {
				t += dt
			}
			across(pix, i+k0*di, di, k1-k0, t, dt, hw+0.5, col, invFull)
			return
		}
		for k := 0; k < n; k, s, t, i = k+1, s+ds, t+dt, i+di {
			if yk := y + k*stepY; yk < clip.Min.Y || yk >= clip.Max.Y {
				continue
			}
			at := t
			if at < 0 {
				at = -at
			}
			across := min(at+hw, 0.5) - max(at-hw, -0.5)
			if across <= 0 {
				continue
			}
			along := min(s+0.5, length) - max(s-0.5, 0)
			if along <= 0 {
				continue
			}
			if m := uint32(float64(min(across, 1)*min(along, 1)*255) + 0.5); m > 0 {
				blendPixel(pix[i:i+4:i+4], col, m)
			}
		}
	}
	if math.Abs(dx) >= math.Abs(dy) {
		// Walk the columns. A pixel is touched only if its centre is nearer than hw+0.5 to the
		// centre line, that is less than ext away from it vertically.
		slope := dy / dx
		ext := (hw+0.5)*length/math.Abs(dx) + 0.01
		x0 := max(bounds.Min.X, pixel(math.Floor(min(ca.x, cb.x)-hw-1)))
		x1 := min(bounds.Max.X, pixel(math.Ceil(max(ca.x, cb.x)+hw+1)))
		// Only the columns whose span reaches into the band: where the centre line is within
		// ext (and a pixel) of the band's rows.
		if slope != 0 {
			xa := a.x - 0.5 + (float64(clip.Min.Y)-ext-2-a.y)/slope
			xb := a.x - 0.5 + (float64(clip.Max.Y)+ext+2-a.y)/slope
			lo, hi := float64(bounds.Min.X-2), float64(bounds.Max.X+2)
			x0 = max(x0, pixel(math.Floor(max(lo, min(xa, xb))))-1)
			x1 = min(x1, pixel(math.Ceil(min(hi, max(xa, xb))))+1)
		}
		// The span's steps down a column, as span computes them.
		ds, dt := float64(float64(0)*ux)+float64(float64(1)*uy), float64(float64(0)*nx)+float64(float64(1)*ny)
		for x := x0; x < x1; x++ {
			yc := a.y + float64((float64(x)+0.5-a.x)*slope)
			y0 := max(bounds.Min.Y, pixel(math.Floor(yc-ext)))
			y1 := min(bounds.Max.Y, pixel(math.Ceil(yc+ext)))
			if !(y1 > y0 && y1 > clip.Min.Y && y0 < clip.Max.Y) {
				continue
			}
			// span(x, y0, y1-y0, 0, 1) without the call for a column away from the ends (the
			// usual case), with the same arithmetic.
			n := y1 - y0
			px, py := float64(x)+0.5-a.x, float64(y0)+0.5-a.y
			s, t := float64(px*ux)+float64(py*uy), float64(px*nx)+float64(py*ny)
			sEnd := s + float64(float64(n-1)*ds)
			if hw >= 0.5 && s >= 0.5 && sEnd >= 0.5 && s <= length-0.5 && sEnd <= length-0.5 {
				k0, k1 := max(0, clip.Min.Y-y0), min(n, clip.Max.Y-y0)
				for k := 0; k < k0; k++ {
					t += dt
				}
				across(pix, c.img.PixOffset(x, y0+k0), stride, k1-k0, t, dt, hw+0.5, col, invFull)
				continue
			}
			span(x, y0, n, 0, 1)
		}
		return
	}
	slope := dx / dy
	ext := (hw+0.5)*length/math.Abs(dy) + 0.01
	// The span's steps along a row, as span computes them.
	ds, dt := float64(float64(1)*ux)+float64(float64(0)*uy), float64(float64(1)*nx)+float64(float64(0)*ny)
	y0 := max(clip.Min.Y, pixel(math.Floor(min(ca.y, cb.y)-hw-1)))
	y1 := min(clip.Max.Y, pixel(math.Ceil(max(ca.y, cb.y)+hw+1)))
	for y := y0; y < y1; y++ {
		xc := a.x + float64((float64(y)+0.5-a.y)*slope)
		x0 := max(bounds.Min.X, pixel(math.Floor(xc-ext)))
		x1 := min(bounds.Max.X, pixel(math.Ceil(xc+ext)))
		if x1 <= x0 {
			continue
		}
		// span(x0, y, x1-x0, 1, 0) without the call for a row away from the ends.
		n := x1 - x0
		px, py := float64(x0)+0.5-a.x, float64(y)+0.5-a.y
		s, t := float64(px*ux)+float64(py*uy), float64(px*nx)+float64(py*ny)
		sEnd := s + float64(float64(n-1)*ds)
		if hw >= 0.5 && s >= 0.5 && sEnd >= 0.5 && s <= length-0.5 && sEnd <= length-0.5 {
			across(pix, c.img.PixOffset(x0, y), 4, n, t, dt, hw+0.5, col, invFull)
			continue
		}
		span(x0, y, n, 1, 0)
	}
}

// across paints n pixels of a stroke at least a pixel wide, away from its ends, from pix[i:]
// in steps of di bytes: at distance t (then t+dt, ...) from the centre line, a pixel's coverage is
// reach - |t| clamped to [0, 1].
func across(pix []uint8, i, di, n int, t, dt, reach float64, col *source, invFull uint32) {
	opaque := col.opaque()
	for ; n > 0; n, t, i = n-1, t+dt, i+di {
		cov := reach - math.Abs(t)
		if cov <= 0 {
			continue
		}
		px := pix[i : i+4 : i+4]
		if cov >= 1 {
			if opaque {
				binary.LittleEndian.PutUint32(px, col.packed)
			} else {
				binary.LittleEndian.PutUint32(px, blendWith(binary.LittleEndian.Uint32(px), col.lanes, 255, invFull))
			}
			continue
		}
		if m := uint32(float64(cov*255) + 0.5); m > 0 {
			inv := 255 - m
			if !opaque {
				inv = 255 - div255(col.a*m)
			}
			binary.LittleEndian.PutUint32(px, blendWith(binary.LittleEndian.Uint32(px), col.lanes, m, inv))
		}
	}
}
