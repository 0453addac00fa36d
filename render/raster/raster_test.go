package raster

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"mapwright/render/internal/scenetest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"mapwright/render"
)

var keep = flag.String("keep", "", "write the PNGs made by the tests into this directory, to look at them")

func encode(t testing.TB, s *render.Scene, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, s, opts); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if *keep != "" {
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".png"
		if err := os.WriteFile(filepath.Join(*keep, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// ink counts the pixels in the scene-unit box around (x, y) that differ clearly from scenetest.White.
func ink(img *image.RGBA, scale, x, y, halfW, halfH float64) int {
	n := 0
	r := image.Rect(int((x-halfW)*scale), int((y-halfH)*scale), int((x+halfW)*scale), int((y+halfH)*scale)).Intersect(img.Bounds())
	for py := r.Min.Y; py < r.Max.Y; py++ {
		for px := r.Min.X; px < r.Max.X; px++ {
			c := img.RGBAAt(px, py)
			if int(c.R)+int(c.G)+int(c.B) < 3*200 && c.A > 0 {
				n++
			}
		}
	}
	return n
}

func TestInkWhereItemsAre(t *testing.T) {
	s := scenetest.FeatureScene("Tea Shop")
	img := Render(s, Options{})
	if got, want := img.Bounds().Dx(), 1800; got != want {
		t.Fatalf("width = %d px, want %d at the default scale 2", got, want)
	}
	tests := []struct {
		name           string
		x, y, hw, hh   float64
		min            int
		blankAround    bool
		blankX, blankY float64
	}{
		{"component Cup of Tea", 300, 120, 6, 6, 10, false, 0, 0},
		{"label Cup of Tea", 345, 110, 30, 8, 60, false, 0, 0},
		{"label Kettle", 330, 190, 20, 8, 40, false, 0, 0},
		{"component Power", 600, 400, 6, 6, 10, false, 0, 0},
		{"title", 80, 24, 40, 10, 100, false, 0, 0},
		{"rotated Value Chain caption", 20, 85, 6, 35, 60, false, 0, 0},
		{"evolve arrow head", 740, 400, 4, 4, 8, false, 0, 0},
		{"inertia bar", 395, 200, 3, 9, 40, false, 0, 0},
		{"underlined legend heading", 670, 82, 40, 3, 40, false, 0, 0},
		{"dashed polyline", 160, 430, 10, 4, 8, false, 0, 0},
		{"rotated link context", 450, 290, 25, 25, 40, false, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ink(img, 2, tc.x, tc.y, tc.hw, tc.hh); got < tc.min {
				t.Errorf("%d inked pixels around (%g, %g), want at least %d", got, tc.x, tc.y, tc.min)
			}
		})
	}
	// And no ink where nothing is drawn (inside the empty part of the plot).
	if got := ink(img, 2, 480, 250, 15, 15); got != 0 {
		t.Errorf("%d inked pixels in an empty area", got)
	}
	// The circle's inside is scenetest.White and its rim scenetest.Black: a ring, not a disc.
	if c := img.RGBAAt(600*2, 400*2); c.R < 250 {
		t.Errorf("centre of a scenetest.White component is %v, want scenetest.White", c)
	}
	if c := img.RGBAAt(605*2-1, 400*2); c.R > 100 {
		t.Errorf("rim of a component is %v, want dark", c)
	}
}

func TestBackgroundAndTransparency(t *testing.T) {
	plain := &render.Scene{Width: 40, Height: 30, Items: []render.Item{scenetest.Component(20, 15)}}
	dark := &render.Scene{Width: 40, Height: 30, Background: render.RGB(0x35, 0x33, 0x47), Items: []render.Item{scenetest.Component(20, 15)}}
	withBgItem := &render.Scene{Width: 40, Height: 30, Items: []render.Item{
		{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemBackground}, W: 40, H: 30, Fill: scenetest.Red}, scenetest.Component(20, 15)}}
	tests := []struct {
		name  string
		scene *render.Scene
		opts  Options
		want  [4]uint8 // corner pixel
	}{
		{"scenetest.White by default", plain, Options{}, [4]uint8{255, 255, 255, 255}},
		{"scene background", dark, Options{}, [4]uint8{0x35, 0x33, 0x47, 255}},
		{"transparent", plain, Options{Transparent: true}, [4]uint8{0, 0, 0, 0}},
		{"transparent skips the scene background", dark, Options{Transparent: true}, [4]uint8{0, 0, 0, 0}},
		{"transparent skips background items", withBgItem, Options{Transparent: true}, [4]uint8{0, 0, 0, 0}},
		{"background items drawn otherwise", withBgItem, Options{}, [4]uint8{220, 20, 20, 255}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := encode(t, tc.scene, tc.opts)
			img, err := png.Decode(bytes.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			r, g, b, a := img.At(1, 1).RGBA()
			got := [4]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
			if got != tc.want {
				t.Errorf("corner = %v, want %v", got, tc.want)
			}
			if r, _, _, a := img.At(2*20+9, 2*15).RGBA(); a>>8 != 255 || r>>8 > 60 {
				t.Errorf("component rim is not drawn: r=%d a=%d", r>>8, a>>8)
			}
		})
	}
}

func TestScale(t *testing.T) {
	s := scenetest.FeatureScene("scale")
	for _, tc := range []struct {
		scale float64
		w, h  int
	}{{0, 1800, 1300}, {1, 900, 650}, {0.5, 450, 325}, {3, 2700, 1950}} {
		img := Render(s, Options{Scale: tc.scale})
		if img.Bounds().Dx() != tc.w || img.Bounds().Dy() != tc.h {
			t.Errorf("scale %g: %v, want %dx%d", tc.scale, img.Bounds(), tc.w, tc.h)
		}
	}
}

func TestDeterministic(t *testing.T) {
	s := scenetest.FeatureScene("Tea Shop")
	first := encode(t, s, Options{})
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := Encode(&buf, s, Options{}); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, out := range outs {
		if !bytes.Equal(out, first) {
			t.Errorf("encoding %d differs from the first", i+2)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name  string
		scene *render.Scene
		opts  Options
		want  string
	}{
		{"nil scene", nil, Options{}, "nil scene"},
		{"empty size", &render.Scene{}, Options{}, "not a positive size"},
		{"negative scale", scenetest.FeatureScene("x"), Options{Scale: -1}, "not a positive number"},
		{"too large", &render.Scene{Width: 1e5, Height: 1e5}, Options{}, "larger than the limit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Encode(&buf, tc.scene, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	if img := Render(&render.Scene{Width: 1e5, Height: 1e5}, Options{}); img.Bounds().Dx()*img.Bounds().Dy() > MaxPixels {
		t.Errorf("Render made a %v image, more than MaxPixels", img.Bounds())
	}
}

var hostileStrings = map[string]string{
	"emoji":          "rocket 🚀 and 👩‍👩‍👧 family",
	"invalid utf-8":  "bad \xff\xfe\xe2 end \xe2",
	"control chars":  "nul \x00 bell \x07 esc \x1b del \x7f c1 \u0085",
	"newlines":       "two\nlines\r\nand\ttab",
	"rtl":            "עברית العربية mixed ltr",
	"zero width":     "zero\u200bwidth\u200c\u200d\ufeff\u2066isolate\u2069",
	"long name":      strings.Repeat("Long component name ", 250),
	"very long name": strings.Repeat("x", 200000),
	"noncharacters":  "\uffff\ufffe\ufdd0",
	"empty":          "",
}

func TestHostileStrings(t *testing.T) {
	for name, str := range hostileStrings {
		t.Run(name, func(t *testing.T) {
			s := scenetest.FeatureScene(str)
			for i := range s.Items {
				if s.Items[i].Shape == render.ShapeText {
					s.Items[i].Text = str + " " + s.Items[i].Text
				}
			}
			s.Items = append(s.Items, render.Item{Shape: render.ShapeText, X: 50, Y: 50, Text: str, Rotate: 30, Underline: true,
				Font: render.Font{Family: render.FontSans, Size: 12, Bold: true}, Anchor: render.AnchorMiddle, Fill: scenetest.Black})
			encode(t, s, Options{Scale: 1})
		})
	}
}

func TestHostileGeometry(t *testing.T) {
	nan := func() float64 { var z float64; return z / z }()
	s := scenetest.FeatureScene("geometry")
	s.Items = append(s.Items,
		render.Item{Shape: render.ShapeCircle, X: nan, Y: 1, R: 5, Fill: scenetest.Black},
		render.Item{Shape: render.ShapeRect, X: 100, Y: 100, W: -50, H: -20, Fill: scenetest.Black},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: 1, Y: 1}}, Stroke: scenetest.Black},
		render.Item{Shape: render.ShapePath, Points: nil, Fill: scenetest.Black},
		render.Item{Shape: render.ShapeText, Text: "no size", Fill: scenetest.Black},
		render.Item{Shape: render.ShapeText, Text: "huge", Font: render.Font{Size: 1e6}, Fill: scenetest.Black},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: -1e9, Y: -1e9}, {X: 1e9, Y: 1e9}}, Stroke: scenetest.Black, StrokeWidth: 2},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: -1e9, Y: 5}, {X: 1e9, Y: 5}}, Stroke: scenetest.Black, Dash: []float64{1, 1}},
		render.Item{Shape: render.ShapePath, Points: []render.Point{{X: -1e12, Y: -1e12}, {X: 1e12, Y: 0}, {X: 0, Y: 1e12}}, Fill: render.Color{R: 9, G: 9, B: 9, A: 20}},
		render.Item{Shape: render.ShapeCircle, X: 10, Y: 10, R: 1e9, Stroke: scenetest.Black},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: 1, Y: 1}, {X: 9, Y: 9}}, Stroke: scenetest.Black, Dash: []float64{0, 0}},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: 1, Y: 1}, {X: 9, Y: 9}}, Stroke: scenetest.Black, Dash: []float64{-1, 2}},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: 1, Y: 1}, {X: 1, Y: 1}}, Stroke: scenetest.Black},
		render.Item{Shape: render.ShapeRect, X: 1, Y: 1, W: 50, H: 20, Gradient: []render.GradientStop{{Offset: nan, Color: scenetest.Red}}},
		render.Item{Shape: "triangle", X: 1, Y: 1},
	)
	encode(t, s, Options{Scale: 1})
}

