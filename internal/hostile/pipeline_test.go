package hostile

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"mapwright/internal/cli"
	"mapwright/internal/lint"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/pdf"
	"mapwright/render/raster"
	"mapwright/render/svg"
)

// stages runs every stage of the pipeline on src the way the command line and the editor do and
// returns the parser's and the linter's diagnostics. Encoder errors are returned too: a refusal
// with a message is acceptable for a hostile map, a panic is not.
func stages(t testing.TB, src []byte, styles []render.Style) (*mapdsl.Map, mapdsl.Diagnostics, error) {
	t.Helper()
	var m *mapdsl.Map
	var diags mapdsl.Diagnostics
	var encErr error
	noPanic(t, "pipeline", func() {
		m, diags = mapdsl.Parse("hostile.owm", src)
		var scene *render.Scene
		for i, style := range styles {
			s := render.Layout(m, render.Options{Style: style})
			if i == 0 {
				scene = s
			}
			if err := svg.Encode(io.Discard, s); err != nil && encErr == nil {
				encErr = fmt.Errorf("%s svg: %w", style, err)
			}
			if err := pdf.Encode(io.Discard, []*render.Scene{s}, pdf.Options{}); err != nil && encErr == nil {
				encErr = fmt.Errorf("%s pdf: %w", style, err)
			}
			// A quarter-scale bitmap is enough to exercise every drawing path.
			if err := raster.Encode(io.Discard, s, raster.Options{Scale: 0.25}); err != nil && encErr == nil {
				encErr = fmt.Errorf("%s png: %w", style, err)
			}
		}
		diags = append(diags, lint.Run(lint.Input{Map: m, Diagnostics: diags, Source: src, Scene: scene}, lint.Config{})...)
		mapdsl.Format(src)
	})
	return m, diags, encErr
}

// noPanic runs f and fails the test with the stack when it panics.
func noPanic(t testing.TB, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s panicked: %v\n%s", what, r, debug.Stack())
		}
	}()
	f()
}

// runCLI runs one mapwright command in-process and returns its exit status and what it printed
// (standard output, where check reports, then standard error).
func runCLI(t testing.TB, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	status := -1
	noPanic(t, "mapwright "+strings.Join(args, " "), func() {
		status = cli.Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	})
	return status, out.String() + errb.String()
}

// hasDiag reports whether ds holds a diagnostic with the code whose message contains msg.
func hasDiag(ds mapdsl.Diagnostics, code, msg string) bool {
	for _, d := range ds {
		if d.Code == code && strings.Contains(d.Message, msg) {
			return true
		}
	}
	return false
}

func summary(ds mapdsl.Diagnostics) string {
	var b strings.Builder
	for i, d := range ds {
		if i == 5 {
			fmt.Fprintf(&b, "... %d more", len(ds)-5)
			break
		}
		fmt.Fprintf(&b, "\n  %.160s [%s]", d.Format("hostile.owm"), d.Code)
	}
	return b.String()
}

// cost is what one run allocated: a count and bytes, read from the runtime (allocation counts
// are repeatable where timings are not).
type cost struct{ mallocs, bytes float64 }

func measure(f func()) cost {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return cost{float64(after.Mallocs - before.Mallocs), float64(after.TotalAlloc - before.TotalAlloc)}
}

