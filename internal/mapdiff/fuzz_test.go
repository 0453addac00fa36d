package mapdiff

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

// FuzzCompare diffs two arbitrary texts: Compare, every report and the overlay must not panic,
// and a map compared with itself has no changes.
func FuzzCompare(f *testing.F) {
	pairs, _ := filepath.Glob("testdata/*/old.owm")
	for _, p := range pairs {
		a, _ := os.ReadFile(p)
		b, _ := os.ReadFile(filepath.Join(filepath.Dir(p), "new.owm"))
		f.Add(a, b)
	}
	f.Add([]byte(""), []byte("component A [0.5, 0.5]\ncomponent A [0.5, 0.5]\nA->A\n"))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		ma, _ := mapdsl.Parse("a", a)
		mb, _ := mapdsl.Parse("b", b)
		r := Compare(ma, mb, "a", "b")
		var out bytes.Buffer
		r.WriteText(&out)
		r.WriteMarkdown(&out)
		r.WriteJSON(&out)
		scene := render.Layout(mb, render.Options{})
		Overlay(scene, r, 1)
		if self := Compare(mb, mb, "b", "b"); !self.Empty() {
			t.Fatalf("a map differs from itself: %+v", self.Changes)
		}
	})
}
