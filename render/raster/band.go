package raster

import (
	"image"
	"math"
	"math/bits"
	"sync"

	"mapwright/render"
	"mapwright/render/typeset"
)

// The picture is drawn in horizontal bands of a few dozen rows, small enough to stay in the
// processor's cache while every item that reaches into the band is drawn there. Drawing the whole
// picture item by item instead sends each item's pixels out to memory and back: on a dense map,
// where links cross the page again and again, the blends would mostly wait for memory.
//
// Every pixel gets the same value whichever band draws it: coverage is computed from the item's
// geometry alone (a shape rasterised through a mask is rasterised over the same rectangle as
// without bands, and only the rows of the band are painted), so the bands, their size and the
// number of goroutines drawing them change nothing in the picture.

// drawBandRows is the height of the bands drawn at a time: about 256 KB of pixels. It depends on
// the width only.
func drawBandRows(width int) int {
	return max(8, min(256, (512<<10)/(4*max(width, 1))))
}

// itemPlan is an item to draw and the device rows it can touch.
type itemPlan struct {
	it     *render.Item
	index  int
	y0, y1 int           // the item draws only in rows y0 <= y < y1
	text   string        // text: the printable text
	face   *face         // text: its face
	glyphs []*glyph      // text: the glyphs of text, loaded once for every band
	line   *typeset.Line // text the Go font cannot draw alone: its shaped line, instead of glyphs
}

// planItems lists the items to draw with the rows each can reach. Items that would draw nothing
// (background items of a transparent picture, items with coordinates that are not numbers, empty
// text) are left out.
func planItems(s *render.Scene, transparent bool, scale float64, height int) []itemPlan {
	plans := make([]itemPlan, 0, len(s.Items))
	for i := range s.Items {
		it := &s.Items[i]
		if transparent && it.Ref.Kind == render.ElemBackground {
			continue
		}
		if !itemFinite(it) {
			continue
		}
		p := itemPlan{it: it, index: i}
		lo, hi, ok := itemRows(&p, scale)
		if !ok {
			continue
		}
		p.y0 = int(max(0, min(float64(height), math.Floor(lo))))
		p.y1 = int(max(0, min(float64(height), math.Ceil(hi)+1)))
		if p.y0 < p.y1 {
			plans = append(plans, p)
		}
	}
	return plans
}

