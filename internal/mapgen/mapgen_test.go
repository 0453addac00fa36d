package mapgen_test

import (
	"bytes"
	"testing"

	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
)

// TestGenerateParses checks that generated maps have the requested size, parse without errors
// and are deterministic.
func TestGenerateParses(t *testing.T) {
	for _, n := range []int{1, 40, 500} {
		src := mapgen.Generate(n, 7)
		if !bytes.Equal(src, mapgen.Generate(n, 7)) {
			t.Fatalf("n=%d: not deterministic", n)
		}
		m, diags := mapdsl.Parse("gen.owm", src)
		if diags.HasErrors() {
			t.Fatalf("n=%d: errors: %v", n, diags.Errors())
		}
		if len(m.Components) != n {
			t.Errorf("n=%d: %d components", n, len(m.Components))
		}
		if n >= 40 && (len(m.Links) < n || len(m.Evolves) == 0 || len(m.Pipelines) == 0 || len(m.Notes) == 0) {
			t.Errorf("n=%d: links %d evolves %d pipelines %d notes %d", n, len(m.Links), len(m.Evolves), len(m.Pipelines), len(m.Notes))
		}
	}
}
