package benchsuite

import (
	"testing"

	"mapwright/internal/mapdiff"
	"mapwright/mapdsl"
)

// TestReviseMakesARevision checks that the diff benchmark compares what its doc says: a valid
// map in which a tenth of the components moved, a fiftieth of the links went and a few
// components arrived.
func TestReviseMakesARevision(t *testing.T) {
	for _, n := range []int{50, 500} {
		src := Generated(n)
		old, _ := mapdsl.Parse("old.owm", src)
		revised, diags := mapdsl.Parse("new.owm", Revise(src))
		if diags.HasErrors() {
			t.Fatalf("%d components: the revision has errors: %v", n, diags.Errors())
		}
		moved, linksRemoved, added := 0, 0, 0
		for _, c := range mapdiff.Compare(old, revised, "old", "new").Changes {
			switch {
			case c.Element == mapdiff.ElemComponent && c.Kind == mapdiff.Moved:
				moved++
			case c.Element == mapdiff.ElemLink && c.Kind == mapdiff.Removed:
				linksRemoved++
			case c.Element == mapdiff.ElemComponent && c.Kind == mapdiff.Added:
				added++
			}
		}
		// Pipeline children (indented) are not moved, and a tenth of the rest are.
		if moved < n/20 || linksRemoved < 1 || added < 1+n/200 {
			t.Errorf("%d components: %d moved, %d links removed, %d added; want >= %d, >= 1, >= %d",
				n, moved, linksRemoved, added, n/20, 1+n/200)
		}
	}
}

// TestCorpusIsReadable checks that the corpus, when present, loads.
func TestCorpusIsReadable(t *testing.T) {
	maps, err := Corpus(CorpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(maps) == 0 {
		t.Skipf("no corpus in %s", CorpusDir)
	}
	for _, m := range maps {
		if len(m.Src) == 0 {
			t.Errorf("%s is empty", m.Name)
		}
	}
}
