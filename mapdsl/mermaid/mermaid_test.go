package mermaid

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/internal/testenv"
	"mapwright/mapdsl"
)

// owmMaps returns the corpus maps (../shared, skipped when absent) and the samples.
func owmMaps(t *testing.T) map[string][]byte {
	t.Helper()
	files, _ := filepath.Glob("../../../shared/owm-corpus/*.owm")
	if len(files) == 0 {
		t.Skip("../shared/owm-corpus is absent: the corpus maps live beside the repository, not in it")
	}
	samples, _ := filepath.Glob("../../samples/*.owm")
	out := map[string][]byte{}
	for _, f := range append(files, samples...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	return out
}

// TestImportReadsEveryConstruct: the test diagrams, which use every statement of Mermaid's
// grammar, import with no error and no warning, and mean what Mermaid draws.
func TestImportReadsEveryConstruct(t *testing.T) {
	src, err := os.ReadFile("testdata/features.mmd")
	if err != nil {
		t.Fatal(err)
	}
	if !IsMermaid("x.txt", src) || !IsMermaid("x.mmd", nil) || IsMermaid("x.owm", []byte("title x\n")) {
		t.Fatal("IsMermaid")
	}
	owm := ToOWM(src)
	if n, k := strings.Count(string(src), "\n"), strings.Count(string(owm), "\n"); n != k || len(owm) != len(src) {
		t.Fatalf("the translation has %d lines and %d bytes, the diagram %d and %d", k, len(owm), n, len(src))
	}
	for i, l := range strings.Split(string(src), "\n") {
		if k := strings.Split(string(owm), "\n")[i]; len(k) != len(l) {
			t.Errorf("line %d: %q translates to %q, of another length", i+1, l, k)
		}
	}
	m, diags := Parse("features.mmd", src)
	for _, d := range diags {
		if d.Severity <= mapdsl.SeverityWarning {
			t.Errorf("%s", d.Format("features.mmd"))
		}
	}
	c := func(name string) *mapdsl.Component {
		for _, c := range m.Components {
			if c.Name == name {
				return c
			}
		}
		t.Fatalf("no component %q", name)
		return nil
	}
	checks := []struct {
		what string
		ok   bool
	}{
		{"title", m.Title == "Platform Strategy"},
		{"size", m.Width == 1100 && m.Height == 800},
		{"stages", m.CustomStages && m.Stages[1].Start == 0.25 && m.Stages[3].Start == 0.75},
		{"quoted name", c("Mobile App").Decorators.Method == mapdsl.MethodBuild},
		{"label and decorator", c("Web App").Label.DX.Value == -60 && c("Web App").Decorators.Method == mapdsl.MethodBuild},
		{"(inertia)", c("Database").Inertia && c("Database").Decorators.Method == mapdsl.MethodBuy},
		{"bare inertia", c("Legacy").Inertia},
		{"market", c("Cloud Platform").Decorators.Market},
		{"hyphenated name", c("real-time processing").Coords.Maturity.Value == 0.40},
		{"links", len(m.Links) == 9},
		{"context", m.Links[2].Context != "" && strings.Contains(m.Links[2].Context, "gateway")},
		{"flow label", m.Links[6].FlowLabel == "backups"},
		{"evolve", len(m.Evolves) == 1 && m.Evolves[0].Maturity.Value == 0.75},
		{"pipeline", len(m.Pipelines) == 1 && len(m.Pipelines[0].Children) == 2 && c("Electric Kettle").Label.DY.Value == -10},
		{"note", len(m.Notes) == 1 && m.Notes[0].Text == "Critical decision point"},
		{"annotations", len(m.Annotations) == 2 && m.Annotations[1].Text == "Performance layer" && m.Annotations[1].Positions[0].Maturity.Value == 0.5},
		{"legend", m.AnnotationsRange.Valid() && m.AnnotationsAt.Visibility.Value == 0.10},
		{"accelerators", len(m.Accelerators) == 2 && m.Accelerators[0].Name == "AI Adoption" && m.Accelerators[1].Deaccelerator},
	}
	for _, ck := range checks {
		if !ck.ok {
			t.Errorf("%s: not read as Mermaid means it", ck.what)
		}
	}
}

// TestDiagnosticsPointAtTheMermaidLine: a mistake is reported at its line in the diagram.
func TestDiagnosticsPointAtTheMermaidLine(t *testing.T) {
	src := "%% comment\nwardley-beta\ncomponent Kettle [0.4, 0.3]\nnote \"hot\" [0.2, 0.2]\nKettle -> Ketle\n"
	_, diags := Parse("m.mmd", []byte(src))
	if len(diags) == 0 || diags[len(diags)-1].Range.Start.Line != 5 || diags[len(diags)-1].Range.Start.Column != 11 ||
		!strings.Contains(diags[len(diags)-1].Message, `did you mean "Kettle"`) {
		t.Errorf("diagnostics %v, want the unknown Ketle at 5:11", diags)
	}
}

// TestRoundTrip: OWM -> Mermaid -> model equals the original model in everything both dialects
// have, for every corpus map and sample.
func TestRoundTrip(t *testing.T) {
	for name, src := range owmMaps(t) {
		t.Run(name, func(t *testing.T) {
			m, _ := mapdsl.Parse(name, src)
			out, _ := Write(m, src)
			back, diags := Parse(name+".mmd", out)
			if diags.HasErrors() {
				t.Fatalf("the export does not read back: %v\n%s", diags.Errors(), out)
			}
			if got, want := summary(back), summary(m); got != want {
				t.Errorf("round trip changed the map:\n%s", firstDiff(want, got))
			}
		})
	}
}

// summary lists what both dialects can say about a map, one element a line.
func summary(m *mapdsl.Map) string {
	var b strings.Builder
	n := func(x float64) string { return fmt.Sprintf("%.4g", x) }
	one := func(s string) string { return oneLine(s) }
	fmt.Fprintf(&b, "title %s\n", one(m.Title))
	if m.Width > 0 {
		fmt.Fprintf(&b, "size %s %s\n", n(math.Round(m.Width)), n(math.Round(m.Height)))
	}
	for _, s := range m.Stages {
		fmt.Fprintf(&b, "stage %s %s\n", one(s.Label), n(s.Start))
	}
	for _, a := range m.Anchors {
		fmt.Fprintf(&b, "anchor %s %s %s\n", one(a.Name), n(a.Coords.Visibility.Value), n(a.Coords.Maturity.Value))
	}
	for _, c := range m.Components {
		method := c.Decorators.Method
		if c.Decorators.Market || c.Decorators.Ecosystem {
			method = mapdsl.MethodNone // Mermaid keeps one decorator: the market
		}
		label := ""
		if c.Label.Present {
			label = fmt.Sprintf("label %s %s", n(math.Round(c.Label.DX.Value)), n(math.Round(c.Label.DY.Value)))
		}
		vis := n(c.Coords.Visibility.Value)
		if c.Kind == mapdsl.KindPipelineChild {
			vis = "-"
		}
		fmt.Fprintf(&b, "component %s %s %s %s inertia=%v market=%v %s\n", one(c.Name), vis, n(c.Coords.Maturity.Value),
			label, c.Inertia, c.Decorators.Market || c.Decorators.Ecosystem, method)
	}
	for _, p := range m.Pipelines {
		if len(p.Children) > 0 {
			fmt.Fprintf(&b, "pipeline %s %d\n", one(p.Name), len(p.Children))
		}
	}
	for _, l := range m.Links {
		fmt.Fprintf(&b, "link %s %s %v %s %s\n", one(l.From), one(l.To), l.Kind, l.FlowLabel, one(l.Context))
	}
	for _, e := range m.Evolves {
		fmt.Fprintf(&b, "evolve %s %s\n", one(e.Name), n(e.Maturity.Value))
	}
	for _, x := range m.Notes {
		fmt.Fprintf(&b, "note %s %s %s\n", one(x.Text), n(x.Coords.Visibility.Value), n(x.Coords.Maturity.Value))
	}
	for _, a := range m.Annotations {
		for _, p := range a.Positions {
			fmt.Fprintf(&b, "annotation %d %s %s %s\n", a.Number, n(p.Visibility.Value), n(p.Maturity.Value), one(a.Text))
		}
	}
	for _, a := range m.Accelerators {
		fmt.Fprintf(&b, "accelerator %s %v %s %s\n", one(a.Name), a.Deaccelerator, n(a.Coords.Visibility.Value), n(a.Coords.Maturity.Value))
	}
	return b.String()
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, a, b)
		}
	}
	return ""
}

