package mapdsl

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alecthomas/participle/v2/lexer"
)

// hasDiag reports whether ds holds a diagnostic with the code (and severity, when sev >= 0).
func hasDiag(ds Diagnostics, code string, sev Severity) bool {
	for _, d := range ds {
		if d.Code == code && (sev < 0 || d.Severity == sev) {
			return true
		}
	}
	return false
}

func comp(t *testing.T, m *Map, name string) *Component {
	t.Helper()
	for _, c := range m.Components {
		if c.Name == name {
			return c
		}
	}
	var names []string
	for _, c := range m.Components {
		names = append(names, c.Name)
	}
	t.Fatalf("no component %q; have %q", name, names)
	return nil
}

func wantCoords(t *testing.T, what string, c Coords, v, m float64) {
	t.Helper()
	if c.Visibility.Value != v || c.Maturity.Value != m {
		t.Errorf("%s: coords [%v, %v], want [%v, %v]", what, c.Visibility.Value, c.Maturity.Value, v, m)
	}
}

// text returns the source text a range covers.
func text(src string, r Range) string { return src[r.Start.Offset:r.End.Offset] }

type parseCase struct {
	name  string
	src   string
	check func(t *testing.T, src string, m *Map, f *File, ds Diagnostics)
}

func runParseCases(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, ds := ParseFile("test.owm", []byte(tc.src))
			checkRanges(t, []byte(tc.src), f, ds)
			tc.check(t, tc.src, f.Map, f, ds)
		})
	}
}

func TestParseTitle(t *testing.T) {
	runParseCases(t, []parseCase{
		{"default", "component A [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Title != "Untitled Map" {
				t.Errorf("title %q", m.Title)
			}
		}},
		{"first wins", "title One\ntitle Two", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Title != "One" || text(src, m.TitleRange) != "title One" {
				t.Errorf("title %q range %q", m.Title, text(src, m.TitleRange))
			}
		}},
		{"column zero only", "  title Indented\n", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Title != "Untitled Map" || !hasDiag(ds, "indented-title", SeverityWarning) {
				t.Errorf("title %q diags %v", m.Title, ds)
			}
		}},
		{"empty title", "title   ", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Title != "Untitled Map" {
				t.Errorf("title %q", m.Title)
			}
		}},
	})
}

