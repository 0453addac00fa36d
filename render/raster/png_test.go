package raster

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"mapwright/internal/cancel"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/internal/scenetest"
)

// TestWritePNGRoundTrip decodes what writePNG wrote with the standard library and compares
// every pixel, for opaque and translucent pictures, one row high and taller.
func TestWritePNGRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name        string
		h           int
		transparent bool
	}{
		{"one row", 1, false},
		{"rows", 301, false},
		{"translucent rows", 259, true},
		{"translucent one row", 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := scenetest.FeatureScene("round trip")
			s.Height = float64(tc.h) / 2
			img := Render(s, Options{Transparent: tc.transparent})
			var buf bytes.Buffer
			if err := writePNG(&buf, img, img.Opaque()); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatalf("image/png cannot read it: %v", err)
			}
			if got.Bounds() != img.Bounds() {
				t.Fatalf("bounds %v, want %v", got.Bounds(), img.Bounds())
			}
			bad := 0
			for y := 0; y < tc.h; y++ {
				for x := 0; x < img.Bounds().Dx(); x++ {
					want := img.RGBAAt(x, y)
					g := color.RGBAModel.Convert(got.At(x, y)).(color.RGBA)
					if diff(g.R, want.R) > 1 || diff(g.G, want.G) > 1 || diff(g.B, want.B) > 1 || g.A != want.A {
						bad++
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d pixels differ after decoding", bad)
			}
		})
	}
}

func diff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// TestAdaptiveFilterAsPlainOne compares adaptiveFilter with the plain form of libpng's rule
// (all five filters on every byte, the least sum of magnitudes, ties to image/png's order) on
// rows built to hit its shortcuts: runs repeating the row above or the pixel to the left,
// noise, rows of every width from one pixel to 40 and a few wider ones (stretches of 64 bytes
// repeating the row above), three and four bytes a pixel.
func TestAdaptiveFilterAsPlainOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	e := new(pngEncoder)
	widths := []int{100, 333, 1001}
	for w := 1; w <= 40; w++ {
		widths = append(widths, w)
	}
	for _, bpp := range []int{3, 4} {
		for _, width := range widths {
			for round := range 200 {
				n := width * bpp
				prev, cur := make([]byte, n), make([]byte, n)
				fillRow(rng, prev, bpp, nil)
				fillRow(rng, cur, bpp, prev)
				if round == 0 {
					clear(prev) // the first row of a picture
				}
				got := make([]byte, 1+n)
				e.adaptiveFilter(got, cur, prev, bpp)
				if want := plainFilter(cur, prev, bpp); !bytes.Equal(got, want) {
					t.Fatalf("bpp %d, width %d, round %d:\ncur  %v\nprev %v\ngot  %v\nwant %v", bpp, width, round, cur, prev, got, want)
				}
			}
		}
	}
}

// fillRow fills row with stretches of one colour, copies of above (when given) and noise.
func fillRow(rng *rand.Rand, row []byte, bpp int, above []byte) {
	for i := 0; i < len(row); {
		k := min(len(row)-i, bpp*(1+rng.IntN(12)))
		switch rng.IntN(4) {
		case 0:
			if above != nil {
				copy(row[i:i+k], above[i:i+k])
				break
			}
			fallthrough
		case 1:
			px := []byte{byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256)), byte(rng.IntN(256))}
			for j := range k {
				row[i+j] = px[j%bpp]
			}
		case 2:
			for j := range k {
				row[i+j] = byte(rng.IntN(256))
			}
		default:
			for j := range k {
				row[i+j] = 255 - byte(rng.IntN(3))
			}
		}
		i += k
	}
}

// plainFilter is libpng's and image/png's filter choice, written plainly.
func plainFilter(cur, prev []byte, bpp int) []byte {
	n := len(cur)
	var rows [5][]byte
	var sums [5]int
	for f := range rows {
		rows[f] = make([]byte, n)
		for i := range n {
			var a, c byte
			if i >= bpp {
				a, c = cur[i-bpp], prev[i-bpp]
			}
			b := prev[i]
			var v byte
			switch f {
			case filterNone:
				v = cur[i]
			case filterSub:
				v = cur[i] - a
			case filterUp:
				v = cur[i] - b
			case filterAverage:
				v = cur[i] - byte((int(a)+int(b))/2)
			case filterPaeth:
				v = cur[i] - paeth(a, b, c)
			}
			rows[f][i] = v
			sums[f] += abs8(v)
		}
	}
	best := filterUp
	for _, f := range []int{filterPaeth, filterNone, filterSub, filterAverage} {
		if sums[f] < sums[best] {
			best = f
		}
	}
	return append([]byte{byte(best)}, rows[best]...)
}

