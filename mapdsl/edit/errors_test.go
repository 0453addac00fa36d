package edit

import (
	"testing"

	"mapwright/mapdsl"
)

func TestEditErrors(t *testing.T) {
	const twins = "component Tea [0.5, 0.5]\ncomponent Tea [0.6, 0.6]\ncomponent Cultural inertia [0.2, 0.2]\n" +
		"component Kettle [0.4, 0.4]\npipeline Kettle\n{\n  component Gas [0.5]\n}\n"
	tests := []struct {
		name string
		src  string
		edit func(src []byte, m *mapdsl.Map) (Splice, error)
		want string
	}{
		{"an element that has no point", twins, func(s []byte, m *mapdsl.Map) (Splice, error) { return Move(s, m, Ref{Pipelines, 0}, 0.1, 0.1) },
			`the pipeline cannot be moved to one point`},
		{"the wrong list", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetPipelineEnds(s, m, Ref{Components, 3}, 0.1, 0.9)
		},
			`this edit is for pipelines, not components`},
		{"block pipeline spans its children", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetPipelineEnds(s, m, Ref{Pipelines, 0}, 0.1, 0.9)
		},
			`pipeline "Kettle" spans its children (line 5 onwards); move its first or last child instead`},
		{"stale pipeline", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetPipelineEnds(s, m, Ref{Pipelines, 3}, 0.1, 0.9)
		},
			`there is no pipeline number 3: the map has 1 (the text may have changed since it was drawn)`},
		{"inertia that comes from the name", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return ToggleInertia(s, m, named(s, m, Components, "Cultural inertia"))
		},
			`the inertia of "Cultural inertia" comes from its name (OWM marks any line containing "inertia"); rename it to remove the inertia`},
		{"inertia inside the brackets", "component Kettle [0inertia1\n", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return ToggleInertia(s, m, named(s, m, Components, "Kettle"))
		},
			`the inertia of "Kettle" comes from the word inside its brackets on line 1; edit that by hand`},
		{"link to a note", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return AddLink(s, m, end(s, m, "Kettle"), Ref{Notes, 0})
		},
			`the note cannot be linked`},
		{"link to itself", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return AddLink(s, m, end(s, m, "Gas"), end(s, m, "Gas"))
		},
			`cannot link "Gas" to itself`},
		{"add a name OWM would misread", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Add(s, m, Element{Kind: AddComponent, Name: "Retail (buyers)", Vis: 0.5, Mat: 0.5})
		},
			`cannot use the name "Retail (buyers)": OWM reads "buy" after a ( as the buy decorator, so a name cannot contain it there`},
		{"add an empty name", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Add(s, m, Element{Kind: AddComponent, Name: "  ", Vis: 0.5, Mat: 0.5})
		},
			`cannot use the name "  ": a name needs at least one visible character`},
		{"evolve a pipeline child", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetEvolve(s, m, named(s, m, Components, "Gas"), 0.8)
		},
			`"Gas" is a pipeline child, and OWM does not draw evolved pipeline children; move it along its pipeline instead`},
		{"stale index", twins, func(s []byte, m *mapdsl.Map) (Splice, error) { return Move(s, m, Ref{Notes, 0}, 0.5, 0.5) },
			`there is no note number 0: the map has 0 (the text may have changed since it was drawn)`},
		{"rename something missing", twins, func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Kettel", "Boiler") },
			`no component or anchor named "Kettel" (did you mean "Kettle"?)`},
		{"rename onto another name", twins, func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Gas", "Kettle") },
			`there is already a component named "Kettle" (line 4); choose another name`},
		{"name running into its brackets", "component Foo[0.5,0.5]\n", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Move(s, m, named(s, m, Components, "Foo[0.5,0.5]"), 0.2, 0.2)
		},
			`the name of the component "Foo[0.5,0.5]" runs into its brackets (OWM needs a space before "["); add the space on line 1 first`},
		{"a bare component line is no component", "component\n", func(s []byte, m *mapdsl.Map) (Splice, error) { return Move(s, m, Ref{Components, 0}, 0.2, 0.2) },
			`there is no component number 0: the map has 0 (the text may have changed since it was drawn)`},
		{"text ending in an open comment", "/* notes\ncomponent A [0.5, 0.5]\n", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return Add(s, m, Element{Kind: AddComponent, Name: "B", Vis: 0.2, Mat: 0.2})
		},
			`a new line at the end of the map would not be read as a component: the text ends inside an unclosed /* comment or { block; close it first`},
		{"text ending in an open block", "component K [0.5, 0.5]\npipeline K\n{\n  component A [0.2]\n", func(s []byte, m *mapdsl.Map) (Splice, error) { return AddLink(s, m, end(s, m, "K"), end(s, m, "A")) },
			`a new line at the end of the map would not be read as a link: the text ends inside an unclosed /* comment or { block; close it first`},
		{"evolve a name holding a decimal", "component Web 2.0 [0.5, 0.5]\n", func(s []byte, m *mapdsl.Map) (Splice, error) {
			return SetEvolve(s, m, named(s, m, Components, "Web 2.0"), 0.8)
		},
			`cannot write an evolve line for "Web 2.0": OWM reads the first decimal number of an evolve line as the maturity, and "Web 2.0" holds one; rename it first`},
		{"rename an evolved component to a name holding a decimal", "component Web [0.5, 0.5]\nevolve Web 0.8\n", func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Web", "Web 2.0") },
			`cannot rename "Web" to "Web 2.0": OWM reads the first decimal number of an evolve line as the maturity, and "Web 2.0" holds one (line 2 evolves it)`},
		{"not a number", twins, func(s []byte, m *mapdsl.Map) (Splice, error) {
			return MoveLabel(s, m, named(s, m, Components, "Kettle"), nan(), 1)
		},
			`a label offset must be a finite number, not NaN`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			m, _ := mapdsl.Parse("test.owm", src)
			s, err := tc.edit(src, m)
			if err == nil {
				t.Fatalf("no error; the edit gave %+v", s)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n  %s\nwant:\n  %s", err, tc.want)
			}
		})
	}
}

// TestCaseOnlyRenameAndNilMap checks two conveniences: a rename that only changes case is not
// refused as a clash with itself, and a nil map makes the edit parse the text itself.
func TestCaseOnlyRenameAndNilMap(t *testing.T) {
	src := []byte("component kettle [0.4, 0.4]\nkettle->Water\ncomponent Water [0.1, 0.1]\n")
	s, err := Rename(src, nil, "kettle", "Kettle")
	if err != nil {
		t.Fatal(err)
	}
	want := "component Kettle [0.4, 0.4]\nKettle->Water\ncomponent Water [0.1, 0.1]\n"
	if got := string(Apply(src, s)); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestNoChangeIsANoop checks that an edit that changes nothing returns the zero Splice.
func TestNoChangeIsANoop(t *testing.T) {
	src := []byte("component Cup [0.5, 0.5] (buy)\n")
	for name, edit := range map[string]func() (Splice, error){
		"same position": func() (Splice, error) { return Move(src, nil, named(src, nil, Components, "Cup"), 0.5, 0.5) },
		"same method": func() (Splice, error) {
			return SetMethod(src, nil, named(src, nil, Components, "Cup"), mapdsl.MethodBuy)
		},
		"same name": func() (Splice, error) { return Rename(src, nil, "Cup", "Cup") },
	} {
		s, err := edit()
		if err != nil || !s.IsNoop() {
			t.Errorf("%s: got %+v, %v; want the zero Splice", name, s, err)
		}
	}
}