func TestParseComponent(t *testing.T) {
	runParseCases(t, []parseCase{
		{"full", "component Cup of Tea [0.79, 0.61] label [19, -4] inertia (buy, market)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Cup of Tea")
			wantCoords(t, "cup", c.Coords, 0.79, 0.61)
			if !c.Label.Present || c.Label.DX.Value != 19 || c.Label.DY.Value != -4 {
				t.Errorf("label %+v", c.Label)
			}
			if !c.Inertia || c.Decorators.Method != MethodBuy || !c.Decorators.Market {
				t.Errorf("inertia %v decorators %+v", c.Inertia, c.Decorators)
			}
			if got := text(src, c.NameRange); got != "Cup of Tea" {
				t.Errorf("name range %q", got)
			}
			if got := text(src, c.Coords.Range); got != "[0.79, 0.61]" {
				t.Errorf("coords range %q", got)
			}
			if got := text(src, c.Coords.Maturity.Range); got != "0.61" || c.Coords.Maturity.Raw != "0.61" {
				t.Errorf("maturity range %q raw %q", got, c.Coords.Maturity.Raw)
			}
			if got := text(src, c.Label.Range); got != "label [19, -4]" {
				t.Errorf("label range %q", got)
			}
			if got := text(src, c.Label.DY.Range); got != "-4" {
				t.Errorf("label dy range %q", got)
			}
			if got := text(src, c.InertiaRange); got != "inertia" {
				t.Errorf("inertia range %q", got)
			}
			if got := text(src, c.Decorators.Range); got != "(buy, market)" {
				t.Errorf("decorators range %q", got)
			}
			if got := text(src, c.Range); got != src {
				t.Errorf("statement range %q", got)
			}
			if len(ds) != 0 {
				t.Errorf("diagnostics %v", ds)
			}
		}},
		{"defaults without brackets", "component Foo", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Foo")
			wantCoords(t, "foo", c.Coords, 0.9, 0.1)
			if c.Coords.Present || c.Coords.Visibility.Set {
				t.Errorf("coords should be absent: %+v", c.Coords)
			}
		}},
		{"empty brackets", "component Foo []", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Foo")
			wantCoords(t, "foo", c.Coords, 0.9, 0.1)
			if !c.Coords.Present {
				t.Error("brackets were written")
			}
		}},
		{"one number is visibility", "component Foo [0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			wantCoords(t, "foo", comp(t, m, "Foo").Coords, 0.5, 0.1)
		}},
		{"missing visibility", "component Foo [, 0.3]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			wantCoords(t, "foo", comp(t, m, "Foo").Coords, 0.9, 0.3)
		}},
		{"no space before bracket", "component Foo[0.5,0.6]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Foo[0.5,0.6]")
			wantCoords(t, "foo", c.Coords, 0.5, 0.6)
			if text(src, c.Coords.Maturity.Range) != "0.6" || !hasDiag(ds, "no-space-before-bracket", SeverityWarning) {
				t.Errorf("maturity range %q diags %v", text(src, c.Coords.Maturity.Range), ds)
			}
		}},
		{"decorator kept in name without brackets", "component Mkt (market)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Mkt (market)")
			if !c.Decorators.Market {
				t.Error("market flag not set")
			}
		}},
		{"first method wins in build buy outsource order", "component X [0.5, 0.5] (outsource, buy, build)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if got := comp(t, m, "X").Decorators.Method; got != MethodBuild {
				t.Errorf("method %v", got)
			}
		}},
		{"ecosystem and inertia in parentheses", "component X [0.5, 0.5] (ecosystem, inertia)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "X")
			if !c.Decorators.Ecosystem || !c.Inertia {
				t.Errorf("%+v inertia %v", c.Decorators, c.Inertia)
			}
		}},
		{"label without space is ignored", "component X [0.5, 0.5] label[10,10]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if comp(t, m, "X").Label.Present {
				t.Error("label[..] without a space must not be read")
			}
			if !hasDiag(ds, "ignored-text", SeverityWarning) {
				t.Errorf("want an ignored-text warning, got %v", ds)
			}
		}},
		{"inertia in the name", "component Organisational inertia [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Organisational inertia")
			if !c.Inertia || c.InertiaRange != c.NameRange {
				t.Errorf("inertia %v range %+v", c.Inertia, c.InertiaRange)
			}
		}},
		{"quoted multi-line name", `component "Line one\nLine \"two\"" [0.5, 0.5]`, func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Line one\nLine \"two\"")
			if got := text(src, c.NameRange); got != `"Line one\nLine \"two\""` {
				t.Errorf("name range %q", got)
			}
			wantCoords(t, "quoted", c.Coords, 0.5, 0.5)
		}},
		{"unclosed quote reads as a plain name", `component "Open [0.5, 0.5]`, func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, `"Open`)
			wantCoords(t, "open", c.Coords, 0.5, 0.5)
		}},
		{"names with punctuation", "component Mum's (old) -> way/€ & co. [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			comp(t, m, "Mum's (old) -> way/€ & co.")
		}},
		{"unicode and emoji columns", "component Café ☕ [0.5, 1.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Café ☕")
			if c.Coords.Maturity.Range.Start.Column != 24 {
				t.Errorf("maturity column %d, want 24 (runes)", c.Coords.Maturity.Range.Start.Column)
			}
			if !hasDiag(ds, "out-of-range", SeverityWarning) {
				t.Errorf("want out-of-range warning, got %v", ds)
			}
		}},
		{"tabs and CRLF", "component\tA [0.5, 0.5]\r\ncomponent B\t[0.4, 0.3]\t\r\n", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if !hasDiag(ds, "tab-after-keyword", SeverityWarning) {
				t.Errorf("tab after keyword: want warning, got %v", ds)
			}
			c := comp(t, m, "B\t[0.4, 0.3]")
			wantCoords(t, "B", c.Coords, 0.4, 0.3)
			if strings.Contains(text(src, f.Statements[1].Range), "\r") {
				t.Error("statement range includes the CR")
			}
		}},
		{"legacy inline evolve", "component X [0.5, 0.3] evolve 0.8", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Evolves) != 1 || m.Evolves[0].Maturity.Value != 0.8 || comp(t, m, "X").Evolve == nil {
				t.Fatalf("evolves %+v", m.Evolves)
			}
			if !hasDiag(ds, "legacy-inline-evolve", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"unknown decorator", "component X [0.5, 0.5] (dataProduct, byu)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			var sugg []string
			for _, d := range ds {
				if d.Code == "unknown-decorator" {
					sugg = append(sugg, d.Suggestion)
				}
			}
			if len(sugg) != 2 || sugg[1] != "buy" {
				t.Errorf("suggestions %q (diags %v)", sugg, ds)
			}
		}},
		{"duplicate names", "component A [0.5, 0.5]\ncomponent A [0.4, 0.4]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if !hasDiag(ds, "duplicate-name", SeverityWarning) || len(m.Components) != 2 {
				t.Errorf("diags %v", ds)
			}
		}},
		{"anchor and component named alike", "anchor A [0.9, 0.5]\ncomponent B [0.5, 0.5]\ncomponent A [0.4, 0.4]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			var lines []int
			for _, d := range ds {
				if d.Code == "duplicate-name" {
					lines = append(lines, d.Range.Start.Line)
				}
			}
			if len(lines) != 1 || lines[0] != 3 {
				t.Errorf("duplicate-name on lines %v, want [3] (diags %v)", lines, ds)
			}
		}},
	})
}