// lines repeats a line made by f for i = 0..n-1.
func lines(n int, f func(i int) string) []byte {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		b.WriteString(f(i))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// garbage is n bytes of deterministic noise (xorshift), every byte value included.
func garbage(n int) []byte {
	out := make([]byte, n)
	x := uint64(88172645463325252)
	for i := range out {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		out[i] = byte(x)
	}
	return out
}

const mib = 1 << 20

// maxMessage is the longest diagnostic message a person should have to read.
const maxMessage = 400

// hostileCase is one row of the table. gen makes the input at size n; the table runs the whole
// pipeline at n = full and compares the cost of the pipeline's stages at costN and 2*costN.
type hostileCase struct {
	name  string
	gen   func(n int) []byte
	full  int
	costN int
	// code and message: a diagnostic of the parser or the linter with this code whose message
	// contains message must be reported for the full input.
	code, message string
	// errors: the map has errors, so export and fmt refuse it (exit 1, message on stderr);
	// otherwise they succeed.
	errors bool
	// drawPrefix > 0 lays out and encodes only a map of the first drawPrefix lines of the
	// full input (the full input is still parsed, linted, formatted and checked by the CLI).
	drawPrefix int
	// model checks what the map became.
	model func(t *testing.T, m *mapdsl.Map)
}

func cases() []hostileCase {
	comp := func(f string) func(n int) []byte {
		return func(n int) []byte { return lines(n, func(i int) string { return fmt.Sprintf(f, i) }) }
	}
	return []hostileCase{
		{name: "binary garbage", gen: func(n int) []byte { return garbage(n << 10) }, full: 64, costN: 16,
			code: "binary-data", message: "looks like binary data rather than map text", errors: true},
		{name: "NUL bytes", gen: comp("component A%d\x00B [0.5, 0.5]"), full: 1, costN: 500,
			code: "binary-data", message: "contains a NUL byte", errors: true},
		{name: "invalid UTF-8", gen: comp("component Caf\xe9 %d [0.5, 0.5]"), full: 1, costN: 500,
			code: "invalid-utf8", message: "is not valid UTF-8; save the file as UTF-8", errors: true},
		{name: "byte-order mark", gen: func(n int) []byte {
			return append([]byte("\ufefftitle Tea\nanchor Business [0.95, 0.6]\n"), comp("component C%d [0.5, 0.5]")(n)...)
		}, full: 1, costN: 500, code: "unreachable-component", message: "is not linked",
			model: func(t *testing.T, m *mapdsl.Map) {
				if m.Title != "Tea" || len(m.Anchors) != 1 {
					t.Errorf("the byte-order mark was read as text: title %q, %d anchors", m.Title, len(m.Anchors))
				}
			}},
		{name: "20 MB file", gen: func(n int) []byte {
			return bytes.Repeat([]byte("component Cup [0.5, 0.5]\n"), n*mib/25)
		}, full: 20, costN: 17,
			code: "too-large", message: fmt.Sprintf("more than the %d bytes a map may have", mapdsl.MaxInputSize), errors: true},
		{name: "1 MB single line", gen: func(n int) []byte {
			return []byte("component " + strings.Repeat("Kettle ", n<<10/7) + "[0.5, 0.5]")
		}, full: 1024, costN: 64, code: "no-anchor", message: "the map has no anchor",
			model: func(t *testing.T, m *mapdsl.Map) {
				if len(m.Components) != 1 || len(m.Components[0].Name) < 1<<19 {
					t.Errorf("the long name was not kept: %d components", len(m.Components))
				}
			}},
		{name: "1 MB line of links", gen: func(n int) []byte { return bytes.Repeat([]byte("a->"), n<<10/3) },
			full: 1024, costN: 64, code: "unknown-component", message: "which is not defined"},
		{name: "100,000 components", gen: func(n int) []byte {
			return append([]byte("anchor User [0.95, 0.5]\n"), lines(n, func(i int) string {
				if i%10 == 0 {
					return fmt.Sprintf("component Part %d [%.2f, %.2f]\nPart %d->Part %d", i, 0.05+float64(i%90)/100, float64(i%97)/100, i/2, i)
				}
				return fmt.Sprintf("component Part %d [%.2f, %.2f]", i, 0.05+float64(i%90)/100, float64(i%97)/100)
			})...)
		}, full: 100000, costN: 400, drawPrefix: 5000,
			code: "unreachable-component", message: "is not linked",
			model: func(t *testing.T, m *mapdsl.Map) {
				if len(m.Components) != 100000 || len(m.Links) != 10000 {
					t.Errorf("%d components and %d links, want 100,000 and 10,000", len(m.Components), len(m.Links))
				}
			}},
		{name: "thousands of pipeline blocks", gen: func(n int) []byte {
			return lines(n, func(i int) string {
				return fmt.Sprintf("component Stage %d [0.5, 0.5]\npipeline Stage %d\n{\n  component Step %d [0.3]\n}", i, i, i)
			})
		}, full: 2000, costN: 500, code: "overlapping-labels", message: "is drawn over",
			model: func(t *testing.T, m *mapdsl.Map) {
				if len(m.Pipelines) != 2000 {
					t.Errorf("%d pipelines, want 2,000", len(m.Pipelines))
				}
			}},
		{name: "unclosed block comment", gen: func(n int) []byte {
			return append([]byte("component Kept [0.5, 0.5]\n/* never closed\n"), comp("component Hidden %d [0.5, 0.5]")(n)...)
		}, full: 100, costN: 500, code: "unclosed-comment", message: "",
			model: func(t *testing.T, m *mapdsl.Map) {
				if len(m.Components) != 1 {
					t.Errorf("%d components, want only the one before the comment (OWM hides the rest)", len(m.Components))
				}
			}},
		{name: "unclosed quote", gen: comp("component \"Cup %d [0.5, 0.5]\nnote \"open [0.1, 0.1]"), full: 1, costN: 500,
			code: "no-anchor", message: "",
			model: func(t *testing.T, m *mapdsl.Map) {
				// OWM reads an unbalanced quote as part of the name; so does Mapwright.
				if len(m.Components) != 1 || m.Components[0].Name != "\"Cup 0" || m.Components[0].Coords.Maturity.Value != 0.5 {
					t.Errorf("components %+v", m.Components)
				}
			}},
		{name: "number 1e309", gen: comp("component A%d [1e309, 0.5]"), full: 1, costN: 500,
			code: "bad-number", message: "\"1e309\" is not a number OWM can use",
			model: coordsAre(0.9, 0.5)},
		{name: "number NaN", gen: comp("component A%d [0.5, NaN]"), full: 1, costN: 500,
			code: "bad-number", message: "\"NaN\" is not a number OWM can use", model: finiteCoords},
		{name: "number -0", gen: comp("component A%d [-0, 0.5]"), full: 1, costN: 500,
			code: "no-anchor", model: coordsAre(0, 0.5)},
		{name: "number 0x10", gen: comp("component A%d [0.5, 0x10]"), full: 1, costN: 500,
			// OWM's parseFloat reads "0x10" as 0, and so does Mapwright, with a warning.
			code: "number-prefix", message: "\"0x10\" is read as 0", model: coordsAre(0.5, 0)},
		{name: "hundreds of digits", gen: comp("component A%d [" + strings.Repeat("9", 400) + ", 0." + strings.Repeat("3", 400) + "]"),
			full: 1, costN: 500, code: "bad-number", message: "is not a number OWM can use", model: finiteCoords},
		{name: "name of only spaces", gen: comp("component     %.0d [0.5, 0.5]"), full: 1, costN: 500,
			code: "missing-name", message: "this component has no name"},
		{name: "name of only punctuation", gen: comp("component !@#$%%^&*()%d [0.5, 0.5]\n!@#$%%^&*()0->?"), full: 1, costN: 500,
			code: "unknown-component", message: "\"?\"",
			model: func(t *testing.T, m *mapdsl.Map) {
				if len(m.Components) != 1 || m.Components[0].Name != "!@#$%^&*()0" {
					t.Errorf("components %+v", m.Components)
				}
			}},
		{name: "right-to-left and zero-width", gen: comp("component \u202eevil%d\u200b [0.5, 0.5]\nanchor \u0645\u0631\u062d\u0628\u0627 [0.9, 0.5]\n\u0645\u0631\u062d\u0628\u0627->\u202eevil0\u200b"),
			full: 1, costN: 400, code: "hidden-characters", message: "U+202E",
			model: func(t *testing.T, m *mapdsl.Map) {
				if len(m.Components) != 1 || m.Components[0].Name != "\u202eevil0\u200b" || len(m.Links) != 1 {
					t.Errorf("names not kept as written: %+v", m.Components)
				}
			}},
		{name: "emoji", gen: comp("component 🫖 Tea %d 🍵 [0.5, 0.5]\nanchor 👩‍💻 [0.9, 0.5]\n👩‍💻->🫖 Tea 0 🍵"), full: 1, costN: 400,
			code: "", model: func(t *testing.T, m *mapdsl.Map) {
				if len(m.Components) != 1 || m.Components[0].Name != "🫖 Tea 0 🍵" {
					t.Errorf("components %+v", m.Components)
				}
			}},
	}
}

func coordsAre(v, mat float64) func(t *testing.T, m *mapdsl.Map) {
	return func(t *testing.T, m *mapdsl.Map) {
		c := m.Components[0].Coords
		if c.Visibility.Value != v || c.Maturity.Value != mat {
			t.Errorf("coordinates [%v, %v], want [%v, %v]", c.Visibility.Value, c.Maturity.Value, v, mat)
		}
	}
}

func finiteCoords(t *testing.T, m *mapdsl.Map) {
	for _, c := range m.Components {
		for _, v := range []float64{c.Coords.Visibility.Value, c.Coords.Maturity.Value} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1 {
				t.Errorf("%q has coordinate %v in the model", c.Name, v)
			}
		}
	}
}

