package raster

import (
	"bytes"
	"fmt"
	"image/png"
	"io"
	"strings"
	"testing"

	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/internal/scenetest"
)

// typicalScene is a 40-component map with the decoration of featureScene (axes, stages,
// captions, a gradient background): the size of a real map.
func typicalScene() *render.Scene {
	s := scenetest.FeatureScene("Typical map")
	big := scenetest.BigScene(40)
	s.Items = append(s.Items, big.Items...)
	return s
}

func benchScenes() []struct {
	name  string
	scene *render.Scene
} {
	return []struct {
		name  string
		scene *render.Scene
	}{
		{"typical40", typicalScene()},
		{"components500", scenetest.BigScene(500)},
		{"components5000", scenetest.BigScene(5000)},
	}
}

// BenchmarkEncode is the whole PNG export: rendering plus PNG compression.
func BenchmarkEncode(b *testing.B) {
	for _, bc := range benchScenes() {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Encode(io.Discard, bc.scene, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRender is the rasterising alone.
func BenchmarkRender(b *testing.B) {
	for _, bc := range benchScenes() {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Render(bc.scene, Options{})
			}
		})
	}
}

// BenchmarkCorpusMap encodes real maps: the 40-component agriculture map of the corpus (the
// size of a typical map) in the plain and wardley styles, at the default scale.
func BenchmarkCorpusMap(b *testing.B) {
	names, maps := mapFiles(b)
	for i, name := range names {
		if !strings.HasPrefix(name, "34_") {
			continue
		}
		for _, style := range []render.Style{render.StylePlain, render.StyleWardley} {
			scene := render.Layout(maps[i], render.Options{Style: style})
			b.Run(string(style), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := Encode(io.Discard, scene, Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// generatedScene lays out a map of n components from internal/mapgen, the realistic generated
// maps the performance suite uses.
func generatedScene(tb testing.TB, n int) *render.Scene {
	tb.Helper()
	m, _ := mapdsl.Parse("generated.owm", mapgen.Generate(n, 1))
	return render.Layout(m, render.Options{})
}

// BenchmarkGenerated encodes generated maps of 50, 500 and 5,000 components laid out at the
// default size; the time should grow about linearly with the number of components.
func BenchmarkGenerated(b *testing.B) {
	for _, n := range []int{50, 500, 5000} {
		scene := generatedScene(b, n)
		b.Run(fmt.Sprintf("components%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Encode(io.Discard, scene, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPNGEncoders compresses the same picture, the typical map at scale 2 (OWM's export
// scale), with writePNG and with image/png at its default level: the two issue 22 compares.
func BenchmarkPNGEncoders(b *testing.B) {
	img := Render(typicalScene(), Options{Scale: 2})
	for _, enc := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"writePNG", func(w io.Writer) error { return writePNG(w, img, true) }},
		{"image-png", func(w io.Writer) error { return png.Encode(w, img) }},
	} {
		b.Run(enc.name, func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				var buf bytes.Buffer
				if err := enc.write(&buf); err != nil {
					b.Fatal(err)
				}
				n = buf.Len()
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}