func TestParseOtherElements(t *testing.T) {
	runParseCases(t, []parseCase{
		{"anchor", "anchor Business [0.95, 0.63]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Anchors) != 1 || m.Anchors[0].Name != "Business" {
				t.Fatalf("anchors %+v", m.Anchors)
			}
			wantCoords(t, "anchor", m.Anchors[0].Coords, 0.95, 0.63)
		}},
		{"note plain and quoted", "note +a generic note [0.16, 0.36]\nnote \"two\\nlines\" [0.2, 0.3]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Notes) != 2 || m.Notes[0].Text != "+a generic note" || m.Notes[1].Text != "two\nlines" {
				t.Fatalf("notes %+v", m.Notes)
			}
		}},
		{"note cut by a url comment", "note see http://example.com [0.1, 0.2]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Notes[0].Text != "see http:" {
				t.Errorf("note %q", m.Notes[0].Text)
			}
			wantCoords(t, "note", m.Notes[0].Coords, 0.9, 0.1)
		}},
		{"annotations", "annotation 1 [[0.43,0.49],[0.08,0.79]] Standardising power\nannotation 2 [0.48, 0.85] Hot water\nannotations [0.60, 0.02]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Annotations) != 2 {
				t.Fatalf("annotations %+v", m.Annotations)
			}
			a := m.Annotations[0]
			if a.Number != 1 || len(a.Positions) != 2 || a.Text != "Standardising power" {
				t.Errorf("first %+v", a)
			}
			wantCoords(t, "second position", a.Positions[1], 0.08, 0.79)
			if text(src, a.Positions[1].Range) != "[0.08,0.79]" {
				t.Errorf("position range %q", text(src, a.Positions[1].Range))
			}
			if m.Annotations[1].Number != 2 || len(m.Annotations[1].Positions) != 1 {
				t.Errorf("second %+v", m.Annotations[1])
			}
			wantCoords(t, "legend", m.AnnotationsAt, 0.60, 0.02)
		}},
		{"annotation without position", "annotation 1", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Annotations) != 0 || !hasDiag(ds, "incomplete-annotation", SeverityWarning) {
				t.Errorf("annotations %+v diags %v", m.Annotations, ds)
			}
		}},
		{"pst areas", "pioneers [0.90, 0.10, 0.70, 0.40]\nsettlers [0.69, 0.41]\ntownplanners [0.5, 0.6] 0.3 0.2", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Areas) != 3 {
				t.Fatalf("areas %+v", m.Areas)
			}
			if a := m.Areas[0]; a.Kind != AreaPioneers || a.Nums[3].Value != 0.40 || text(src, a.Nums[2].Range) != "0.70" {
				t.Errorf("pioneers %+v", a)
			}
			if a := m.Areas[1]; a.Nums[2].Value != 0.8 || a.Nums[3].Value != 0.2 {
				t.Errorf("settlers defaults %+v", a.Nums)
			}
			if a := m.Areas[2]; a.Kind != AreaTownPlanners || a.Nums[0].Value != 0.5 || a.Nums[2].Value != 0.8 {
				t.Errorf("old form %+v", a.Nums)
			}
			if !hasDiag(ds, "legacy-pst", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"accelerators", "accelerator Market pressure [0.45, 0.40]\ndeaccelerator Regulation [0.15, 0.72]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Accelerators) != 2 || m.Accelerators[0].Deaccelerator || !m.Accelerators[1].Deaccelerator || m.Accelerators[0].Name != "Market pressure" {
				t.Errorf("accelerators %+v", m.Accelerators)
			}
		}},
		{"submap and url", "submap Website [0.83, 0.50] url(websiteMap)\nurl websiteMap [https://onlinewardleymaps.com/#clone:qu4VD]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Website")
			if c.Kind != KindSubmap || c.URLRef != "websiteMap" {
				t.Errorf("submap %+v", c)
			}
			if len(m.URLs) != 1 || m.URLs[0].Address != "https://onlinewardleymaps.com/#clone:qu4VD" {
				t.Errorf("urls %+v", m.URLs)
			}
			if len(ds) != 0 {
				t.Errorf("diags %v", ds)
			}
		}},
		{"undefined url", "submap Website [0.83, 0.50] url(nowhere)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if !hasDiag(ds, "undefined-url", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"style size axes", "style colour\nsize [800, 600]\nevolution --hide\nvaluechain --hide", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Style != "colour" || m.Width != 800 || m.Height != 600 || !m.EvolutionHidden || !m.ValueChainHidden {
				t.Errorf("map %+v", m)
			}
		}},
		{"style color and last wins", "style wardley\nstyle color", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Style != "colour" {
				t.Errorf("style %q", m.Style)
			}
		}},
		{"unknown style", "style wardly", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if !hasDiag(ds, "unknown-style", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
			for _, d := range ds {
				if d.Code == "unknown-style" && d.Suggestion != "style wardley" {
					t.Errorf("suggestion %q", d.Suggestion)
				}
			}
		}},
		{"evolution labels", "evolution Novel->Emerging->->Best 🏁", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			want := []string{"Novel", "Emerging", "", "Best 🏁"}
			for i, s := range m.Stages {
				if s.Label != want[i] || s.Second != "" {
					t.Errorf("stage %d: %+v", i, s)
				}
			}
			if m.Stages[2].Start != 0.40 {
				t.Errorf("positions changed: %+v", m.Stages)
			}
		}},
		{"evolution needs four labels", "evolution A->B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Stages[0].Label != "Genesis" || !hasDiag(ds, "bad-evolution", SeverityError) {
				t.Errorf("stages %+v diags %v", m.Stages, ds)
			}
		}},
		{"mermaid stage positions", "evolution Genesis@0.25 -> Custom@0.5 -> Product@0.75 -> Commodity@1.0", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			want := []float64{0, 0.25, 0.5, 0.75}
			for i, s := range m.Stages {
				if s.Start != want[i] {
					t.Errorf("stage %d starts at %v, want %v", i, s.Start, want[i])
				}
			}
			if !m.CustomStages || m.Stages[1].Label != "Custom" || len(ds) != 0 {
				t.Errorf("stages %+v diags %v", m.Stages, ds)
			}
		}},
		{"default stages", "", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.Stages[2].Label != "Product" || m.Stages[2].Second != "(+rental)" || m.Stages[3].Start != 0.70 || m.Stages[1].Start != 0.175 {
				t.Errorf("stages %+v", m.Stages)
			}
		}},
	})
}