// TestMermaidParsesEveryExport: Mermaid's own parser (npm mermaid under node) reads the export of
// every corpus map and sample, and the test diagrams.
func TestMermaidParsesEveryExport(t *testing.T) {
	testenv.SkipWithoutMermaid(t)
	dir := t.TempDir()
	var files []string
	for name, src := range owmMaps(t) {
		m, _ := mapdsl.Parse(name, src)
		out, _ := Write(m, src)
		f := filepath.Join(dir, strings.TrimSuffix(name, ".owm")+".mmd")
		if err := os.WriteFile(f, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	own, _ := filepath.Glob("testdata/*.mmd")
	files = append(files, own...)
	for f, msg := range testenv.ParseWithMermaid(t, files) {
		b, _ := os.ReadFile(f)
		t.Errorf("Mermaid cannot parse %s: %s\n%s", filepath.Base(f), msg, b)
	}
}

// TestFencedDiagram: a diagram pasted with its Markdown fence is read too.
func TestFencedDiagram(t *testing.T) {
	src := "```mermaid\nwardley-beta\ncomponent A [0.5, 0.5]\ncomponent B [0.4, 0.4]\nA -> B\n```\n"
	if !IsMermaid("map.txt", []byte(src)) {
		t.Fatal("a fenced diagram is not recognised")
	}
	m, diags := ParseAny("map.txt", []byte(src))
	if len(diags.Errors()) > 0 || len(m.Components) != 2 || len(m.Links) != 1 {
		t.Errorf("fenced diagram: %v, %d components", diags, len(m.Components))
	}
	if len(ToOWM([]byte(src))) != len(src) {
		t.Error("the translation changed the length")
	}
}