// TestHostileInput runs every case through the whole pipeline: parse, lint, layout in every
// style, SVG, PDF and PNG, format, and `mapwright export`, `check` and `fmt` on a file.
func TestHostileInput(t *testing.T) {
	for _, tc := range cases() {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.gen(tc.full)
			if tc.drawPrefix > 0 {
				// The full input is parsed (and its model checked); the other stages and the
				// CLI get the first drawPrefix lines, because linting, laying out and encoding
				// 100,000 components in five styles takes tens of seconds on a loaded CI
				// machine. Their linear cost is checked by TestHostileInputCostIsLinear and by
				// the benchmarks of render and internal/lint.
				full, fullDiags := mapdsl.Parse("hostile.owm", src)
				if fullDiags.HasErrors() != tc.errors {
					t.Errorf("errors reported for the full input: %v, want %v;%s", !tc.errors, tc.errors, summary(fullDiags.Errors()))
				}
				if tc.model != nil {
					tc.model(t, full)
				}
				src = firstLines(src, tc.drawPrefix)
			}
			m, diags, err := stages(t, src, render.Styles)
			if err != nil {
				t.Errorf("encoder refused the map: %v", err)
			}
			checkExpected(t, tc, m, diags)
			for _, d := range diags {
				if d.Code == "internal-error" {
					t.Errorf("the parser recovered from a panic: %s", d.Message)
				}
				if len(d.Message) > maxMessage {
					t.Errorf("a %d-byte %s message: %.100s...", len(d.Message), d.Code, d.Message)
				}
			}
			checkCLI(t, tc, src)
		})
	}
}