func TestParseLinks(t *testing.T) {
	comps := "component A [0.5, 0.5]\ncomponent B [0.4, 0.4]\ncomponent Cup of Tea [0.3, 0.3]\n"
	link := func(t *testing.T, m *Map) *Link {
		t.Helper()
		if len(m.Links) != 1 {
			t.Fatalf("links %+v", m.Links)
		}
		return m.Links[0]
	}
	runParseCases(t, []parseCase{
		{"dependency", comps + "A->B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			l := link(t, m)
			if l.From != "A" || l.To != "B" || l.Kind != LinkDependency || text(src, l.ToRange) != "B" {
				t.Errorf("%+v", l)
			}
		}},
		{"flow both", comps + "A+<>B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); l.Kind != LinkFlow || !l.Past || l.Future {
				t.Errorf("%+v", l)
			}
		}},
		{"flow past components", comps + "A+<B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); l.Kind != LinkFlow || l.Past || !l.Future {
				t.Errorf("%+v", l)
			}
		}},
		{"flow future components", comps + "A+>B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); l.Kind != LinkFlow || l.Past || l.Future {
				t.Errorf("%+v", l)
			}
		}},
		{"labelled flow", comps + "A+'$0.10'>B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); l.FlowLabel != "$0.10" || !l.Future || l.Operator != "+'$0.10'>" || l.To != "B" {
				t.Errorf("%+v", l)
			}
		}},
		{"labelled flow back", comps + "A+'x y'<B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); l.FlowLabel != "x y" || !l.Past || l.Future {
				t.Errorf("%+v", l)
			}
		}},
		{"labelled flow both", comps + "A+'x'<>B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); !l.Past || !l.Future || l.To != "B" {
				t.Errorf("%+v", l)
			}
		}},
		{"context", comps + "A->B; because of x", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); l.Context != "because of x" || l.To != "B" {
				t.Errorf("%+v", l)
			}
		}},
		{"operator precedence", comps + "A->B+>Cup of Tea", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			l := link(t, m)
			if l.From != "A->B" || l.To != "Cup of Tea" || l.Operator != "+>" {
				t.Errorf("%+v", l)
			}
			if !hasDiag(ds, "unknown-component", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"chained arrows use the first two names", comps + "A->B->Cup of Tea", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); l.From != "A" || l.To != "B" {
				t.Errorf("%+v", l)
			}
		}},
		{"lenient matching", comps + "a ->  cup  of TEA", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			l := link(t, m)
			if l.From != "A" || l.To != "Cup of Tea" || text(src, l.ToRange) != "cup  of TEA" {
				t.Errorf("%+v", l)
			}
			if len(ds) != 0 {
				t.Errorf("diags %v", ds)
			}
		}},
		{"quoted ends", comps + `"A"->"Cup of Tea"`, func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if l := link(t, m); l.From != "A" || l.To != "Cup of Tea" {
				t.Errorf("%+v", l)
			}
		}},
		{"unknown with suggestion", comps + "A->Cup of Taa", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			found := false
			for _, d := range ds {
				if d.Code == "unknown-component" && d.Suggestion == "Cup of Tea" && strings.Contains(d.Message, "did you mean") {
					found = true
					if text(src, d.Range) != "Cup of Taa" {
						t.Errorf("range %q", text(src, d.Range))
					}
				}
			}
			if !found {
				t.Errorf("diags %v", ds)
			}
		}},
		{"reserved prefix skips the line", comps + "buyer->seller\nnotebook->A", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Links) != 0 || !hasDiag(ds, "reserved-prefix", SeverityWarning) {
				t.Errorf("links %+v diags %v", m.Links, ds)
			}
		}},
		{"market prefix is a link in current OWM", "component marketing [0.5,0.5]\ncomponent A [0.4, 0.4]\nmarketing->A", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			link(t, m)
		}},
		{"missing end", comps + "A->", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Links) != 0 || !hasDiag(ds, "incomplete-link", SeverityError) {
				t.Errorf("links %+v diags %v", m.Links, ds)
			}
		}},
		{"foreign wardleyToGo link", comps + "A-collaboration>B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if !hasDiag(ds, "foreign-syntax", SeverityWarning) || ds.HasErrors() {
				t.Errorf("diags %v", ds)
			}
		}},
	})
}

