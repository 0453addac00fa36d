package mapdiff

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"time"

	"mapwright/internal/benchsuite"
	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
	"mapwright/render"
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

// revised edits a generated map the way a revision does: every tenth component line moves
// left by a tenth of its maturity's first digit, every fortieth is renamed (its links then name
// a component that no longer exists, as after a careless rename).
func revised(src []byte) []byte {
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "component ") {
			continue
		}
		if i%10 == 3 {
			l = strings.Replace(l, "[0.", "[0.0", 1)
		}
		if i%40 == 7 {
			l = "component Renamed " + strings.TrimPrefix(l, "component ")
		}
		lines[i] = l
	}
	return []byte(strings.Join(lines, "\n"))
}

// BenchmarkDiffOverlay measures what `mapwright diff -o` adds to an export (compare, then draw
// the overlay over the laid-out new map) for maps from internal/mapgen at 8,000 and 32,000
// components. Besides the wall time it reports cpu-ns/op (user and system time of the process,
// steadier on a busy machine). The work must grow linearly: when each change searched every
// item of the scene and every leftover was scored against every other, 4 times the components
// took 29 times as long (0.79 s -> 22.7 s).
func BenchmarkDiffOverlay(b *testing.B) {
	for _, n := range []int{8000, 32000} {
		src := mapgen.Generate(n, 1)
		old, _ := mapdsl.Parse("old", src)
		new, _ := mapdsl.Parse("new", revised(src))
		scene := render.Layout(new, render.Options{})
		items := scene.Items
		b.Run(fmt.Sprintf("components=%d", n), func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				scene.Items = slices.Clone(items)
				Overlay(scene, Compare(old, new, "old", "new"), 1)
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the user and system time the process has used so far (0 where it cannot be read).
func cpuTime() time.Duration {
	ns, _ := benchsuite.ProcessCPU()
	return time.Duration(ns)
}
