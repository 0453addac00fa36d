package raster

import (
	"encoding/binary"
	"image"
	"image/color"
	"image/draw"

	"golang.org/x/image/vector"
	"math"
	"sort"

	"mapwright/render"
)

// paint is what a fill puts down: one colour, or a horizontal gradient across [x0, x0+w].
type paint struct {
	uniform color.RGBA // premultiplied; used when stops is nil
	src     source     // uniform, ready to blend
	stops   []render.GradientStop
	x0, w   float64
}

func uniformPaint(c render.Color) paint {
	u := premultiply(c)
	return paint{uniform: u, src: newSource(u)}
}

func gradientPaint(stops []render.GradientStop, x0, w float64) paint {
	st := append([]render.GradientStop(nil), stops...)
	for i := range st {
		if math.IsNaN(st[i].Offset) {
			st[i].Offset = 0
		}
		st[i].Offset = max(0, min(1, st[i].Offset))
	}
	sort.SliceStable(st, func(i, j int) bool { return st[i].Offset < st[j].Offset })
	return paint{stops: st, x0: x0, w: w}
}

// at returns the premultiplied colour at device x (pixel centre).
func (p paint) at(x float64) color.RGBA {
	if p.stops == nil {
		return p.uniform
	}
	t := 0.0
	if p.w > 0 {
		t = (x - p.x0) / p.w
	}
	st := p.stops
	if t <= st[0].Offset {
		return premultiply(st[0].Color)
	}
	for i := 1; i < len(st); i++ {
		if t <= st[i].Offset {
			a, b := st[i-1], st[i]
			f := 0.0
			if b.Offset > a.Offset {
				f = (t - a.Offset) / (b.Offset - a.Offset)
			}
			mix := func(u, v uint8) uint8 { return uint8(math.Round(float64(u) + float64((float64(v)-float64(u))*f))) }
			return premultiply(render.Color{R: mix(a.Color.R, b.Color.R), G: mix(a.Color.G, b.Color.G), B: mix(a.Color.B, b.Color.B), A: mix(a.Color.A, b.Color.A)})
		}
	}
	return premultiply(st[len(st)-1].Color)
}

// columns returns the paint colour of each pixel column from x0 to x1.
func (p paint) columns(x0, x1 int) []source {
	cols := make([]source, x1-x0)
	for i := range cols {
		cols[i] = newSource(p.at(float64(x0+i) + 0.5))
	}
	return cols
}

// fillRect fills an axis-aligned rectangle with exact anti-aliasing: a pixel's coverage is the
// product of its horizontal and vertical overlap with the rectangle.
func (c *canvas) fillRect(x, y, w, h float64, p paint) {
	if !(w > 0) || !(h > 0) {
		return
	}
	b := c.clip
	x0, x1 := max(pixel(math.Floor(x)), b.Min.X), min(pixel(math.Ceil(x+w)), b.Max.X)
	y0, y1 := max(pixel(math.Floor(y)), b.Min.Y), min(pixel(math.Ceil(y+h)), b.Max.Y)
	if x0 >= x1 || y0 >= y1 {
		return
	}
	overlap := func(i int, lo, hi float64) float64 {
		return max(0, min(float64(i+1), hi)-max(float64(i), lo))
	}
	// The columns' coverage and colour are the same in every band: a rectangle reaching below
	// this band (a page background) keeps them.
	memo := c.memoOf()
	var cov []float64
	var cols []source
	if memo != nil && memo.rectCov != nil {
		cov, cols = memo.rectCov, memo.rectCols
	} else {
		cov = make([]float64, x1-x0)
		for i := range cov {
			cov[i] = overlap(x0+i, x, x+w)
		}
		cols = p.columns(x0, x1)
		if memo != nil {
			memo.rectCov, memo.rectCols = cov, cols
		}
	}
	// A row the rectangle covers fully is the same for every such row, so it is blended once
	// and copied where the paint is opaque.
	var fullRow []uint8
	for py := y0; py < y1; py++ {
		cy := overlap(py, y, y+h)
		off := c.img.PixOffset(x0, py)
		row := c.img.Pix[off : off+4*(x1-x0)]
		if cy == 1 && fullRow != nil {
			copy(row, fullRow)
			continue
		}
		if cy == 1 && p.stops == nil && !p.src.opaque() {
			// A translucent colour over a full row (the areas behind a map): every pixel is
			// blended, with the coverage of its column.
			src := &p.src
			invFull := 255 - div255(src.a*255)
			for i := range cov {
				m := uint32(float64(cov[i]*cy*255) + 0.5)
				if m == 0 {
					continue
				}
				inv := invFull
				if m != 255 {
					inv = 255 - div255(src.a*m)
				}
				px := row[4*i : 4*i+4 : 4*i+4]
				binary.LittleEndian.PutUint32(px, blendWith(binary.LittleEndian.Uint32(px), src.lanes, m, inv))
			}
			continue
		}
		opaque := cy == 1
		for i := range cov {
			m := uint32(float64(cov[i]*cy*255) + 0.5)
			if m > 0 {
				blendPixel(row[4*i:4*i+4], &cols[i], m)
			}
			opaque = opaque && m == 255 && cols[i].opaque()
		}
		if opaque {
			fullRow = row
		}
	}
}