func TestParseEvolve(t *testing.T) {
	runParseCases(t, []parseCase{
		{"plain", "component Kettle [0.43, 0.35]\nevolve Kettle 0.62 label [16, 7] (buy)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			e := m.Evolves[0]
			if e.Name != "Kettle" || e.Maturity.Value != 0.62 || !e.Label.Present || e.Decorators.Method != MethodBuy {
				t.Errorf("%+v", e)
			}
			if comp(t, m, "Kettle").Evolve != e || text(src, e.Maturity.Range) != "0.62" {
				t.Errorf("not resolved or bad range")
			}
		}},
		{"rename", "component Tea [0.63, 0.81]\nevolve Tea->Premium Tea 0.9", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if e := m.Evolves[0]; e.Name != "Tea" || e.NewName != "Premium Tea" || e.Maturity.Value != 0.9 {
				t.Errorf("%+v", e)
			}
		}},
		{"integer maturity", "component X [0.5, 0.5]\nevolve X 1", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if e := m.Evolves[0]; e.Name != "X" || e.Maturity.Value != 1 {
				t.Errorf("%+v", e)
			}
			if !hasDiag(ds, "integer-maturity", SeverityInfo) || ds.HasErrors() {
				t.Errorf("diags %v", ds)
			}
		}},
		{"leading dot", "component X [0.5, 0.5]\nevolve X .9", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if e := m.Evolves[0]; e.Maturity.Value != 0.9 {
				t.Errorf("%+v", e)
			}
		}},
		{"decimal in the name (OWM quirk)", "component Web [0.5, 0.5]\nevolve Web 2.0 0.8", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if e := m.Evolves[0]; e.Name != "Web" || e.Maturity.Value != 2 {
				t.Errorf("%+v", e)
			}
		}},
		{"behind its component", "component X [0.5, 0.5]\nevolve X 0.3", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if !hasDiag(ds, "evolve-backwards", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"unknown component", "component Kettle [0.5, 0.5]\nevolve Ketle 0.8", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if !hasDiag(ds, "unknown-component", SeverityWarning) || ds[0].Suggestion != "Kettle" {
				t.Errorf("diags %v", ds)
			}
		}},
		{"missing maturity defaults to 0.85 as in OWM", "component Kettle [0.5, 0.5]\nevolve Kettle", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Evolves) != 1 || m.Evolves[0].Maturity.Value != 0.85 || m.Evolves[0].Maturity.Set || !hasDiag(ds, "evolve-maturity", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"quoted", "component \"A\\nB\" [0.5, 0.5]\nevolve \"A\\nB\"->\"C\" 0.8", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if e := m.Evolves[0]; e.Name != "A\nB" || e.NewName != "C" || comp(t, m, "A\nB").Evolve != e {
				t.Errorf("%+v", e)
			}
		}},
	})
}

func TestParsePipelines(t *testing.T) {
	runParseCases(t, []parseCase{
		{"bracketed", "component Kettle [0.45, 0.57]\npipeline Kettle [0.20, 0.80]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			p := m.Pipelines[0]
			if p.Component != comp(t, m, "Kettle") || !p.Bracketed || p.Start.Value != 0.2 || p.End.Value != 0.8 || p.Hidden {
				t.Errorf("%+v", p)
			}
			if comp(t, m, "Kettle").Pipeline != p || text(src, p.End.Range) != "0.80" {
				t.Error("not linked")
			}
		}},
		{"hidden", "component Kettle [0.45, 0.57]\npipeline Kettle", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if p := m.Pipelines[0]; !p.Hidden {
				t.Errorf("%+v", p)
			}
		}},
		{"block", "component Kettle [0.45, 0.57]\npipeline Kettle [0.1, 0.9]\n{\n  component Campfire Kettle [0.50] label [-29, 28]\n  component Electric Kettle [0.63, 0.2]\n}\nCampfire Kettle->Kettle", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			p := m.Pipelines[0]
			if len(p.Children) != 2 || p.Start.Value != 0.5 || p.End.Value != 0.63 || p.Hidden {
				t.Fatalf("%+v", p)
			}
			c := p.Children[0]
			if c.Kind != KindPipelineChild || c.Parent != p || c.Coords.Visibility.Value != 0.45 || c.Coords.Maturity.Value != 0.5 {
				t.Errorf("child %+v", c)
			}
			if text(src, c.Coords.Maturity.Range) != "0.50" || !c.Label.Present {
				t.Errorf("child maturity range %q", text(src, c.Coords.Maturity.Range))
			}
			if text(src, p.BlockRange) != "{\n  component Campfire Kettle [0.50] label [-29, 28]\n  component Electric Kettle [0.63, 0.2]\n}" {
				t.Errorf("block range %q", text(src, p.BlockRange))
			}
			if len(m.Links) != 1 || len(ds) != 0 {
				t.Errorf("links %v diags %v", m.Links, ds)
			}
			kinds := []StatementKind{StmtComponent, StmtPipeline, StmtBlockOpen, StmtPipelineChild, StmtPipelineChild, StmtBlockClose, StmtLink}
			for i, st := range f.Statements {
				if st.Kind != kinds[i] {
					t.Errorf("statement %d kind %v, want %v", i+1, st.Kind, kinds[i])
				}
			}
		}},
		{"mermaid brace on the pipeline line", "component K [0.4, 0.5]\npipeline K {\ncomponent A [0.3]\n}", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			p := m.Pipelines[0]
			if p.Name != "K" || len(p.Children) != 1 || !hasDiag(ds, "brace-on-pipeline-line", SeverityWarning) {
				t.Errorf("%+v diags %v", p, ds)
			}
		}},
		{"pipeline naming no component", "component Kettle [0.4, 0.5]\npipeline Kettel", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			for _, d := range ds {
				if d.Code == "pipeline-without-component" && d.Suggestion == "Kettle" {
					return
				}
			}
			t.Errorf("diags %v", ds)
		}},
		{"a line containing a brace ends the block", "component Kettle\npipeline Kettle\n{\ncomponent A [0.3]}\ncomponent B\n}", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			p := m.Pipelines[0]
			if text(src, p.BlockRange) != "{\ncomponent A [0.3]}" || len(p.Children) != 0 || comp(t, m, "B").Kind != KindComponent || len(m.Components) != 2 {
				t.Errorf("block %q children %d", text(src, p.BlockRange), len(p.Children))
			}
			if !hasDiag(ds, "brace-in-line", SeverityWarning) || !hasDiag(ds, "stray-brace", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"unclosed block", "component K [0.4, 0.5]\npipeline K\n{\ncomponent A [0.3]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Pipelines[0].Children) != 1 || !hasDiag(ds, "unclosed-block", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
	})
}

