package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/draw"
	"golang.org/x/image/font/sfnt"

	"mapwright/render"
	"mapwright/render/typeset"
)

// Text the Go fonts cannot draw alone (render.Shaped: CJK, Arabic, Hebrew, Indic scripts, emoji)
// is drawn from its shaped line: each glyph of each run from its own face, at the position
// shaping gave it. Outlines go through the same glyph masks as the Go fonts' glyphs; colour
// glyphs (Noto Color Emoji's bitmaps) are scaled and painted as images.

// shapedFace is a face of shaped text as the rasteriser draws it. Its glyph caches are keyed by
// glyph id (in the rune field of the keys), so they never mix with a Go face's caches by rune.
type shapedFace struct {
	*face
	ts      *typeset.Face
	bitmaps map[font.GID]*colorGlyph // under face.mu
}

// colorGlyph is a colour glyph's picture and where it lies in em (y down) from its origin.
type colorGlyph struct {
	img        image.Image
	x, y, w, h float64
}

var shapedFaces = map[*typeset.Face]*shapedFace{} // under facesMu

func shapedFaceFor(ts *typeset.Face) *shapedFace {
	facesMu.Lock()
	defer facesMu.Unlock()
	if sf := shapedFaces[ts]; sf != nil {
		return sf
	}
	sf := &shapedFace{
		face:    &face{glyphs: map[rune]*glyph{}, masks: map[maskKey]*glyphMask{}, upem: ts.Upem, underlinePos: 0.1, underlineThick: 0.05},
		ts:      ts,
		bitmaps: map[font.GID]*colorGlyph{},
	}
	shapedFaces[ts] = sf
	return sf
}

// glyph returns the outline of glyph id in em units, y down (none for a bitmap-only glyph).
func (sf *shapedFace) glyph(id font.GID) *glyph {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	if g := sf.glyphs[rune(id)]; g != nil {
		return g
	}
	g := &glyph{}
	var out *font.GlyphOutline
	switch d := sf.ts.GlyphData(id).(type) {
	case font.GlyphOutline:
		out = &d
	case font.GlyphSVG:
		out = &d.Outline
	case font.GlyphBitmap:
		if sf.ts.Color {
			sf.bitmaps[id] = sf.decodeBitmap(id, d)
		} else {
			out = d.Outline
		}
	}
	if out != nil {
		scale := 1 / sf.upem
		g.min, g.max = pt{math.Inf(1), math.Inf(1)}, pt{math.Inf(-1), math.Inf(-1)}
		for _, s := range out.Segments {
			n := 1
			op := sfnt.SegmentOpMoveTo
			switch s.Op {
			case opentype.SegmentOpLineTo:
				op = sfnt.SegmentOpLineTo
			case opentype.SegmentOpQuadTo:
				op, n = sfnt.SegmentOpQuadTo, 2
			case opentype.SegmentOpCubeTo:
				op, n = sfnt.SegmentOpCubeTo, 3
			}
			g.ops = append(g.ops, op)
			for i := 0; i < n; i++ {
				q := pt{float64(s.Args[i].X) * scale, -float64(s.Args[i].Y) * scale}
				g.pts = append(g.pts, q)
				g.min = pt{min(g.min.x, q.x), min(g.min.y, q.y)}
				g.max = pt{max(g.max.x, q.x), max(g.max.y, q.y)}
			}
		}
	}
	if len(sf.glyphs) < maxCachedGlyphs {
		sf.glyphs[rune(id)] = g
	}
	return g
}

// decodeBitmap reads a colour glyph's PNG and its box; nil when it cannot be read.
func (sf *shapedFace) decodeBitmap(id font.GID, d font.GlyphBitmap) *colorGlyph {
	if d.Format != font.PNG {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(d.Data))
	if err != nil {
		return nil
	}
	ext, ok := sf.ts.Extents(id)
	if !ok || ext.Width <= 0 || ext.Height >= 0 {
		return nil
	}
	k := 1 / sf.upem
	return &colorGlyph{img: img, x: float64(ext.XBearing) * k, y: -float64(ext.YBearing) * k, w: float64(ext.Width) * k, h: -float64(ext.Height) * k}
}

func (sf *shapedFace) bitmap(id font.GID) *colorGlyph {
	sf.mu.Lock()
	defer sf.mu.Unlock()
	return sf.bitmaps[id]
}

// shapedWidth is the advance of a shaped line at size (the em in pixels); not ok for far more
// text than any picture can show.
func shapedExtent(l *typeset.Line, size float64, anchor render.TextAnchor) (x0, width float64, ok bool) {
	width = float64(l.Width * size)
	if width > 1e6 || size > 1e5 || !(width >= 0) {
		return 0, 0, false
	}
	return anchor.Offset(width), width, true
}

