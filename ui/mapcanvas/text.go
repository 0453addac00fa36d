package mapcanvas

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"mapwright/render"
	"mapwright/render/raster"
)

// The canvas draws text with the same Go fonts the PDF and PNG encoders embed, so a label has
// the width that label placement measured and the on-screen map matches the exports.

var (
	fontResMu sync.Mutex
	fontRes   = map[string]fyne.Resource{}
)

// fontResource returns the Fyne resource for the Go font that draws f.
func fontResource(f render.Font) fyne.Resource {
	key := render.FontKey(f)
	fontResMu.Lock()
	defer fontResMu.Unlock()
	if r := fontRes[key]; r != nil {
		return r
	}
	r := fyne.NewStaticResource(key+".ttf", render.FontBytes(f))
	fontRes[key] = r
	return r
}

// textBox is where a scene text item sits, in page units: its left edge, the top of its line
// box, its width and the line height. The baseline is at Y of the item.
type textBox struct {
	left, top, w, h float64
}

// layoutText measures an unrotated text item with render's one label-box measure
// (render.ItemBox), so the editor hit-tests and draws the box label placement avoided.
func layoutText(it *render.Item) textBox {
	b := render.ItemBox(it)
	return textBox{left: b.Left, top: b.Top, w: b.Width(), h: b.Height()}
}

// bounds is the box of a text item in page units, rotated about (X, Y) when the item is.
func (b textBox) bounds(it *render.Item) rect {
	r := rect{b.left, b.top, b.left + b.w, b.top + b.h}
	if it.Rotate == 0 {
		return r
	}
	pts := []render.Point{{X: r.x0, Y: r.y0}, {X: r.x1, Y: r.y0}, {X: r.x1, Y: r.y1}, {X: r.x0, Y: r.y1}}
	s, c := math.Sincos(it.Rotate * math.Pi / 180)
	for i, p := range pts {
		dx, dy := p.X-it.X, p.Y-it.Y
		pts[i] = render.Point{X: it.X + dx*c - dy*s, Y: it.Y + dx*s + dy*c}
	}
	return boundsOf(pts)
}

// baselineRatio is where Fyne puts the baseline inside a canvas.Text box, as a fraction of the
// text size, measured once per font through the driver (it depends on the font's metrics).
var (
	baselineMu    sync.Mutex
	baselineCache = map[string]float64{}
)

func baselineRatio(f render.Font) float64 {
	key := render.FontKey(f)
	baselineMu.Lock()
	defer baselineMu.Unlock()
	if r, ok := baselineCache[key]; ok {
		return r
	}
	r := render.AscentRatio
	if a := fyne.CurrentApp(); a != nil && a.Driver() != nil {
		const size = 100
		// Measure with the style the text is drawn with (textStyle), or mono text sits lower
		// than its box expects.
		_, base := a.Driver().RenderedTextSize("Mg", size, textStyle(f), fontResource(f))
		if base > 0 {
			r = float64(base) / size
		}
	}
	baselineCache[key] = r
	return r
}

// rotatedKey identifies a rendered image of rotated text.
type rotatedKey struct {
	text   string
	font   render.Font
	color  render.Color
	rotate float64
	px     int // font size in device pixels
}

var (
	rotatedMu    sync.Mutex
	rotatedCache = newImageCache(rotatedCacheBytes)
	faceCache    = map[[2]any]font.Face{}
)

// rotatedCacheBytes bounds the pixels of one generation of the rotated-text cache: enough for
// every rotated label of a map of thousands of components, so that a redraw of a big map finds
// all of them (a cache smaller than one frame's labels would draw every one again on every
// keystroke), while the memory held stays bounded (two generations).
const rotatedCacheBytes = 32 << 20

// imageCache keeps images by key in two generations, bounded by their pixel bytes: when the
// current generation is full it becomes the previous one (images found there move back to the
// current one) and the one before is dropped, so what the last frames used stays.
type imageCache struct {
	limit     int
	cur, prev map[rotatedKey]*image.NRGBA
	curBytes  int
}

func newImageCache(limit int) *imageCache {
	return &imageCache{limit: limit, cur: map[rotatedKey]*image.NRGBA{}}
}

func (c *imageCache) get(k rotatedKey) (*image.NRGBA, bool) {
	if img, ok := c.cur[k]; ok {
		return img, true
	}
	img, ok := c.prev[k]
	if ok {
		c.put(k, img)
	}
	return img, ok
}

func (c *imageCache) put(k rotatedKey, img *image.NRGBA) {
	n := len(img.Pix)
	if c.curBytes+n > c.limit && len(c.cur) > 0 {
		c.prev, c.cur, c.curBytes = c.cur, map[rotatedKey]*image.NRGBA{}, 0
	}
	c.cur[k] = img
	c.curBytes += n
}