// polygonBounds is the box around every point of polys (infinite and inverted when there is none).
func polygonBounds(polys [][]pt) (minX, minY, maxX, maxY float64) {
	minX, minY = math.Inf(1), math.Inf(1)
	maxX, maxY = math.Inf(-1), math.Inf(-1)
	for _, poly := range polys {
		for _, q := range poly {
			minX, maxX = min(minX, q.x), max(maxX, q.x)
			minY, maxY = min(minY, q.y), max(maxY, q.y)
		}
	}
	return minX, minY, maxX, maxY
}

// fillPolygons fills the union of polygons (nonzero winding) with p; part tells this fill from
// the item's others.
func (c *canvas) fillPolygons(polys [][]pt, p paint, part maskPart) {
	minX, minY, maxX, maxY := polygonBounds(polys)
	r := image.Rect(pixel(math.Floor(minX)), pixel(math.Floor(minY)), pixel(math.Ceil(maxX))+1, pixel(math.Ceil(maxY))+1)
	c.rasterize(r, polys, p, part)
}

// rasterize fills polys with p, computing coverage only inside the device rectangle r.
func (c *canvas) rasterize(r image.Rectangle, polys [][]pt, p paint, part maskPart) {
	r = r.Intersect(c.bounds)
	if r.Empty() || len(polys) == 0 || !r.Overlaps(c.clip) {
		return
	}
	mask := c.maskOf(r, part, func() {
		z := &c.path
		ox, oy := float64(r.Min.X), float64(r.Min.Y)
		for _, poly := range polys {
			if !within(poly, r) {
				poly = clipPolygonInto(&c.clipBuf, poly, float64(r.Min.X)-1, float64(r.Min.Y)-1, float64(r.Max.X)+1, float64(r.Max.Y)+1)
			}
			if len(poly) < 3 {
				continue
			}
			z.MoveTo(float32(poly[0].x-ox), float32(poly[0].y-oy))
			for _, q := range poly[1:] {
				z.LineTo(float32(q.x-ox), float32(q.y-oy))
			}
			z.ClosePath()
		}
	})
	c.paintMask(r, mask, p)
}

