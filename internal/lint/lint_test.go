package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

// builder makes maps by hand, one statement per line, so the rules can be tested without the
// parser. Every element's range starts on the line it is added at.
type builder struct {
	m    *mapdsl.Map
	line int
	src  []string
}

func newBuilder() *builder {
	b := &builder{m: &mapdsl.Map{Title: "t"}}
	for i, l := range []string{"Genesis", "Custom-Built", "Product", "Commodity"} {
		b.m.Stages[i] = mapdsl.Stage{Label: l, Start: mapdsl.DefaultStageStarts[i]}
	}
	return b
}

func (b *builder) next(text string) mapdsl.Range {
	b.line++
	b.src = append(b.src, text)
	return mapdsl.Range{Start: mapdsl.Pos{Line: b.line, Column: 1}, End: mapdsl.Pos{Line: b.line, Column: len(text) + 1}}
}

func number(v float64) mapdsl.Number { return mapdsl.Number{Value: v, Set: true, Raw: fmt.Sprint(v)} }

func (b *builder) anchor(name string, v, m float64) *builder {
	r := b.next(fmt.Sprintf("anchor %s [%v, %v]", name, v, m))
	b.m.Anchors = append(b.m.Anchors, &mapdsl.Anchor{Name: name, Coords: mapdsl.Coords{Visibility: number(v), Maturity: number(m), Present: true}, Range: r})
	return b
}

func (b *builder) comp(name string, v, m float64, method mapdsl.Method) *mapdsl.Component {
	r := b.next(fmt.Sprintf("component %s [%v, %v]", name, v, m))
	c := &mapdsl.Component{Name: name, Coords: mapdsl.Coords{Visibility: number(v), Maturity: number(m), Present: true},
		Decorators: mapdsl.Decorators{Method: method}, Range: r}
	b.m.Components = append(b.m.Components, c)
	return c
}

func (b *builder) c(name string, v, m float64) *builder {
	b.comp(name, v, m, mapdsl.MethodNone)
	return b
}

func (b *builder) link(from, to string) *builder {
	r := b.next(from + "->" + to)
	b.m.Links = append(b.m.Links, &mapdsl.Link{From: from, To: to, Operator: "->", Range: r})
	return b
}

func (b *builder) evolve(name, newName string, m float64) *builder {
	r := b.next(fmt.Sprintf("evolve %s %v", name, m))
	e := &mapdsl.Evolve{Name: name, NewName: newName, Maturity: number(m), Range: r}
	b.m.Evolves = append(b.m.Evolves, e)
	for _, c := range b.m.Components {
		if c.Name == name && c.Evolve == nil {
			c.Evolve = e
		}
	}
	return b
}

func (b *builder) text(line string) *builder { b.next(line); return b }

func (b *builder) input() Input {
	return Input{Map: b.m, Source: []byte(strings.Join(b.src, "\n") + "\n")}
}

// finding is what a test expects: a rule ID on a line.
type finding struct {
	ID   string
	Line int
}

func findings(ds mapdsl.Diagnostics) []finding {
	var out []finding
	for _, d := range ds {
		out = append(out, finding{d.Code, d.Range.Start.Line})
	}
	return out
}