func TestParseComments(t *testing.T) {
	runParseCases(t, []parseCase{
		{"line comments anywhere", "component A [0.5, 0.5] // the [0.1, 0.1] here is a comment\n// component B [0.4, 0.4]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Components) != 1 || f.Statements[1].Kind != StmtComment {
				t.Errorf("components %d kinds %v", len(m.Components), f.Statements[1].Kind)
			}
			wantCoords(t, "A", m.Components[0].Coords, 0.5, 0.5)
		}},
		{"url lines keep //", "url ref [https://example.com/a]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if m.URLs[0].Address != "https://example.com/a" {
				t.Errorf("%+v", m.URLs[0])
			}
		}},
		{"block comment blanks lines", "component A [0.5, 0.5] /* start\ncomponent B [0.4, 0.4]\nend */ component C [0.3, 0.3]\ncomponent D [0.2, 0.2]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			var names []string
			for _, c := range m.Components {
				names = append(names, c.Name)
			}
			if strings.Join(names, ",") != "A,C,D" {
				t.Errorf("components %v", names)
			}
			if f.Statements[3].Line != 4 || m.Components[2].Range.Start.Line != 4 {
				t.Error("line numbers shifted")
			}
		}},
		{"one-line block comment swallows following lines", "/* note */\ncomponent A [0.5, 0.5]\n*/\ncomponent B [0.4, 0.4]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Components) != 1 || m.Components[0].Name != "B" || !hasDiag(ds, "block-comment-same-line", SeverityWarning) {
				t.Errorf("components %+v diags %v", m.Components, ds)
			}
		}},
		{"unclosed block comment", "component A [0.5, 0.5]\n/* open\ncomponent B [0.4, 0.4]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Components) != 1 || !hasDiag(ds, "unclosed-comment", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"pipeline range hidden by a comment", "component ailment [0.5, 0.5]\npipeline ailment // [0.63, 0.8]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if p := m.Pipelines[0]; !p.Hidden || p.Bracketed {
				t.Errorf("%+v", p)
			}
		}},
	})
}

func TestParseLegacyForms(t *testing.T) {
	runParseCases(t, []parseCase{
		{"market", "market AppStore [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if c := comp(t, m, "AppStore"); !c.Decorators.Market || !hasDiag(ds, "legacy-market", SeverityWarning) {
				t.Errorf("%+v %v", c, ds)
			}
			if s := ds[0].Suggestion; s != "component AppStore [0.5, 0.5] (market)" || text(src, ds[0].Range) != src {
				t.Errorf("suggestion %q for %q", s, text(src, ds[0].Range))
			}
		}},
		{"ecosystem", "ecosystem Eco [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if c := comp(t, m, "Eco"); !c.Decorators.Ecosystem || !hasDiag(ds, "legacy-ecosystem", SeverityWarning) {
				t.Errorf("%+v %v", c, ds)
			}
		}},
		{"standalone methods", "component A [0.5, 0.5]\nbuild A\noutsource Nothing", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if c := comp(t, m, "A"); c.Decorators.Method != MethodBuild || !hasDiag(ds, "legacy-method", SeverityWarning) || !hasDiag(ds, "unknown-component", SeverityWarning) {
				t.Errorf("%+v %v", c, ds)
			}
		}},
		{"y-axis", "y-axis Value->Invisible->Visible", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if !hasDiag(ds, "legacy-axis", SeverityWarning) || ds.HasErrors() || len(m.Links) != 0 {
				t.Errorf("%v", ds)
			}
		}},
	})
}

func TestParseUnreadable(t *testing.T) {
	runParseCases(t, []parseCase{
		{"typo of a keyword", "compnent A [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(ds) != 1 || ds[0].Code != "unknown-statement" || ds[0].Severity != SeverityError || !strings.HasPrefix(ds[0].Suggestion, "component A") {
				t.Errorf("diags %v", ds)
			}
			if got := ds[0].Format("m.owm"); got != `m.owm:1:1: error: cannot read this line: "compnent" is not a keyword (did you mean "component"?)` {
				t.Errorf("format %q", got)
			}
		}},
		{"garbage keeps the rest", "foobar\ncomponent A [0.5, 0.5]\n", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Components) != 1 || !ds.HasErrors() || ds[0].Range.Start.Line != 1 {
				t.Errorf("diags %v", ds)
			}
		}},
		{"every broken line is left out and the rest kept", "component A [0.5, 0.5]\nA->\n->B\nComponent X [0.2, 0.2]\nnonsense\ncomponent B [0.3, 0.3]\nA->B", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Components) != 2 || len(m.Links) != 1 || len(ds.Errors()) != 4 {
				t.Errorf("components %d links %d diags %v", len(m.Components), len(m.Links), ds)
			}
			for _, d := range ds.Errors() {
				if l := d.Range.Start.Line; l < 2 || l > 5 {
					t.Errorf("error on line %d: %v", l, d)
				}
			}
		}},
	})
}