// TestPNGColourType checks the colour type Encode writes (the IHDR chunk's): grey for a picture
// whose every paint is grey (an empty page is white), with alpha when transparent; RGB for a
// coloured one, RGBA when transparent.
func TestPNGColourType(t *testing.T) {
	red := render.Item{Shape: render.ShapeRect, X: 2, Y: 2, W: 3, H: 3, Fill: render.RGB(200, 10, 10)}
	for _, tc := range []struct {
		name        string
		items       []render.Item
		transparent bool
		want        byte
	}{
		{"grey", nil, false, 0},
		{"grey transparent", nil, true, 4},
		{"colour", []render.Item{red}, false, 2},
		{"colour transparent", []render.Item{red}, true, 6},
	} {
		var buf bytes.Buffer
		if err := Encode(&buf, &render.Scene{Width: 10, Height: 10, Items: tc.items}, Options{Transparent: tc.transparent}); err != nil {
			t.Fatal(err)
		}
		if got := buf.Bytes()[25]; got != tc.want {
			t.Errorf("%s: colour type %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestGreyNeverLargerThanImagePNG encodes every picture Encode writes as grey - the grey ones of
// the test maps and samples in every style, of the corpus maps and the generated maps of 500 and
// 5,000 components in the default style - at scale 1 and 2, opaque and transparent, and checks
// that image/png reads back the pixels that image/png's own file of the picture holds, in fewer
// bytes. (Coloured pictures are image/png's own stream, which TestSameStreamAsImagePNG checks.)
func TestGreyNeverLargerThanImagePNG(t *testing.T) {
	type picture struct {
		name  string
		scene *render.Scene
	}
	var pics []picture
	add := func(paths []string, styles []render.Style) {
		for _, path := range paths {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := mapdsl.Parse(path, src)
			for _, style := range styles {
				pics = append(pics, picture{filepath.Base(path) + " " + string(style), render.Layout(m, render.Options{Style: style})})
			}
		}
	}
	maps, _ := filepath.Glob(filepath.Join("..", "testdata", "maps", "*.owm"))
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.owm"))
	add(append(maps, samples...), render.Styles)
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.owm"))
	add(corpus, []render.Style{render.StyleWardley})
	pics = append(pics, picture{"generated 500", generatedScene(t, 500)}, picture{"generated 5000", generatedScene(t, 5000)})
	var mu sync.Mutex
	worst, worstName, grey := 0.0, "", 0
	t.Run("pictures", func(t *testing.T) {
		for _, pic := range pics {
			for _, scale := range []float64{1, 2} {
				for _, transparent := range []bool{false, true} {
					opts := Options{Scale: scale, Transparent: transparent}
					if !newPicture(pic.scene, opts).grey() {
						continue
					}
					name := fmt.Sprintf("%s scale %g transparent=%v", pic.name, scale, transparent)
					t.Run(name, func(t *testing.T) {
						t.Parallel()
						var ours, theirs bytes.Buffer
						if err := Encode(&ours, pic.scene, opts); err != nil {
							t.Fatal(err)
						}
						if err := png.Encode(&theirs, Render(pic.scene, opts)); err != nil {
							t.Fatal(err)
						}
						ratio := float64(ours.Len()) / float64(theirs.Len())
						if ours.Len() > theirs.Len() {
							t.Errorf("%d bytes, image/png writes %d", ours.Len(), theirs.Len())
						}
						a, err := png.Decode(bytes.NewReader(ours.Bytes()))
						if err != nil {
							t.Fatalf("image/png cannot read it: %v", err)
						}
						b, err := png.Decode(&theirs)
						if err != nil {
							t.Fatal(err)
						}
						if !decodedAlike(a, b) {
							t.Error("the pixels differ from those of image/png's file")
						}
						mu.Lock()
						defer mu.Unlock()
						grey++
						if ratio > worst {
							worst, worstName = ratio, name
						}
					})
				}
			}
		}
	})
	if len(corpus) == 0 {
		t.Logf("no corpus maps in %s: only the test maps, samples and generated maps were encoded", corpusDir)
	}
	t.Logf("%d grey pictures; the largest against image/png's: %.1f%% of its bytes (%s)", grey, 100*worst, worstName)
}

// decodedAlike reports whether two pictures image/png decoded hold the same pixels: a grey one
// (image.Gray, or image.NRGBA from grey with alpha) and one from RGB (image.RGBA) or RGBA
// (image.NRGBA).
func decodedAlike(a, b image.Image) bool {
	switch a := a.(type) {
	case *image.Gray:
		b, ok := b.(*image.RGBA)
		if !ok || a.Rect != b.Rect {
			return false
		}
		for i, y := range a.Pix {
			if p := b.Pix[4*i : 4*i+4]; p[0] != y || p[1] != y || p[2] != y || p[3] != 255 {
				return false
			}
		}
		return true
	case *image.NRGBA:
		b, ok := b.(*image.NRGBA)
		return ok && a.Rect == b.Rect && bytes.Equal(a.Pix, b.Pix)
	}
	return false
}

// TestNotGreyAfterAll checks what happens when a picture of grey paint has a pixel that is not
// grey (a colour glyph): encodePNG, asked for grey, stops with errNotGrey and writes nothing,
// and Encode writes the picture in colour instead.
func TestNotGreyAfterAll(t *testing.T) {
	img := Render(scenetest.FeatureScene("grey"), Options{})
	img.Pix[4*(img.Rect.Dx()*50+70)] ^= 1 // one pixel a little red
	for _, f := range []pngFormat{formatGrey, formatGreyAlpha} {
		var buf bytes.Buffer
		if err := writePNGStop(nil, &buf, img, f); err != errNotGrey || buf.Len() != 0 {
			t.Errorf("colour type %d: %v and %d bytes, want errNotGrey and none", f.colorType, err, buf.Len())
		}
	}

	f := render.Font{Family: render.FontSans, Size: 12}
	if missing := render.MissingGlyphs(f, "🫖"); len(missing) > 0 {
		t.Skipf("no installed font draws %q (run scripts/install-deps.sh for the Noto fonts)", missing)
	}
	s := &render.Scene{Width: 40, Height: 30, Items: []render.Item{
		{Shape: render.ShapeText, X: 5, Y: 20, Text: "🫖", Font: f, Fill: render.RGB(0, 0, 0)},
	}}
	if !newPicture(s, Options{}).grey() {
		t.Fatal("the scene's paint is not all grey: the test needs it to be")
	}
	var buf bytes.Buffer
	if err := Encode(&buf, s, Options{}); err != nil {
		t.Fatal(err)
	}
	if ct := buf.Bytes()[25]; ct != 2 {
		t.Errorf("colour type %d, want 2 (RGB)", ct)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !samePixels(got, Render(s, Options{})) {
		t.Error("the pixels read back differ from those drawn")
	}
}

// TestOpaqueStaysOpaque backs Encode's shortcut of storing a picture on an opaque background as
// RGB without looking at its pixels: translucent paint over an opaque pixel leaves it opaque.
func TestOpaqueStaysOpaque(t *testing.T) {
	s := scenetest.FeatureScene("opaque")
	s.Items = append(s.Items, render.Item{Shape: render.ShapeCircle, X: 400, Y: 300, R: 80, Fill: render.Color{R: 10, G: 200, B: 30, A: 1}},
		render.Item{Shape: render.ShapeRect, X: 10.3, Y: 10.7, W: 300.2, H: 200.6, Fill: render.Color{R: 250, G: 2, B: 3, A: 254}})
	for _, bg := range []render.Color{render.None, render.RGB(0x35, 0x33, 0x47)} {
		s.Background = bg
		if img := Render(s, Options{}); !img.Opaque() {
			t.Errorf("background %v: the rendered picture has translucent pixels", bg)
		}
	}
}

// TestSameStreamAsImagePNG checks that writePNG's compressed pixels are exactly image/png's (the
// same filters, the same zlib stream), so its files are never larger: they differ only in
// holding the stream in one IDAT chunk, not one per 32 KiB. It encodes every test map and sample
// in two styles, opaque and transparent.
func TestSameStreamAsImagePNG(t *testing.T) {
	maps, _ := filepath.Glob(filepath.Join("..", "testdata", "maps", "*.owm"))
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.owm"))
	var ours, theirs int
	for _, path := range append(maps, samples...) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := mapdsl.Parse(path, src)
		for _, style := range []render.Style{render.StyleWardley, render.StyleHandwritten} {
			for _, transparent := range []bool{false, true} {
				img := Render(render.Layout(m, render.Options{Style: style}), Options{Scale: 1, Transparent: transparent})
				var a, b bytes.Buffer
				if err := writePNG(&a, img, img.Opaque()); err != nil {
					t.Fatal(err)
				}
				if err := png.Encode(&b, img); err != nil {
					t.Fatal(err)
				}
				ours, theirs = ours+a.Len(), theirs+b.Len()
				name := filepath.Base(path) + " " + string(style)
				if transparent {
					name += " transparent"
				}
				if a.Len() > b.Len() {
					t.Errorf("%s: %d bytes, image/png writes %d", name, a.Len(), b.Len())
				}
				if !bytes.Equal(idat(t, a.Bytes()), idat(t, b.Bytes())) {
					t.Errorf("%s: the compressed pixels differ from image/png's", name)
				}
			}
		}
	}
	t.Logf("%d bytes in all, image/png: %d", ours, theirs)
}

// idat is the data of a PNG file's IDAT chunks, joined.
func idat(t *testing.T, file []byte) []byte {
	t.Helper()
	var data []byte
	for p := file[8:]; len(p) >= 12; {
		n := int(binary.BigEndian.Uint32(p))
		if string(p[4:8]) == "IDAT" {
			data = append(data, p[8:8+n]...)
		}
		p = p[12+n:]
	}
	if len(data) == 0 {
		t.Fatal("no IDAT chunk")
	}
	return data
}

// samePixels reports whether two decoded images have the same size and colours.
func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.NRGBAModel.Convert(a.At(x, y)) != color.NRGBAModel.Convert(b.At(x, y)) {
				return false
			}
		}
	}
	return true
}

// TestEncodeDrawsWhileCompressing checks that Encode, which draws the picture band by band while
// the top of it is compressed, writes exactly the bytes of writePNG on the picture Render draws
// whole (bands drawn from both ends in parallel), however the bands, the batches of filtered rows
// and the picture's height fall: one row, a batch's height and around it, a drawing band's
// height and around it, a dense map of many bands. (Which goroutine draws which band is
// TestBandsDrawnByTheHelper's.)
func TestEncodeDrawsWhileCompressing(t *testing.T) {
	dense := generatedScene(t, 500)
	band := drawBandRows(int(math.Ceil(dense.Width * DefaultScale)))
	scenes := map[string]*render.Scene{"generated 500": dense}
	for _, rows := range []int{1, pipeRows - 1, pipeRows, pipeRows + 1, band - 1, band, band + 1, 3*band + 5} {
		s := *dense
		s.Height = float64(rows) / DefaultScale
		scenes[fmt.Sprintf("%d rows", rows)] = &s
	}
	for name, s := range scenes {
		for _, transparent := range []bool{false, true} {
			opts := Options{Transparent: transparent}
			want := drawnWhole(t, s, opts)
			t.Run(fmt.Sprintf("%s transparent=%v", name, transparent), func(t *testing.T) {
				if got := encode(t, s, opts); !bytes.Equal(got, want) {
					t.Errorf("Encode wrote %d bytes that differ from writePNG's %d on the picture drawn whole", len(got), len(want))
				}
			})
		}
	}
}

// drawnWhole is what writePNG writes of the picture Render draws whole, in the format Encode
// chooses.
func drawnWhole(t *testing.T, s *render.Scene, opts Options) []byte {
	t.Helper()
	img := Render(s, opts)
	var buf bytes.Buffer
	if err := writePNGStop(nil, &buf, img, newPicture(s, opts).format(img.Opaque())); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEncodeStopsWhileDrawing cancels an encoding after its first band is drawn: it must end
// with errStopped and write nothing, and the next picture from the pooled encoder is whole.
func TestEncodeStopsWhileDrawing(t *testing.T) {
	s := generatedScene(t, 500)
	ctx, cancelNow := context.WithCancel(context.Background())
	src := &stopAfterFirstBand{bandWriter: newBandWriter(new(bandSlots), newPicture(s, Options{})), stop: cancelNow}
	defer src.done()
	var buf bytes.Buffer
	if err := encodePNG(cancel.New(ctx), &buf, src.p.w, src.p.h, src.p.format(true), src); err != errStopped {
		t.Fatalf("cancelled while drawing: %v, want errStopped", err)
	}
	if buf.Len() != 0 || src.bands != 1 {
		t.Fatalf("cancelled while drawing: %d bytes written, %d bands drawn; want none and one", buf.Len(), src.bands)
	}
	if got := encode(t, s, Options{}); !bytes.Equal(got, drawnWhole(t, s, Options{})) {
		t.Error("the picture encoded after a cancelled one differs from its pixels written whole")
	}
}

// stopAfterFirstBand is a bandWriter that cancels its encoding once it has drawn a band.
type stopAfterFirstBand struct {
	*bandWriter
	stop  func()
	bands int
}

func (s *stopAfterFirstBand) draw(y0 int) int {
	s.bands++
	s.stop()
	return s.bandWriter.draw(y0)
}

// TestBandsDrawnByTheHelper encodes pictures whose bands are drawn partly by the helper (the
// compressing goroutine, when the drawing falls behind), in set patterns: none, every other band,
// as many ahead as the slots allow. The bytes must be writePNG's of the picture Render draws.
func TestBandsDrawnByTheHelper(t *testing.T) {
	s := generatedScene(t, 500)
	for _, transparent := range []bool{false, true} {
		opts := Options{Transparent: transparent}
		want := drawnWhole(t, s, opts)
		for _, ahead := range []int{0, 1, len(bandSlots{}), len(bandSlots{}) + 1} {
			t.Run(fmt.Sprintf("transparent=%v helped=%d", transparent, ahead), func(t *testing.T) {
				src := &helpedBands{bandWriter: newBandWriter(new(bandSlots), newPicture(s, opts)), ahead: ahead}
				defer src.done()
				var got bytes.Buffer
				if err := encodePNG(nil, &got, src.p.w, src.p.h, src.p.format(!transparent), src); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want) {
					t.Errorf("%d bytes that differ from writePNG's %d on the picture drawn whole", got.Len(), len(want))
				}
				if ahead > 0 && src.helped == 0 {
					t.Error("the helper drew no band")
				}
			})
		}
	}
}

// helpedBands is a bandWriter whose helper draws up to ahead bands before each band is read,
// called on the reading goroutine in turn with it, not by the compressing goroutine.
type helpedBands struct {
	*bandWriter
	ahead, helped int
}

func (h *helpedBands) help() bool { return false }

func (h *helpedBands) draw(y0 int) int {
	for range h.ahead {
		if !h.bandWriter.help() {
			break
		}
		h.helped++
	}
	return h.bandWriter.draw(y0)
}

// TestWritePNGStops checks that a cancelled encoding writes nothing and ends with errStopped,
// and that the next picture from the same pooled encoder is whole.
func TestWritePNGStops(t *testing.T) {
	img := Render(scenetest.FeatureScene("stopped"), Options{})
	ctx, cancelNow := context.WithCancel(context.Background())
	cancelNow()
	var buf bytes.Buffer
	if err := writePNGStop(cancel.New(ctx), &buf, img, formatRGB); err != errStopped {
		t.Fatalf("cancelled: %v, want errStopped", err)
	}
	if buf.Len() != 0 {
		t.Fatalf("cancelled: %d bytes written", buf.Len())
	}
	if err := writePNG(&buf, img, true); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !samePixels(got, img) {
		t.Error("the picture after a cancelled one differs from its pixels")
	}
}