// shapedText draws a text item from its shaped line.
func (c *canvas) shapedText(it *render.Item, l *typeset.Line) {
	col := it.Fill
	if col.IsNone() {
		col = it.Stroke
	}
	size := float64(it.Font.Size * c.scale)
	if col.IsNone() || !(size > 0) {
		return
	}
	x0, width, ok := shapedExtent(l, size, it.Anchor)
	if !ok {
		return
	}
	sin, cos := math.Sincos(it.Rotate * math.Pi / 180)
	ox, oy := float64(it.X*c.scale), float64(it.Y*c.scale)
	place := func(lx, ly float64) (float64, float64) {
		return ox + float64(lx*cos) - float64(ly*sin), oy + float64(lx*sin) + float64(ly*cos)
	}
	p := uniformPaint(col)
	upright := it.Rotate == 0 && size <= maxMaskedSize
	var glyphs []*glyph // turned text: every run's glyphs are filled in one pass
	var pos []pt
	for _, run := range l.Runs {
		sf := shapedFaceFor(run.Face)
		for _, gl := range run.Glyphs {
			g := sf.glyph(gl.ID)
			if sf.ts.Color {
				if b := sf.bitmap(gl.ID); b != nil {
					gx, gy := place(x0+float64((gl.X+b.x)*size), (gl.Y+b.y)*size)
					c.colorGlyph(b, gx, gy, b.w*size, b.h*size, col.A)
					continue
				}
			}
			if len(g.ops) == 0 {
				continue
			}
			if upright {
				c.glyphAt(sf.face, rune(gl.ID), g, size, ox+x0+float64(gl.X*size), oy+float64(gl.Y*size), p)
				continue
			}
			glyphs = append(glyphs, g)
			pos = append(pos, pt{gl.X * size, gl.Y * size})
		}
	}
	if len(glyphs) > 0 {
		c.turnedGlyphs(glyphs, pos, size, x0, width, place, p)
	}
	if it.Underline {
		fc := faceFor(it.Font)
		top, bottom := float64(fc.underlinePos*size), float64((fc.underlinePos+fc.underlineThick)*size)
		if bottom-top < 1 {
			bottom = top + 1
		}
		var bar []pt
		for _, q := range [4]pt{{x0, top}, {x0 + width, top}, {x0 + width, bottom}, {x0, bottom}} {
			x, y := place(q.x, q.y)
			bar = append(bar, pt{x, y})
		}
		c.fillPolygons([][]pt{bar}, p, partUnderline)
	}
}

// glyphAt paints one unturned glyph whose origin falls at device (x, y), from its cached mask.
func (c *canvas) glyphAt(fc *face, key rune, g *glyph, size, x, y float64, p paint) {
	if g.min.x > g.max.x {
		return
	}
	ix, iy := math.Floor(x), math.Floor(y)
	qx, qy := int(math.Round((x-ix)*subpixel)), int(math.Round((y-iy)*subpixel))
	if qx == subpixel {
		ix, qx = ix+1, 0
	}
	if qy == subpixel {
		iy, qy = iy+1, 0
	}
	box := image.Rect(pixel(ix+math.Floor(g.min.x*size))-1, pixel(iy+math.Floor(g.min.y*size))-1,
		pixel(ix+math.Ceil(g.max.x*size))+2, pixel(iy+math.Ceil(g.max.y*size))+2)
	if !box.Overlaps(c.clip) {
		return
	}
	m := c.glyphMaskOf(fc, maskKey{r: key, size: size, sub: uint8(qx + subpixel*qy)}, g)
	if m.w == 0 || m.h == 0 {
		return
	}
	px, py := pixel(ix), pixel(iy)
	c.paintMask(image.Rect(px+m.dx, py+m.dy, px+m.dx+m.w, py+m.dy+m.h), m.pix, p)
}

// colorGlyph paints a colour glyph's picture scaled into the device box at (x, y) of w x h,
// with the text's alpha.
func (c *canvas) colorGlyph(b *colorGlyph, x, y, w, h float64, alpha uint8) {
	r := image.Rect(pixel(math.Round(x)), pixel(math.Round(y)), pixel(math.Round(x+w)), pixel(math.Round(y+h)))
	if r.Dx() <= 0 || r.Dy() <= 0 || r.Dx() > 4096 || r.Dy() > 4096 {
		return
	}
	cr := r.Intersect(c.clip)
	if cr.Empty() {
		return
	}
	scaled := image.NewRGBA(r)
	draw.CatmullRom.Scale(scaled, r, b.img, b.img.Bounds(), draw.Src, nil)
	var mask image.Image
	if alpha != 255 {
		mask = image.NewUniform(color.Alpha{A: alpha})
	}
	draw.DrawMask(c.img, cr, scaled, cr.Min, mask, image.Point{}, draw.Over)
}

// turnedGlyphs fills glyphs at their positions pos (device offsets from x0 along and across the
// baseline) carried to the device by place, in one pass.
func (c *canvas) turnedGlyphs(glyphs []*glyph, pos []pt, size, x0, width float64, place func(lx, ly float64) (float64, float64), p paint) {
	b := c.bounds
	z := &c.path
	asc, desc, pad := size*1.6, size*0.8, size*0.3 // as textRows pads a shaped line
	r := turnedBounds(x0, width, asc, desc, pad, place).Intersect(b)
	if r.Empty() || !r.Overlaps(c.clip) {
		return
	}
	mask := c.maskOf(r, partText, func() {
		fx, fy := float64(r.Min.X), float64(r.Min.Y)
		for i, g := range glyphs {
			at := pos[i]
			addOutline(z, g, func(q pt) (float32, float32) {
				x, y := place(x0+at.x+float64(q.x*size), at.y+float64(q.y*size))
				return float32(x - fx), float32(y - fy)
			})
		}
	})
	c.paintMask(r, mask, p)
}
