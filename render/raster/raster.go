// Package raster draws Scenes as anti-aliased bitmaps and writes them as PNG, in pure Go.
//
// Shapes are filled with golang.org/x/image/vector. Straight strokes (links, axes, dashes) get
// each pixel's coverage computed directly; other strokes are turned into outline polygons (one
// quad per segment plus round joins), dashes by cutting the polyline first, circles into polygons
// fine enough that no facet shows at the output resolution. Text is drawn from the outlines of
// the same Go fonts the PDF embeds (golang.org/x/image/font/sfnt): upright text from glyph masks
// rasterised once per size and quarter-pixel position, turned text from its outlines in one
// pass. Solid circles are cached the same way as glyphs. The picture is drawn in bands that stay
// in the processor's cache (see band.go): Render draws them in parallel; Encode draws them from the
// top while the rows above are compressed, as image/png compresses them (png.go), so that the
// compression, which takes longest, starts with the first band.
//
// The same scene and options always give the same bytes, on amd64 and arm64 alike: no pixel
// depends on the bands or on the number of processors, the PNG encoder settings are fixed
// (TestPNGFingerprints pins the bytes, make test-arm64 checks them under arm64 emulation), and
// nothing is left to the instruction set:
//   - Products added to a sum are rounded explicitly, float64(x*y) + z, so that arm64, where Go
//     fuses multiply-adds, computes what amd64 computes. The other outputs do the same - SVG,
//     PDF, diff overlays (internal/mapdiff) and history trails (internal/history) - and
//     scripts/fma-check.sh finds any fused one in the packages the command line links; make
//     test-arm64 runs all their goldens under arm64 emulation.
//   - Curves are flattened here (curveTo), not by golang.org/x/image/vector, whose interpolation
//     is fused on arm64; hypot replaces math.Hypot, whose Go version is fused too.
//   - The vector rasteriser fills masks of at most 512 pixels a side (larger ones in tiles, see
//     rasterMask): beyond that it sums in float32, with SSE on amd64 in another order.
//
// The standard library's sine, cosine and arc tangent are fused on arm64 as well and differ from
// amd64's in the last bit for about half of all arguments; their results only place points, to
// far less than a float32 step of a pixel, and no picture of the tests differs for them.
package raster

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/image/vector"

	"mapwright/internal/cancel"
	"mapwright/render"
)

// Options control the bitmap.
type Options struct {
	// Scale is device pixels per scene unit; 0 means DefaultScale. OWM exports PNG at 2x.
	Scale float64
	// Transparent leaves the background clear: neither white, nor the scene's own background
	// colour, nor its background items are painted. Without it the picture is painted on the
	// scene's background colour, or on white when the scene has none.
	Transparent bool
}

// DefaultScale is the scale used when Options.Scale is zero.
const DefaultScale = 2

// MaxPixels bounds the size of a bitmap (about 256 MB of RGBA). Encode refuses larger images;
// Render lowers the scale to stay within it.
const MaxPixels = 1 << 26

func (o Options) scale() float64 {
	if o.Scale > 0 && !math.IsInf(o.Scale, 0) {
		return o.Scale
	}
	return DefaultScale
}

// bitmapSize returns the pixel size of the scene at scale.
func bitmapSize(s *render.Scene, scale float64) (int, int) {
	w, h := s.Width*scale, s.Height*scale
	if !(w >= 1) {
		w = 1
	}
	if !(h >= 1) {
		h = 1
	}
	return int(math.Ceil(w)), int(math.Ceil(h))
}

// Encode writes the scene as a PNG image.
func Encode(w io.Writer, s *render.Scene, opts Options) error {
	return encodeStop(nil, w, s, opts)
}

// EncodeContext is Encode that stops when ctx is done: it then returns ctx's error and writes
// nothing more to w (a picture cancelled while its compressed bands are written is incomplete).
func EncodeContext(ctx context.Context, w io.Writer, s *render.Scene, opts Options) error {
	return encodeStop(cancel.New(ctx), w, s, opts)
}

