package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"image"
	"image/png"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"github.com/jung-kurt/gofpdf"
	xdraw "golang.org/x/image/draw"

	"mapwright/render"
	"mapwright/render/typeset"
)

// Text the Go fonts cannot draw alone (render.Shaped) is drawn glyph by glyph from its shaped
// line. The glyphs a system face draws in the document are embedded as simple TrueType fonts
// made for the document: each glyph, with the characters it stands for, gets a code (33 to 255,
// then further fonts of the face for more), and the font program holds just those glyphs'
// outlines (CFF curves, as in the Noto CJK fonts, are turned into TrueType's quadratic ones).
// Shaped glyphs (Arabic joining forms, Devanagari conjuncts) have no character code of their
// own, so each font's ToUnicode map (see toUnicode) gives every code the characters it stands
// for: viewers search and copy the text. Colour emoji are drawn as their pictures over an
// invisible glyph that carries their text.

// glyphKey is a glyph of a face and the characters it stands for.
type glyphKey struct {
	id   font.GID
	text string
}

const (
	firstGlyphCode = 33
	glyphBlockSize = 256 - firstGlyphCode
)

// glyphFonts are the fonts made for one system face in one document.
type glyphFonts struct {
	face     *typeset.Face
	keys     []glyphKey // in order of first use
	advance  []float64  // of each key where first used, in em
	codes    map[glyphKey]uint16
	families []string
	images   map[font.GID]glyphImage // colour glyphs
}

// glyphImage is a colour glyph's picture registered with the document; its width is stretched
// by widen (see register).
type glyphImage struct {
	name  string // "" when the glyph has no picture to show
	widen float64
}

// shapedFonts are a document's glyph fonts by face key.
type shapedFonts map[string]*glyphFonts

// collectShaped adds the glyphs of a shaped line: system faces' glyphs to sf, the Go face's
// characters to ff.
func (sf shapedFonts) collect(l *typeset.Line, ff *faceFonts) {
	for _, run := range l.Runs {
		if !run.Face.Fallback {
			for _, g := range run.Glyphs {
				ff.add(render.PrintableText(g.Text))
			}
			continue
		}
		gf := sf[run.Face.Key]
		if gf == nil {
			gf = &glyphFonts{face: run.Face, codes: map[glyphKey]uint16{}}
			sf[run.Face.Key] = gf
		}
		for i, g := range run.Glyphs {
			k := glyphKey{g.ID, extractText(run, g)}
			if _, ok := gf.codes[k]; !ok {
				n := len(gf.keys)
				gf.codes[k] = uint16(n/glyphBlockSize)<<8 | uint16(firstGlyphCode+n%glyphBlockSize)
				gf.keys = append(gf.keys, k)
				// The glyph carrying a cluster's text spans the whole cluster, and the others of
				// the cluster span nothing, so that text extraction sees the cluster's characters
				// over its width, with no gap.
				adv := 0.0
				if g.Text != "" {
					adv = g.Advance
					for _, c := range run.Glyphs[i+1:] {
						if c.Text != "" {
							break
						}
						adv += c.Advance
					}
				}
				gf.advance = append(gf.advance, adv)
			}
		}
	}
}

// extractText is what a glyph's ToUnicode entry says: the characters of its cluster, in reverse
// order in a right-to-left run. Text extractors (pdftotext, pdf.js) read a right-to-left word's
// characters from right to left, a ligature's too, so the lam-alef ligature of "ملاحظة",
// mapped to "لا", came out "مالحظة".
func extractText(run typeset.Run, g typeset.Glyph) string {
	if !run.RTL || utf8.RuneCountInString(g.Text) < 2 {
		return g.Text
	}
	rs := []rune(g.Text)
	slices.Reverse(rs)
	return string(rs)
}

