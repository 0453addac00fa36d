package raster

import (
	"image"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"mapwright/render"
)

// glyph is one glyph outline in em units (y down, origin on the baseline at the pen position).
type glyph struct {
	advance float64
	ops     []sfnt.SegmentOp
	pts     []pt // the points of ops in order: 1 for move/line, 2 for quad, 3 for cube
	min     pt   // the box of pts (which holds the outline), empty when there are none
	max     pt
}

// face is a parsed font with a cache of its glyph outlines. sfnt.Font may be shared between
// goroutines as long as each uses its own sfnt.Buffer; the cache and the buffer are guarded by
// mu, so one face serves every concurrent Render.
type face struct {
	font                         *sfnt.Font
	upem                         float64
	underlinePos, underlineThick float64 // em units, position of the line's top, y down

	mu     sync.Mutex
	buf    sfnt.Buffer
	glyphs map[rune]*glyph
	masks  map[maskKey]*glyphMask
}

// maxCachedGlyphs bounds each face's cache, so that maps written in every script of the BMP
// cannot grow it without limit; glyphs beyond it are loaded each time they are drawn.
const maxCachedGlyphs = 4096

var (
	facesMu sync.Mutex
	faces   = map[string]*face{}
)

// faceFor returns the cached face that draws f; fonts are parsed once per process.
func faceFor(f render.Font) *face {
	key := render.FontKey(f)
	facesMu.Lock()
	defer facesMu.Unlock()
	if fc := faces[key]; fc != nil {
		return fc
	}
	fc := &face{glyphs: map[rune]*glyph{}, masks: map[maskKey]*glyphMask{}, upem: 1000, underlinePos: 0.1, underlineThick: 0.05}
	if fnt, err := sfnt.Parse(render.FontBytes(f)); err == nil {
		fc.font = fnt
		fc.upem = float64(fnt.UnitsPerEm())
		if post := fnt.PostTable(); post != nil && post.UnderlineThickness > 0 {
			fc.underlinePos = -float64(post.UnderlinePosition) / fc.upem
			fc.underlineThick = float64(post.UnderlineThickness) / fc.upem
		}
	}
	faces[key] = fc
	return fc
}

// glyphs returns the outline of every rune of s, loading missing ones into the cache.
func (fc *face) glyphsOf(s string) []*glyph {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	out := make([]*glyph, 0, len(s))
	for _, r := range s {
		g := fc.glyphs[r]
		if g == nil {
			g = fc.load(r)
			if len(fc.glyphs) < maxCachedGlyphs {
				fc.glyphs[r] = g
			}
		}
		out = append(out, g)
	}
	return out
}

// load reads one glyph outline; a rune the font lacks gets its .notdef box, as in the PDF.
func (fc *face) load(r rune) *glyph {
	g := &glyph{advance: 0.5}
	if fc.font == nil {
		return g
	}
	idx, err := fc.font.GlyphIndex(&fc.buf, r)
	if err != nil {
		idx = 0
	}
	ppem := fixed.Int26_6(fc.upem * 64)
	if adv, err := fc.font.GlyphAdvance(&fc.buf, idx, ppem, font.HintingNone); err == nil {
		g.advance = float64(adv) / 64 / fc.upem
	}
	segs, err := fc.font.LoadGlyph(&fc.buf, idx, ppem, nil)
	if err != nil {
		return g
	}
	scale := 1 / (64 * fc.upem)
	g.min, g.max = pt{math.Inf(1), math.Inf(1)}, pt{math.Inf(-1), math.Inf(-1)}
	for _, s := range segs {
		n := 1
		switch s.Op {
		case sfnt.SegmentOpQuadTo:
			n = 2
		case sfnt.SegmentOpCubeTo:
			n = 3
		}
		g.ops = append(g.ops, s.Op)
		for i := 0; i < n; i++ {
			q := pt{float64(s.Args[i].X) * scale, float64(s.Args[i].Y) * scale}
			g.pts = append(g.pts, q)
			g.min = pt{min(g.min.x, q.x), min(g.min.y, q.y)}
			g.max = pt{max(g.max.x, q.x), max(g.max.y, q.y)}
		}
	}
	return g
}

