package edit

import (
	"strings"
	"testing"

	"mapwright/mapdsl"
)

// kettleMap is a small map whose model is built by hand (see helpers_test.go), so that these
// tests pin the splicing independently of the parser.
const kettleMap = "title Tea  // the classic\r\n" +
	"anchor Business [0.95, 0.63]\r\n" +
	"component Kettle   [0.45, 0.57] label [-29, 28]  // hot\r\n" +
	"component Power\r\n" +
	"component Cup [.73, 0.78] (buy, market)\r\n" +
	"component Water [0.38, 0.82] inertia\r\n" +
	"evolve Kettle 0.62\r\n" +
	"pipeline Kettle [0.20, 0.80]\r\n" +
	"Business->Kettle\r\n" +
	"Kettle->Power ; needs it\r\n" +
	"Cup->Water\r\n"

func buildKettleMap(t *testing.T) *mapdsl.Map {
	t.Helper()
	src := kettleMap
	comp := func(name, coords string, nth int) *mapdsl.Component {
		c := &mapdsl.Component{Name: name, NameRange: find(t, src, name, nth), Range: lineOf(t, src, "component "+name, 0)}
		if coords != "" {
			c.Coords = pair(t, src, coords, 0)
		} else {
			c.Coords = mapdsl.Coords{Visibility: mapdsl.Number{Value: 0.9}, Maturity: mapdsl.Number{Value: 0.1}}
		}
		return c
	}
	kettle := comp("Kettle", "[0.45, 0.57]", 0)
	kettle.Label = label(t, src, "label [-29, 28]", 0)
	power := comp("Power", "", 0)
	cup := comp("Cup", "[.73, 0.78]", 0)
	cup.Decorators = mapdsl.Decorators{Method: mapdsl.MethodBuy, Market: true, Range: find(t, src, "(buy, market)", 0)}
	water := comp("Water", "[0.38, 0.82]", 0)
	water.Inertia, water.InertiaRange = true, find(t, src, "inertia", 0)
	evolve := &mapdsl.Evolve{Name: "Kettle", NameRange: find(t, src, "Kettle", 1), Range: lineOf(t, src, "evolve Kettle", 0)}
	r := find(t, src, "0.62", 0)
	evolve.Maturity = mapdsl.Number{Value: 0.62, Raw: "0.62", Set: true, Range: r}
	kettle.Evolve = evolve
	pipeline := &mapdsl.Pipeline{Name: "Kettle", NameRange: find(t, src, "Kettle", 2), Bracketed: true, Component: kettle,
		Range: lineOf(t, src, "pipeline Kettle", 0)}
	p := pair(t, src, "[0.20, 0.80]", 0)
	pipeline.Start, pipeline.End = p.Visibility, p.Maturity
	kettle.Pipeline = pipeline
	link := func(from, to string, fromNth, toNth int, line string) *mapdsl.Link {
		return &mapdsl.Link{From: from, To: to, FromRange: find(t, src, from, fromNth), ToRange: find(t, src, to, toNth),
			Operator: "->", Range: lineOf(t, src, line, 0)}
	}
	return &mapdsl.Map{
		Title:      "Tea",
		Anchors:    []*mapdsl.Anchor{{Name: "Business", NameRange: find(t, src, "Business", 0), Coords: pair(t, src, "[0.95, 0.63]", 0), Range: lineOf(t, src, "anchor", 0)}},
		Components: []*mapdsl.Component{kettle, power, cup, water},
		Evolves:    []*mapdsl.Evolve{evolve},
		Pipelines:  []*mapdsl.Pipeline{pipeline},
		Links: []*mapdsl.Link{
			link("Business", "Kettle", 1, 3, "Business->Kettle"),
			link("Kettle", "Power", 4, 1, "Kettle->Power"),
			link("Cup", "Water", 1, 1, "Cup->Water"),
		},
	}
}