func encodeStop(stop *cancel.Check, w io.Writer, s *render.Scene, opts Options) error {
	if s == nil {
		return errors.New("raster: nil scene")
	}
	if opts.Scale < 0 || math.IsNaN(opts.Scale) || math.IsInf(opts.Scale, 0) {
		return fmt.Errorf("raster: scale %g is not a positive number", opts.Scale)
	}
	if !(s.Width > 0) || !(s.Height > 0) || math.IsInf(s.Width, 0) || math.IsInf(s.Height, 0) {
		return fmt.Errorf("raster: scene size %gx%g is not a positive size", s.Width, s.Height)
	}
	if bw, bh := s.Width*opts.scale(), s.Height*opts.scale(); bw*bh > MaxPixels {
		return fmt.Errorf("raster: a %.0fx%.0f pixel image is larger than the limit of %d pixels; lower the scale", bw, bh, MaxPixels)
	}
	// Painting over an opaque background keeps every pixel opaque (blend rounds alpha back to
	// 255), so the picture can be stored as RGB without checking each pixel.
	opaque := !opts.Transparent && (s.Background.IsNone() || s.Background.A == 255)
	// The picture is drawn band by band from the top as the encoder needs its rows, into the
	// memory of a few bands, so that compression, which takes longest, starts as soon as the
	// first band is drawn, and the whole picture is never held. That memory is pooled.
	slots, _ := bandPool.Get().(*bandSlots)
	if slots == nil {
		slots = new(bandSlots)
	}
	defer bandPool.Put(slots)
	p := newPicture(s, opts)
	err := encodeBands(stop, w, slots, p, p.format(opaque))
	if err == errNotGrey { // a colour glyph
		err = encodeBands(stop, w, slots, p, colourFormat(opaque))
	}
	if err != nil {
		if err := stop.Err(); err != nil {
			return err
		}
		return fmt.Errorf("raster: %w", err)
	}
	return nil
}

// encodeBands writes the picture p as a PNG in format f, drawing it band by band into slots.
func encodeBands(stop *cancel.Check, w io.Writer, slots *bandSlots, p picture, f pngFormat) error {
	bw := newBandWriter(slots, p)
	defer bw.done()
	return encodePNG(stop, w, p.w, p.h, f, bw)
}

// bandPool holds the bands' pixels for Encode to reuse.
var bandPool sync.Pool

