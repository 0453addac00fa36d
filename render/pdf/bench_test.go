package pdf

import (
	"fmt"
	"io"
	"mapwright/render/internal/scenetest"
	"strconv"
	"strings"
	"testing"

	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
	"mapwright/render"
)

// typicalScene is a 40-component map with the decoration of featureScene (axes, stages,
// captions, a gradient background): the size of a real map.
func typicalScene() *render.Scene {
	s := scenetest.FeatureScene("Typical map")
	big := scenetest.BigScene(40)
	s.Items = append(s.Items, big.Items...)
	return s
}

func BenchmarkEncode(b *testing.B) {
	cases := []struct {
		name  string
		scene *render.Scene
	}{
		{"typical40", typicalScene()},
		{"components500", scenetest.BigScene(500)},
		{"components5000", scenetest.BigScene(5000)},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			scenes := []*render.Scene{bc.scene}
			b.ReportAllocs()
			for b.Loop() {
				if err := Encode(io.Discard, scenes, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEncodeDeck(b *testing.B) {
	for _, pages := range []int{1, 10} {
		b.Run(strconv.Itoa(pages)+"pages", func(b *testing.B) {
			scenes := make([]*render.Scene, pages)
			for i := range scenes {
				scenes[i] = typicalScene()
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := Encode(io.Discard, scenes, Options{Paper: "a4"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCorpusMap encodes real maps: the 40-component agriculture map of the corpus (the
// size of a typical map) in the plain and wardley styles.
func BenchmarkCorpusMap(b *testing.B) {
	names, maps := mapFiles(b)
	for i, name := range names {
		if !strings.HasPrefix(name, "34_") {
			continue
		}
		for _, style := range []render.Style{render.StylePlain, render.StyleWardley} {
			scenes := []*render.Scene{render.Layout(maps[i], render.Options{Style: style})}
			b.Run(string(style), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := Encode(io.Discard, scenes, Options{}); err != nil {
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
				if err := Encode(io.Discard, []*render.Scene{scene}, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSubsetFont subsets and compresses one face for the characters of a typical map's
// labels, which every document does for every face it draws text in.
func BenchmarkSubsetFont(b *testing.B) {
	fc, err := faceFor(render.Font{Family: render.FontSans})
	if err != nil {
		b.Fatal(err)
	}
	runes := []rune(" ()-.0123456789ABCDEFGHIKLMNOPRSTUVWabcdefghiklmnoprstuvwxyz")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := fc.compressedSubset(runes); err != nil {
			b.Fatal(err)
		}
	}
}