func TestEditsOnHandBuiltModel(t *testing.T) {
	tests := []struct {
		name string
		edit func(src []byte, m *mapdsl.Map) (Splice, error)
		// want lists the lines of the result that differ from kettleMap, as "old" => "new".
		want map[string]string
	}{
		{"move rewrites both numbers", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Move(s, m, named(s, m, Components, "Kettle"), 0.5, 0.6)
		},
			map[string]string{"component Kettle   [0.45, 0.57] label [-29, 28]  // hot": "component Kettle   [0.50, 0.60] label [-29, 28]  // hot"}},
		{"move keeps the spelling of an unchanged number", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Move(s, m, named(s, m, Components, "Cup"), 0.73, 0.9)
		},
			map[string]string{"component Cup [.73, 0.78] (buy, market)": "component Cup [.73, 0.90] (buy, market)"}},
		{"move inserts coordinates after a bare name", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Move(s, m, named(s, m, Components, "Power"), 0.1, 0.7)
		},
			map[string]string{"component Power": "component Power [0.10, 0.70]"}},
		{"move anchor", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Move(s, m, named(s, m, Anchors, "Business"), 1, 0.63)
		},
			map[string]string{"anchor Business [0.95, 0.63]": "anchor Business [1.00, 0.63]"}},
		{"label offset rewritten", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return MoveLabel(s, m, named(s, m, Components, "Kettle"), -30.5, 28)
		},
			map[string]string{"component Kettle   [0.45, 0.57] label [-29, 28]  // hot": "component Kettle   [0.45, 0.57] label [-30.5, 28]  // hot"}},
		{"label added after the coordinates", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return MoveLabel(s, m, named(s, m, Components, "Cup"), 12, -8)
		},
			map[string]string{"component Cup [.73, 0.78] (buy, market)": "component Cup [.73, 0.78] label [12, -8] (buy, market)"}},
		{"label on a bare line writes the position too", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return MoveLabel(s, m, named(s, m, Components, "Power"), 5, 5)
		},
			map[string]string{"component Power": "component Power [0.90, 0.10] label [5, 5]"}},
		{"evolve number rewritten", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetEvolve(s, m, named(s, m, Components, "Kettle"), 0.8)
		},
			map[string]string{"evolve Kettle 0.62": "evolve Kettle 0.80"}},
		{"pipeline ends rewritten", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetPipelineEnds(s, m, Ref{Pipelines, 0}, 0.25, 0.8)
		},
			map[string]string{"pipeline Kettle [0.20, 0.80]": "pipeline Kettle [0.25, 0.80]"}},
		{"rename everywhere", func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Kettle", "Electric Kettle") },
			map[string]string{
				"component Kettle   [0.45, 0.57] label [-29, 28]  // hot": "component Electric Kettle   [0.45, 0.57] label [-29, 28]  // hot",
				"evolve Kettle 0.62":           "evolve Electric Kettle 0.62",
				"pipeline Kettle [0.20, 0.80]": "pipeline Electric Kettle [0.20, 0.80]",
				"Business->Kettle":             "Business->Electric Kettle",
				"Kettle->Power ; needs it":     "Electric Kettle->Power ; needs it",
			}},
		{"rename quotes a multi-line name", func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Power", "Power\ngrid") },
			map[string]string{"component Power": `component "Power\ngrid"`, "Kettle->Power ; needs it": `Kettle->"Power\ngrid" ; needs it`}},
		{"delete takes its links, evolve and pipeline along", func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, named(s, m, Components, "Kettle")) },
			map[string]string{
				"component Kettle   [0.45, 0.57] label [-29, 28]  // hot": "",
				"evolve Kettle 0.62":           "",
				"pipeline Kettle [0.20, 0.80]": "",
				"Business->Kettle":             "",
				"Kettle->Power ; needs it":     "",
			}},
		{"inertia removed", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return ToggleInertia(s, m, named(s, m, Components, "Water"))
		},
			map[string]string{"component Water [0.38, 0.82] inertia": "component Water [0.38, 0.82]"}},
		{"inertia added before the comment", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return ToggleInertia(s, m, named(s, m, Components, "Kettle"))
		},
			map[string]string{"component Kettle   [0.45, 0.57] label [-29, 28]  // hot": "component Kettle   [0.45, 0.57] label [-29, 28] inertia  // hot"}},
		{"method rewritten inside its group", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetMethod(s, m, named(s, m, Components, "Cup"), mapdsl.MethodOutsource)
		},
			map[string]string{"component Cup [.73, 0.78] (buy, market)": "component Cup [.73, 0.78] (outsource, market)"}},
		{"method removed from its group", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetMethod(s, m, named(s, m, Components, "Cup"), mapdsl.MethodNone)
		},
			map[string]string{"component Cup [.73, 0.78] (buy, market)": "component Cup [.73, 0.78] (market)"}},
		{"method added as a group", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetMethod(s, m, named(s, m, Components, "Water"), mapdsl.MethodBuild)
		},
			map[string]string{"component Water [0.38, 0.82] inertia": "component Water [0.38, 0.82] inertia (build)"}},
		{"market removed leaving the method", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return ToggleMarket(s, m, named(s, m, Components, "Cup"))
		},
			map[string]string{"component Cup [.73, 0.78] (buy, market)": "component Cup [.73, 0.78] (buy)"}},
		{"ecosystem added to the group", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return ToggleEcosystem(s, m, named(s, m, Components, "Cup"))
		},
			map[string]string{"component Cup [.73, 0.78] (buy, market)": "component Cup [.73, 0.78] (buy, market, ecosystem)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(kettleMap)
			s, err := tc.edit(src, buildKettleMap(t))
			if err != nil {
				t.Fatal(err)
			}
			got := string(Apply(src, s))
			want := kettleMap
			for old, new := range tc.want {
				if new == "" {
					want = strings.Replace(want, old+"\r\n", "", 1)
				} else {
					want = strings.Replace(want, old+"\r\n", new+"\r\n", 1)
				}
			}
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			assertOnlySpliceChanged(t, src, []byte(got), s)
		})
	}
}