func checkExpected(t *testing.T, tc hostileCase, m *mapdsl.Map, diags mapdsl.Diagnostics) {
	t.Helper()
	if tc.code != "" && !hasDiag(diags, tc.code, tc.message) {
		t.Errorf("want a %q diagnostic saying %q; got%s", tc.code, tc.message, summary(diags))
	}
	if got := diags.HasErrors(); got != tc.errors {
		t.Errorf("errors reported: %v, want %v;%s", got, tc.errors, summary(diags.Errors()))
	}
	if tc.model != nil && tc.drawPrefix == 0 {
		tc.model(t, m)
	}
}

// firstLines is the text of the first n lines of src.
func firstLines(src []byte, n int) []byte {
	end := 0
	for i := 0; i < n && end < len(src); i++ {
		j := bytes.IndexByte(src[end:], '\n')
		if j < 0 {
			return src
		}
		end += j + 1
	}
	return src[:end]
}

// checkCLI writes src to a file and runs export (SVG), check and fmt -l on it.
func checkCLI(t *testing.T, tc hostileCase, src []byte) {
	dir := t.TempDir()
	in := filepath.Join(dir, "map.owm")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "map.svg")
	if tc.errors {
		// --strict writes nothing for a map with errors; without it the readable lines are drawn.
		status, _ := runCLI(t, "export", "--strict", "-o", out, in)
		if _, err := os.Stat(out); status != 1 || err == nil {
			t.Errorf("export --strict of a map with errors: status %d, output written %v; want 1 and nothing", status, err == nil)
		}
	}
	status, stderr := runCLI(t, "export", "-o", out, in)
	_, statErr := os.Stat(out)
	switch {
	case tc.errors && (status != 1 || statErr != nil):
		t.Errorf("export of a map with errors: status %d, output written %v; want 1 and the lines that can be read drawn", status, statErr == nil)
	case tc.errors && !strings.Contains(stderr, tc.message):
		t.Errorf("export does not say %q: %.300s", tc.message, stderr)
	case !tc.errors && (status != 0 || statErr != nil):
		t.Errorf("export: status %d, %v: %.300s", status, statErr, stderr)
	}
	status, stderr = runCLI(t, "check", in)
	if tc.errors && status != 1 || !tc.errors && status != 0 {
		t.Errorf("check: status %d: %.300s", status, stderr)
	}
	if tc.code != "" && !strings.Contains(stderr, tc.message) {
		t.Errorf("check does not say %q: %.300s", tc.message, stderr)
	}
	status, stderr = runCLI(t, "fmt", "-l", in)
	if tc.errors && (status != 1 || !strings.Contains(stderr, tc.message)) || !tc.errors && status != 0 {
		t.Errorf("fmt -l: status %d: %.300s", status, stderr)
	}
	if after, _ := os.ReadFile(in); !bytes.Equal(after, src) {
		t.Error("fmt -l changed the file")
	}
	if len(stderr) > 64<<10 {
		t.Errorf("fmt printed %d bytes of messages", len(stderr))
	}
}