// text draws a text item: each glyph's outline is placed along the baseline and turned about
// the item's point by its rotation. Upright text, nearly all of it, is drawn from cached glyph
// masks; turned text is filled from the outlines in one pass.
func (c *canvas) text(it *render.Item) {
	if c.cur.line != nil {
		c.shapedText(it, c.cur.line)
		return
	}
	s, glyphs := c.cur.text, c.cur.glyphs
	col := it.Fill
	if col.IsNone() {
		col = it.Stroke
	}
	size := float64(it.Font.Size * c.scale)
	if s == "" || col.IsNone() || !(size > 0) {
		return
	}
	x0, width, ok := textExtent(glyphs, size, it.Anchor)
	if !ok {
		return
	}
	fc := c.cur.face
	sin, cos := math.Sincos(it.Rotate * math.Pi / 180)
	ox, oy := float64(it.X*c.scale), float64(it.Y*c.scale)
	place := func(lx, ly float64) (float64, float64) {
		return ox + float64(lx*cos) - float64(ly*sin), oy + float64(lx*sin) + float64(ly*cos)
	}
	if it.Rotate == 0 && size <= maxMaskedSize {
		c.uprightText(fc, s, glyphs, size, ox+x0, oy, uniformPaint(col))
	} else {
		c.turnedText(glyphs, size, x0, width, place, uniformPaint(col))
	}
	if it.Underline {
		// A separate fill: glyph contours and this bar may wind in opposite directions, and in
		// one pass the bar would cut holes where descenders cross it.
		top, bottom := float64(fc.underlinePos*size), float64((fc.underlinePos+fc.underlineThick)*size)
		if bottom-top < 1 {
			bottom = top + 1 // keep the line visible at small sizes
		}
		var bar []pt
		for _, q := range [4]pt{{x0, top}, {x0 + width, top}, {x0 + width, bottom}, {x0, bottom}} {
			x, y := place(q.x, q.y)
			bar = append(bar, pt{x, y})
		}
		c.fillPolygons([][]pt{bar}, uniformPaint(col), partUnderline)
	}
}

// textExtent returns where glyphs at size (the em in pixels) start, from the anchor, and how
// far they reach; not ok for far more text than any picture can show, which is skipped rather
// than spend time and memory on.
func textExtent(glyphs []*glyph, size float64, anchor render.TextAnchor) (x0, width float64, ok bool) {
	for _, g := range glyphs {
		width += g.advance
	}
	width = float64(width * size)
	if width > 1e6 || size > 1e5 {
		return 0, 0, false
	}
	return anchor.Offset(width), width, true
}

// turnedText fills the outlines of glyphs laid along a baseline from x0 (size is the em in
// pixels, width the advance of them all) and carried to the device by place, in one pass.
func (c *canvas) turnedText(glyphs []*glyph, size, x0, width float64, place func(lx, ly float64) (float64, float64), p paint) {
	b := c.bounds
	z := &c.path
	// The text's bounds in device space: its box turned with it, padded for overhangs.
	asc, desc, pad := size*1.2, size*0.35, size*0.3 // room for stacked accents, descenders and italic overhang
	r := turnedBounds(x0, width, asc, desc, pad, place).Intersect(b)
	if r.Empty() || !r.Overlaps(c.clip) {
		return
	}
	mask := c.maskOf(r, partText, func() {
		fx, fy := float64(r.Min.X), float64(r.Min.Y)
		dev := func(q pt, pen float64) (float32, float32) {
			x, y := place(x0+pen+float64(q.x*size), q.y*size)
			return float32(x - fx), float32(y - fy)
		}
		pen := 0.0
		for _, g := range glyphs {
			addOutline(z, g, func(q pt) (float32, float32) { return dev(q, pen) })
			pen += float64(g.advance * size)
		}
	})
	c.paintMask(r, mask, p)
}

