package benchsuite

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"mapwright/internal/lint"
	"mapwright/internal/mapdiff"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/pdf"
	"mapwright/render/raster"
	"mapwright/render/svg"
	"mapwright/ui/mapcanvas"
	"mapwright/ui/sourcepane"
	"mapwright/ui/sourcepane/maplang"
)

// input is one map a stage is measured on: the whole corpus (each operation handles every real
// map once; the "ns/map" metric is the time per map) or one generated map.
type input struct {
	name string
	srcs [][]byte
}

// stageWeight says how heavy a stage is: heavy stages skip the 50,000-component map unless
// HugeEnv is set.
type stageWeight int

const (
	light stageWeight = iota
	heavy
)

// inputs lists what a stage runs on: the typical map and the whole corpus (when it is present)
// and the generated sizes it can afford. -short keeps the corpus and the two smallest sizes.
func inputs(b *testing.B, w stageWeight) []input {
	var out []input
	corpus, err := Corpus(CorpusDir)
	if err != nil {
		b.Fatal(err)
	}
	if len(corpus) == 0 {
		b.Logf("corpus: no maps in %s; measuring generated maps only", CorpusDir)
	} else {
		in := input{name: "corpus"}
		for _, c := range corpus {
			in.srcs = append(in.srcs, c.Src)
			if c.Name == TypicalMap {
				out = append(out, input{name: "typical", srcs: [][]byte{c.Src}})
			}
		}
		out = append(out, in)
	}
	for _, n := range Sizes {
		switch {
		case testing.Short() && n > 500:
			continue
		case n == HugeSize && w == heavy && os.Getenv(HugeEnv) != "1":
			continue
		}
		out = append(out, input{name: fmt.Sprintf("components=%d", n), srcs: [][]byte{Generated(n)}})
	}
	return out
}

// run measures op over every source of in. Besides the wall-clock ns/op it reports cpu-ns/op,
// the CPU time the whole process spent per operation (garbage collection included), which
// other processes on a loaded machine disturb far less; and for the corpus, both per map.
func run(b *testing.B, in input, op func(i int)) {
	b.ReportAllocs()
	cpu0, cpuOK := ProcessCPU()
	for b.Loop() {
		for i := range in.srcs {
			op(i)
		}
	}
	cpu1, _ := ProcessCPU()
	per := float64(b.N)
	if cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/per, "cpu-ns/op")
	}
	if len(in.srcs) > 1 {
		maps := per * float64(len(in.srcs))
		b.ReportMetric(float64(len(in.srcs)), "maps")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/maps, "ns/map")
		if cpuOK {
			b.ReportMetric(float64(cpu1-cpu0)/maps, "cpu-ns/map")
		}
	}
}

// parsed holds the models and scenes of inputs, made once per benchmark binary: setting up the
// largest maps costs seconds that no stage should measure twice.
var parsed struct {
	sync.Mutex
	maps   map[string]*mapdsl.Map
	scenes map[string]*render.Scene
}

func key(src []byte) string { return fmt.Sprintf("%p/%d", &src[0], len(src)) }

func parseOnce(b *testing.B, src []byte) *mapdsl.Map {
	parsed.Lock()
	defer parsed.Unlock()
	if parsed.maps == nil {
		parsed.maps = map[string]*mapdsl.Map{}
	}
	k := key(src)
	m, ok := parsed.maps[k]
	if !ok {
		var diags mapdsl.Diagnostics
		m, diags = mapdsl.Parse("bench.owm", src)
		// A line OWM cannot read either (corpus map 26 has a bare "component") is left out, as
		// OWM leaves it out; any other error means a broken generator or input.
		for _, d := range diags.Errors() {
			if d.Code != "missing-name" {
				b.Fatalf("a benchmark map has errors: %v", d.Message)
			}
		}
		parsed.maps[k] = m
	}
	return m
}

func layoutOnce(b *testing.B, src []byte) *render.Scene {
	m := parseOnce(b, src)
	parsed.Lock()
	defer parsed.Unlock()
	if parsed.scenes == nil {
		parsed.scenes = map[string]*render.Scene{}
	}
	k := key(src)
	sc, ok := parsed.scenes[k]
	if !ok {
		sc = render.Layout(m, render.Options{})
		parsed.scenes[k] = sc
	}
	return sc
}

// BenchmarkParse measures mapdsl.Parse as the editor sees it: the same text parsed again, so
// unchanged lines come from the parser's statement cache.
func BenchmarkParse(b *testing.B) {
	for _, in := range inputs(b, light) {
		b.Run(in.name, func(b *testing.B) {
			run(b, in, func(i int) { mapdsl.Parse("bench.owm", in.srcs[i]) })
		})
	}
}

// BenchmarkValidate is `mapwright check` without the process: parse, run the default lint
// rules that need no drawing, and merge their findings with the parser's.
func BenchmarkValidate(b *testing.B) {
	cfg := lint.Config{Disable: []string{"overlapping-labels"}}
	for _, in := range inputs(b, light) {
		b.Run(in.name, func(b *testing.B) {
			run(b, in, func(i int) {
				m, diags := mapdsl.Parse("bench.owm", in.srcs[i])
				lint.Merge(diags, lint.Run(lint.Input{Map: m, Diagnostics: diags, Source: in.srcs[i]}, cfg), cfg)
			})
		})
	}
}

