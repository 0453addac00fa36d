// Package benchsuite is Mapwright's one performance suite: every stage a map goes through, from
// text to pictures, measured on the real maps of the shared corpus and on generated maps of
// 50, 500, 5,000 and 50,000 components.
//
// The package holds only benchmarks (bench_test.go) and the inputs they share (this package's
// non-test files). Run it with `make bench` (scripts/bench.sh); `scripts/bench.sh --smoke` runs
// every benchmark once, as `make test` does, so the suite cannot rot. docs/performance.md holds
// the results of one run, the budgets they are held to, and how cost grows with size.
//
// Stages, each a Benchmark function with one sub-benchmark per input:
//
//	Parse         mapdsl.Parse as the editor sees it (the text was parsed before)
//	Validate      mapdsl.Parse, then the lint rules and the merge `mapwright check` does
//	Format        mapdsl.Format
//	Layout        render.Layout with label placement
//	SVG, PDF, PNG the encoders, on the scene Layout made
//	Export        parse, layout and one encoder: `mapwright export` without the process
//	EditorUpdate  one keystroke in the editor: text pane edit, parse, layout, map canvas sync
//	Diff          mapdiff.Compare of a map and a revision of it
//
// Inputs: "typical" is one real map of 40 components (TypicalMap), "corpus" every map of the
// shared corpus (the time per map is reported as ns/map), "components=N" the generated maps.
//
// Generated maps of 50,000 components take seconds per operation in the drawing stages; they run
// only when MAPWRIGHT_BENCH_50K=1 is set (the text stages always run them). -short keeps only the
// corpus and the maps of 50 and 500 components, for a quick run.
package benchsuite