// assertOnlySpliceChanged checks that every byte before and after the splice is unchanged.
func assertOnlySpliceChanged(t *testing.T, before, after []byte, s Splice) {
	t.Helper()
	if string(after[:s.Start]) != string(before[:s.Start]) {
		t.Errorf("bytes before the splice changed")
	}
	if tail := len(before) - s.End; string(after[len(after)-tail:]) != string(before[s.End:]) {
		t.Errorf("bytes after the splice changed")
	}
}

func TestEditErrorsReadAsAdvice(t *testing.T) {
	tests := []struct {
		name string
		edit func(src []byte, m *mapdsl.Map) (Splice, error)
		want string
	}{
		{"stale index", func(s []byte, m *mapdsl.Map) (Splice, error) { return Move(s, m, Ref{Components, 9}, 0.5, 0.5) },
			`there is no component number 9: the map has 4 (the text may have changed since it was drawn)`},
		{"no element", func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, Ref{}) },
			`the element cannot be deleted from the map; edit the text`},
		{"not finite", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Move(s, m, named(s, m, Anchors, "Business"), 0.5, inf())
		},
			`a position must be a finite number, not +Inf`},
		{"rename onto a taken name", func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Kettle", "Cup") },
			`there is already a component named "Cup" (line 5); choose another name`},
		{"rename to a link operator", func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Kettle", "A->B") },
			`cannot use the name "A->B": ->, +>, +<, +' and ; are link operators, so a name containing them could never be linked`},
		{"add a duplicate", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Add(s, m, Element{Kind: AddComponent, Name: "Water", Vis: 0.5, Mat: 0.5})
		},
			`there is already a component named "Water" (line 6); choose another name`},
		{"link twice", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return AddLink(s, m, end(s, m, "Power"), end(s, m, "Kettle"))
		},
			`"Power" and "Kettle" are already linked on line 10`},
		{"an element without a label", func(s []byte, m *mapdsl.Map) (Splice, error) { return MoveLabel(s, m, Ref{Anchors, 0}, 1, 1) },
			`the anchor cannot be given a label offset`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.edit([]byte(kettleMap), buildKettleMap(t))
			if err == nil || err.Error() != tc.want {
				t.Errorf("error = %v, want %s", err, tc.want)
			}
		})
	}
}