// addOutline adds the glyph's contours to the rasteriser, each point carried to the
// rasteriser's space by dev.
func addOutline(z *path, g *glyph, dev func(pt) (float32, float32)) {
	k := 0
	for _, op := range g.ops {
		switch op {
		case sfnt.SegmentOpMoveTo:
			z.MoveTo(dev(g.pts[k]))
			k++
		case sfnt.SegmentOpLineTo:
			z.LineTo(dev(g.pts[k]))
			k++
		case sfnt.SegmentOpQuadTo:
			var ctrl [4]pt32
			ctrl[0].x, ctrl[0].y = z.Pen()
			ctrl[1].x, ctrl[1].y = dev(g.pts[k])
			ctrl[2].x, ctrl[2].y = dev(g.pts[k+1])
			curveTo(z, ctrl[:3])
			k += 2
		case sfnt.SegmentOpCubeTo:
			var ctrl [4]pt32
			ctrl[0].x, ctrl[0].y = z.Pen()
			ctrl[1].x, ctrl[1].y = dev(g.pts[k])
			ctrl[2].x, ctrl[2].y = dev(g.pts[k+1])
			ctrl[3].x, ctrl[3].y = dev(g.pts[k+2])
			curveTo(z, ctrl[:])
			k += 3
		}
	}
	z.ClosePath()
}

// pt32 is a point in the rasteriser's float32 space.
type pt32 struct{ x, y float32 }

// curveTo adds the Bézier curve with control points ctrl (the first the pen, the last the end;
// a quadratic or a cubic) as straight segments: the points at t = 1/n, 2/n, ... found by
// repeated interpolation, n growing with the fourth root of how far the middle control points
// pull away from the chord. These are the segments vector's own QuadTo and CubeTo make, but
// each product is rounded before it is added: vector computes p + t*(q-p), which Go fuses into
// one multiply-add on arm64 and not on amd64, and glyph edges then differed by a level.
func curveTo(z *path, ctrl []pt32) {
	a, end := ctrl[0], ctrl[len(ctrl)-1]
	var dev float32
	for _, b := range ctrl[1 : len(ctrl)-1] {
		dx, dy := a.x-float32(2*b.x)+end.x, a.y-float32(2*b.y)+end.y
		dev = max(dev, float32(dx*dx)+float32(dy*dy))
	}
	if dev >= 0.333 {
		n := 1 + int(math.Sqrt(math.Sqrt(3*float64(dev))))
		step := 1 / float32(n)
		var t float32
		var work [4]pt32
		for range n - 1 {
			t += step
			p := work[:copy(work[:], ctrl)]
			for len(p) > 1 { // one degree lower per pass: de Casteljau
				for i := range len(p) - 1 {
					p[i] = pt32{p[i].x + float32(t*(p[i+1].x-p[i].x)), p[i].y + float32(t*(p[i+1].y-p[i].y))}
				}
				p = p[:len(p)-1]
			}
			z.LineTo(p[0].x, p[0].y)
		}
	}
	z.LineTo(end.x, end.y)
}

// subpixel is the number of positions per pixel, across and down, that glyph masks are made
// for. A glyph is drawn at the nearest of them: at most an eighth of a pixel from where its
// outline would fall, which no eye can see, and each glyph of a size needs at most sixteen
// masks, so a map's text is rasterised once and then only copied.
const subpixel = 4

// maxMaskedSize is the largest em, in pixels, drawn from glyph masks; larger text (titles on
// posters, hostile sizes) is filled from its outlines, clipped to the picture.
const maxMaskedSize = 256

// maxCachedMasks bounds each face's mask cache (a mask is a few hundred bytes at map sizes);
// glyphs beyond it are rasterised each time they are drawn.
const maxCachedMasks = 16384

// maskKey names one glyph mask of a face: the rune, the em size in pixels and the subpixel
// position (x + subpixel*y, in steps of 1/subpixel).
type maskKey struct {
	r    rune
	size float64
	sub  uint8
}

// glyphMask is the coverage of one glyph at one size and subpixel position: w x h bytes whose
// top-left pixel lies (dx, dy) pixels from the pixel that holds the glyph's origin.
type glyphMask struct {
	dx, dy, w, h int
	pix          []uint8
}