// BenchmarkFormat measures mapdsl.Format (`mapwright fmt`).
func BenchmarkFormat(b *testing.B) {
	for _, in := range inputs(b, light) {
		b.Run(in.name, func(b *testing.B) {
			run(b, in, func(i int) { mapdsl.Format(in.srcs[i]) })
		})
	}
}

// BenchmarkLayout measures render.Layout, label placement included, at the default size.
func BenchmarkLayout(b *testing.B) {
	for _, in := range inputs(b, heavy) {
		b.Run(in.name, func(b *testing.B) {
			maps := make([]*mapdsl.Map, len(in.srcs))
			for i, src := range in.srcs {
				maps[i] = parseOnce(b, src)
			}
			b.ResetTimer()
			run(b, in, func(i int) { render.Layout(maps[i], render.Options{}) })
		})
	}
}

// encodeBench measures one encoder on the scenes Layout made.
func encodeBench(b *testing.B, encode func(*render.Scene) error) {
	for _, in := range inputs(b, heavy) {
		b.Run(in.name, func(b *testing.B) {
			scenes := make([]*render.Scene, len(in.srcs))
			for i, src := range in.srcs {
				scenes[i] = layoutOnce(b, src)
			}
			b.ResetTimer()
			run(b, in, func(i int) {
				if err := encode(scenes[i]); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

func encodeSVG(sc *render.Scene) error { return svg.Encode(io.Discard, sc) }
func encodePDF(sc *render.Scene) error {
	return pdf.Encode(io.Discard, []*render.Scene{sc}, pdf.Options{})
}
func encodePNG(sc *render.Scene) error { return raster.Encode(io.Discard, sc, raster.Options{}) }

// BenchmarkSVG measures the SVG encoder.
func BenchmarkSVG(b *testing.B) { encodeBench(b, encodeSVG) }

// BenchmarkPDF measures the PDF encoder (one page the size of the map, fonts embedded).
func BenchmarkPDF(b *testing.B) { encodeBench(b, encodePDF) }

// BenchmarkPNG measures the PNG encoder at its default scale (2x, as OWM exports).
func BenchmarkPNG(b *testing.B) { encodeBench(b, encodePNG) }

// BenchmarkExport is `mapwright export` of one map without the process: parse, layout and
// encode, for each format.
func BenchmarkExport(b *testing.B) {
	formats := []struct {
		name   string
		encode func(*render.Scene) error
	}{{"svg", encodeSVG}, {"pdf", encodePDF}, {"png", encodePNG}}
	for _, in := range inputs(b, heavy) {
		for _, f := range formats {
			b.Run(in.name+"/"+f.name, func(b *testing.B) {
				run(b, in, func(i int) {
					m, _ := mapdsl.Parse("bench.owm", in.srcs[i])
					if err := f.encode(render.Layout(m, render.Options{})); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
	}
}

// BenchmarkEditorUpdate measures what the editor does after a keystroke, under Fyne's test
// driver: the text pane takes the edit, the whole text is parsed again, its diagnostics are
// shown in the pane, the map is laid out and the map canvas draws its picture of the new
// scene (in line: the test driver has no separate event goroutine). (ui.BenchmarkUpdate measures the same path from inside the editor, with its status
// bar and problem list; this one needs only exported API, so it lives with the other stages.)
func BenchmarkEditorUpdate(b *testing.B) {
	a := test.NewApp()
	defer a.Quit()
	for _, in := range inputs(b, heavy) {
		b.Run(in.name, func(b *testing.B) {
			panes := make([]*sourcepane.Editor, len(in.srcs))
			canvases := make([]*mapcanvas.Canvas, len(in.srcs))
			for i, src := range in.srcs {
				pane, canvas := sourcepane.New(), mapcanvas.New()
				w := a.NewWindow("bench")
				w.SetContent(container.NewHSplit(pane, canvas))
				w.Resize(fyne.NewSize(1400, 900))
				defer w.Close()
				// Typing goes into a comment at the end, so every keystroke leaves a valid map.
				pane.SetText(strings.TrimRight(string(src), "\n") + "\n// typing here ")
				canvas.SetScene(layoutOnce(b, src))
				panes[i], canvases[i] = pane, canvas
			}
			b.ResetTimer()
			run(b, in, func(i int) {
				pane := panes[i]
				end := len(pane.Text())
				pane.ReplaceRange(end, end, "x")
				text := pane.Text()
				m, diags := mapdsl.Parse("bench.owm", []byte(text))
				maplang.ShowDiagnostics(pane, diags)
				canvases[i].SetScene(render.Layout(m, render.Options{}))
			})
		})
	}
}

// BenchmarkDiff measures mapdiff.Compare of a map and a revision of it (see Revise); parsing
// both is left out, as it is measured by BenchmarkParse.
func BenchmarkDiff(b *testing.B) {
	for _, in := range inputs(b, light) {
		b.Run(in.name, func(b *testing.B) {
			olds := make([]*mapdsl.Map, len(in.srcs))
			news := make([]*mapdsl.Map, len(in.srcs))
			for i, src := range in.srcs {
				olds[i], _ = mapdsl.Parse("old.owm", src)
				news[i], _ = mapdsl.Parse("new.owm", Revise(src))
			}
			b.ResetTimer()
			run(b, in, func(i int) { mapdiff.Compare(olds[i], news[i], "old.owm", "new.owm") })
		})
	}
}
