package edit

import (
	"fmt"
	"strings"
	"testing"

	"mapwright/mapdsl"
)

// generated returns a map of n components, each linked to the next and every tenth evolved.
func generated(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "component C%d [%.2f, %.2f] label [5, -10]\n", i, float64(i%97)/97, float64(i%89)/89)
		if i > 0 {
			fmt.Fprintf(&b, "C%d->C%d\n", i-1, i)
		}
		if i%10 == 0 {
			fmt.Fprintf(&b, "evolve C%d 0.90\n", i)
		}
	}
	return []byte(b.String())
}

// BenchmarkEdits measures the edits alone (the editor parses once per change anyway): a drag
// is a constant amount of work plus copying the text in Apply; a rename visits every link.
func BenchmarkEdits(b *testing.B) {
	for _, n := range []int{50, 500, 5000} {
		src := generated(n)
		m, _ := mapdsl.Parse("bench.owm", src)
		target := fmt.Sprintf("C%d", n/2)
		b.Run(fmt.Sprintf("move/%d", n), func(b *testing.B) {
			for b.Loop() {
				s, err := Move(src, m, named(src, m, Components, target), 0.42, 0.58)
				if err != nil {
					b.Fatal(err)
				}
				Apply(src, s)
			}
		})
		b.Run(fmt.Sprintf("rename/%d", n), func(b *testing.B) {
			for b.Loop() {
				s, err := Rename(src, m, target, "Renamed")
				if err != nil {
					b.Fatal(err)
				}
				Apply(src, s)
			}
		})
	}
}