// placedMask is a glyph mask and the device pixel its origin falls in.
type placedMask struct {
	m    *glyphMask
	x, y int
}

// uprightText draws unturned text whose baseline starts at device (x, y): each glyph's mask,
// made once per size and subpixel position, is added into one coverage mask for the whole text,
// which is then painted. Adding (with saturation) is what the rasteriser does when it fills
// the glyphs together, so glyphs that touch join as they would in one fill.
func (c *canvas) uprightText(fc *face, s string, glyphs []*glyph, size, x, y float64, p paint) {
	b := c.clip
	iy := math.Floor(y)
	qy := int(math.Round((y - iy) * subpixel))
	if qy == subpixel {
		iy, qy = iy+1, 0
	}
	placed := c.placed[:0]
	union := image.Rectangle{}
	pen := x
	i := 0
	for _, r := range s {
		g := glyphs[i]
		i++
		gx := pen
		pen += float64(g.advance * size)
		if len(g.ops) == 0 || g.min.x > g.max.x {
			continue
		}
		ix := math.Floor(gx)
		qx := int(math.Round((gx - ix) * subpixel))
		if qx == subpixel {
			ix, qx = ix+1, 0
		}
		// Glyphs wholly outside the band are neither rasterised nor cached.
		box := image.Rect(pixel(ix+math.Floor(g.min.x*size))-1, pixel(iy+math.Floor(g.min.y*size))-1,
			pixel(ix+math.Ceil(g.max.x*size))+2, pixel(iy+math.Ceil(g.max.y*size))+2)
		if !box.Overlaps(b) {
			continue
		}
		key := maskKey{r: r, size: size, sub: uint8(qx + subpixel*qy)}
		m := c.glyphMaskOf(fc, key, g)
		if m.w == 0 || m.h == 0 {
			continue
		}
		pm := placedMask{m: m, x: pixel(ix), y: pixel(iy)}
		placed = append(placed, pm)
		union = union.Union(image.Rect(pm.x+m.dx, pm.y+m.dy, pm.x+m.dx+m.w, pm.y+m.dy+m.h))
	}
	c.placed = placed[:0]
	r := union.Intersect(b)
	if r.Empty() {
		return
	}
	// Glyphs whose boxes do not overlap (nearly always) share no pixel: each mask is painted
	// as it is, with the same result as adding them up first.
	apart := true
	right := math.MinInt
	for _, pm := range placed {
		if left := pm.x + pm.m.dx; left < right {
			apart = false
			break
		}
		right = max(right, pm.x+pm.m.dx+pm.m.w)
	}
	if apart {
		for _, pm := range placed {
			m := pm.m
			c.paintMask(image.Rect(pm.x+m.dx, pm.y+m.dy, pm.x+m.dx+m.w, pm.y+m.dy+m.h), m.pix, p)
		}
		return
	}
	w, h := r.Dx(), r.Dy()
	if cap(c.maskBuf) < w*h {
		c.maskBuf = make([]uint8, w*h)
	}
	acc := c.maskBuf[:w*h]
	clear(acc)
	for _, pm := range placed {
		m := pm.m
		gr := image.Rect(pm.x+m.dx, pm.y+m.dy, pm.x+m.dx+m.w, pm.y+m.dy+m.h)
		cr := gr.Intersect(r)
		for yy := cr.Min.Y; yy < cr.Max.Y; yy++ {
			src := m.pix[(yy-gr.Min.Y)*m.w+cr.Min.X-gr.Min.X : (yy-gr.Min.Y)*m.w+cr.Max.X-gr.Min.X]
			dst := acc[(yy-r.Min.Y)*w+cr.Min.X-r.Min.X : (yy-r.Min.Y)*w+cr.Max.X-r.Min.X]
			for k, v := range src {
				if v != 0 {
					dst[k] = uint8(min(uint32(dst[k])+uint32(v), 255))
				}
			}
		}
	}
	c.paintMask(r, acc, p)
}

