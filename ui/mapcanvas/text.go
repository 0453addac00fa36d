package mapcanvas

import (
	"image"
	"image/color"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"mapwright/render"
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

// lineHeight is the height of one line of text, as a multiple of the font size.
const lineHeight = render.AscentRatio + render.DescentRatio

// layoutText measures an unrotated text item. Width comes from render.MeasureText (cached per
// rune), so no text shaping runs while the user drags or zooms.
func layoutText(it *render.Item) textBox {
	w := render.MeasureText(it.Font, it.Text)
	left := it.X
	switch it.Anchor {
	case render.AnchorMiddle:
		left -= w / 2
	case render.AnchorEnd:
		left -= w
	}
	return textBox{left: left, top: it.Y - render.AscentRatio*it.Font.Size, w: w, h: lineHeight * it.Font.Size}
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
		_, base := a.Driver().RenderedTextSize("Mg", size, fyne.TextStyle{}, fontResource(f))
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
	rotatedCache = map[rotatedKey]image.Image{}
	faceCache    = map[[2]any]font.Face{}
)

// rotatedText draws text into an image and turns it by a multiple of 90 degrees (Fyne cannot
// rotate text; this is the workaround the project notes verified). Other angles snap to the
// nearest quarter turn. The image is cached, so it is drawn again only when the text, colour or
// zoom changes. It returns the image and the baseline-start point inside it (in pixels).
func rotatedText(k rotatedKey) image.Image {
	rotatedMu.Lock()
	defer rotatedMu.Unlock()
	if img, ok := rotatedCache[k]; ok {
		return img
	}
	face := faceFor(k.font, k.px)
	if face == nil {
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	}
	m := face.Metrics()
	w := font.MeasureString(face, k.text).Ceil() + 2
	h := (m.Ascent + m.Descent).Ceil() + 2
	src := image.NewNRGBA(image.Rect(0, 0, w, h))
	d := &font.Drawer{Dst: src, Src: image.NewUniform(color.NRGBA{k.color.R, k.color.G, k.color.B, k.color.A}), Face: face,
		Dot: fixed.Point26_6{X: fixed.I(1), Y: m.Ascent + fixed.I(1)}}
	d.DrawString(k.text)
	img := rotateQuarter(src, quarterTurns(k.rotate))
	if len(rotatedCache) > 256 {
		clear(rotatedCache)
	}
	rotatedCache[k] = img
	return img
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
func rotateQuarter(src *image.NRGBA, q int) image.Image {
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