// itemRows returns the range of device y the item's ink can reach, generously: strokes,
// joins, anti-aliasing and glyph overhangs included. For text it also loads the glyphs.
func itemRows(p *itemPlan, scale float64) (lo, hi float64, ok bool) {
	it := p.it
	margin := 3.0
	if !it.Stroke.IsNone() {
		margin += float64(1.5 * it.LineWidth() * scale / 2) // square joins reach hw*sqrt(2)
	}
	switch it.Shape {
	case render.ShapeRect:
		y0, y1 := it.Y, it.Y+it.H
		lo, hi = min(y0, y1)*scale, max(y0, y1)*scale
	case render.ShapeCircle:
		r := float64(math.Abs(it.R) * scale)
		lo, hi = float64(it.Y*scale)-r, float64(it.Y*scale)+r
	case render.ShapeLine, render.ShapePath:
		if len(it.Points) == 0 {
			return 0, 0, false
		}
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, q := range it.Points {
			lo, hi = min(lo, q.Y*scale), max(hi, q.Y*scale)
		}
	case render.ShapeText:
		var ok bool
		lo, hi, ok = textRows(p, scale)
		if !ok {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	return lo - margin, hi + margin, true
}

// textRows loads the glyphs of a text item and returns the device y its box (turned with the
// text, padded as turnedText pads it) spans.
func textRows(p *itemPlan, scale float64) (lo, hi float64, ok bool) {
	it := p.it
	s := render.PrintableText(it.Text)
	size := it.Font.Size * scale
	if s == "" || (it.Fill.IsNone() && it.Stroke.IsNone()) || !(size > 0) {
		return 0, 0, false
	}
	var x0, width float64
	if p.line = render.Shaped(it.Font, it.Text); p.line != nil {
		x0, width, ok = shapedExtent(p.line, size, it.Anchor)
	} else {
		p.text, p.face = s, faceFor(it.Font)
		p.glyphs = p.face.glyphsOf(s)
		x0, width, ok = textExtent(p.glyphs, size, it.Anchor)
	}
	if !ok {
		return 0, 0, false
	}
	sin, cos := math.Sincos(it.Rotate * math.Pi / 180)
	asc, desc, pad := float64(size*1.2), float64(size*0.35), float64(size*0.3)
	if p.line != nil { // other scripts reach further: Devanagari above, Arabic below, emoji both
		asc, desc = float64(size*1.6), float64(size*0.8)
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, q := range [4][2]float64{{x0 - pad, -asc}, {x0 + width + pad, -asc}, {x0 + width + pad, desc}, {x0 - pad, desc}} {
		y := float64(it.Y*scale) + float64(q[0]*sin) + float64(q[1]*cos)
		lo, hi = min(lo, y), max(hi, y)
	}
	return lo, hi, true
}

// drawBands draws the picture into img (of its size) band by band, on up to workers
// goroutines (Render: GOMAXPROCS).
func drawBands(img *image.RGBA, p picture, workers int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	rows := drawBandRows(w)
	nb := (h + rows - 1) / rows
	// Bands are handed out from both ends: the first goroutine works down from the top, the
	// second up from the bottom (further ones down as well), so that each goes on to the band
	// next to the one it drew and reuses the masks and work it kept for it.
	var mu sync.Mutex
	lo, hi := 0, nb
	take := func(up bool) (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if lo >= hi {
			return 0, false
		}
		if up {
			hi--
			return hi, true
		}
		lo++
		return lo - 1, true
	}
	work := func(up bool) {
		c := getCanvas(img, img.Rect, p.scale, up)
		defer putCanvas(c)
		for {
			b, ok := take(up)
			if !ok {
				return
			}
			c.band(p.plans, image.Rect(0, b*rows, w, min(h, (b+1)*rows)), p.bg, p.clearBg)
		}
	}
	workers = min(nb, workers)
	var wg sync.WaitGroup
	for i := 1; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(i == 1)
		}()
	}
	work(false)
	wg.Wait()
}

// canvasPool holds canvases between pictures, with their rasteriser and scratch buffers.
var canvasPool sync.Pool

// getCanvas returns a canvas to draw bands of a picture of the given bounds on, into img,
// downwards or (up) upwards.
func getCanvas(img *image.RGBA, bounds image.Rectangle, scale float64, up bool) *canvas {
	c, _ := canvasPool.Get().(*canvas)
	if c == nil {
		c = new(canvas)
	}
	c.img, c.bounds, c.scale, c.up = img, bounds, scale, up
	return c
}

// putCanvas gives back a canvas from getCanvas once its picture is drawn.
func putCanvas(c *canvas) {
	c.img, c.cur = nil, nil
	c.dropKept(true)
	canvasPool.Put(c)
}

// bandWriter draws a picture band by band from the top for encodePNG, which compresses the top
// of the picture while the rest is drawn: into the memory of a few bands, never the whole
// picture. The goroutine that reads the rows (draw, row) draws each band it comes to, unless a
// helper (help) drew it already: the compressing goroutine, when it has nothing to compress.
// Each draws on its own canvas, bands in order, so the pixels are those drawBands draws.
type bandWriter struct {
	p     picture
	rows  int // the height of a band
	n     int // the number of bands
	slots *bandSlots
	above []uint8    // the last row of the band before the one being read
	cur   int        // the band being read
	c     [2]*canvas // the reader's and the helper's

	mu       sync.Mutex
	next     int // the first band nobody has started to draw
	consumed int // the bands read to the end
}

// bandSlots holds the bands drawn and not yet read: band k in slot k % len.
type bandSlots [3]struct {
	pix   []uint8
	img   image.RGBA    // the band's rows in pix
	ready chan struct{} // the helper drew the band
}

// newBandWriter returns a bandWriter for p that draws into slots. done gives its canvases back;
// it must be called once the drawing is over, finished or not.
func newBandWriter(slots *bandSlots, p picture) *bandWriter {
	rows := drawBandRows(p.w)
	b := &bandWriter{p: p, rows: rows, n: (p.h + rows - 1) / rows, slots: slots, above: make([]uint8, 4*p.w)}
	for i := range slots {
		slots[i].ready = make(chan struct{}, 1)
	}
	return b
}

// draw makes the band from row y0 ready to read (0, then each row it returned) and returns the
// row below it: it draws the band, or waits for the helper drawing it. The rows from y0-1 to it
// can then be read with row, until the next draw.
func (b *bandWriter) draw(y0 int) int {
	k := y0 / b.rows
	if k > 0 {
		copy(b.above, b.row(y0-1))
	}
	b.mu.Lock()
	b.consumed = k
	mine := b.next == k
	if mine {
		b.next++
	}
	b.mu.Unlock()
	if mine {
		b.drawBand(0, k)
	} else {
		<-b.slots[k%len(b.slots)].ready
	}
	b.cur = k
	return min(b.p.h, y0+b.rows)
}

// help draws the next band nobody has started, when there is one and a slot free for it, and
// reports whether it did. Only one goroutine may help.
func (b *bandWriter) help() bool {
	b.mu.Lock()
	k := b.next
	ok := k < b.n && k < b.consumed+len(b.slots)
	if ok {
		b.next++
	}
	b.mu.Unlock()
	if ok {
		b.drawBand(1, k)
		b.slots[k%len(b.slots)].ready <- struct{}{}
	}
	return ok
}

// drawBand draws band k on canvas c[i].
func (b *bandWriter) drawBand(i, k int) {
	stride := 4 * b.p.w
	s := &b.slots[k%len(b.slots)]
	y0, y1 := k*b.rows, min(b.p.h, (k+1)*b.rows)
	s.pix = grow(s.pix, (y1-y0)*stride)
	s.img = image.RGBA{Pix: s.pix, Stride: stride, Rect: image.Rect(0, y0, b.p.w, y1)}
	if b.c[i] == nil {
		b.c[i] = getCanvas(nil, image.Rect(0, 0, b.p.w, b.p.h), b.p.scale, false)
	}
	b.c[i].img = &s.img
	b.c[i].band(b.p.plans, s.img.Rect, b.p.bg, b.p.clearBg)
}

// row is row y of the picture: of the band last made ready by draw, or the row above it.
func (b *bandWriter) row(y int) []uint8 {
	k := y / b.rows
	if k < b.cur {
		return b.above
	}
	s := &b.slots[k%len(b.slots)]
	off := s.img.PixOffset(0, y)
	return s.pix[off : off+4*b.p.w]
}

// done gives back the canvases the bands were drawn on.
func (b *bandWriter) done() {
	for _, c := range b.c {
		if c != nil {
			putCanvas(c)
		}
	}
}

// band draws the rows of clip: the background, then every item that reaches into them. Bands
// must come to one canvas in order, downwards or (with c.up) upwards: what it keeps for the
// bands ahead is dropped once the band is drawn.
func (c *canvas) band(plans []itemPlan, clip image.Rectangle, bg render.Color, clearBg bool) {
	c.clip = clip
	pix := c.img.Pix[c.img.PixOffset(clip.Min.X, clip.Min.Y) : c.img.PixOffset(clip.Min.X, clip.Max.Y-1)+4*clip.Dx()]
	switch {
	case len(plans) > 0 && hidesAll(plans[0].it, c.scale, c.bounds):
		// The first item (a style's page background) paints every pixel opaquely: whatever
		// lies under it does not matter.
	case clearBg:
		clear(pix)
	default:
		p := premultiply(bg)
		pix[0], pix[1], pix[2], pix[3] = p.R, p.G, p.B, p.A
		for n := 4; n < len(pix); n *= 2 {
			copy(pix[n:], pix[:n])
		}
	}
	for i := range plans {
		p := &plans[i]
		if p.y1 <= clip.Min.Y || p.y0 >= clip.Max.Y {
			continue
		}
		c.cur = p
		c.item(p.it)
	}
	c.cur = nil
	c.dropKept(false)
}

// hidesAll reports whether the item is a rectangle that covers every pixel of the picture
// bounds entirely with opaque paint, so that each pixel gets the paint's colour whatever was
// under it.
func hidesAll(it *render.Item, scale float64, bounds image.Rectangle) bool {
	if it.Shape != render.ShapeRect {
		return false
	}
	x, y, w, h := it.X, it.Y, it.W, it.H
	if w < 0 {
		x, w = x+w, -w
	}
	if h < 0 {
		y, h = y+h, -h
	}
	x, y, w, h = float64(x*scale), float64(y*scale), float64(w*scale), float64(h*scale)
	if !(x <= float64(bounds.Min.X) && y <= float64(bounds.Min.Y) && x+w >= float64(bounds.Max.X) && y+h >= float64(bounds.Max.Y)) {
		return false
	}
	if len(it.Gradient) == 0 {
		return !it.Fill.IsNone() && it.Fill.A == 255
	}
	for _, st := range it.Gradient {
		if st.Color.A != 255 {
			return false
		}
	}
	return true
}

// maskRef names a coverage mask an item rasterised: the item, which of its fills (maskPart),
// and the device rectangle it covers.
type maskRef struct {
	item int
	part maskPart
	r    image.Rectangle
}

// maskPart tells apart the fills of one item.
type maskPart uint8

const (
	partFill maskPart = iota
	partStroke
	partText
	partUnderline
)

// maxKeptBytes bounds the masks a canvas keeps for the bands ahead; beyond it a mask is
// rasterised again in each band it reaches, with the same result.
const maxKeptBytes = 32 << 20

// maxSpareMasks bounds the buffers of dropped masks a canvas holds for reuse, per size class.
const maxSpareMasks = 4096

// keptMask is the mask of a shape that reaches into bands not yet drawn.
type keptMask struct {
	pix []uint8
}

// maskOf returns the coverage mask over r (inside the image) for one fill of the current item:
// the one kept from an earlier band, or a new one that build adds to the rasteriser. The mask
// is only valid until the next call.
func (c *canvas) maskOf(r image.Rectangle, part maskPart, build func()) []uint8 {
	key := maskRef{item: c.cur.index, part: part, r: r}
	if k, ok := c.kept[key]; ok {
		return k.pix
	}
	c.path.reset()
	build()
	n := r.Dx() * r.Dy()
	if !c.reachesAhead(r.Min.Y, r.Max.Y) || c.keptBytes+n > maxKeptBytes {
		return c.rasterMask(r.Dx(), r.Dy(), nil)
	}
	// The mask is needed again ahead: it is drawn into a buffer of its own (one given back by
	// a mask dropped earlier, when there is one large enough) and kept.
	var buf []uint8
	class := bits.Len(uint(n - 1))
	if free := c.spare[class]; len(free) > 0 {
		buf, c.spare[class] = free[len(free)-1][:n], free[:len(free)-1]
	} else {
		buf = make([]uint8, n, 1<<class)
	}
	mask := c.rasterMask(r.Dx(), r.Dy(), buf)
	if c.kept == nil {
		c.kept = map[maskRef]keptMask{}
	}
	c.kept[key] = keptMask{pix: mask}
	c.keptBytes += n
	return mask
}

// reachesAhead reports whether rows y0 <= y < y1 reach into the bands the canvas has still to
// draw: below the band, or above it when it works upwards.
func (c *canvas) reachesAhead(y0, y1 int) bool {
	if c.up {
		return y0 < c.clip.Min.Y
	}
	return y1 > c.clip.Max.Y
}

// dropKept forgets the masks and memos that reach no further than the band just drawn, or all
// of them.
func (c *canvas) dropKept(all bool) {
	for k, m := range c.kept {
		if all || !c.reachesAhead(k.r.Min.Y, k.r.Max.Y) {
			c.keptBytes -= len(m.pix)
			delete(c.kept, k)
			if class := bits.Len(uint(cap(m.pix) - 1)); len(c.spare[class]) < maxSpareMasks {
				c.spare[class] = append(c.spare[class], m.pix)
			}
		}
	}
	for i, m := range c.memo {
		if all || !c.reachesAhead(m.y0, m.y1) {
			delete(c.memo, i)
		}
	}
}

// itemMemo is work on an item that every band it reaches would repeat: the dashes of its
// stroke, the polygons of its circle, the colour and coverage of each column of its rectangle.
type itemMemo struct {
	y0, y1   int
	dashes   [][]pt
	disc     []pt   // a circle's outline
	ring     [][]pt // a circle's solid stroke
	rectCols []source
	rectCov  []float64
}

// memoOf returns the current item's memo, made on first use when the item reaches into bands
// still to draw.
func (c *canvas) memoOf() *itemMemo {
	if !c.reachesAhead(c.cur.y0, c.cur.y1) {
		return nil
	}
	if m := c.memo[c.cur.index]; m != nil {
		return m
	}
	if c.memo == nil {
		c.memo = map[int]*itemMemo{}
	}
	m := &itemMemo{y0: c.cur.y0, y1: c.cur.y1}
	c.memo[c.cur.index] = m
	return m
}
