package steps_test

import (
	"os"
	"path/filepath"
	"testing"

	"mapwright/mapdsl"
	"mapwright/mapdsl/steps"
)

// FuzzSplit holds any text to the properties TestProperties checks on real maps: the last step
// draws as the whole map, every element is new in exactly one step, steps only grow, nothing is
// drawn before what it needs, and the labels and page stay where the whole map puts them.
func FuzzSplit(f *testing.F) {
	files, _ := filepath.Glob("../../samples/*.owm")
	files = append(files, "../../docs/examples/tea-shop-talk.owm", "testdata/tricky.owm")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("// step: one\ncomponent A [0.5, 0.5]\n// step: two\nA->B\ncomponent B [0.4, 0.4]\nevolve B 0.9\n"))
	f.Add([]byte("anchor U [0.9, 0.5]\nU->A\nA->B\nB->C\ncomponent A [0.7, 0.4]\ncomponent B [0.5, 0.5]\ncomponent C [0.3, 0.6] inertia\nevolve C 0.8\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, _ := mapdsl.Parse("fuzz.owm", src)
		deck := steps.Split(src, m)
		if len(deck) == 0 {
			t.Fatal("no steps")
		}
		checkProperties(t, m, deck)
	})
}