// rasterMask fills c.path (nonzero winding) over the w x h pixels from the origin into buf, or
// the scratch mask when buf is nil: its coverage, one byte per pixel. The path is then emptied.
//
// The rasteriser switches to float32 arithmetic on a mask larger than fixedSide either way, and
// on amd64 sums that mask's rows with SSE instructions in another order than the Go code that
// arm64 runs, which rounds differently: a larger mask is therefore filled tile by tile, each
// in the rasteriser's integer (fixed-point) arithmetic, which sums alike everywhere.
func (c *canvas) rasterMask(w, h int, buf []uint8) []uint8 {
	if buf == nil {
		if cap(c.maskBuf) < w*h {
			c.maskBuf = make([]uint8, w*h)
		}
		buf = c.maskBuf[:w*h]
	}
	z := &c.ras
	if w <= fixedSide && h <= fixedSide {
		z.Reset(w, h)
		z.DrawOp = draw.Src
		c.path.addTo(z, 0, 0)
		mask := &image.Alpha{Pix: buf, Stride: w, Rect: image.Rect(0, 0, w, h)}
		z.Draw(mask, mask.Rect, image.Opaque, image.Point{})
	} else {
		if c.tileBuf == nil {
			c.tileBuf = make([]uint8, fixedSide*fixedSide)
		}
		for ty := 0; ty < h; ty += fixedSide {
			for tx := 0; tx < w; tx += fixedSide {
				tw, th := min(fixedSide, w-tx), min(fixedSide, h-ty)
				z.Reset(tw, th)
				z.DrawOp = draw.Src
				c.path.addTo(z, float32(tx), float32(ty))
				tile := &image.Alpha{Pix: c.tileBuf[:tw*th], Stride: tw, Rect: image.Rect(0, 0, tw, th)}
				z.Draw(tile, tile.Rect, image.Opaque, image.Point{})
				for y := range th {
					copy(buf[(ty+y)*w+tx:(ty+y)*w+tx+tw], tile.Pix[y*tw:(y+1)*tw])
				}
			}
		}
	}
	c.path.reset()
	return buf
}

// fixedSide is the largest mask side that golang.org/x/image/vector fills in fixed point (its
// floatingPointMathThreshold).
const fixedSide = 512

// path records an outline of straight segments (curves are flattened by curveTo) so that
// rasterMask can add it to the rasteriser once per tile.
type path struct {
	ops        []pathOp
	first, pen pt32
}

// pathOp is one step of a path: a move to, a line to, or (close) a line back to the contour's
// first point.
type pathOp struct {
	p     pt32
	move  bool
	close bool
}

func (p *path) MoveTo(x, y float32) {
	p.first, p.pen = pt32{x, y}, pt32{x, y}
	p.ops = append(p.ops, pathOp{p: p.pen, move: true})
}

func (p *path) LineTo(x, y float32) {
	p.pen = pt32{x, y}
	p.ops = append(p.ops, pathOp{p: p.pen})
}

func (p *path) ClosePath() {
	p.pen = p.first
	p.ops = append(p.ops, pathOp{close: true})
}

func (p *path) Pen() (x, y float32) { return p.pen.x, p.pen.y }

func (p *path) reset() { p.ops = p.ops[:0] }

// addTo adds the path to z with the point (ox, oy) as z's origin.
func (p *path) addTo(z *vector.Rasterizer, ox, oy float32) {
	for _, op := range p.ops {
		switch {
		case op.close:
			z.ClosePath()
		case op.move:
			z.MoveTo(op.p.x-ox, op.p.y-oy)
		default:
			z.LineTo(op.p.x-ox, op.p.y-oy)
		}
	}
}

// paintMask paints p through a coverage mask (one byte per pixel, rows of r.Dx() bytes) that
// lies over the device rectangle r, in the rows of the band. Runs of uncovered pixels, most of
// any mask, are skipped eight at a time.
func (c *canvas) paintMask(r image.Rectangle, mask []uint8, p paint) {
	cr := r.Intersect(c.clip)
	if cr.Empty() {
		return
	}
	w, cw := r.Dx(), cr.Dx()
	var cols []source
	if p.stops != nil {
		cols = p.columns(cr.Min.X, cr.Max.X)
	}
	src := p.src
	for y := cr.Min.Y; y < cr.Max.Y; y++ {
		off := c.img.PixOffset(cr.Min.X, y)
		row := c.img.Pix[off : off+4*cw]
		mo := (y-r.Min.Y)*w + cr.Min.X - r.Min.X
		mrow := mask[mo : mo+cw]
		if cols != nil {
			for x, m := range mrow {
				if m != 0 {
					blendPixel(row[4*x:4*x+4], &cols[x], uint32(m))
				}
			}
			continue
		}
		paintRow(row, mrow, &src)
	}
}

