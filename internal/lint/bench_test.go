package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"mapwright/internal/mapgen"
	"mapwright/mapdsl"
)

// typicalMap is the corpus map the budget for "a typical map" names (40 components,
// 71 links); the corpus lives next to the repository and the benchmark skips without it.
var typicalMap = filepath.Join("..", "..", "..", "shared", "owm-corpus",
	"34_swardley_agriculture-food-traceability_and_security.owm")

// BenchmarkRun measures lint.Run and Merge as `mapwright check` calls them (the default rules
// except overlapping-labels, which needs a drawing), on maps parsed once outside the loop, so
// that only the lint work is timed.
func BenchmarkRun(b *testing.B) {
	type input struct {
		name string
		src  []byte
	}
	var inputs []input
	if src, err := os.ReadFile(typicalMap); err == nil {
		inputs = append(inputs, input{"typical", src})
	}
	for _, n := range []int{50, 500, 5000, 50000} {
		inputs = append(inputs, input{fmt.Sprintf("components=%d", n), mapgen.Generate(n, 1)})
	}
	cfg := Config{Disable: []string{"overlapping-labels"}}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			m, diags := mapdsl.Parse("bench.owm", in.src)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				Merge(diags, Run(Input{Map: m, Source: in.src}, cfg), cfg)
			}
		})
	}
	if len(inputs) > 0 && inputs[0].name != "typical" {
		b.Logf("typical map %s absent: only generated maps measured", typicalMap)
	}
}
