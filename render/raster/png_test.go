package raster

import (
	"bytes"
	"compress/flate"
	"hash/adler32"
	"image"
	"image/color"
	"image/png"
	"io"
	"mapwright/render/internal/scenetest"
	"math/rand/v2"
	"testing"

	"mapwright/render"
)

// TestWritePNGRoundTrip decodes what writePNG wrote with the standard library and compares
// every pixel, for opaque and translucent images, for heights around the band size, and with
// both compressions.
func TestWritePNGRoundTrip(t *testing.T) {
	for _, compact := range []bool{false, true} {
		t.Run(map[bool]string{false: "runs", true: "compact"}[compact], func(t *testing.T) { testWritePNGRoundTrip(t, compact) })
	}
}

func testWritePNGRoundTrip(t *testing.T, compact bool) {
	for _, tc := range []struct {
		name        string
		h           int
		transparent bool
	}{
		{"one row", 1, false},
		{"one band", bandRows, false},
		{"bands and a part", 2*bandRows + 17, false},
		{"translucent bands", 2*bandRows + 3, true},
		{"translucent one row", 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := scenetest.FeatureScene("round trip")
			s.Height = float64(tc.h) / 2
			img := Render(s, Options{Transparent: tc.transparent})
			var buf bytes.Buffer
			if err := writePNG(&buf, img, img.Opaque(), compact); err != nil {
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

func TestAdler(t *testing.T) {
	for _, data := range [][]byte{nil, {0}, {1, 2, 3}, make([]byte, 100000), bytes.Repeat([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 255}, 20000)} {
		a := newAdler()
		a.write(data[:len(data)/3])
		a.write(data[len(data)/3:])
		if got, want := a.sum(), adler32.Checksum(data); got != want {
			t.Errorf("adler of %d bytes = %08x, want %08x", len(data), got, want)
		}
	}
}

func TestAdler32Combine(t *testing.T) {
	data := bytes.Repeat([]byte("Wardley maps \x00\xff"), 50000)
	for _, cut := range []int{0, 1, 5551, 65521, 65522, 300000, len(data)} {
		a, b := data[:cut], data[cut:]
		got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b))
		if want := adler32.Checksum(data); got != want {
			t.Errorf("cut at %d: %08x, want %08x", cut, got, want)
		}
	}
}

// TestPNGColourType checks that an opaque picture is stored as RGB and a transparent one as
// RGBA (the colour type byte of the IHDR chunk).
func TestPNGColourType(t *testing.T) {
	for _, tc := range []struct {
		transparent bool
		want        byte
	}{{false, 2}, {true, 6}} {
		var buf bytes.Buffer
		if err := Encode(&buf, &render.Scene{Width: 10, Height: 10}, Options{Transparent: tc.transparent}); err != nil {
			t.Fatal(err)
		}
		if got := buf.Bytes()[25]; got != tc.want {
			t.Errorf("transparent=%v: colour type %d, want %d", tc.transparent, got, tc.want)
		}
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

// TestRuns decodes the deflate data written for lines with zero runs of every length around the
// edges of deflate's match lengths, literals of both code lengths, and runs at line ends.
func TestRuns(t *testing.T) {
	var lines [][]byte
	for _, n := range []int{0, 1, 2, 3, 4, 5, 9, 17, 230, 257, 258, 259, 260, 261, 262, 516, 517, 600} {
		lines = append(lines, append(append([]byte{2, 200}, make([]byte, n)...), 7), append([]byte{2}, make([]byte, n)...))
	}
	lines = append(lines, []byte{2, 143, 144, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})
	{
		bw := bitWriter{}
		bw.bits(0, 1)
		bw.bits(1, 2)
		var want []byte
		for _, l := range lines {
			bw.runs(l)
			want = append(want, l...)
		}
		bw.code(0, 7)
		bw.bits(0, 1)
		bw.bits(0, 2)
		bw.align()
		bw.out = append(bw.out, 0, 0, 0xff, 0xff, 0x01, 0, 0, 0xff, 0xff)
		got, err := io.ReadAll(flate.NewReader(bytes.NewReader(bw.out)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("decoded %d bytes, want %d matching bytes", len(got), len(want))
		}
	}
}

// TestRGBRunsMatchLines checks the one-pass encoder of opaque bands against the line by line
// one it replaces: the same bytes and checksum, on a dense map (long runs and many literals),
// on noise (literals only, checksum sums that need reducing) and on a picture narrower than
// eight pixels.
func TestRGBRunsMatchLines(t *testing.T) {
	noise := image.NewRGBA(image.Rect(0, 0, 301, 70))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range noise.Pix {
		noise.Pix[i] = uint8(rng.IntN(256))
		if i%4 == 3 {
			noise.Pix[i] = 255
		}
	}
	narrow := image.NewRGBA(image.Rect(0, 0, 5, 40))
	for i := range narrow.Pix {
		narrow.Pix[i] = uint8(i / 7 * 255 % 256)
		if i%4 == 3 {
			narrow.Pix[i] = 255
		}
	}
	for _, tc := range []struct {
		name string
		img  *image.RGBA
	}{
		{"dense map", Render(generatedScene(t, 500), Options{})},
		{"noise", noise},
		{"narrow", narrow},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.img.Bounds().Dy()
			var e bandEncoder
			for y0 := 0; y0 < h; y0 += 32 {
				y1 := min(h, y0+32)
				want := e.encodeLines(tc.img, true, false, y0, y1, y1 == h)
				want.data = append([]byte(nil), want.data...)
				got := encodeRGBRuns(tc.img, y0, y1, y1 == h)
				if !bytes.Equal(got.data, want.data) || got.adler != want.adler || got.n != want.n {
					t.Fatalf("rows %d-%d: %d bytes, adler %08x, n %d; want %d bytes, adler %08x, n %d",
						y0, y1, len(got.data), got.adler, got.n, len(want.data), want.adler, want.n)
				}
			}
		})
	}
}
