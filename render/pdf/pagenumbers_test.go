package pdf

import (
	"strings"
	"testing"

	"mapwright/render"
	"mapwright/render/internal/scenetest"
)

// TestPageNumbers checks that a document of several pages numbers each "n / N", on slides and
// on fitted pages (which grow a band to hold the number), that a single page has none, and that
// the scenes given are left as they were.
func TestPageNumbers(t *testing.T) {
	for _, paper := range []string{"", "16:9", "a4"} {
		t.Run("paper="+paper, func(t *testing.T) {
			scenes := []*render.Scene{scenetest.FeatureScene("one"), scenetest.FeatureScene("two"), scenetest.FeatureScene("three")}
			items := len(scenes[0].Items)
			// pdftotext reads "1 / 3" without its narrow spaces.
			pages := strings.Split(strings.ReplaceAll(pdftotext(t, encode(t, scenes, Options{Paper: paper, PageNumbers: true})), " ", ""), "\f")
			for i, n := range []string{"1/3", "2/3", "3/3"} {
				if !strings.Contains(pages[i], "\n"+n+"\n") {
					t.Errorf("page %d has no page number %q", i+1, n)
				}
			}
			if len(scenes[0].Items) != items {
				t.Errorf("numbering changed the caller's scene")
			}
			single := pdftotext(t, encode(t, scenes[:1], Options{Paper: paper, PageNumbers: true}))
			if strings.Contains(strings.ReplaceAll(single, " ", ""), "1/1") {
				t.Errorf("a single page is numbered")
			}
		})
	}
	s := scenetest.FeatureScene("fitted")
	plain := pageSizes(t, encode(t, []*render.Scene{s, s}, Options{}))
	numbered := pageSizes(t, encode(t, []*render.Scene{s, s}, Options{PageNumbers: true}))
	if numbered[0][0] != plain[0][0] || numbered[0][1] != plain[0][1]+pageNumberBand {
		t.Errorf("a fitted page with a number is %v, want %v with a %g pt band below", numbered[0], plain[0], float64(pageNumberBand))
	}
}