// register embeds the glyph fonts in the order of their faces' keys, and returns what each
// font's ToUnicode map must say.
func (sf shapedFonts) register(doc *gofpdf.Fpdf, maps map[string]*unicodeMap) error {
	images := new(int)
	keys := make([]string, 0, len(sf))
	for k := range sf {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, key := range keys {
		gf := sf[key]
		blocks := (len(gf.keys) + glyphBlockSize - 1) / glyphBlockSize
		for b := range blocks {
			family := "f" + strconv.Itoa(i+1) + "-" + gf.face.Name
			if b > 0 {
				family += "-" + strconv.Itoa(b+1)
			}
			gf.families = append(gf.families, family)
			lo, hi := b*glyphBlockSize, min((b+1)*glyphBlockSize, len(gf.keys))
			block := gf.keys[lo:hi]
			def, file, name, err := gf.blockFont(family, block, gf.advance[lo:hi])
			if err != nil {
				return fmt.Errorf("pdf: font %s: %w", family, err)
			}
			doc.AddFontFromBytes(family, "", def, file)
			um := &unicodeMap{symbolic: true}
			for j, k := range block {
				um.add(byte(firstGlyphCode+j), k.text)
			}
			maps[name] = um
		}
		if gf.face.Color {
			gf.images = map[font.GID]glyphImage{}
			for _, k := range gf.keys {
				if _, done := gf.images[k.id]; done {
					continue
				}
				gf.images[k.id] = glyphImage{}
				bm, ok := gf.face.GlyphData(k.id).(font.GlyphBitmap)
				if !ok || bm.Format != font.PNG {
					continue
				}
				// gofpdf writes images in the order of their widths, and pictures of the same
				// width in map order: each picture gets a transparent margin of its own width on
				// its right, so the order, and so the bytes, are always the same.
				data, w, ok := widenedPicture(gf.face.Key, k.id, bm.Data, *images)
				if !ok {
					continue
				}
				name := fmt.Sprintf("glyph-%d-%d", i+1, k.id)
				doc.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(data))
				gf.images[k.id] = glyphImage{name, float64(w+*images) / float64(w)}
				*images++
			}
		}
	}
	return nil
}

// pictureKey names a colour glyph's picture with a margin.
type pictureKey struct {
	face   string
	id     font.GID
	margin int
}

var (
	picturesMu sync.Mutex
	pictures   = map[pictureKey][]byte{} // PNG with the margin, made once per process
	outlinesMu sync.Mutex
	outlines   = map[pictureKey]ttGlyph{} // TrueType contours of a system face's glyph (margin 0)
)

const pictureHeight = 72

// widenedPicture returns a colour glyph's PNG with margin transparent columns on its right,
// and the picture's own width.
func widenedPicture(face string, id font.GID, data []byte, margin int) ([]byte, int, bool) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 {
		return nil, 0, false
	}
	key := pictureKey{face, id, margin}
	picturesMu.Lock()
	defer picturesMu.Unlock()
	if b, ok := pictures[key]; ok {
		w := cfg.Width
		if cfg.Height > pictureHeight {
			w = (w*pictureHeight + cfg.Height/2) / cfg.Height
		}
		return b, w, true
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, false
	}
	// Pictures are kept at most pictureHeight pixels high: 300 pixels to the inch at 17 points,
	// and gofpdf's work on each (it splits and compresses the alpha) is a quarter of the
	// 136-pixel originals'.
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if h > pictureHeight {
		w, h = (w*pictureHeight+h/2)/h, pictureHeight
	}
	wide := image.NewNRGBA(image.Rect(0, 0, w+margin, h))
	xdraw.CatmullRom.Scale(wide, image.Rect(0, 0, w, h), src, b, xdraw.Src, nil)
	var buf bytes.Buffer
	if png.Encode(&buf, wide) != nil {
		return nil, 0, false
	}
	if len(pictures) < 4096 {
		pictures[key] = buf.Bytes()
	}
	return buf.Bytes(), w, true
}