// Render draws the scene into a new RGBA image of Width*Scale by Height*Scale pixels. A scene
// that would exceed MaxPixels is drawn at the largest scale that fits; a nil scene gives a
// single transparent pixel.
func Render(s *render.Scene, opts Options) *image.RGBA {
	if s == nil {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	p := newPicture(s, opts)
	img := image.NewRGBA(image.Rect(0, 0, p.w, p.h))
	drawBands(img, p, runtime.GOMAXPROCS(0))
	return img
}

// picture is a scene planned for drawing at a size in pixels.
type picture struct {
	w, h    int
	scale   float64
	plans   []itemPlan
	bg      render.Color // painted under everything, unless clearBg
	clearBg bool         // the background is left transparent
}

// newPicture plans the drawing of the scene.
func newPicture(s *render.Scene, opts Options) picture {
	scale := opts.scale()
	if area := s.Width * s.Height * scale * scale; area > MaxPixels {
		scale = math.Sqrt(MaxPixels / (s.Width * s.Height))
	}
	w, h := bitmapSize(s, scale)
	bg := s.Background
	if bg.IsNone() {
		bg = render.RGB(255, 255, 255)
	}
	return picture{w: w, h: h, scale: scale, plans: planItems(s, opts.Transparent, scale, h), bg: bg, clearBg: opts.Transparent}
}

// format is the PNG format Encode tries first for the picture, opaque or not: grey when every
// paint is grey, else colour.
func (p picture) format(opaque bool) pngFormat {
	if p.grey() {
		return greyFormat(opaque)
	}
	return colourFormat(opaque)
}

// grey reports whether every paint of the picture is grey (red, green and blue equal): its
// background, unless left clear, and every item's fill, stroke and gradient. Blending grey over
// grey gives grey (every channel is blended alike), so every pixel is grey then, except in colour
// glyphs, which encodePNG finds (errNotGrey).
func (p picture) grey() bool {
	isGrey := func(c render.Color) bool { return c.R == c.G && c.G == c.B }
	if !p.clearBg && !isGrey(p.bg) {
		return false
	}
	for i := range p.plans {
		it := p.plans[i].it
		if !isGrey(it.Fill) || !isGrey(it.Stroke) {
			return false
		}
		for _, st := range it.Gradient {
			if !isGrey(st.Color) {
				return false
			}
		}
	}
	return true
}

// canvas draws bands of one picture. It is not safe for concurrent use; each goroutine drawing
// bands has its own, and they share only the image (each writes its own bands' rows).
type canvas struct {
	img    *image.RGBA     // the pixels: of the whole picture, or of the band being drawn
	bounds image.Rectangle // the whole picture's
	scale  float64
	clip   image.Rectangle // the band being drawn: no pixel outside it is written
	up     bool            // bands come upwards
	cur    *itemPlan       // the item being drawn

	ras       vector.Rasterizer
	path      path         // the outline being built, for rasterMask
	tileBuf   []uint8      // scratch coverage of one tile of a large mask
	maskBuf   []uint8      // scratch coverage mask, reused between items
	placed    []placedMask // scratch list of the glyphs of one text
	kept      map[maskRef]keptMask
	keptBytes int
	spare     [64][][]uint8 // buffers of dropped masks, by capacity 1<<i
	clipBuf   [2][]pt       // scratch polygons of clipPolygonInto

	// Lock-free copies of entries of the process-wide glyph and circle caches; canvases are
	// pooled, so these stay warm from one picture to the next.
	glyphMasks  map[canvasGlyphKey]*glyphMask
	circleMasks map[circleKey]*circleMasks
	memo        map[int]*itemMemo
}

func premultiply(c render.Color) color.RGBA {
	a := uint32(c.A)
	return color.RGBA{R: uint8(uint32(c.R) * a / 255), G: uint8(uint32(c.G) * a / 255), B: uint8(uint32(c.B) * a / 255), A: c.A}
}

// item draws one display-list item.
func (c *canvas) item(it *render.Item) {
	switch it.Shape {
	case render.ShapeRect:
		x, y, w, h := it.X, it.Y, it.W, it.H
		if w < 0 {
			x, w = x+w, -w
		}
		if h < 0 {
			y, h = y+h, -h
		}
		x, y, w, h = float64(x*c.scale), float64(y*c.scale), float64(w*c.scale), float64(h*c.scale)
		if len(it.Gradient) > 0 {
			c.fillRect(x, y, w, h, gradientPaint(it.Gradient, x, w))
		} else if !it.Fill.IsNone() {
			c.fillRect(x, y, w, h, uniformPaint(it.Fill))
		}
		if !it.Stroke.IsNone() {
			c.stroke([]pt{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}, true, it, true)
		}
	case render.ShapeCircle:
		r := float64(math.Abs(it.R) * c.scale)
		if r == 0 {
			return
		}
		cx, cy := float64(it.X*c.scale), float64(it.Y*c.scale)
		if len(it.Gradient) == 0 && (it.Stroke.IsNone() || render.DashPattern(it.Dash) == nil) {
			var fill, stroke *paint
			if !it.Fill.IsNone() {
				p := uniformPaint(it.Fill)
				fill = &p
			}
			if !it.Stroke.IsNone() {
				p := uniformPaint(it.Stroke)
				stroke = &p
			}
			if c.maskedCircle(cx, cy, r, it.LineWidth()*c.scale/2, fill, stroke) {
				return
			}
		}
		// A circle reaching into the next band keeps its polygons for it.
		memo := c.memoOf()
		var ring []pt
		if memo != nil && memo.disc != nil {
			ring = memo.disc
		} else {
			ring = circlePoints(cx, cy, r)
			if memo != nil {
				memo.disc = ring
			}
		}
		if len(it.Gradient) > 0 {
			c.fillPolygons([][]pt{ring}, gradientPaint(it.Gradient, cx-r, 2*r), partFill)
		} else if !it.Fill.IsNone() {
			c.fillPolygons([][]pt{ring}, uniformPaint(it.Fill), partFill)
		}
		if !it.Stroke.IsNone() {
			if render.DashPattern(it.Dash) == nil {
				var polys [][]pt
				if memo != nil && memo.ring != nil {
					polys = memo.ring
				} else {
					// A solid circle's stroke is the ring between two circles: the inner one
					// turns the other way, so the rasteriser cuts it out.
					hw := float64(it.LineWidth() * c.scale / 2)
					outer := oriented(circlePoints(cx, cy, r+hw))
					polys = append(polys, outer)
					if r > hw {
						inner := oriented(circlePoints(cx, cy, r-hw))
						slices.Reverse(inner)
						polys = append(polys, inner)
					}
					if memo != nil {
						memo.ring = polys
					}
				}
				c.fillPolygons(polys, uniformPaint(it.Stroke), partStroke)
			} else {
				c.stroke(ring, true, it, false)
			}
		}
	case render.ShapeLine:
		if len(it.Points) >= 2 && !it.Stroke.IsNone() {
			c.stroke(c.device(it.Points[:2]), false, it, false)
		}
	case render.ShapePath:
		if len(it.Points) < 2 {
			return
		}
		pts := c.device(it.Points)
		if len(pts) > 2 {
			// An open path is filled as if closed, as SVG does; its stroke stays open.
			if len(it.Gradient) > 0 {
				minX, maxX := pts[0].x, pts[0].x
				for _, q := range pts {
					minX, maxX = min(minX, q.x), max(maxX, q.x)
				}
				c.fillPolygons([][]pt{pts}, gradientPaint(it.Gradient, minX, maxX-minX), partFill)
			} else if !it.Fill.IsNone() {
				c.fillPolygons([][]pt{pts}, uniformPaint(it.Fill), partFill)
			}
		}
		if !it.Stroke.IsNone() {
			c.stroke(pts, it.Closed, it, false)
		}
	case render.ShapeText:
		c.text(it)
	}
}

// device converts scene points to device pixels.
func (c *canvas) device(ps []render.Point) []pt {
	out := make([]pt, len(ps))
	for i, q := range ps {
		out[i] = pt{q.X * c.scale, q.Y * c.scale}
	}
	return out
}

// stroke draws the outline of a polyline with the item's stroke colour, width and dashes. Joins
// are round (as SVG paths are drawn), or square for rectangles (SVG's default miter).
func (c *canvas) stroke(pts []pt, closed bool, it *render.Item, square bool) {
	hw := it.LineWidth() * c.scale / 2
	var pieces [][]pt
	if dash := render.DashPattern(it.Dash); dash != nil {
		// The dashes are found once per item, not once per band it reaches.
		memo := c.memoOf()
		if memo != nil && memo.dashes != nil {
			pieces, closed = memo.dashes, false
		} else {
			pieces, closed = c.dashes(pts, closed, dash, hw), false
			if memo != nil {
				memo.dashes = pieces
			}
		}
	} else {
		pieces = [][]pt{pts}
	}
	col := newSource(premultiply(it.Stroke))
	var polys []capsulePoly
	for _, piece := range pieces {
		if len(piece) == 2 && !closed {
			c.segment(piece[0], piece[1], hw, &col) // links, axes and dashes: most strokes
			continue
		}
		polys = strokeOutline(polys, piece, closed, hw, square)
	}
	c.fillCapsules(polys, uniformPaint(it.Stroke))
}

// dashes cuts a polyline (closed: joined back to its start) into the dashes of pattern (in
// scene units) inside the picture.
func (c *canvas) dashes(pts []pt, closed bool, dash []float64, hw float64) [][]pt {
	scaled := make([]float64, len(dash))
	for i, d := range dash {
		scaled[i] = d * c.scale
	}
	if closed && len(pts) > 1 {
		pts = append(pts[:len(pts):len(pts)], pts[0])
	}
	b := c.bounds
	m := hw + 2
	return splitDashes(pts, scaled, [4]float64{float64(b.Min.X) - m, float64(b.Min.Y) - m, float64(b.Max.X) + m, float64(b.Max.Y) + m})
}

// itemFinite reports whether every coordinate of the item is a finite number.
func itemFinite(it *render.Item) bool {
	for _, v := range [...]float64{it.X, it.Y, it.W, it.H, it.R, it.StrokeWidth, it.Rotate, it.Font.Size} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	for _, q := range it.Points {
		if math.IsNaN(q.X) || math.IsInf(q.X, 0) || math.IsNaN(q.Y) || math.IsInf(q.Y, 0) {
			return false
		}
	}
	return true
}