func TestParseNumbers(t *testing.T) {
	cases := []struct {
		raw  string
		want float64
		ok   bool
	}{
		{"0.5", 0.5, true}, {".5", 0.5, true}, {"1", 1, true}, {"-0.1", -0.1, true}, {"5e-1", 0.5, true},
		{"0.5abc", 0.5, true}, {"0x10", 0, true}, {"-0", 0, true}, {"1e309", 0, false}, {"NaN", 0, false},
		{"Infinity", 0, false}, {"abc", 0, false}, {"", 0, false}, {"+.7", 0.7, true}, {"1e", 1, true},
		{strings.Repeat("9", 400), 0, false}, {"0." + strings.Repeat("1", 400), 0.1111111111111111, true},
	}
	for _, tc := range cases {
		t.Run(tc.raw, func(t *testing.T) {
			got, ok := parseFloatPrefix(tc.raw)
			if ok != tc.ok || (ok && got != tc.want) {
				t.Errorf("parseFloatPrefix(%q) = %v, %v; want %v, %v", tc.raw, got, ok, tc.want, tc.ok)
			}
		})
	}
	t.Run("a number with text after it is quoted as written", func(t *testing.T) {
		_, ds := Parse("", []byte("component A [0.5, 0.2 inertia"))
		want := `"0.2 inertia" is read as 0.2,` // not "0.2inertia", which is not on the line
		for _, d := range ds {
			if d.Code == "number-prefix" && strings.Contains(d.Message, want) {
				return
			}
		}
		t.Errorf("want a number-prefix warning saying %s; got %v", want, ds)
	})
	t.Run("bad coordinate falls back to the default", func(t *testing.T) {
		m, ds := Parse("", []byte("component A [NaN, 1e309]"))
		wantCoords(t, "A", m.Components[0].Coords, 0.9, 0.1)
		if !hasDiag(ds, "bad-number", SeverityWarning) {
			t.Errorf("diags %v", ds)
		}
	})
}

func TestParseStatementsCoverEveryLine(t *testing.T) {
	src := "title T\n\n// c\ncomponent A [0.5, 0.5]\n{\n}\n"
	f, _ := ParseFile("", []byte(src))
	if len(f.Statements) != 7 {
		t.Fatalf("%d statements for 7 lines", len(f.Statements))
	}
	want := []StatementKind{StmtTitle, StmtBlank, StmtComment, StmtComponent, StmtBlockOpen, StmtBlockClose, StmtBlank}
	for i, st := range f.Statements {
		if st.Kind != want[i] || st.Line != i+1 {
			t.Errorf("line %d: %v, want %v", st.Line, st.Kind, want[i])
		}
	}
}

func TestParseBOM(t *testing.T) {
	m, ds := Parse("", []byte("\ufefftitle With BOM\ncomponent A [0.5, 0.5]"))
	if m.Title != "With BOM" || len(ds) != 0 {
		t.Errorf("title %q diags %v", m.Title, ds)
	}
}

func TestParseSubstringQuirks(t *testing.T) {
	runParseCases(t, []parseCase{
		{"decorators come from the first parentheses of the line", "component Foo (bar) [0.5, 0.5] (build)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "Foo (bar)")
			if c.Decorators.Method != MethodNone || !hasDiag(ds, "decorators-shadowed", SeverityWarning) {
				t.Errorf("decorators %+v diags %v", c.Decorators, ds)
			}
		}},
		{"coordinates come from the first bracket of the line", "component A[x] [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			c := comp(t, m, "A[x]")
			wantCoords(t, "A[x]", c.Coords, 0.9, 0.1)
			if !hasDiag(ds, "bracket-in-name", SeverityWarning) {
				t.Errorf("diags %v", ds)
			}
		}},
		{"inertia anywhere in the line", "component A [0.5, 0.5] url(inertia-map)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if c := comp(t, m, "A"); !c.Inertia || text(src, c.InertiaRange) != "inertia" {
				t.Errorf("inertia %v range %q", c.Inertia, text(src, c.InertiaRange))
			}
		}},
		{"quoted evolve name holding a number", "component \"Web 2.0\" [0.5, 0.5]\nevolve \"Web 2.0\" 0.8", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if e := m.Evolves[0]; e.Name != "Web 2.0" || e.Maturity.Value != 0.8 {
				t.Errorf("%+v", e)
			}
		}},
		{"link lines with a reserved word in parentheses are skipped", "component A [0.5, 0.5]\ncomponent B [0.4, 0.4]\nA->B (build)", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Links) != 0 || !hasDiag(ds, "reserved-in-parens", SeverityWarning) {
				t.Errorf("links %v diags %v", m.Links, ds)
			}
		}},
		{"component lines containing a brace are skipped", "component A} [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Components) != 0 || !hasDiag(ds, "brace-in-component", SeverityWarning) {
				t.Errorf("components %v diags %v", m.Components, ds)
			}
		}},
		{"a bare component line is an error and draws nothing", "component A [0.5, 0.5]\ncomponent\nmarket \nanchor\ncomponent B [0.2, 0.2]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if len(m.Components) != 2 || len(m.Anchors) != 0 {
				t.Errorf("components %v anchors %v", m.Components, m.Anchors)
			}
			var lines []int
			for _, d := range ds.Errors() {
				if d.Code == "missing-name" {
					lines = append(lines, d.Range.Start.Line)
				}
			}
			if fmt.Sprint(lines) != "[2 3 4]" {
				t.Errorf("missing-name errors on lines %v, want 2, 3, 4: %v", lines, ds)
			}
		}},
		{"a position or label without its closing bracket is read with a warning", "component A [0.5, 0.6\npipeline A [0.25\ncomponent B [0.3, 0.3] label [5, 6\ncomponent C [0.2, 0.2]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			wantCoords(t, "A", comp(t, m, "A").Coords, 0.5, 0.6)
			var at []string
			for _, d := range ds {
				if d.Code == "unclosed-bracket" && d.Severity == SeverityWarning {
					at = append(at, text(src, d.Range))
				}
			}
			if fmt.Sprintf("%q", at) != `["[0.5, 0.6" "[0.25" "[5, 6"]` {
				t.Errorf("unclosed-bracket warnings at %q: %v", at, ds)
			}
		}},
		{"empty name before the bracket", "component [0.5, 0.5]", func(t *testing.T, src string, m *Map, f *File, ds Diagnostics) {
			if c := m.Components[0]; c.Name != "" || c.Coords.Visibility.Value != 0.5 || !hasDiag(ds, "missing-name", SeverityWarning) {
				t.Errorf("%+v %v", c, ds)
			}
		}},
	})
}