// blockFont makes the font of one block of glyphs: its gofpdf definition, its compressed font
// file and its PostScript name.
func (gf *glyphFonts) blockFont(family string, block []glyphKey, advance []float64) (def, file []byte, name string, err error) {
	upem := gf.face.Upem
	widths := make([]int, 256)
	glyphs := make([]ttGlyph, 0, len(block)+1)
	glyphs = append(glyphs, ttGlyph{}) // .notdef, empty
	for i, k := range block {
		g := cachedOutline(gf.face, k.id)
		// The advance of the glyph's cluster (see collect): the painter places each glyph where
		// shaping put it, so widths only tell text extraction where characters lie.
		g.advance = int(math.Round(advance[i] * upem))
		widths[firstGlyphCode+i] = int(math.Round(advance[i] * 1000))
		glyphs = append(glyphs, g)
	}
	ttf, box := buildTrueType(glyphs, int(upem))
	file, size := zlibCompress(ttf)
	h := fnv.New64a()
	h.Write([]byte(family))
	for _, k := range block {
		fmt.Fprintf(h, "%d:%s;", k.id, k.text)
	}
	sum := h.Sum64()
	var tag [6]byte
	for i := range tag {
		tag[i] = byte('A' + sum%26)
		sum /= 26
	}
	name = string(tag[:]) + "+" + family
	k := 1000 / upem
	desc := fontDescriptor{
		Ascent: int(math.Round(float64(box[3]) * k)), Descent: int(math.Round(float64(box[1]) * k)),
		CapHeight: int(math.Round(float64(box[3]) * k)), Flags: flagSymbolic, StemV: 80,
	}
	desc.FontBBox.Xmin, desc.FontBBox.Ymin = int(float64(box[0])*k), int(float64(box[1])*k)
	desc.FontBBox.Xmax, desc.FontBBox.Ymax = int(float64(box[2])*k), int(float64(box[3])*k)
	def, err = json.Marshal(fontDefinition{
		Tp: "TrueType", Name: name, Desc: desc, Up: -100, Ut: 50, Cw: widths,
		Enc: "cp1252", File: family + ".z", OriginalSize: size,
	})
	return def, file, name, err
}

// flagSymbolic marks a font whose codes are its own (PDF 32000-1, 9.8.2).
const flagSymbolic = 4

// ttGlyph is a glyph of a font being built: its contours of points in font units (y up).
type ttGlyph struct {
	contours [][]ttPoint
	advance  int
}

type ttPoint struct {
	x, y int16
	on   bool
}

// cachedOutline is outlineGlyph, read once per process for each glyph.
func cachedOutline(f *typeset.Face, id font.GID) ttGlyph {
	key := pictureKey{face: f.Key, id: id}
	outlinesMu.Lock()
	g, ok := outlines[key]
	outlinesMu.Unlock()
	if ok {
		return g
	}
	g = outlineGlyph(f, id)
	outlinesMu.Lock()
	if len(outlines) < 1<<14 {
		outlines[key] = g
	}
	outlinesMu.Unlock()
	return g
}

// outlineGlyph reads a glyph's outline as TrueType contours; cubic curves become two quadratic
// ones each, which stay within a small fraction of a font unit of the curve at map sizes.
func outlineGlyph(f *typeset.Face, id font.GID) ttGlyph {
	var out *font.GlyphOutline
	switch d := f.GlyphData(id).(type) {
	case font.GlyphOutline:
		out = &d
	case font.GlyphSVG:
		out = &d.Outline
	case font.GlyphBitmap:
		if !f.Color {
			out = d.Outline
		}
	}
	var g ttGlyph
	if out == nil {
		return g
	}
	var cur []ttPoint
	var last [2]float32
	pt := func(x, y float32, on bool) ttPoint {
		return ttPoint{int16(math.Round(float64(x))), int16(math.Round(float64(y))), on}
	}
	flush := func() {
		if n := len(cur); n > 1 && cur[0] == cur[n-1] {
			cur = cur[:n-1]
		}
		if len(cur) > 0 {
			g.contours = append(g.contours, cur)
		}
		cur = nil
	}
	for _, s := range out.Segments {
		a := s.Args
		switch s.Op {
		case opentype.SegmentOpMoveTo:
			flush()
			cur = append(cur, pt(a[0].X, a[0].Y, true))
			last = [2]float32{a[0].X, a[0].Y}
		case opentype.SegmentOpLineTo:
			cur = append(cur, pt(a[0].X, a[0].Y, true))
			last = [2]float32{a[0].X, a[0].Y}
		case opentype.SegmentOpQuadTo:
			cur = append(cur, pt(a[0].X, a[0].Y, false), pt(a[1].X, a[1].Y, true))
			last = [2]float32{a[1].X, a[1].Y}
		case opentype.SegmentOpCubeTo:
			// Split at t = 1/2 and give each half the quadratic control point that matches its
			// tangents on average: (3(c1 + c2) - (p0 + p3)) / 4.
			p0 := last
			c1, c2, p3 := [2]float32{a[0].X, a[0].Y}, [2]float32{a[1].X, a[1].Y}, [2]float32{a[2].X, a[2].Y}
			mid := func(p, q [2]float32) [2]float32 { return [2]float32{(p[0] + q[0]) / 2, (p[1] + q[1]) / 2} }
			p01, p12, p23 := mid(p0, c1), mid(c1, c2), mid(c2, p3)
			p012, p123 := mid(p01, p12), mid(p12, p23)
			m := mid(p012, p123)
			for _, h := range [2][4][2]float32{{p0, p01, p012, m}, {m, p123, p23, p3}} {
				cx := (float32(3*(h[1][0]+h[2][0])) - (h[0][0] + h[3][0])) / 4
				cy := (float32(3*(h[1][1]+h[2][1])) - (h[0][1] + h[3][1])) / 4
				cur = append(cur, pt(cx, cy, false), pt(h[3][0], h[3][1], true))
			}
			last = p3
		}
	}
	flush()
	return g
}

