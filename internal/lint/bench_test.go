package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"mapwright/internal/benchsuite"
	"mapwright/mapdsl"
)

// BenchmarkRun measures lint.Run and Merge as `mapwright check` calls them (the default rules
// except overlapping-labels, which needs a drawing) on the inputs of the benchmark suite: the
// typical corpus map of the budgets (skipped when the corpus is absent) and the generated maps.
// Each map is parsed once, outside the loop, so that only the lint work is timed. Like the
// suite, it reports cpu-ns/op, the process's CPU time per operation, which a loaded machine
// disturbs less than the wall-clock time.
func BenchmarkRun(b *testing.B) {
	type input struct {
		name string
		src  []byte
	}
	var inputs []input
	typical := filepath.Join(benchsuite.CorpusDir, benchsuite.TypicalMap)
	if src, err := os.ReadFile(typical); err == nil {
		inputs = append(inputs, input{"typical", src})
	} else {
		b.Logf("typical map absent (%v): only the generated maps are measured", err)
	}
	for _, n := range benchsuite.Sizes {
		inputs = append(inputs, input{fmt.Sprintf("components=%d", n), benchsuite.Generated(n)})
	}
	cfg := Config{Disable: []string{"overlapping-labels"}}
	for _, in := range inputs {
		b.Run(in.name, func(b *testing.B) {
			m, diags := mapdsl.Parse("bench.owm", in.src)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0, cpuOK := benchsuite.ProcessCPU()
			for range b.N {
				Merge(diags, Run(Input{Map: m, Diagnostics: diags, Source: in.src}, cfg), cfg)
			}
			if cpu1, _ := benchsuite.ProcessCPU(); cpuOK {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}
