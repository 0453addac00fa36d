package docsgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// root is the repository root, seen from this package's directory.
const root = "../.."

// TestGeneratedFilesUpToDate regenerates every picture of the documentation in memory and fails
// when a file in the repository differs: a change to the renderer, a sample or a docs example
// must come with `make docs`.
func TestGeneratedFilesUpToDate(t *testing.T) {
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Stale(root, files) {
		t.Errorf("%s is out of date; run `make docs` and commit the result", p)
	}
}

// TestEveryPageExampleHasAPicture keeps the language reference honest: an example without a
// picture, or a picture that nothing produces, is a mistake in the page.
func TestEveryPageExampleHasAPicture(t *testing.T) {
	for _, page := range Pages {
		text, err := os.ReadFile(filepath.Join(root, page))
		if err != nil {
			t.Fatal(err)
		}
		examples, err := scanPage(page, string(text))
		if err != nil {
			t.Fatal(err)
		}
		commands, err := scanCommands(page, string(text))
		if err != nil {
			t.Fatal(err)
		}
		produced := map[string]bool{}
		for _, c := range commands {
			if c.Picture != "" {
				produced[c.Picture] = true
			}
		}
		for _, ex := range examples {
			if len(ex.Pictures) == 0 {
				t.Errorf("%s:%d: example has no picture after it", page, ex.Line)
			}
			for _, p := range ex.Pictures {
				produced[p.Path] = true
			}
		}
		for _, line := range strings.Split(string(text), "\n") {
			if m := imageLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil && !produced[m[1]] {
				t.Errorf("%s: picture %s is not rendered from an example", page, m[1])
			}
		}
	}
}

// TestEverySampleInGallery checks that docs/samples.md shows every sample map.
func TestEverySampleInGallery(t *testing.T) {
	gallery, err := os.ReadFile(filepath.Join(root, "docs", "samples.md"))
	if err != nil {
		t.Fatal(err)
	}
	samples, err := filepath.Glob(filepath.Join(root, SampleDir, "*.owm"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range samples {
		name := strings.TrimSuffix(filepath.Base(s), ".owm")
		if !strings.Contains(string(gallery), "images/samples/"+name+".png") {
			t.Errorf("docs/samples.md does not show %s", name)
		}
	}
}
