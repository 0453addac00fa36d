package edit

import (
	"strings"
	"testing"

	"mapwright/mapdsl"
)

// addBase has one line of most kinds, in the order people write them, with blank lines and a
// comment between the groups.
const addBase = `title Shop
style wardley

anchor User [0.95, 0.50]

component Shop [0.70, 0.40]
component Stock [0.50, 0.20] // counted weekly
pipeline Stock [0.10, 0.40]

evolve Stock 0.50

User->Shop
Shop->Stock

note Busy in winter [0.30, 0.20]
annotation 1 [0.60, 0.10] First
`

// TestAddWritesWhereAPersonWould adds each kind of element and checks the whole text: the new
// line sits after the last line of its kind, or after the group that comes before it.
func TestAddWritesWhereAPersonWould(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		el    Element
		after string // the line the new text follows ("" for the start of the text)
		added string
	}{
		{"anchor", addBase, Element{Kind: AddAnchor, Name: "Staff", Vis: 0.9, Mat: 0.3}, "anchor User [0.95, 0.50]", "anchor Staff [0.90, 0.30]"},
		{"component", addBase, Element{Kind: AddComponent, Name: "Till", Vis: 0.6, Mat: 0.7}, "component Stock [0.50, 0.20] // counted weekly", "component Till [0.60, 0.70]"},
		{"market", addBase, Element{Kind: AddMarket, Name: "Buyers", Vis: 0.6, Mat: 0.7}, "component Stock [0.50, 0.20] // counted weekly", "component Buyers [0.60, 0.70] (market)"},
		{"ecosystem", addBase, Element{Kind: AddEcosystem, Name: "Makers", Vis: 0.6, Mat: 0.7}, "component Stock [0.50, 0.20] // counted weekly", "component Makers [0.60, 0.70] (ecosystem)"},
		{"submap", addBase, Element{Kind: AddSubmap, Name: "Supply", Vis: 0.4, Mat: 0.6}, "component Stock [0.50, 0.20] // counted weekly", "submap Supply [0.40, 0.60]"},
		{"note", addBase, Element{Kind: AddNote, Name: "Check this", Vis: 0.2, Mat: 0.8}, "note Busy in winter [0.30, 0.20]", "note Check this [0.20, 0.80]"},
		{"annotation numbered", addBase, Element{Kind: AddAnnotation, Name: "Second", Vis: 0.2, Mat: 0.8}, "annotation 1 [0.60, 0.10] First", "annotation 2 [0.20, 0.80] Second"},
		{"pioneers after the annotations", addBase, Element{Kind: AddPioneers, Vis: 0.5, Mat: 0.4, Vis2: 0.9, Mat2: 0.1}, "annotation 1 [0.60, 0.10] First", "pioneers [0.90, 0.10, 0.50, 0.40]"},
		{"settlers", addBase, Element{Kind: AddSettlers, Vis: 0.9, Mat: 0.3, Vis2: 0.7, Mat2: 0.5}, "annotation 1 [0.60, 0.10] First", "settlers [0.90, 0.30, 0.70, 0.50]"},
		{"town planners", addBase, Element{Kind: AddTownPlanners, Vis: 0.9, Mat: 0.6, Vis2: 0.7, Mat2: 0.9}, "annotation 1 [0.60, 0.10] First", "townplanners [0.90, 0.60, 0.70, 0.90]"},
		{"accelerator", addBase, Element{Kind: AddAccelerator, Name: "Open source", Vis: 0.3, Mat: 0.5}, "annotation 1 [0.60, 0.10] First", "accelerator Open source [0.30, 0.50]"},
		{"deaccelerator", addBase, Element{Kind: AddDeaccelerator, Name: "Regulation", Vis: 0.3, Mat: 0.5}, "annotation 1 [0.60, 0.10] First", "deaccelerator Regulation [0.30, 0.50]"},
		{"anchor into a map without anchors goes after the title", "title T\ncomponent A [0.5, 0.5]\n", Element{Kind: AddAnchor, Name: "U", Vis: 0.9, Mat: 0.5}, "title T", "anchor U [0.90, 0.50]"},
		{"anchor before the first component when nothing comes earlier", "// my map\ncomponent A [0.5, 0.5]\n", Element{Kind: AddAnchor, Name: "U", Vis: 0.9, Mat: 0.5}, "// my map", "anchor U [0.90, 0.50]"},
		{"empty text", "", Element{Kind: AddComponent, Name: "A", Vis: 0.5, Mat: 0.5}, "", "component A [0.50, 0.50]"},
		{"last line without a line break", "component A [0.5, 0.5]", Element{Kind: AddComponent, Name: "B", Vis: 0.5, Mat: 0.5}, "component A [0.5, 0.5]", "component B [0.50, 0.50]"},
		{"CRLF", "title T\r\ncomponent A [0.5, 0.5]\r\nA->A\r\n", Element{Kind: AddComponent, Name: "B", Vis: 0.5, Mat: 0.5}, "component A [0.5, 0.5]", "component B [0.50, 0.50]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Add([]byte(tc.src), nil, tc.el)
			if err != nil {
				t.Fatal(err)
			}
			got := string(Apply([]byte(tc.src), s))
			eol := lineEnding([]byte(tc.src))
			var want string
			switch {
			case tc.after == "":
				want = tc.added + eol + tc.src
			case strings.Contains(tc.src, tc.after+eol):
				want = strings.Replace(tc.src, tc.after+eol, tc.after+eol+tc.added+eol, 1)
			default:
				want = tc.src + eol + tc.added + eol
			}
			if got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

func TestAddPipeline(t *testing.T) {
	s, err := Add([]byte(addBase), nil, Element{Kind: AddPipeline, Name: "Delivery", Vis: 0.4, Mat: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(addBase, "component Stock [0.50, 0.20] // counted weekly\npipeline Stock [0.10, 0.40]\n",
		"component Stock [0.50, 0.20] // counted weekly\ncomponent Delivery [0.40, 0.50]\npipeline Stock [0.10, 0.40]\npipeline Delivery [0.35, 0.65]\n", 1)
	if got := string(Apply([]byte(addBase), s)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A map with no pipeline yet: both lines after the last component, component first.
	src := "component A [0.5, 0.5]\nA->A\n"
	s, err = Add([]byte(src), nil, Element{Kind: AddPipeline, Name: "P", Vis: 0.4, Mat: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(Apply([]byte(src), s)), "component A [0.5, 0.5]\ncomponent P [0.40, 0.10]\npipeline P [0.00, 0.25]\nA->A\n"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAddToPipeline(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"into a block", "component K [0.4, 0.5]\npipeline K\n{\n    component A [0.2]\n}\nK->A\n",
			"component K [0.4, 0.5]\npipeline K\n{\n    component A [0.2]\n    component B [0.70]\n}\nK->A\n"},
		{"a new block", "component K [0.4, 0.5]\npipeline K [0.2, 0.8]\nK->K\n",
			"component K [0.4, 0.5]\npipeline K [0.2, 0.8]\n{\n  component B [0.70]\n}\nK->K\n"},
		{"a new block at the end without a line break", "component K [0.4, 0.5]\npipeline K [0.2, 0.8]",
			"component K [0.4, 0.5]\npipeline K [0.2, 0.8]\n{\n  component B [0.70]\n}\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := AddToPipeline([]byte(tc.src), nil, Ref{Pipelines, 0}, "B", 0.7)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(Apply([]byte(tc.src), s)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
			m, diags := mapdsl.Parse("", Apply([]byte(tc.src), s))
			if diags.HasErrors() || !hasChild(m.Pipelines[0], "B") {
				t.Errorf("B is not read as a child: %v", diags)
			}
		})
	}
	if _, err := AddToPipeline([]byte("component K [0.4, 0.5]\npipeline K\n"), nil, Ref{Pipelines, 0}, "K", 0.5); err == nil {
		t.Error("a child named like an existing component was accepted")
	}
}