// glyphMaskOf returns the mask of g named by key, from the canvas's own table when it has
// it (no lock, so the goroutines drawing bands do not wait on each other), else from the face's
// cache, rasterising it there when it is new.
func (c *canvas) glyphMaskOf(fc *face, key maskKey, g *glyph) *glyphMask {
	ck := canvasGlyphKey{fc, key}
	if m := c.glyphMasks[ck]; m != nil {
		return m
	}
	fc.mu.Lock()
	m := fc.masks[key]
	cached := m != nil
	if m == nil {
		m = c.rasterizeGlyph(g, key.size, float64(key.sub%subpixel)/subpixel, float64(key.sub/subpixel)/subpixel)
		if len(fc.masks) < maxCachedMasks {
			fc.masks[key] = m
			cached = true
		}
	}
	fc.mu.Unlock()
	if cached && len(c.glyphMasks) < maxCachedMasks {
		if c.glyphMasks == nil {
			c.glyphMasks = map[canvasGlyphKey]*glyphMask{}
		}
		c.glyphMasks[ck] = m
	}
	return m
}

// canvasGlyphKey names a glyph mask in a canvas's table: the face and the mask's key there.
type canvasGlyphKey struct {
	fc  *face
	key maskKey
}

// rasterizeGlyph makes the mask of g at size with its origin at (fx, fy) inside a pixel.
func (c *canvas) rasterizeGlyph(g *glyph, size, fx, fy float64) *glyphMask {
	x0 := int(math.Floor(fx+float64(g.min.x*size))) - 1
	y0 := int(math.Floor(fy+float64(g.min.y*size))) - 1
	x1 := int(math.Ceil(fx+float64(g.max.x*size))) + 1
	y1 := int(math.Ceil(fy+float64(g.max.y*size))) + 1
	m := &glyphMask{dx: x0, dy: y0, w: x1 - x0, h: y1 - y0}
	if m.w <= 0 || m.h <= 0 {
		return &glyphMask{}
	}
	z := &c.path
	z.reset()
	ox, oy := fx-float64(x0), fy-float64(y0)
	addOutline(z, g, func(q pt) (float32, float32) {
		return float32(ox + float64(q.x*size)), float32(oy + float64(q.y*size))
	})
	m.pix = c.rasterMask(m.w, m.h, make([]uint8, m.w*m.h))
	return m.trim()
}

// trim cuts the mask down to the box of its covered pixels, so that the boxes of neighbouring
// glyphs tell whether their ink can share a pixel.
func (m *glyphMask) trim() *glyphMask {
	x0, y0, x1, y1 := m.w, m.h, 0, 0
	for y := 0; y < m.h; y++ {
		for x, v := range m.pix[y*m.w : (y+1)*m.w] {
			if v != 0 {
				x0, x1 = min(x0, x), max(x1, x+1)
				y0, y1 = min(y0, y), max(y1, y+1)
			}
		}
	}
	if x0 >= x1 || y0 >= y1 {
		return &glyphMask{}
	}
	t := &glyphMask{dx: m.dx + x0, dy: m.dy + y0, w: x1 - x0, h: y1 - y0, pix: make([]uint8, 0, (x1-x0)*(y1-y0))}
	for y := y0; y < y1; y++ {
		t.pix = append(t.pix, m.pix[y*m.w+x0:y*m.w+x1]...)
	}
	return t
}

// turnedBounds is the device-space box of a line of text [x0, x0+width] from asc above to desc
// below its baseline, padded by pad on each side, turned and moved by place.
func turnedBounds(x0, width, asc, desc, pad float64, place func(lx, ly float64) (float64, float64)) image.Rectangle {
	bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range [4][2]float64{{x0 - pad, -asc}, {x0 + width + pad, -asc}, {x0 + width + pad, desc}, {x0 - pad, desc}} {
		x, y := place(q[0], q[1])
		bx0, bx1 = min(bx0, x), max(bx1, x)
		by0, by1 = min(by0, y), max(by1, y)
	}
	return image.Rect(pixel(math.Floor(bx0)), pixel(math.Floor(by0)), pixel(math.Ceil(bx1)), pixel(math.Ceil(by1)))
}