func TestSplitDashes(t *testing.T) {
	clip := [4]float64{-1e9, -1e9, 1e9, 1e9}
	line := []pt{{0, 0}, {10, 0}, {10, 10}}
	dashes := splitDashes(line, []float64{4, 2}, clip)
	// 20 px of line at a period of 6: dashes at 0-4, 6-10 (crossing the corner), 12-16, 18-20.
	if len(dashes) != 4 {
		t.Fatalf("got %d dashes, want 4: %v", len(dashes), dashes)
	}
	if len(dashes[1]) != 2 || dashes[1][0] != (pt{6, 0}) || dashes[1][1] != (pt{10, 0}) {
		t.Errorf("second dash = %v, want (6,0)-(10,0)", dashes[1])
	}
	// Clipping keeps the phase: the part inside x in [6, 20] matches the unclipped dashes.
	clipped := splitDashes([]pt{{0, 0}, {20, 0}}, []float64{4, 2}, [4]float64{7, -1, 20, 1})
	if len(clipped) == 0 || clipped[0][0] != (pt{7, 0}) || clipped[0][1] != (pt{10, 0}) {
		t.Errorf("first clipped dash = %v, want (7,0)-(10,0)", clipped)
	}
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Cup of Tea", "Cup of Tea"},
		{"rocket 🚀", "rocket \ufffd"},
		{"bad \xff end", "bad \ufffd end"},
		{"a\x00b", "ab"},
		{"zero\u200bwidth", "zerowidth"},
	}
	for _, tc := range tests {
		if got := render.PrintableText(tc.in); got != tc.want {
			t.Errorf("render.PrintableText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestGlyphsFitTheTextBox checks the assumption text drawing makes when it sizes its coverage
// box: every glyph outline stays within 0.3 em of its advance horizontally, 1.2 em above the
// baseline and 0.35 em below, so no stroke of a letter is cut off.
func TestGlyphsFitTheTextBox(t *testing.T) {
	var runes []rune
	for r := rune(0x20); r < 0x250; r++ {
		runes = append(runes, r)
	}
	for r := rune(0x370); r < 0x500; r++ { // Greek and Cyrillic
		runes = append(runes, r)
	}
	runes = append(runes, '\ufffd', '☕', '日')
	for _, f := range []render.Font{{Family: render.FontSans}, {Family: render.FontSans, Bold: true}, {Family: render.FontSans, Italic: true},
		{Family: render.FontMono}, {Family: render.FontMono, Bold: true}, {Family: render.FontHand}, {Family: render.FontHand, Bold: true}} {
		fc := faceFor(f)
		for i, g := range fc.glyphsOf(string(runes)) {
			for _, q := range g.pts {
				if q.x < -0.3 || q.x > g.advance+0.3 || q.y < -1.2 || q.y > 0.35 {
					t.Errorf("%s: glyph %q has a point at (%.2f, %.2f) em, outside its box (advance %.2f)", render.FontKey(f), runes[i], q.x, q.y, g.advance)
					break
				}
			}
		}
	}
}

// TestSameBytesWhateverTheProcessors draws a dense generated map on one goroutine and on
// several: Render draws its bands in parallel, and their number must not show in the picture.
func TestSameBytesWhateverTheProcessors(t *testing.T) {
	s := generatedScene(t, 500)
	p := newPicture(s, Options{})
	var pics []*image.RGBA
	for _, workers := range []int{1, 3} {
		img := image.NewRGBA(image.Rect(0, 0, p.w, p.h))
		drawBands(img, p, workers)
		pics = append(pics, img)
	}
	if !bytes.Equal(pics[0].Pix, pics[1].Pix) {
		t.Error("the picture drawn on one goroutine differs from the one drawn on three")
	}
	if !bytes.Equal(pics[0].Pix, Render(s, Options{}).Pix) {
		t.Error("Render's picture differs from the one drawn on one goroutine")
	}
}

// TestFarCoordinates draws shapes placed or reaching far outside the picture (a label moved by
// [1e30, 0] in a map once crashed the export with a slice index out of range): nothing panics,
// what is far away is not drawn, and the part of a shape that lies inside the picture is drawn,
// as it is on every processor (Go turns a float beyond the int range into the smallest int on
// amd64 and into the nearest int on arm64).
func TestFarCoordinates(t *testing.T) {
	text := func(s string, x, y float64) render.Item {
		return render.Item{Shape: render.ShapeText, X: x, Y: y, Text: s, Font: render.Font{Family: render.FontSans, Size: 14}, Fill: scenetest.Black}
	}
	line := func(x0, y0, x1, y1 float64, dash []float64) render.Item {
		return render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: x0, Y: y0}, {X: x1, Y: y1}}, Stroke: scenetest.Black, StrokeWidth: 3, Dash: dash}
	}
	tests := []struct {
		name    string
		item    render.Item
		inked   []image.Point // pixels the shape must cover (scale 1)
		inkless bool          // nothing may be drawn
	}{
		{name: "label far right", item: text("j", 1e30, 50), inkless: true},
		{name: "label far left and down", item: text("Kettle j", -1e30, 1e300), inkless: true},
		{name: "label at the edge of float64", item: text("j", 1.7e308, 50), inkless: true},
		{name: "turned label far away", item: func() render.Item { it := text("j", 1e30, 1e30); it.Rotate = 30; return it }(), inkless: true},
		{name: "line to far right", item: line(10, 50, 1e30, 50, nil), inked: []image.Point{{20, 50}, {150, 50}}},
		{name: "line from far left", item: line(-1e300, 80, 150, 80, nil), inked: []image.Point{{5, 80}, {140, 80}}},
		{name: "dashed line to far right", item: line(10, 60, 1e30, 60, []float64{1e29, 1}), inked: []image.Point{{20, 60}, {150, 60}}},
		{name: "rectangle far wide", item: render.Item{Shape: render.ShapeRect, X: 10, Y: 10, W: 1e30, H: 20, Fill: scenetest.Black}, inked: []image.Point{{20, 20}, {190, 20}}},
		{name: "polygon with a far corner", item: render.Item{Shape: render.ShapePath, Closed: true, Fill: scenetest.Black,
			Points: []render.Point{{X: 10, Y: 100}, {X: 1e300, Y: 100}, {X: 10, Y: 140}}}, inked: []image.Point{{20, 110}, {190, 110}}},
		{name: "circle far away", item: render.Item{Shape: render.ShapeCircle, X: 1e30, Y: 50, R: 5, Fill: scenetest.Black}, inkless: true},
		{name: "circle around everything", item: render.Item{Shape: render.ShapeCircle, X: 100, Y: 75, R: 1e30, Stroke: scenetest.Black, StrokeWidth: 2}, inkless: true},
		{name: "polyline through a far point", item: render.Item{Shape: render.ShapeLine, Stroke: scenetest.Black, StrokeWidth: 3,
			Points: []render.Point{{X: 10, Y: 120}, {X: 1e30, Y: 120}, {X: 1e30, Y: 1e30}}}, inked: []image.Point{{20, 120}, {190, 120}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &render.Scene{Width: 200, Height: 150, Items: []render.Item{tc.item}}
			img := Render(s, Options{Scale: 1})
			for _, p := range tc.inked {
				if c := img.RGBAAt(p.X, p.Y); c.R > 128 {
					t.Errorf("pixel %v is %v: the part inside the picture was not drawn", p, c)
				}
			}
			if tc.inkless {
				for i := 0; i < len(img.Pix); i += 4 {
					if img.Pix[i] != 255 {
						t.Fatalf("pixel %d of the picture was painted by a shape far outside it", i/4)
					}
				}
			}
			var buf bytes.Buffer
			if err := Encode(&buf, s, Options{Scale: 1}); err != nil {
				t.Fatal(err)
			}
			if got, err := png.Decode(&buf); err != nil || !samePixels(got, img) {
				t.Errorf("the PNG (%v) is not the picture Render draws", err)
			}
		})
	}
}
