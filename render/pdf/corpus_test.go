package pdf

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

// corpusDir holds the real OWM maps, outside the repository (never copied into it).
var corpusDir = filepath.Join("..", "..", "..", "shared", "owm-corpus")

// mapFiles returns the corpus maps and the repository's samples, parsed.
func mapFiles(t testing.TB) (names []string, maps []*mapdsl.Map) {
	t.Helper()
	corpus, _ := filepath.Glob(filepath.Join(corpusDir, "*.owm"))
	if len(corpus) == 0 {
		t.Skipf("no corpus maps in %s (the shared corpus is absent on this machine)", corpusDir)
	}
	samples, _ := filepath.Glob(filepath.Join("..", "..", "samples", "*.owm"))
	files := append(corpus, samples...)
	sort.Strings(files)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := mapdsl.Parse(f, src)
		names = append(names, filepath.Base(f))
		maps = append(maps, m)
	}
	return names, maps
}

// TestCorpus renders every corpus map and sample in every style as one deck per style, and
// checks that each page carries its map's component names.
func TestCorpus(t *testing.T) {
	names, maps := mapFiles(t)
	for _, style := range render.Styles {
		t.Run(string(style), func(t *testing.T) {
			scenes := make([]*render.Scene, len(maps))
			for i, m := range maps {
				scenes[i] = render.Layout(m, render.Options{Style: style})
			}
			var buf bytes.Buffer
			if err := Encode(&buf, scenes, Options{}); err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if *keep != "" {
				if err := os.WriteFile(filepath.Join(*keep, "corpus-"+string(style)+".pdf"), buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			doc := buf.Bytes()
			if got := pageCount(doc); got != len(scenes) {
				t.Fatalf("page count = %d, want %d", got, len(scenes))
			}
			pages, err := pageTexts(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != len(scenes) {
				t.Fatalf("%d page content streams, want %d", len(pages), len(scenes))
			}
			for i, m := range maps {
				for _, c := range m.Components {
					name := strings.TrimSpace(render.PrintableText(strings.Split(c.Name, "\n")[0]))
					if name == "" || strings.ContainsRune(name, '\ufffd') {
						continue
					}
					// Names in other scripts are drawn glyph by glyph from system fonts, which
					// this test's reader of simple fonts does not decode; TestEveryScriptInThePDF
					// reads them with pdftotext.
					if render.Shaped(render.Font{Family: render.FontSans, Size: 12}, name) != nil {
						continue
					}
					if !strings.Contains(pages[i], name) {
						t.Errorf("%s: page %d lacks component %q", names[i], i+1, name)
					}
				}
			}
		})
	}
}