func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		build func() *builder
		want  []finding
	}{
		{"clean map", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Tea", 0.7, 0.5).link("Customer", "Tea")
		}, nil},
		{"link to a missing component, with a typo suggestion", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Kettle", 0.7, 0.5).link("Customer", "Kettle").link("Customer", "Ketle")
		}, []finding{{"unknown-component", 4}}},
		{"link to a commented-out component", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).text("// component Power [0.1, 0.7]").link("Customer", "Power")
		}, []finding{{"link-commented-out", 3}}},
		{"a block comment hides the component", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).text("/*").text("component Power [0.1, 0.7]").text("*/").link("Customer", "Power")
		}, []finding{{"link-commented-out", 5}}},
		{"a word inside another word is not a comment match", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).text("// Powerful stuff").link("Customer", "Power")
		}, []finding{{"unknown-component", 3}}},
		{"links match names leniently as OWM does", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Hot Water", 0.5, 0.75).link("customer", "hot  water")
		}, nil},
		{"links may name an evolved copy", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Kettle", 0.5, 0.3).evolve("Kettle", "Electric Kettle", 0.6).link("Customer", "Electric Kettle")
		}, nil},
		{"exact duplicate", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Tea", 0.7, 0.5).c("Tea", 0.6, 0.45).link("Customer", "Tea")
		}, []finding{{"duplicate-name", 3}}},
		{"near duplicates: case and spacing", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Hot Water", 0.7, 0.5).c("hot water ", 0.6, 0.45).link("Customer", "Hot Water").link("Customer", "hot water ")
		}, []finding{{"near-duplicate-name", 3}}},
		{"near duplicates: one typo", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Kettle", 0.7, 0.5).c("Kettel", 0.6, 0.45).link("Customer", "Kettle").link("Customer", "Kettel")
		}, []finding{{"near-duplicate-name", 3}}},
		{"near duplicates: a doubled letter and a plural", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Address", 0.7, 0.5).c("Adress", 0.6, 0.45).c("Servers", 0.5, 0.5).c("Server", 0.5, 0.6).
				link("Customer", "Address").link("Customer", "Adress").link("Customer", "Servers").link("Customer", "Server")
		}, []finding{{"near-duplicate-name", 3}, {"near-duplicate-name", 5}}},
		{"different words one letter apart are not duplicates", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("employer", 0.7, 0.5).c("employee", 0.6, 0.45).
				link("Customer", "employer").link("Customer", "employee")
		}, nil},
		{"numbered siblings and short names are not duplicates", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Server 1", 0.7, 0.5).c("Server 2", 0.6, 0.45).c("Tea", 0.5, 0.5).c("Sea", 0.5, 0.6).
				link("Customer", "Server 1").link("Customer", "Server 2").link("Customer", "Tea").link("Customer", "Sea")
		}, nil},
		{"no anchor", func() *builder { return newBuilder().c("Tea", 0.7, 0.5) }, []finding{{"no-anchor", 1}}},
		{"unreachable island", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Tea", 0.7, 0.5).c("Water", 0.3, 0.8).c("Pipe", 0.2, 0.8).
				link("Customer", "Tea").link("Water", "Pipe")
		}, []finding{{"unreachable-component", 3}, {"unreachable-component", 4}}},
		{"reached against the link direction", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Tea", 0.7, 0.5).link("Tea", "Customer")
		}, nil},
		{"evolve backwards", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Tea", 0.7, 0.5).link("Customer", "Tea").evolve("Tea", "", 0.3)
		}, []finding{{"evolve-backwards", 4}}},
		{"build on a commodity", func() *builder {
			b := newBuilder().anchor("Customer", 0.95, 0.5)
			b.comp("Power", 0.2, 0.9, mapdsl.MethodBuild)
			b.comp("Kettle", 0.4, 0.5, mapdsl.MethodBuild)
			return b.link("Customer", "Power").link("Customer", "Kettle")
		}, []finding{{"build-on-commodity", 2}}},
		{"stage boundary", func() *builder {
			return newBuilder().anchor("Customer", 0.95, 0.5).c("Tea", 0.7, 0.4).link("Customer", "Tea").evolve("Tea", "", 0.7)
		}, []finding{{"stage-boundary", 2}, {"stage-boundary", 4}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := findings(Run(tc.build().input(), Config{}))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestMessages(t *testing.T) {
	b := newBuilder().anchor("Customer", 0.95, 0.5).c("Kettle", 0.7, 0.5).link("Customer", "Kettle").link("Customer", "Ketle").
		text("// component Power [0.1, 0.7]").link("Customer", "Power")
	ds := Run(b.input(), Config{})
	want := []string{
		`t.owm:4:1: warning: link to "Ketle", which is not defined (did you mean "Kettle"?)`,
		`t.owm:6:1: warning: link to "Power", which is commented out on line 5; restore it or remove the link`,
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.Format("t.owm"))
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ds[0].Suggestion != "Kettle" {
		t.Errorf("suggestion %q, want Kettle", ds[0].Suggestion)
	}
}

func TestConfig(t *testing.T) {
	b := newBuilder().anchor("Customer", 0.95, 0.5).c("Tea", 0.7, 0.4).c("Water", 0.9, 0.5).link("Customer", "Tea").link("Tea", "Water")
	tests := []struct {
		name string
		cfg  Config
		want []string
	}{
		{"defaults", Config{}, []string{"stage-boundary"}},
		{"disable one", Config{Disable: []string{"stage-boundary"}}, nil},
		{"enable an off-by-default rule", Config{Enable: []string{"dependency-above"}}, []string{"stage-boundary", "dependency-above"}},
		{"disable all then enable one", Config{}.Merge(Config{Disable: []string{"all"}}).Merge(Config{Enable: []string{"dependency-above"}}),
			[]string{"dependency-above"}},
		{"command line overrides the file", Config{Disable: []string{"stage-boundary"}}.Merge(Config{Enable: []string{"stage-boundary"}}),
			[]string{"stage-boundary"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range Run(b.input(), tc.cfg) {
				got = append(got, d.Code)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseIDs(t *testing.T) {
	if ids, err := ParseIDs("stage-boundary, no-anchor", false); err != nil || len(ids) != 2 {
		t.Errorf("got %v, %v", ids, err)
	}
	if _, err := ParseIDs("no-such-rule", false); err == nil {
		t.Error("want an error for an unknown rule")
	}
	if _, err := ParseIDs("legacy-market", true); err != nil {
		t.Errorf("disabling a parser code: %v", err)
	}
	// An ID that is neither a rule nor a parser code is refused on --disable too, with the list
	// of rules and a guess (it was accepted silently).
	_, err := ParseIDs("stage-boundry", true)
	if err == nil || !strings.Contains(err.Error(), `did you mean "stage-boundary"?`) || !strings.Contains(err.Error(), "overlapping-labels") {
		t.Errorf("disabling an unknown ID: %v", err)
	}
}

func TestLabelOverlaps(t *testing.T) {
	b := newBuilder().anchor("Customer", 0.95, 0.5).c("Tea", 0.7, 0.42).c("Tee", 0.7, 0.43).c("Far", 0.1, 0.9).
		link("Customer", "Tea").link("Customer", "Tee").link("Customer", "Far")
	in := b.input()
	font := render.Font{Family: render.FontSans, Size: 12}
	label := func(line int, text string, x, y float64) render.Item {
		return render.Item{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemLabel, Index: line - 2, Line: line},
			Text: text, X: x, Y: y, Font: font, Anchor: render.AnchorStart}
	}
	in.Scene = &render.Scene{Items: []render.Item{
		label(2, "Tea", 100, 100),
		label(3, "Tee", 105, 102), // on top of Tea
		label(4, "Far", 400, 400),
		{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemTitle}, Text: "Title over Tea", X: 100, Y: 100, Font: font},
	}}
	got := findings(Run(in, Config{}))
	want := []finding{{"overlapping-labels", 3}}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestLabelOverlapsJudgeThePlacementBox checks that the overlap rule judges the box label
// placement avoids (render.ItemBox): two lines 11 units apart at size 12 share 2.8 units of that
// box, more than the rule's margin, though a box of 0.8/0.2 of the size (the rule's own
// measure once) made them merely touch.
func TestLabelOverlapsJudgeThePlacementBox(t *testing.T) {
	font := render.Font{Family: render.FontSans, Size: 12}
	for _, tc := range []struct {
		name string
		gap  float64
		want []finding
	}{
		{"boxes share 2.8 units", 11, []finding{{"overlapping-labels", 3}}},
		{"boxes share 0.8 units", 13, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := newBuilder().c("Tea", 0.7, 0.42).c("Tee", 0.6, 0.43).link("Tea", "Tee").input()
			label := func(line int, text string, y float64) render.Item {
				return render.Item{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemLabel, Index: line - 2, Line: line},
					Text: text, X: 100, Y: y, Font: font, Anchor: render.AnchorStart}
			}
			in.Scene = &render.Scene{Items: []render.Item{label(2, "Tea", 100), label(3, "Tee", 100+tc.gap)}}
			a, b := render.ItemBox(&in.Scene.Items[0]), render.ItemBox(&in.Scene.Items[1])
			if shared := a.Bottom - b.Top; (shared > overlapMargin) != (tc.want != nil) {
				t.Fatalf("the placement boxes share %.2f units; the case expects the other side of the margin", shared)
			}
			if got := findings(Run(in, Config{Disable: []string{"no-anchor"}})); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestLinkFindingsTakeTheParsersAnswer: a link to an unknown name gets the parser's "did you
// mean" (worked out once, in the parse), not one of lint's own: here the parser's diagnostic is
// changed to suggest a name no search would find, and the finding must carry it; without a
// suggestion from the parser, the finding has none.
func TestLinkFindingsTakeTheParsersAnswer(t *testing.T) {
	src := []byte("title T\nanchor Customer [0.95, 0.5]\ncomponent Kettle [0.5, 0.5]\nCustomer->Kettle\nCustomer->Ketle\n")
	for _, tc := range []struct {
		name, parser, want string
	}{
		{"the parser's suggestion", "Zebra", `link to "Ketle", which is not defined (did you mean "Zebra"?)`},
		{"no suggestion from the parser", "", `link to "Ketle", which is not defined; OWM draws nothing for it`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, diags := mapdsl.Parse("t.owm", src)
			changed := 0
			for i := range diags {
				if diags[i].Code == "unknown-component" && diags[i].Suggestion == "Kettle" {
					diags[i].Suggestion = tc.parser
					changed++
				}
			}
			if changed != 1 {
				t.Fatalf("want one unknown-component diagnostic suggesting Kettle from the parser, got %v", diags)
			}
			var got []string
			for _, d := range Run(Input{Map: m, Diagnostics: diags, Source: src}, Config{}) {
				if d.Code == "unknown-component" {
					got = append(got, d.Message+" / "+d.Suggestion)
				}
			}
			if want := []string{tc.want + " / " + tc.parser}; !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