// buildTrueType writes a TrueType font of glyphs (glyph i has id i) whose codes 33 and up draw
// glyphs 1 and up, and returns it with the box of all glyphs (xMin, yMin, xMax, yMax).
func buildTrueType(glyphs []ttGlyph, upem int) ([]byte, [4]int16) {
	be := binary.BigEndian
	t := outlineTables(glyphs)
	box, n := t.box, len(glyphs)

	head := make([]byte, 54)
	be.PutUint32(head[0:], 0x00010000)
	be.PutUint32(head[4:], 0x00010000)
	be.PutUint32(head[12:], 0x5F0F3CF5)
	be.PutUint16(head[16:], 3)
	be.PutUint16(head[18:], uint16(upem))
	for i, v := range box {
		be.PutUint16(head[36+2*i:], uint16(v))
	}
	be.PutUint16(head[46:], 8) // lowestRecPPEM
	be.PutUint16(head[48:], 2) // fontDirectionHint
	be.PutUint16(head[50:], 1) // long loca offsets

	hhea := make([]byte, 36)
	be.PutUint32(hhea[0:], 0x00010000)
	be.PutUint16(hhea[4:], uint16(box[3]))
	be.PutUint16(hhea[6:], uint16(box[1]))
	be.PutUint16(hhea[10:], uint16(t.maxAdv))
	be.PutUint16(hhea[18:], 1) // caretSlopeRise
	be.PutUint16(hhea[34:], uint16(n))

	maxp := make([]byte, 32)
	be.PutUint32(maxp[0:], 0x00010000)
	be.PutUint16(maxp[4:], uint16(n))
	be.PutUint16(maxp[6:], uint16(t.maxPts))
	be.PutUint16(maxp[8:], uint16(t.maxContours))
	be.PutUint16(maxp[14:], 2) // maxZones

	post := make([]byte, 32)
	be.PutUint32(post[0:], 0x00030000)

	return assembleFont(map[string][]byte{
		"cmap": symbolCmap(n), "glyf": t.glyf, "head": head, "hhea": hhea, "hmtx": t.hmtx, "loca": t.loca, "maxp": maxp, "post": post,
	}, &fixedTables{}), box
}

// glyphTables are the tables of a built font that hold its glyphs, and what its other tables
// say about them.
type glyphTables struct {
	glyf, loca, hmtx            []byte
	box                         [4]int16 // of every glyph with an outline
	maxPts, maxContours, maxAdv int
}

// outlineTables writes the glyf, loca and hmtx tables of glyphs.
func outlineTables(glyphs []ttGlyph) glyphTables {
	be := binary.BigEndian
	t := glyphTables{loca: make([]byte, 0, 4*(len(glyphs)+1)), hmtx: make([]byte, 0, 4*len(glyphs))}
	first := true
	for _, g := range glyphs {
		t.loca = be.AppendUint32(t.loca, uint32(len(t.glyf)))
		var gb [4]int16
		n := 0
		for ci, c := range g.contours {
			for i, p := range c {
				if ci == 0 && i == 0 {
					gb = [4]int16{p.x, p.y, p.x, p.y}
				}
				gb = [4]int16{min(gb[0], p.x), min(gb[1], p.y), max(gb[2], p.x), max(gb[3], p.y)}
			}
			n += len(c)
		}
		t.hmtx = be.AppendUint16(t.hmtx, uint16(max(g.advance, 0)))
		t.hmtx = be.AppendUint16(t.hmtx, uint16(gb[0]))
		t.maxAdv = max(t.maxAdv, g.advance)
		if n == 0 {
			continue
		}
		if first {
			t.box, first = gb, false
		}
		t.box = [4]int16{min(t.box[0], gb[0]), min(t.box[1], gb[1]), max(t.box[2], gb[2]), max(t.box[3], gb[3])}
		t.maxPts, t.maxContours = max(t.maxPts, n), max(t.maxContours, len(g.contours))
		t.glyf = appendGlyph(t.glyf, g, gb)
	}
	t.loca = be.AppendUint32(t.loca, uint32(len(t.glyf)))
	return t
}

