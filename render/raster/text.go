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
	fc := &face{glyphs: map[rune]*glyph{}, upem: 1000, underlinePos: 0.1, underlineThick: 0.05}
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
			g.pts = append(g.pts, pt{float64(s.Args[i].X) * scale, float64(s.Args[i].Y) * scale})
		}
	}
	return g
}

// text draws a text item: each glyph's outline is placed along the baseline, turned about the
// item's point by its rotation, and filled in one pass.
func (c *canvas) text(it *render.Item) {
	s := render.PrintableText(it.Text)
	col := it.Fill
	if col.IsNone() {
		col = it.Stroke
	}
	size := it.Font.Size * c.scale
	if s == "" || col.IsNone() || !(size > 0) {
		return
	}
	fc := faceFor(it.Font)
	glyphs := fc.glyphsOf(s)
	var width float64
	for _, g := range glyphs {
		width += g.advance
	}
	width *= size
	// Far more text than any picture can show: skip rather than spend time and memory.
	if width > 1e6 || size > 1e5 {
		return
	}
	x0 := 0.0
	switch it.Anchor {
	case render.AnchorMiddle:
		x0 = -width / 2
	case render.AnchorEnd:
		x0 = -width
	}
	sin, cos := math.Sincos(it.Rotate * math.Pi / 180)
	ox, oy := it.X*c.scale, it.Y*c.scale
	place := func(lx, ly float64) (float64, float64) {
		return ox + lx*cos - ly*sin, oy + lx*sin + ly*cos
	}
	b := c.img.Bounds()
	z := &c.ras
	// The text's bounds in device space: its box turned with it, padded for overhangs.
	asc, desc, pad := size*1.2, size*0.35, size*0.3 // room for stacked accents, descenders and italic overhang
	bx0, by0, bx1, by1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range [4][2]float64{{x0 - pad, -asc}, {x0 + width + pad, -asc}, {x0 + width + pad, desc}, {x0 - pad, desc}} {
		x, y := place(q[0], q[1])
		bx0, bx1 = math.Min(bx0, x), math.Max(bx1, x)
		by0, by1 = math.Min(by0, y), math.Max(by1, y)
	}
	r := image.Rect(int(math.Floor(bx0)), int(math.Floor(by0)), int(math.Ceil(bx1)), int(math.Ceil(by1))).Intersect(b)
	if r.Empty() {
		return
	}
	z.Reset(r.Dx(), r.Dy())
	fx, fy := float64(r.Min.X), float64(r.Min.Y)
	dev := func(q pt, pen float64) (float32, float32) {
		x, y := place(x0+pen+q.x*size, q.y*size)
		return float32(x - fx), float32(y - fy)
	}
	pen := 0.0
	for _, g := range glyphs {
		k := 0
		for _, op := range g.ops {
			switch op {
			case sfnt.SegmentOpMoveTo:
				z.MoveTo(dev(g.pts[k], pen))
				k++
			case sfnt.SegmentOpLineTo:
				z.LineTo(dev(g.pts[k], pen))
				k++
			case sfnt.SegmentOpQuadTo:
				bx, by := dev(g.pts[k], pen)
				cx, cy := dev(g.pts[k+1], pen)
				z.QuadTo(bx, by, cx, cy)
				k += 2
			case sfnt.SegmentOpCubeTo:
				bx, by := dev(g.pts[k], pen)
				cx, cy := dev(g.pts[k+1], pen)
				dx, dy := dev(g.pts[k+2], pen)
				z.CubeTo(bx, by, cx, cy, dx, dy)
				k += 3
			}
		}
		z.ClosePath()
		pen += g.advance * size
	}
	c.composite(r, uniformPaint(col))
	if it.Underline {
		// A separate fill: glyph contours and this bar may wind in opposite directions, and in
		// one pass the bar would cut holes where descenders cross it.
		top, bottom := fc.underlinePos*size, (fc.underlinePos+fc.underlineThick)*size
		if bottom-top < 1 {
			bottom = top + 1 // keep the line visible at small sizes
		}
		var bar []pt
		for _, q := range [4]pt{{x0, top}, {x0 + width, top}, {x0 + width, bottom}, {x0, bottom}} {
			x, y := place(q.x, q.y)
			bar = append(bar, pt{x, y})
		}
		c.fillPolygons([][]pt{bar}, uniformPaint(col))
	}
}
