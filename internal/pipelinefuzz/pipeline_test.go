// Package pipelinefuzz fuzzes the whole export pipeline at once: text is parsed, laid out in
// every style, and encoded to SVG, PDF and PNG. Each stage has its own fuzz target next to it;
// this one catches what only shows when the stages meet (a model the layout did not expect, a
// Scene an encoder chokes on). The seed corpus is the samples, the real maps of
// ../shared/owm-corpus when present, hostile snippets below, and testdata/fuzz/FuzzPipeline.
package pipelinefuzz

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/pdf"
	"mapwright/render/raster"
	"mapwright/render/svg"
)

// hostile are inputs that have broken map tools before: odd bytes, odd numbers, odd names.
var hostile = []string{
	"",
	"\x00\x01\x02component \x00 [0.5, 0.5]",
	"\xef\xbb\xbftitle BOM\ncomponent A [0.5, 0.5]",
	"component \xff\xfe [0.5, 0.5]\nA->\xff",
	"component A [1e309, NaN]\ncomponent B [-0, 0x10]\nA->B",
	"component A [" + strings.Repeat("9", 400) + ", 0.5]",
	"component <script>alert(1)</script> [0.5, 0.5]\nnote ]]>&amp;\"' [0.4, 0.4]",
	"submap S [0.5, 0.5] url(x)\nurl x [javascript:alert(1)]",
	"component 😀 emoji 𝄞 [0.5, 0.5] label [1e300, -1e300]",
	"component \u202eevil\u200b [0.5,0.5]\nanchor \u0645\u0631\u062d\u0628\u0627 [0.9, 0.5]",
	"pipeline P\n{\ncomponent C [0.5]\n",
	"/* unclosed\ncomponent A [0.5, 0.5]",
	"component \"unclosed [0.5, 0.5]",
	"annotation 1 [[0.1,0.1],[0.2,0.2],[2,3]] t\nannotations [5, -5]",
	"pioneers [1, 0, 0, 1]\nsettlers [NaN, 0, 0]\ntownplanners [0.5, 0.5] 100 200",
	"evolution A@0.9->B@0.1->C@NaN->D\nsize [1e9, -5]\nstyle dark",
	"component    [   ,   ]\n   ->   \n+<>\n;",
	"component A [0.5, 0.5]\nevolve A 0.1\nevolve A->B 9\nA+'x'<>A; ctx",
}

// seeds returns the texts that start the fuzzer: hostile snippets, samples and corpus maps.
func seeds(t testing.TB) [][]byte {
	var out [][]byte
	for _, h := range hostile {
		out = append(out, []byte(h))
	}
	for _, dir := range []string{"../../samples", "../../../shared/owm-corpus"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.owm"))
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil {
				out = append(out, b)
			}
		}
	}
	return out
}

// exportAll runs every stage on src and reports what went wrong, if anything.
func exportAll(t testing.TB, src []byte, styles []render.Style) {
	m, diags := mapdsl.Parse("fuzz.owm", src)
	if m == nil {
		t.Fatal("Parse returned a nil map")
	}
	for _, d := range diags {
		if d.Range.Start.Offset < 0 || d.Range.End.Offset > len(src) || d.Range.Start.Offset > d.Range.End.Offset {
			t.Fatalf("diagnostic range %d..%d outside the %d-byte input: %s", d.Range.Start.Offset, d.Range.End.Offset, len(src), d.Message)
		}
	}
	for _, style := range styles {
		scene := render.Layout(m, render.Options{Style: style})
		var svgOut bytes.Buffer
		if err := svg.Encode(&svgOut, scene); err != nil {
			t.Fatalf("%s: svg: %v", style, err)
		}
		dec := xml.NewDecoder(&svgOut)
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: the SVG is not well-formed XML: %v", style, err)
			}
			if el, ok := tok.(xml.StartElement); ok && strings.EqualFold(el.Name.Local, "script") {
				t.Fatalf("%s: the SVG carries a <script> element", style)
			}
		}
		if err := pdf.Encode(io.Discard, []*render.Scene{scene}, pdf.Options{}); err != nil {
			t.Fatalf("%s: pdf: %v", style, err)
		}
		// A small bitmap is enough to find crashes; a map with a huge `size` must not make
		// every fuzz run paint millions of pixels.
		scale := math.Min(0.5, 600/math.Max(scene.Width, scene.Height))
		if err := raster.Encode(io.Discard, scene, raster.Options{Scale: scale}); err != nil {
			t.Fatalf("%s: png: %v", style, err)
		}
	}
}

// TestPipelineSeeds runs every seed through every style, so `go test` alone checks them all.
func TestPipelineSeeds(t *testing.T) {
	for i, src := range seeds(t) {
		src := src
		t.Run(strings.ReplaceAll(firstLine(src, i), "/", "_"), func(t *testing.T) {
			exportAll(t, src, render.Styles)
		})
	}
}

func FuzzPipeline(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 {
			return // big inputs are the benchmarks' business; keep each fuzz run quick
		}
		// One style per input keeps the fuzzer fast; which one depends on the input.
		style := render.Styles[len(src)%len(render.Styles)]
		exportAll(t, src, []render.Style{style})
	})
}

func firstLine(src []byte, i int) string {
	line, _, _ := strings.Cut(string(src), "\n")
	if len(line) > 30 {
		line = line[:30]
	}
	return strings.ToValidUTF8(strings.TrimSpace(line), "?") + "#" + string(rune('a'+i%26))
}