// appendGlyph writes one simple glyph of the glyf table (its box gb; every coordinate as a
// 16-bit difference, no flag repeats), padded to four bytes.
func appendGlyph(glyf []byte, g ttGlyph, gb [4]int16) []byte {
	be := binary.BigEndian
	glyf = be.AppendUint16(glyf, uint16(len(g.contours)))
	for _, v := range gb {
		glyf = be.AppendUint16(glyf, uint16(v))
	}
	end := -1
	for _, c := range g.contours {
		end += len(c)
		glyf = be.AppendUint16(glyf, uint16(end))
	}
	glyf = be.AppendUint16(glyf, 0) // no instructions
	for _, c := range g.contours {
		for _, p := range c {
			if p.on {
				glyf = append(glyf, 1)
			} else {
				glyf = append(glyf, 0)
			}
		}
	}
	var px, py int16
	for _, c := range g.contours {
		for _, p := range c {
			glyf = be.AppendUint16(glyf, uint16(p.x-px))
			px = p.x
		}
	}
	for _, c := range g.contours {
		for _, p := range c {
			glyf = be.AppendUint16(glyf, uint16(p.y-py))
			py = p.y
		}
	}
	for len(glyf)%4 != 0 {
		glyf = append(glyf, 0)
	}
	return glyf
}

// symbolCmap is the cmap of a font of n glyphs: (1,0) byte encoding and (3,0) symbol, both
// mapping code c (or U+F000+c) to its glyph.
func symbolCmap(n int) []byte {
	be := binary.BigEndian
	mac := make([]byte, 262)
	be.PutUint16(mac[2:], 262)
	for i := 1; i < n && firstGlyphCode+i-1 < 256; i++ {
		mac[6+firstGlyphCode+i-1] = byte(i)
	}
	segs := n - 1 + 1 // one segment per code, and the final one
	sym := make([]byte, 16+8*segs)
	be.PutUint16(sym[0:], 4)
	be.PutUint16(sym[2:], uint16(len(sym)))
	be.PutUint16(sym[6:], uint16(2*segs))
	sr := 2
	for sr*2 <= 2*segs {
		sr *= 2
	}
	be.PutUint16(sym[8:], uint16(sr))
	be.PutUint16(sym[10:], uint16(bitsLen(sr/2)-1))
	be.PutUint16(sym[12:], uint16(2*segs-sr))
	ends, starts, deltas := sym[14:], sym[16+2*segs:], sym[16+4*segs:]
	for i := 1; i < n; i++ {
		c := uint16(0xF000 + firstGlyphCode + i - 1)
		be.PutUint16(ends[2*(i-1):], c)
		be.PutUint16(starts[2*(i-1):], c)
		be.PutUint16(deltas[2*(i-1):], uint16(i)-c)
	}
	be.PutUint16(ends[2*(segs-1):], 0xFFFF)
	be.PutUint16(starts[2*(segs-1):], 0xFFFF)
	be.PutUint16(deltas[2*(segs-1):], 1)
	cmap := make([]byte, 4+16)
	be.PutUint16(cmap[2:], 2)
	be.PutUint16(cmap[4:], 1) // (1, 0)
	be.PutUint32(cmap[8:], 20)
	be.PutUint16(cmap[12:], 3) // (3, 0)
	be.PutUint32(cmap[16:], uint32(20+len(mac)))
	return append(append(cmap, mac...), sym...)
}

func bitsLen(v int) int {
	n := 0
	for ; v > 0; v >>= 1 {
		n++
	}
	return n
}

// zlibCompress returns b as a zlib stream, and its length before.
func zlibCompress(b []byte) ([]byte, int) {
	var buf bytes.Buffer
	w := zlibWriters.Get().(*zlib.Writer)
	w.Reset(&buf)
	w.Write(b)
	w.Close()
	zlibWriters.Put(w)
	return buf.Bytes(), len(b)
}