// readFloatPrefix calls plain exactly the numbers it reads whole.
func TestIsPlainDecimal(t *testing.T) {
	for s, want := range map[string]bool{
		"0.5": true, ".5": true, "5.": true, "-1": true, "+2": true, "5e-1": true, "1E3": true,
		"": false, ".": false, "-": false, "0x10": false, "0.5abc": false, "1e": false, "1e+": false,
		" 1": false, "1 ": false, "e5": false, "--1": false,
	} {
		if _, plain, ok := readFloatPrefix(s); ok && plain != want || !ok && want {
			t.Errorf("readFloatPrefix(%q) reads it whole: %v, want %v", s, ok && plain, want)
		}
	}
}

// TestFlattenGroups checks which token runs become one Brackets or Parens token: closed groups of
// numbers (brackets) or words (parentheses) and commas only, or of such brackets, each spanning
// its text; which stages of an evolution line become one Stages token, and which url address one
// Address token.
func TestFlattenGroups(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"component A [0.4, 0.6] label [-5, 3]", "Keyword Name Brackets([0.4, 0.6]) Attr Brackets([-5, 3])"},
		{"pioneers [0.1,0.2,0.3,0.4]", "Keyword Brackets([0.1,0.2,0.3,0.4])"},
		{"component A [,0.3]", "Keyword Name Brackets([,0.3])"},
		{"component A []", "Keyword Name Brackets([])"},
		{"component A [0.1, 0.2", "Keyword Name Punct([) Number Punct(,) Number"},
		{"annotation 1 [[0.1,0.2],[0.3,0.4]] text", "Keyword Number Brackets([[0.1,0.2],[0.3,0.4]]) Text"},
		{"annotation 1 [[0.1,0.2],[0.3,0.4] 5", "Keyword Number Punct([) Brackets([0.1,0.2]) Punct(,) Brackets([0.3,0.4]) Number"},
		{"component A [0.1 [0.2] ] x", "Keyword Name Brackets([0.1 [0.2] ]) Word"},
		{"component A [[[0.1]]] label [1, 2]", "Keyword Name Brackets([[[0.1]]) Word Attr Brackets([1, 2])"},
		{"submap A [0.8, 0.5] url(ref) (build, market)", "Keyword Name Brackets([0.8, 0.5]) Attr Parens((ref)) Parens((build, market))"},
		{"component A [0.8, 0.5] (build", "Keyword Name Brackets([0.8, 0.5]) Punct(() Word"},
		{"evolve A 0.8 (buy)", "Keyword Name Number Parens((buy))"},
		{"A->B", "Name Arrow Name"},
		{"evolution Genesis->Custom@0.3->Product->Commodity", "Keyword Stages(Genesis->Custom@0.3->Product->Commodity)"},
		{"evolution --hide A->B", "Keyword Word Stages(A->B)"},
		{"evolution A", "Keyword Text"},
		{"url a [https://x.org/#y]", "Keyword Name Address([https://x.org/#y])"},
		{"url a [] b", "Keyword Name Address([]) Other"},
		{"url a [https://x.org", "Keyword Name Punct([) Text"},
	} {
		t.Run(tc.line, func(t *testing.T) {
			var sig []string
			var toks []lexer.Token
			for _, tok := range lexText(tc.line) {
				if tok.Type != ttWhitespace && tok.Type != ttComment {
					toks = append(toks, tok)
				}
			}
			flatten := flattenGroups
			switch {
			case strings.HasPrefix(tc.line, "evolution"):
				flatten = flattenStages
			case strings.HasPrefix(tc.line, "url"):
				flatten = flattenAddress
			}
			for _, tok := range flatten(nil, toks, tc.line) {
				s := tokenTypeName(tok.Type)
				switch tok.Type {
				case ttBrackets, ttParens, ttStages, ttAddress, ttPunct:
					if tc.line[tok.Pos.Offset:tok.Pos.Offset+len(tok.Value)] != tok.Value {
						t.Errorf("token %q is not the text at its offset %d", tok.Value, tok.Pos.Offset)
					}
					s += "(" + tok.Value + ")"
				}
				sig = append(sig, s)
			}
			if got := strings.Join(sig, " "); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func tokenTypeName(tt lexer.TokenType) string {
	for name, t := range tokenSymbols {
		if t == tt {
			return name
		}
	}
	return fmt.Sprint(tt)
}
