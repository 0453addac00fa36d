package mapdsl

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/internal/benchsuite"
	"mapwright/internal/mapgen"
)

// benchInputs are a real corpus map (when the corpus is present) and generated maps of growing
// size, so that the cost per component can be compared across sizes (it should stay flat).
func benchInputs(b *testing.B) []struct {
	name string
	src  []byte
} {
	var out []struct {
		name string
		src  []byte
	}
	real := filepath.Join("..", "..", "shared", "owm-corpus", "34_swardley_agriculture-food-traceability_and_security.owm")
	if src, err := os.ReadFile(real); err == nil {
		out = append(out, struct {
			name string
			src  []byte
		}{"corpus-34", src})
	}
	for _, n := range []int{40, 500, 5000} {
		out = append(out, struct {
			name string
			src  []byte
		}{fmt.Sprintf("generated-%d", n), mapgen.Generate(n, 1)})
	}
	return out
}

// BenchmarkParse measures Parse (lexing, per-statement grammars, model, validation) as the
// editor sees it: the text was parsed before, so unchanged lines come from the statement cache.
func BenchmarkParse(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			Parse("bench.owm", in.src) // the editor has parsed this text before
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				Parse("bench.owm", in.src)
			}
		})
	}
}

// BenchmarkParseAfterEdit measures Parse after a keystroke, as the editor sees it: each
// operation parses a text that differs from the one parsed before by one character typed into a
// comment at its end, so every other line comes from the text parsed before.
func BenchmarkParseAfterEdit(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			texts := [2][]byte{
				append(append([]byte{}, in.src...), "\n// typing her"...),
				append(append([]byte{}, in.src...), "\n// typing here"...),
			}
			Parse("bench.owm", texts[0])
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				Parse("bench.owm", texts[(i+1)%2])
			}
		})
	}
}

// BenchmarkParseCold measures Parse of a file opened for the first time: an empty statement
// cache, so every line is lexed and run through its participle grammar (once per line shape).
func BenchmarkParseCold(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				parseTextWith("bench.owm", in.src, nil, newStatementCache())
			}
		})
	}
}

// BenchmarkParseColdCorpus is BenchmarkParseCold for each map of ../shared/owm-corpus, named
// by its number, with the CPU time of the process per parse (cpu-ns/op, steadier than the wall
// time on a loaded machine). scripts/owm-parse-bench.sh sets it beside OWM's own converter.
func BenchmarkParseColdCorpus(b *testing.B) {
	maps, err := benchsuite.Corpus(filepath.Join("..", "..", "shared", "owm-corpus"))
	if err != nil || len(maps) == 0 {
		b.Skip("no corpus in ../../shared/owm-corpus")
	}
	for _, m := range maps {
		name, _, _ := strings.Cut(m.Name, "_")
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0, cpuOK := benchsuite.ProcessCPU()
			for b.Loop() {
				parseTextWith("bench.owm", m.Src, nil, newStatementCache())
			}
			if cpu1, _ := benchsuite.ProcessCPU(); cpuOK {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// BenchmarkFormat measures Format, which parses and reads back every changed line.
func BenchmarkFormat(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				Format(in.src)
			}
		})
	}
}