var zlibWriters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// shapedText draws a text item from its shaped line: the Go face's glyphs in the document's Go
// fonts, system faces' glyphs in their glyph fonts, colour glyphs as pictures.
func (p *painter) shapedText(it *render.Item, l *typeset.Line) {
	c := it.Fill
	if c.IsNone() {
		c = it.Stroke
	}
	size := p.l(it.Font.Size)
	if c.IsNone() || !(size > 0) {
		return
	}
	ff := p.fonts[render.FontKey(it.Font)]
	w := float64(l.Width * size)
	x, y := p.x(it.X), p.y(it.Y)
	x0 := x + it.Anchor.Offset(w)
	p.setAlpha(c.A)
	if rgb := render.RGB(c.R, c.G, c.B); rgb != p.textColor {
		p.doc.SetTextColor(int(c.R), int(c.G), int(c.B))
		p.textColor = rgb
	}
	if it.Rotate != 0 {
		p.doc.TransformBegin()
		p.doc.TransformRotate(-it.Rotate, x, y)
	}
	setFont := func(family string) {
		if f := (fontChoice{family, "", size}); f != p.font || it.Rotate != 0 {
			p.doc.SetFont(family, "", size)
			p.font = f
		}
	}
	for _, run := range l.Runs {
		if !run.Face.Fallback {
			if ff == nil {
				continue
			}
			for _, g := range run.Glyphs {
				if g.Text == "" {
					continue
				}
				gx := x0 + float64(g.X*size)
				for _, r := range ff.encode(render.PrintableText(g.Text), p.runs[:0]) {
					setFont(r.family)
					p.doc.Text(gx, y+float64(g.Y*size), r.text)
					gx += float64(r.width) * size / 1000
				}
			}
			continue
		}
		gf := p.shaped[run.Face.Key]
		if gf == nil {
			continue
		}
		for _, g := range run.Glyphs {
			code, ok := gf.codes[glyphKey{g.ID, extractText(run, g)}]
			if !ok {
				continue
			}
			gx, gy := x0+float64(g.X*size), y+float64(g.Y*size)
			if img := gf.images[g.ID]; img.name != "" {
				if ext, ok := gf.face.Extents(g.ID); ok && ext.Width > 0 {
					k := size / gf.face.Upem
					p.doc.ImageOptions(img.name, gx+float64(float64(ext.XBearing)*k), gy-float64(float64(ext.YBearing)*k),
						float64(ext.Width)*k*img.widen, -float64(ext.Height)*k, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
				}
			}
			setFont(gf.families[code>>8])
			p.doc.Text(gx, gy, string([]byte{byte(code)}))
		}
	}
	if it.Underline {
		p.setFill(c)
		p.doc.Rect(x0, y+float64(0.1*size), w, math.Max(0.05*size, 0.5), "F")
	}
	if it.Rotate != 0 {
		p.doc.TransformEnd()
		p.font = fontChoice{}
	}
	if it.Link != "" {
		asc, desc := render.AscentRatio*size, render.DescentRatio*size
		bx0, by0, bx1, by1 := rotatedBox(x0-x, -asc, x0-x+w, desc, it.Rotate)
		p.link(it, x+bx0, y+by0, bx1-bx0, by1-by0)
	}
}

// unicodeMap is what a font's ToUnicode map says: the characters of each code.
type unicodeMap struct {
	symbolic bool // a glyph font: its dictionary loses gofpdf's /Encoding, its codes are its own
	text     [256]string
	used     [256]bool
}

// add maps code to s; an empty s (the second glyph of a cluster, whose first carries the
// cluster's text) maps to no character, so that extraction does not invent one.
func (m *unicodeMap) add(code byte, s string) { m.text[code], m.used[code] = s, true }

// cmap writes the ToUnicode CMap.
func (m *unicodeMap) cmap() []byte {
	var entries []string
	for c, s := range m.text {
		if !m.used[c] {
			continue
		}
		var hex strings.Builder
		for _, u := range utf16.Encode([]rune(s)) {
			fmt.Fprintf(&hex, "%04X", u)
		}
		entries = append(entries, fmt.Sprintf("<%02X> <%s>", c, hex.String()))
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	for len(entries) > 0 {
		n := min(len(entries), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n%s\nendbfchar\n", n, strings.Join(entries[:n], "\n"))
		entries = entries[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}