// rotatedText draws text into an image turned by k.rotate degrees clockwise (Fyne cannot rotate
// text; drawing it into an image is the workaround the project notes verified). Quarter turns
// move pixels exactly; other angles (a link's context text along its line) are resampled
// bilinearly. The image covers the rotated text's bounding box and is cached, so it is drawn
// again only when the text, colour, angle or zoom changes.
func rotatedText(k rotatedKey) image.Image {
	rotatedMu.Lock()
	defer rotatedMu.Unlock()
	if img, ok := rotatedCache.get(k); ok {
		return img
	}
	var src *image.NRGBA
	if render.Shaped(k.font, k.text) != nil {
		src = shapedText(k)
	} else {
		face := faceFor(k.font, k.px)
		if face == nil {
			return image.NewNRGBA(image.Rect(0, 0, 1, 1))
		}
		m := face.Metrics()
		w := font.MeasureString(face, k.text).Ceil() + 2
		h := (m.Ascent + m.Descent).Ceil() + 2
		src = image.NewNRGBA(image.Rect(0, 0, w, h))
		d := &font.Drawer{Dst: src, Src: image.NewUniform(color.NRGBA{k.color.R, k.color.G, k.color.B, k.color.A}), Face: face,
			Dot: fixed.Point26_6{X: fixed.I(1), Y: m.Ascent + fixed.I(1)}}
		d.DrawString(k.text)
	}
	var img *image.NRGBA
	if q := quarterTurns(k.rotate); math.Abs(k.rotate-float64(q)*90-360*math.Round((k.rotate-float64(q)*90)/360)) < 0.01 {
		img = rotateQuarter(src, q)
	} else {
		img = rotateAny(src, k.rotate)
	}
	rotatedCache.put(k, img)
	return img
}

// shapedText draws text the Go font cannot draw alone (other scripts, emoji) with the PNG
// encoder (raster), so the editor shows the fonts, shaping and colour emoji of the exports: an
// image of the text's box (render.ItemBox) at k.px pixels to the em.
func shapedText(k rotatedKey) *image.NRGBA {
	it := render.Item{Shape: render.ShapeText, Text: k.text, Font: k.font, Fill: k.color, Anchor: render.AnchorStart}
	b := render.ItemBox(&it)
	it.X, it.Y = -b.Left, -b.Top
	s := &render.Scene{Width: b.Width(), Height: b.Height(), Items: []render.Item{it}}
	rgba := raster.Render(s, raster.Options{Scale: float64(k.px) / k.font.Size, Transparent: true})
	out := image.NewNRGBA(rgba.Bounds())
	draw.Draw(out, out.Rect, rgba, rgba.Rect.Min, draw.Src)
	return out
}

// rotateAny turns src by deg degrees clockwise about its centre into an image the size of the
// rotated bounding box.
func rotateAny(src *image.NRGBA, deg float64) *image.NRGBA {
	sw, sh := float64(src.Bounds().Dx()), float64(src.Bounds().Dy())
	sin, cos := math.Sincos(deg * math.Pi / 180)
	dw := int(math.Ceil(math.Abs(sw*cos) + math.Abs(sh*sin)))
	dh := int(math.Ceil(math.Abs(sw*sin) + math.Abs(sh*cos)))
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < dh; y++ {
		for x := 0; x < dw; x++ {
			// Inverse rotation of the destination pixel centre into the source.
			dx, dy := float64(x)+0.5-float64(dw)/2, float64(y)+0.5-float64(dh)/2
			sx := dx*cos + dy*sin + sw/2 - 0.5
			sy := -dx*sin + dy*cos + sh/2 - 0.5
			dst.SetNRGBA(x, y, bilinear(src, sx, sy))
		}
	}
	return dst
}

// bilinear samples src at a fractional pixel position (transparent outside), premultiplying so
// the text's edges do not darken.
func bilinear(src *image.NRGBA, x, y float64) color.NRGBA {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	var r, g, b, a float64
	for _, s := range [4]struct {
		dx, dy int
		w      float64
	}{{0, 0, (1 - fx) * (1 - fy)}, {1, 0, fx * (1 - fy)}, {0, 1, (1 - fx) * fy}, {1, 1, fx * fy}} {
		px, py := x0+s.dx, y0+s.dy
		if !(image.Point{px, py}.In(src.Bounds())) || s.w == 0 {
			continue
		}
		c := src.NRGBAAt(px, py)
		al := float64(c.A) * s.w
		r += float64(c.R) * al
		g += float64(c.G) * al
		b += float64(c.B) * al
		a += al
	}
	if a <= 0 {
		return color.NRGBA{}
	}
	return color.NRGBA{R: uint8(r/a + 0.5), G: uint8(g/a + 0.5), B: uint8(b/a + 0.5), A: uint8(math.Min(a, 255) + 0.5)}
}

func faceFor(f render.Font, px int) font.Face {
	key := [2]any{render.FontKey(f), px}
	if face, ok := faceCache[key]; ok {
		return face
	}
	fnt, err := opentype.Parse(render.FontBytes(f))
	if err != nil {
		return nil
	}
	face, err := opentype.NewFace(fnt, &opentype.FaceOptions{Size: float64(px), DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil
	}
	faceCache[key] = face
	return face
}

// quarterTurns maps an angle in degrees (clockwise) to 0..3 quarter turns clockwise.
func quarterTurns(deg float64) int {
	q := int(math.Round(deg/90)) % 4
	if q < 0 {
		q += 4
	}
	return q
}

// rotateQuarter turns src clockwise by q quarter turns.
func rotateQuarter(src *image.NRGBA, q int) *image.NRGBA {
	if q == 0 {
		return src
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	var dst *image.NRGBA
	if q%2 == 1 {
		dst = image.NewNRGBA(image.Rect(0, 0, h, w))
	} else {
		dst = image.NewNRGBA(image.Rect(0, 0, w, h))
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := src.NRGBAAt(x, y)
			switch q {
			case 1:
				dst.SetNRGBA(h-1-y, x, c)
			case 2:
				dst.SetNRGBA(w-1-x, h-1-y, c)
			case 3:
				dst.SetNRGBA(y, w-1-x, c)
			}
		}
	}
	return dst
}

// textStyle is the Fyne style a text item of font f is drawn with.
func textStyle(f render.Font) fyne.TextStyle {
	return fyne.TextStyle{Bold: f.Bold, Italic: f.Italic || f.Family == render.FontHand, Monospace: f.Family == render.FontMono}
}