// stageAllocs counts the allocations of each stage of the pipeline for src. testing.AllocsPerRun
// runs a stage once to fill the pools and caches it uses, then counts one more run: counts, unlike
// byte totals, hardly move when a collection empties a pool (a miss costs an allocation or two,
// not the megabyte of a compression buffer).
func stageAllocs(src []byte) map[string]float64 {
	m, diags := mapdsl.Parse("", src)
	scene := render.Layout(m, render.Options{Style: render.StyleHandwritten})
	count := func(f func()) float64 { return testing.AllocsPerRun(1, f) }
	return map[string]float64{
		"parse":  count(func() { mapdsl.Parse("", src) }),
		"layout": count(func() { render.Layout(m, render.Options{Style: render.StyleHandwritten}) }),
		"lint":   count(func() { lint.Run(lint.Input{Map: m, Diagnostics: diags, Source: src, Scene: scene}, lint.Config{}) }),
		"format": count(func() { mapdsl.Format(src) }),
		"svg":    count(func() { svg.Encode(io.Discard, scene) }),
		"pdf":    count(func() { pdf.Encode(io.Discard, []*render.Scene{scene}, pdf.Options{}) }),
		"png":    count(func() { raster.Encode(io.Discard, scene, raster.Options{Scale: 0.25}) }),
	}
}

// TestHostileInputCostIsLinear compares the allocations of each stage for the input of every
// case at two sizes, n and 2n, after subtracting those for an empty map: doubling the input may
// at most about double the count (2.5x, plus 200 for what a pool or cache sometimes keeps).
func TestHostileInputCostIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts skipped in -short mode")
	}
	base := stageAllocs(nil)
	for _, tc := range cases() {
		t.Run(tc.name, func(t *testing.T) {
			small, large := stageAllocs(tc.gen(tc.costN)), stageAllocs(tc.gen(2*tc.costN))
			for _, stage := range []string{"parse", "layout", "lint", "format", "svg", "pdf", "png"} {
				a, b := math.Max(small[stage]-base[stage], 0), math.Max(large[stage]-base[stage], 0)
				t.Logf("%-6s n: %8.0f allocations; 2n: %8.0f", stage, a, b)
				if b > 2.5*a+200 {
					t.Errorf("%s: cost grows faster than the input: %.0f allocations for n, %.0f for 2n", stage, a, b)
				}
			}
		})
	}
}

// endless is a reader that never ends: a pipe from a runaway process.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// TestEndlessStandardInput pipes an endless stream into export and check: they stop reading one
// byte past the maximum input size, report the input as too large, and allocate a bounded
// amount of memory.
func TestEndlessStandardInput(t *testing.T) {
	for _, args := range [][]string{{"export", "-f", "svg", "-"}, {"check", "-"}, {"fmt", "-"}} {
		t.Run(args[0], func(t *testing.T) {
			var out, errb bytes.Buffer
			status := -1
			c := measure(func() {
				noPanic(t, "mapwright "+args[0], func() {
					status = cli.Run(context.Background(), args, endless{}, &out, &errb)
				})
			})
			msg := out.String() + errb.String()
			if status != 1 || !strings.Contains(msg, fmt.Sprintf("more than the %d bytes a map may have", mapdsl.MaxInputSize)) {
				t.Errorf("status %d, message %.300q", status, msg)
			}
			if c.bytes > 8*mapdsl.MaxInputSize {
				t.Errorf("reading the stream allocated %.0f MB", c.bytes/mib)
			}
		})
	}
}
