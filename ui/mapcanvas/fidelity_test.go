package mapcanvas

import (
	"image"
	"math"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/raster"
)

// TestCanvasDrawsWhatTheExportsDraw renders corpus maps on the canvas (with Fyne's software
// painter) and with the PNG encoder, and compares the two pictures block by block: the canvas
// must show the same map as the exports, with differences only in anti-aliasing and text
// hinting. A missing element (a shape kind the canvas cannot draw) shows up as a block that
// is ink in one picture and paper in the other.
func TestCanvasDrawsWhatTheExportsDraw(t *testing.T) {
	corpus := filepath.Join("..", "..", "..", "shared", "owm-corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("corpus not found at", corpus)
	}
	test.NewTempApp(t)
	for _, name := range []string{
		"04_damonsk_Flow_Evolve_Inertia_Example", "06_damonsk_Market_Example", "13_owulveryck_complete",
	} {
		for _, style := range []render.Style{render.StyleWardley, render.StyleHandwritten} {
			t.Run(name+"/"+string(style), func(t *testing.T) {
				src, err := os.ReadFile(filepath.Join(corpus, name+".owm"))
				if err != nil {
					t.Fatal(err)
				}
				m, _ := mapdsl.Parse(name, src)
				sc := render.Layout(m, render.Options{Style: style})
				want := raster.Render(sc, raster.Options{Scale: 1})

				c := New()
				w := test.NewWindow(c)
				defer w.Close()
				w.SetPadded(false)
				w.Resize(fyne.NewSize(float32(sc.Width), float32(sc.Height)))
				c.SetScene(sc)
				c.fitted = false
				c.view = view{zoom: 1}
				c.Refresh()
				got := w.Canvas().Capture()

				mean, off := blockDifference(got, want, 16, 25)
				t.Logf("mean %.2f, blocks off %d", mean, off)
				if mean > 1.5 || off > 2 {
					t.Errorf("canvas and PNG differ: mean block difference %.2f (of 255), %d blocks differ by more than 25", mean, off)
				}
			})
		}
	}
}

// blockDifference compares the grey level of a and b averaged over size x size blocks and
// returns the mean absolute difference (0..255) and the number of blocks that differ by more
// than limit.
func blockDifference(a, b image.Image, size int, limit float64) (mean float64, off int) {
	w := min(a.Bounds().Dx(), b.Bounds().Dx())
	h := min(a.Bounds().Dy(), b.Bounds().Dy())
	n := 0
	for by := 0; by+size <= h; by += size {
		for bx := 0; bx+size <= w; bx += size {
			d := math.Abs(blockGrey(a, bx, by, size) - blockGrey(b, bx, by, size))
			mean += d
			if d > limit {
				off++
			}
			n++
		}
	}
	return mean / float64(max(n, 1)), off
}

func blockGrey(img image.Image, x0, y0, size int) float64 {
	o := img.Bounds().Min
	sum := 0.0
	for y := y0; y < y0+size; y++ {
		for x := x0; x < x0+size; x++ {
			r, g, b, a := img.At(o.X+x, o.Y+y).RGBA()
			// Composite on white: a transparent pixel is paper.
			white := float64(0xffff - a)
			sum += (0.299*(float64(r)+white) + 0.587*(float64(g)+white) + 0.114*(float64(b)+white)) / 257
		}
	}
	return sum / float64(size*size)
}
