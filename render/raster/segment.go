package raster

import "math"

// segment draws one straight stroke with butt ends, computing each pixel's coverage directly:
// the overlap of the pixel with the stroke across its width times the overlap along its length.
// That is exact for horizontal and vertical strokes and within a few percent for others, and it
// visits only the pixels near the line, where the general rasteriser would sweep the whole
// bounding box of a long diagonal link.
func (c *canvas) segment(a, b pt, hw float64, col *source) {
	dx, dy := b.x-a.x, b.y-a.y
	length := math.Hypot(dx, dy)
	if length < 1e-9 || hw <= 0 || col.a == 0 {
		return
	}
	ux, uy := dx/length, dy/length // along
	nx, ny := -uy, ux              // across
	bounds := c.img.Bounds()
	m := hw + 2
	t0, t1, ok := clipSegment(a, b, float64(bounds.Min.X)-m, float64(bounds.Min.Y)-m, float64(bounds.Max.X)+m, float64(bounds.Max.Y)+m)
	if !ok {
		return
	}
	ca := pt{a.x + dx*t0, a.y + dy*t0}
	cb := pt{a.x + dx*t1, a.y + dy*t1}
	pix, stride := c.img.Pix, c.img.Stride
	// span paints the pixels (x, y) for k = 0..n-1 where x = x0 + k*stepX, y = y0 + k*stepY (one of
	// the steps is zero): the distances along (s) and across (t) the stroke change linearly.
	span := func(x, y, n, stepX, stepY int) {
		px, py := float64(x)+0.5-a.x, float64(y)+0.5-a.y
		s, t := px*ux+py*uy, px*nx+py*ny
		ds, dt := float64(stepX)*ux+float64(stepY)*uy, float64(stepX)*nx+float64(stepY)*ny
		i := c.img.PixOffset(x, y)
		di := stepX*4 + stepY*stride
		// Away from the ends (the usual case) every pixel of the span is fully covered along the
		// stroke, and for strokes at least a pixel wide the cover across is a clamped distance.
		sEnd := s + float64(n-1)*ds
		inside := min(s, sEnd) >= 0.5 && max(s, sEnd) <= length-0.5
		if inside && hw >= 0.5 {
			for k := 0; k < n; k, t, i = k+1, t+dt, i+di {
				at := t
				if at < 0 {
					at = -at
				}
				cov := hw + 0.5 - at
				if cov <= 0 {
					continue
				}
				m := uint32(255)
				if cov < 1 {
					m = uint32(cov*255 + 0.5)
				}
				if m > 0 {
					blendPixel(pix[i:i+4:i+4], col, m)
				}
			}
			return
		}
		for k := 0; k < n; k, s, t, i = k+1, s+ds, t+dt, i+di {
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
			if m := uint32(min(across, 1)*min(along, 1)*255 + 0.5); m > 0 {
				blendPixel(pix[i:i+4:i+4], col, m)
			}
		}
	}
	if math.Abs(dx) >= math.Abs(dy) {
		// Walk the columns. A pixel is touched only if its centre is nearer than hw+0.5 to the
		// centre line, that is less than ext away from it vertically.
		slope := dy / dx
		ext := (hw+0.5)*length/math.Abs(dx) + 0.01
		x0 := max(bounds.Min.X, int(math.Floor(math.Min(ca.x, cb.x)-hw-1)))
		x1 := min(bounds.Max.X, int(math.Ceil(math.Max(ca.x, cb.x)+hw+1)))
		for x := x0; x < x1; x++ {
			yc := a.y + (float64(x)+0.5-a.x)*slope
			y0 := max(bounds.Min.Y, int(math.Floor(yc-ext)))
			y1 := min(bounds.Max.Y, int(math.Ceil(yc+ext)))
			if y1 > y0 {
				span(x, y0, y1-y0, 0, 1)
			}
		}
		return
	}
	slope := dx / dy
	ext := (hw+0.5)*length/math.Abs(dy) + 0.01
	y0 := max(bounds.Min.Y, int(math.Floor(math.Min(ca.y, cb.y)-hw-1)))
	y1 := min(bounds.Max.Y, int(math.Ceil(math.Max(ca.y, cb.y)+hw+1)))
	for y := y0; y < y1; y++ {
		xc := a.x + (float64(y)+0.5-a.y)*slope
		x0 := max(bounds.Min.X, int(math.Floor(xc-ext)))
		x1 := min(bounds.Max.X, int(math.Ceil(xc+ext)))
		if x1 > x0 {
			span(x0, y, x1-x0, 1, 0)
		}
	}
}
