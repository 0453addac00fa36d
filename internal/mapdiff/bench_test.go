package mapdiff

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"mapwright/mapdsl"
)

// generated writes a map of n components with links to earlier ones, an evolve for every tenth
// and a pipeline for every fiftieth; edit changes it the way a revision does: a tenth moved, a
// twentieth renamed, a few removed and added.
func generated(n int, edit bool) []byte {
	r := rand.New(rand.NewSource(int64(n)))
	var b strings.Builder
	b.WriteString("title Generated\nanchor User [0.98, 0.5]\n")
	for i := range n {
		name := fmt.Sprintf("Component %d", i)
		v, m := 0.05+0.9*r.Float64(), 0.05+0.9*r.Float64()
		if edit && i%10 == 3 {
			m = min(0.99, m+0.05)
		}
		if edit && i%20 == 7 {
			name = fmt.Sprintf("Renamed component %d", i)
		}
		if edit && i%97 == 5 {
			continue
		}
		fmt.Fprintf(&b, "component %s [%.2f, %.2f]\n", name, v, m)
		if i%10 == 0 {
			fmt.Fprintf(&b, "evolve %s %.2f\n", name, min(0.99, m+0.1))
		}
		if i%50 == 0 {
			fmt.Fprintf(&b, "pipeline %s [%.2f, %.2f]\n", name, m/2, min(0.99, m+0.2))
		}
	}
	if edit {
		fmt.Fprintf(&b, "component Brand new [0.5, 0.5]\n")
	}
	for i := range n {
		from := "User"
		if i > 0 {
			from = fmt.Sprintf("Component %d", r.Intn(i))
		}
		fmt.Fprintf(&b, "%s->Component %d\n", from, i)
	}
	return []byte(b.String())
}

func BenchmarkCompareGenerated(b *testing.B) {
	for _, n := range []int{50, 500, 5000} {
		old, _ := mapdsl.Parse("old", generated(n, false))
		new, _ := mapdsl.Parse("new", generated(n, true))
		b.Run(fmt.Sprintf("components=%d", n), func(b *testing.B) {
			for b.Loop() {
				Compare(old, new, "old", "new")
			}
		})
	}
}

// TestGeneratedRevision checks the diff finds the edits generated() makes.
func TestGeneratedRevision(t *testing.T) {
	old, _ := mapdsl.Parse("old", generated(200, false))
	new, _ := mapdsl.Parse("new", generated(200, true))
	counts := Compare(old, new, "old", "new").Counts()
	// 10 renamed (i%20 == 7), 2 removed (i%97 == 5), 1 added; moves of i%10 == 3.
	if counts[Renamed] != 10 {
		t.Errorf("renamed %d, want 10", counts[Renamed])
	}
	if counts[Added] < 1 || counts[Removed] < 2 || counts[Moved] < 15 {
		t.Errorf("counts %v", counts)
	}
}