// paintRow paints s through one row of coverage: the pixels are row[4*x:4*x+4] for the
// coverage mrow[x]. Runs of eight uncovered pixels are skipped, and eight fully covered pixels
// of an opaque colour are stored without blending.
func paintRow(row, mrow []uint8, s *source) {
	opaque := s.opaque()
	n := len(mrow)
	for x := 0; x < n; {
		end := n
		if x+8 <= n {
			switch binary.LittleEndian.Uint64(mrow[x:]) {
			case 0:
				x += 8
				continue
			case ^uint64(0):
				if opaque {
					for k := x; k < x+8; k++ {
						binary.LittleEndian.PutUint32(row[4*k:], s.packed)
					}
					x += 8
					continue
				}
			}
			end = x + 8
		}
		for ; x < end; x++ {
			m := uint32(mrow[x])
			if m == 0 {
				continue
			}
			px := row[4*x : 4*x+4 : 4*x+4]
			if m == 255 && opaque {
				binary.LittleEndian.PutUint32(px, s.packed)
			} else {
				binary.LittleEndian.PutUint32(px, blendWith(binary.LittleEndian.Uint32(px), s.lanes, m, 255-div255(s.a*m)))
			}
		}
	}
}

// within reports whether the polygon stays within a few pixels of r, so needs no clipping.
func within(poly []pt, r image.Rectangle) bool {
	const slack = 64
	for _, q := range poly {
		if q.x < float64(r.Min.X-slack) || q.x > float64(r.Max.X+slack) || q.y < float64(r.Min.Y-slack) || q.y > float64(r.Max.Y+slack) {
			return false
		}
	}
	return true
}

// tileSize is the side of the tiles a large stroke is rasterised in.
const tileSize = 48

// fillCapsules fills the union of stroke pieces. The rasteriser's cost grows with the area it
// covers, so a long diagonal link would cost as much as a full-page fill; instead a large stroke
// is rasterised tile by tile, skipping the tiles no piece comes near. Each tile computes the exact
// coverage of its own pixels, so no seams appear between tiles.
func (c *canvas) fillCapsules(pieces []capsulePoly, p paint) {
	if len(pieces) == 0 {
		return
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, cp := range pieces {
		minX = min(minX, min(cp.a.x, cp.b.x)-cp.r)
		maxX = max(maxX, max(cp.a.x, cp.b.x)+cp.r)
		minY = min(minY, min(cp.a.y, cp.b.y)-cp.r)
		maxY = max(maxY, max(cp.a.y, cp.b.y)+cp.r)
	}
	bounds := image.Rect(pixel(math.Floor(minX))-1, pixel(math.Floor(minY))-1, pixel(math.Ceil(maxX))+2, pixel(math.Ceil(maxY))+2).Intersect(c.bounds)
	if bounds.Empty() {
		return
	}
	polys := make([][]pt, 0, len(pieces))
	if bounds.Dx()*bounds.Dy() <= 4*tileSize*tileSize {
		for _, cp := range pieces {
			polys = append(polys, cp.poly)
		}
		c.rasterize(bounds, polys, p, partStroke)
		return
	}
	// Only the rows of tiles that reach into the band; the grid stays where it was.
	ty0 := bounds.Min.Y
	if c.clip.Min.Y > ty0 {
		ty0 += (c.clip.Min.Y - ty0) / tileSize * tileSize
	}
	for ty := ty0; ty < bounds.Max.Y && ty < c.clip.Max.Y; ty += tileSize {
		for tx := bounds.Min.X; tx < bounds.Max.X; tx += tileSize {
			tile := image.Rect(tx, ty, tx+tileSize, ty+tileSize).Intersect(bounds)
			x0, y0 := float64(tile.Min.X)-1, float64(tile.Min.Y)-1
			x1, y1 := float64(tile.Max.X)+1, float64(tile.Max.Y)+1
			polys = polys[:0]
			for _, cp := range pieces {
				if distToRect(cp.a, cp.b, x0, y0, x1, y1) <= cp.r {
					polys = append(polys, cp.poly)
				}
			}
			if len(polys) > 0 {
				c.rasterize(tile, polys, p, partStroke)
			}
		}
	}
}
