package ui

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/ui/mapcanvas"
)

// BenchmarkUpdate measures the editor's update path after a keystroke: the text pane's edit,
// parse, layout with label placement, and the map canvas drawing its picture of the new Scene
// (in line under the test driver; the real editor draws a big map's picture in the background).
// The budget is one frame (16 ms) for a 40-component map and 50 ms for 500 components.
func BenchmarkUpdate(b *testing.B) {
	for _, n := range []int{40, 500} {
		b.Run(fmt.Sprintf("components=%d", n), func(b *testing.B) {
			benchUpdate(b, string(mapgen.Generate(n, 1)))
		})
	}
	if data, err := os.ReadFile("../samples/tea-shop.owm"); err == nil {
		b.Run("tea-shop", func(b *testing.B) { benchUpdate(b, string(data)) })
	}
}

func benchUpdate(b *testing.B, text string) {
	a := test.NewApp()
	defer a.Quit()
	e := NewEditorWithOptions(a, Options{RecoveryDir: b.TempDir(), RedrawDelay: time.Hour,
		RecoveryDelay: time.Hour, PollInterval: -1})
	defer e.redraw.stop()
	e.win.Resize(fyne.NewSize(1400, 900))
	e.loading = true
	e.pane.SetText(text)
	e.loading = false
	e.refreshMap()
	if !e.drawnIsLive {
		b.Fatalf("the benchmark map has errors: %v", e.parseDiags.Errors())
	}
	// Each iteration types one character into a comment line at the end and redraws.
	e.pane.ReplaceRange(len(e.pane.Text()), len(e.pane.Text()), "\n// x")
	e.redraw.flush()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		end := len(e.pane.Text())
		e.pane.ReplaceRange(end, end, "x")
		e.redraw.flush()
	}
	b.StopTimer()
	b.ReportMetric(float64(len(e.canvas.Scene().Items)), "items")
}

// BenchmarkCanvasSync measures only the canvas: drawing its picture of a new Scene of the same
// map (the last step of the update path).
func BenchmarkCanvasSync(b *testing.B) {
	for _, n := range []int{40, 500} {
		b.Run(fmt.Sprintf("components=%d", n), func(b *testing.B) {
			a := test.NewApp()
			defer a.Quit()
			m, _ := mapdsl.Parse("bench", mapgen.Generate(n, 1))
			scenes := []*render.Scene{render.Layout(m, render.Options{}), render.Layout(m, render.Options{})}
			c := mapcanvas.New()
			w := a.NewWindow("bench")
			w.SetContent(c)
			w.Resize(fyne.NewSize(1200, 800))
			c.SetScene(scenes[0])
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c.SetScene(scenes[i%2])
			}
		})
	}
}

func TestGeneratedMapsLoadWithoutErrors(t *testing.T) {
	e := newTestEditor(t, "")
	for _, n := range []int{40, 500} {
		text := string(mapgen.Generate(n, 1))
		e.load(e.doc, text)
		if !e.drawnIsLive || strings.Count(e.Text(), "\n") < n/2 {
			t.Errorf("generated map of %d components: drawn %v, errors %v", n, e.drawnIsLive, e.parseDiags.Errors())
		}
	}
}
