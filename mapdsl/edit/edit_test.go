package edit

import (
	"slices"
	"strings"
	"testing"

	"mapwright/mapdsl"
)

// teaShop exercises every element an edit can target, with comments and odd spacing that must
// survive every edit.
const teaShop = `title Tea Shop
// Who needs what
anchor Business [0.95, 0.63]
component Cup of Tea [0.79, 0.61] label [19, -4]
component Cup [0.73, 0.78] (buy)
component Tea   [ 0.63 ,0.81 ]
component Hot Water [0.52, 0.80] (market, build)
component Kettle [0.43, 0.35] inertia // old habits
component Power
evolve Kettle 0.62
evolve Tea->Premium Tea 0.9 label [5, 5]
pipeline Power [0.30, 0.70]
component Boiler [0.40, 0.20]
pipeline Boiler
{
  component Campfire [0.10] label [-29, 28]
  component Gas Boiler [0.63]
}
note standardising power [0.30, 0.49]
annotation 1 [[0.43, 0.49], [0.08, 0.79]] Standardising power
annotations [0.72, 0.03]
pioneers [0.90, 0.10, 0.70, 0.40]
accelerator Premium [0.55, 0.90]
Business->Cup of Tea
Cup of Tea->Cup
Cup of Tea->Tea
Cup of Tea->Hot Water
Hot Water->Kettle; boils
Kettle->Power
Campfire->Kettle
`

// editCase is one edit on a text, the exact text it must produce, and the change of meaning
// it must make (applied to the parse of the original text, it must give the parse of the result).
type editCase struct {
	name string
	src  string
	edit func(src []byte, m *mapdsl.Map) (Splice, error)
	// also, when set, is another edit that must give the same text.
	also func(src []byte, m *mapdsl.Map) (Splice, error)
	// lines maps lines of src to their replacement ("" deletes the line); appended is added
	// after the last line.
	lines    map[string]string
	appended string
	// after maps a line of src to the line inserted after it.
	after   map[string]string
	meaning func(t *testing.T, m *mapdsl.Map)
}

func (tc editCase) want() string {
	want := tc.src
	eol := lineEnding([]byte(tc.src))
	for old, new := range tc.lines {
		if new != "" {
			new += eol
		}
		if strings.Contains(want, old+eol) {
			want = strings.Replace(want, old+eol, new, 1)
		} else if strings.HasSuffix(want, old) { // the last line, without a line break
			want = strings.TrimSuffix(want, old) + strings.TrimSuffix(new, eol)
		}
	}
	for old, added := range tc.after {
		want = strings.Replace(want, old+eol, old+eol+added+eol, 1)
	}
	return want + tc.appended
}

func comp(t *testing.T, m *mapdsl.Map, name string) *mapdsl.Component {
	t.Helper()
	for _, c := range m.Components {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("the parse has no component %q", name)
	return nil
}

// without returns the list without the elements for which drop is true.
func without[T any](list []T, drop func(T) bool) []T {
	return slices.DeleteFunc(slices.Clone(list), drop)
}

func TestEdits(t *testing.T) {
	tests := []editCase{
		{name: "move component",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "Kettle"), 0.5, 0.371)
			},
			lines: map[string]string{"component Kettle [0.43, 0.35] inertia // old habits": "component Kettle [0.50, 0.37] inertia // old habits"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				c := comp(t, m, "Kettle")
				c.Coords.Visibility.Value, c.Coords.Maturity.Value = 0.5, 0.37
			}},
		{name: "move keeps odd spacing and the spelling of the unchanged number",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "Tea"), 0.7, 0.81)
			},
			lines: map[string]string{"component Tea   [ 0.63 ,0.81 ]": "component Tea   [ 0.70 ,0.81 ]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Tea").Coords.Visibility.Value = 0.7
			}},
		{name: "move keeps a word glued to a number (FuzzMoveComponent found it lost)",
			// OWM reads "0.6inertia" as 0.6, and the word inertia on the line as inertia.
			src: "component Kettle [0.43, 0.6inertia\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "Kettle"), 0.5, 0.7)
			},
			lines: map[string]string{"component Kettle [0.43, 0.6inertia": "component Kettle [0.50, 0.70inertia"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				c := comp(t, m, "Kettle")
				c.Coords.Visibility.Value, c.Coords.Maturity.Value = 0.5, 0.7
			}},
		{name: "move keeps what follows a number when it still reads the same",
			src: "component Kettle [0.43, 0.6.5] inertia\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "Kettle"), 0.43, 1)
			},
			lines: map[string]string{"component Kettle [0.43, 0.6.5] inertia": "component Kettle [0.43, 1.00.5] inertia"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Kettle").Coords.Maturity.Value = 1
			}},
		{name: "move a label drops what follows a number when it would run on into the new one",
			src: "component Kettle [0.43, 0.35] label [-60, 4.5.5]\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return MoveLabel(s, m, named(s, m, Components, "Kettle"), -60, 10)
			},
			lines: map[string]string{"component Kettle [0.43, 0.35] label [-60, 4.5.5]": "component Kettle [0.43, 0.35] label [-60, 10]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Kettle").Label.DY.Value = 10
			}},
		{name: "move a component without coordinates",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "Power"), 0.1, 0.7)
			},
			lines: map[string]string{"component Power": "component Power [0.10, 0.70]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				c := comp(t, m, "Power")
				c.Coords.Visibility.Value, c.Coords.Maturity.Value = 0.1, 0.7
			}},
		{name: "move a pipeline child changes only its maturity",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "Campfire"), 0.99, 0.15)
			},
			lines: map[string]string{"  component Campfire [0.10] label [-29, 28]": "  component Campfire [0.15] label [-29, 28]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Campfire").Coords.Maturity.Value = 0.15
				p := comp(t, m, "Boiler").Pipeline
				p.Start.Value = 0.15
			}},
		{name: "move anchor",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Anchors, "Business"), 0.98, 0.6)
			},
			lines: map[string]string{"anchor Business [0.95, 0.63]": "anchor Business [0.98, 0.60]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Anchors[0].Coords.Visibility.Value, m.Anchors[0].Coords.Maturity.Value = 0.98, 0.6
			}},
		{name: "move note",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Move(s, m, Ref{Notes, 0}, 0.3, 0.55) },
			lines: map[string]string{"note standardising power [0.30, 0.49]": "note standardising power [0.30, 0.55]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Notes[0].Coords.Maturity.Value = 0.55
			}},
		{name: "move the second marker of an annotation",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return MoveAnnotation(s, m, Ref{Annotations, 0}, 1, 0.1, 0.8)
			},
			lines: map[string]string{"annotation 1 [[0.43, 0.49], [0.08, 0.79]] Standardising power": "annotation 1 [[0.43, 0.49], [0.10, 0.80]] Standardising power"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Annotations[0].Positions[1].Visibility.Value, m.Annotations[0].Positions[1].Maturity.Value = 0.1, 0.8
			}},
		{name: "move the annotation legend",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return MoveAnnotationsLegend(s, m, 0.5, 0.03) },
			lines: map[string]string{"annotations [0.72, 0.03]": "annotations [0.50, 0.03]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.AnnotationsAt.Visibility.Value = 0.5
			}},
		{name: "move an accelerator",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Move(s, m, Ref{Accelerators, 0}, 0.5, 0.9) },
			lines: map[string]string{"accelerator Premium [0.55, 0.90]": "accelerator Premium [0.50, 0.90]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Accelerators[0].Coords.Visibility.Value = 0.5
			}},
		{name: "move an area",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return MoveArea(s, m, Ref{Areas, 0}, 0.9, 0.15, 0.7, 0.45)
			},
			lines: map[string]string{"pioneers [0.90, 0.10, 0.70, 0.40]": "pioneers [0.90, 0.15, 0.70, 0.45]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Areas[0].Nums[1].Value, m.Areas[0].Nums[3].Value = 0.15, 0.45
			}},
		{name: "move a label",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return MoveLabel(s, m, named(s, m, Components, "Cup of Tea"), 20.5, -4)
			},
			lines: map[string]string{"component Cup of Tea [0.79, 0.61] label [19, -4]": "component Cup of Tea [0.79, 0.61] label [20.5, -4]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Cup of Tea").Label.DX.Value = 20.5
			}},
		{name: "add a label",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return MoveLabel(s, m, named(s, m, Components, "Kettle"), -40, 12.004)
			},
			lines: map[string]string{"component Kettle [0.43, 0.35] inertia // old habits": "component Kettle [0.43, 0.35] label [-40, 12] inertia // old habits"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				c := comp(t, m, "Kettle")
				c.Label.Present, c.Label.DX.Value, c.Label.DY.Value = true, -40, 12
			}},
		{name: "move the label of an evolved copy",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return MoveLabel(s, m, Ref{Evolves, 1}, 8, -12)
			},
			lines: map[string]string{"evolve Tea->Premium Tea 0.9 label [5, 5]": "evolve Tea->Premium Tea 0.9 label [8, -12]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Evolves[1].Label.DX.Value, m.Evolves[1].Label.DY.Value = 8, -12
			}},
		{name: "set an evolve target",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetEvolve(s, m, named(s, m, Components, "Kettle"), 0.75)
			},
			lines: map[string]string{"evolve Kettle 0.62": "evolve Kettle 0.75"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Evolves[0].Maturity.Value = 0.75
			}},
		{name: "evolve a component that was not evolved",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetEvolve(s, m, named(s, m, Components, "Hot Water"), 0.9)
			},
			after: map[string]string{"evolve Tea->Premium Tea 0.9 label [5, 5]": "evolve Hot Water 0.90"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Evolves = append(m.Evolves, &mapdsl.Evolve{Name: "Hot Water", Maturity: mapdsl.Number{Value: 0.9}})
			}},
		{name: "set pipeline ends",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetPipelineEnds(s, m, Ref{Pipelines, 0}, 0.25, 0.75)
			},
			lines: map[string]string{"pipeline Power [0.30, 0.70]": "pipeline Power [0.25, 0.75]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				p := comp(t, m, "Power").Pipeline
				p.Start.Value, p.End.Value = 0.25, 0.75
			}},
		{name: "add a component",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Add(s, m, Element{Kind: AddComponent, Name: "Milk", Vis: 0.6, Mat: 0.9})
			},
			after: map[string]string{"component Boiler [0.40, 0.20]": "component Milk [0.60, 0.90]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				at := slices.Index(m.Components, comp(t, m, "Boiler")) + 1
				m.Components = slices.Insert(m.Components, at, &mapdsl.Component{Name: "Milk", Coords: mapdsl.Coords{
					Visibility: mapdsl.Number{Value: 0.6}, Maturity: mapdsl.Number{Value: 0.9}}})
			}},
		{name: "add a link",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return AddLink(s, m, end(s, m, "Tea"), end(s, m, "Hot Water"))
			},
			appended: "Tea->Hot Water\n",
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Links = append(m.Links, &mapdsl.Link{From: "Tea", To: "Hot Water", Operator: "->"})
			}},
		{name: "rename everywhere",
			src:  teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Kettle", "Electric Kettle") },
			lines: map[string]string{
				"component Kettle [0.43, 0.35] inertia // old habits": "component Electric Kettle [0.43, 0.35] inertia // old habits",
				"evolve Kettle 0.62":       "evolve Electric Kettle 0.62",
				"Hot Water->Kettle; boils": "Hot Water->Electric Kettle; boils",
				"Kettle->Power":            "Electric Kettle->Power",
				"Campfire->Kettle":         "Campfire->Electric Kettle",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Kettle").Name = "Electric Kettle"
				m.Evolves[0].Name = "Electric Kettle"
				for _, l := range m.Links {
					if l.From == "Kettle" {
						l.From = "Electric Kettle"
					}
					if l.To == "Kettle" {
						l.To = "Electric Kettle"
					}
				}
			}},
		{name: "rename an evolved component keeps the new name of its copy",
			src:  teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Tea", "Loose Tea") },
			lines: map[string]string{
				"component Tea   [ 0.63 ,0.81 ]":           "component Loose Tea   [ 0.63 ,0.81 ]",
				"evolve Tea->Premium Tea 0.9 label [5, 5]": "evolve Loose Tea->Premium Tea 0.9 label [5, 5]",
				"Cup of Tea->Tea":                          "Cup of Tea->Loose Tea",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Tea").Name = "Loose Tea"
				m.Evolves[1].Name = "Loose Tea"
				m.Links[2].To = "Loose Tea"
			}},
		{name: "rename a pipeline and its component",
			src:  teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Power", "Grid") },
			lines: map[string]string{
				"component Power":             "component Grid",
				"pipeline Power [0.30, 0.70]": "pipeline Grid [0.30, 0.70]",
				"Kettle->Power":               "Kettle->Grid",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Power").Name = "Grid"
				m.Pipelines[0].Name = "Grid"
				m.Links[5].To = "Grid"
			}},
		{name: "delete a component with its links, evolve and pipeline",
			src:  teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, named(s, m, Components, "Kettle")) },
			lines: map[string]string{
				"component Kettle [0.43, 0.35] inertia // old habits": "",
				"evolve Kettle 0.62":       "",
				"Hot Water->Kettle; boils": "",
				"Kettle->Power":            "",
				"Campfire->Kettle":         "",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components = without(m.Components, func(c *mapdsl.Component) bool { return c.Name == "Kettle" })
				m.Evolves = without(m.Evolves, func(e *mapdsl.Evolve) bool { return e.Name == "Kettle" })
				m.Links = without(m.Links, func(l *mapdsl.Link) bool { return l.From == "Kettle" || l.To == "Kettle" })
			}},
		{name: "delete a pipeline parent with its block",
			src:  teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, named(s, m, Components, "Boiler")) },
			// Deleting a child of the block with it (Campfire) changes nothing.
			also: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Delete(s, m, Ref{Components, 7}, Ref{Components, 6})
			},
			lines: map[string]string{
				"component Boiler [0.40, 0.20]": "",
				"pipeline Boiler":               "",
				"{":                             "",
				"  component Campfire [0.10] label [-29, 28]": "",
				"  component Gas Boiler [0.63]":               "",
				"}":                                           "",
				"Campfire->Kettle":                            "",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				gone := func(name string) bool { return name == "Boiler" || name == "Campfire" || name == "Gas Boiler" }
				m.Components = without(m.Components, func(c *mapdsl.Component) bool { return gone(c.Name) })
				m.Pipelines = without(m.Pipelines, func(p *mapdsl.Pipeline) bool { return p.Name == "Boiler" })
				m.Links = without(m.Links, func(l *mapdsl.Link) bool { return gone(l.From) || gone(l.To) })
			}},
		{name: "delete an anchor with its links",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, named(s, m, Anchors, "Business")) },
			lines: map[string]string{"anchor Business [0.95, 0.63]": "", "Business->Cup of Tea": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Anchors = nil
				m.Links = m.Links[1:]
			}},
		{name: "delete a note",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, Ref{Notes, 0}) },
			lines: map[string]string{"note standardising power [0.30, 0.49]": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Notes = nil
			}},
		{name: "delete a link",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, Ref{Links, 4}) },
			lines: map[string]string{"Hot Water->Kettle; boils": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Links = append(m.Links[:4], m.Links[5:]...)
			}},
		{name: "remove inertia",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return ToggleInertia(s, m, named(s, m, Components, "Kettle"))
			},
			lines: map[string]string{"component Kettle [0.43, 0.35] inertia // old habits": "component Kettle [0.43, 0.35] // old habits"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Kettle").Inertia = false
			}},
		{name: "add inertia after a decorator group",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return ToggleInertia(s, m, named(s, m, Components, "Cup"))
			},
			lines: map[string]string{"component Cup [0.73, 0.78] (buy)": "component Cup [0.73, 0.78] (buy) inertia"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Cup").Inertia = true
			}},
		{name: "set a method in place of another",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetMethod(s, m, named(s, m, Components, "Cup"), mapdsl.MethodOutsource)
			},
			lines: map[string]string{"component Cup [0.73, 0.78] (buy)": "component Cup [0.73, 0.78] (outsource)"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Cup").Decorators.Method = mapdsl.MethodOutsource
			}},
		{name: "remove the only decorator",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetMethod(s, m, named(s, m, Components, "Cup"), mapdsl.MethodNone)
			},
			lines: map[string]string{"component Cup [0.73, 0.78] (buy)": "component Cup [0.73, 0.78]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Cup").Decorators.Method = mapdsl.MethodNone
			}},
		{name: "remove the method from a shared group",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetMethod(s, m, named(s, m, Components, "Hot Water"), mapdsl.MethodNone)
			},
			lines: map[string]string{"component Hot Water [0.52, 0.80] (market, build)": "component Hot Water [0.52, 0.80] (market)"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Hot Water").Decorators.Method = mapdsl.MethodNone
			}},
		{name: "add a method to a bare component writes its position first",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetMethod(s, m, named(s, m, Components, "Power"), mapdsl.MethodBuy)
			},
			lines: map[string]string{"component Power": "component Power [0.90, 0.10] (buy)"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Power").Decorators.Method = mapdsl.MethodBuy
			}},
		{name: "toggle market off",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return ToggleMarket(s, m, named(s, m, Components, "Hot Water"))
			},
			lines: map[string]string{"component Hot Water [0.52, 0.80] (market, build)": "component Hot Water [0.52, 0.80] (build)"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Hot Water").Decorators.Market = false
			}},
		{name: "toggle ecosystem on",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return ToggleEcosystem(s, m, named(s, m, Components, "Tea"))
			},
			lines: map[string]string{"component Tea   [ 0.63 ,0.81 ]": "component Tea   [ 0.63 ,0.81 ] (ecosystem)"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Tea").Decorators.Ecosystem = true
			}},
		{name: "legacy market statement becomes a component",
			src: "market Shops [0.5, 0.5]\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return ToggleMarket(s, m, named(s, m, Components, "Shops"))
			},
			lines: map[string]string{"market Shops [0.5, 0.5]": "component Shops [0.5, 0.5]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[0].Decorators.Market = false
			}},
		{name: "legacy build line rewritten",
			src: "component Tea [0.5, 0.5]\nbuild Tea\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetMethod(s, m, named(s, m, Components, "Tea"), mapdsl.MethodBuy)
			},
			lines: map[string]string{"build Tea": "buy Tea"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[0].Decorators.Method = mapdsl.MethodBuy
			}},

		{name: "drag an evolved copy by its index",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return SetEvolve(s, m, Ref{Evolves, 1}, 0.95) },
			lines: map[string]string{"evolve Tea->Premium Tea 0.9 label [5, 5]": "evolve Tea->Premium Tea 0.95 label [5, 5]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Evolves[1].Maturity.Value = 0.95
			}},
		{name: "add a label to an evolved copy",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return MoveLabel(s, m, Ref{Evolves, 0}, 10, -10) },
			lines: map[string]string{"evolve Kettle 0.62": "evolve Kettle 0.62 label [10, -10]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				l := &m.Evolves[0].Label
				l.Present, l.DX.Value, l.DY.Value = true, 10, -10
			}},
		{name: "a bare pipeline gets its brackets",
			src: "component K [0.5, 0.5]\npipeline K\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetPipelineEnds(s, m, Ref{Pipelines, 0}, 0.2, 0.8)
			},
			lines: map[string]string{"pipeline K": "pipeline K [0.20, 0.80]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				p := m.Pipelines[0]
				p.Start.Value, p.End.Value, p.Bracketed, p.Hidden = 0.2, 0.8, true, false
			}},
		{name: "a short area gets its second corner",
			src: "pioneers [0.9, 0.1]\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return MoveArea(s, m, Ref{Areas, 0}, 0.9, 0.1, 0.6, 0.3)
			},
			lines: map[string]string{"pioneers [0.9, 0.1]": "pioneers [0.9, 0.1, 0.60, 0.30]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Areas[0].Nums[2].Value, m.Areas[0].Nums[3].Value = 0.6, 0.3
			}},
		{name: "a note without a position gets one",
			src:   "note hello world  // greeting\n",
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Move(s, m, Ref{Notes, 0}, 0.5, 0.25) },
			lines: map[string]string{"note hello world  // greeting": "note hello world [0.50, 0.25]  // greeting"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Notes[0].Coords.Visibility.Value, m.Notes[0].Coords.Maturity.Value = 0.5, 0.25
			}},
		{name: "the legend line is added when missing",
			src:      "annotation 1 [0.5, 0.5] hi\n",
			edit:     func(s []byte, m *mapdsl.Map) (Splice, error) { return MoveAnnotationsLegend(s, m, 0.2, 0.8) },
			appended: "annotations [0.20, 0.80]\n",
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.AnnotationsAt.Visibility.Value, m.AnnotationsAt.Maturity.Value = 0.2, 0.8
			}},
		{name: "delete an evolve",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, Ref{Evolves, 1}) },
			lines: map[string]string{"evolve Tea->Premium Tea 0.9 label [5, 5]": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Evolves = m.Evolves[:1]
			}},
		{name: "delete an annotation",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, Ref{Annotations, 0}) },
			lines: map[string]string{"annotation 1 [[0.43, 0.49], [0.08, 0.79]] Standardising power": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Annotations = nil
			}},
		{name: "delete an accelerator",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, Ref{Accelerators, 0}) },
			lines: map[string]string{"accelerator Premium [0.55, 0.90]": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Accelerators = nil
			}},
		{name: "delete an area",
			src:   teaShop,
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, Ref{Areas, 0}) },
			lines: map[string]string{"pioneers [0.90, 0.10, 0.70, 0.40]": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Areas = nil
			}},
		{name: "delete the last line when it has no line break",
			src:   "component A [0.1, 0.1]\ncomponent B [0.2, 0.2]",
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, named(s, m, Components, "B")) },
			lines: map[string]string{"component B [0.2, 0.2]": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components = m.Components[:1]
			}},

		{name: "a decorator goes before a submap's url",
			src: "submap Website [0.83, 0.50] url(websiteMap)\nurl websiteMap [https://example.com]\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return SetMethod(s, m, named(s, m, Components, "Website"), mapdsl.MethodBuild)
			},
			lines: map[string]string{"submap Website [0.83, 0.50] url(websiteMap)": "submap Website [0.83, 0.50] (build) url(websiteMap)"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[0].Decorators.Method = mapdsl.MethodBuild
			}},
		{name: "move a submap",
			src: "submap Website [0.83, 0.50] url(websiteMap)\nurl websiteMap [https://example.com]\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "Website"), 0.8, 0.5)
			},
			lines: map[string]string{"submap Website [0.83, 0.50] url(websiteMap)": "submap Website [0.80, 0.50] url(websiteMap)"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[0].Coords.Visibility.Value = 0.8
			}},

		{name: "delete several elements at once, links shared between them once",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Delete(s, m, named(s, m, Components, "Kettle"), named(s, m, Components, "Hot Water"), Ref{Notes, 0}, Ref{Evolves, 1})
			},
			lines: map[string]string{
				"component Hot Water [0.52, 0.80] (market, build)":    "",
				"component Kettle [0.43, 0.35] inertia // old habits": "",
				"evolve Kettle 0.62":                       "",
				"evolve Tea->Premium Tea 0.9 label [5, 5]": "",
				"note standardising power [0.30, 0.49]":    "",
				"Cup of Tea->Hot Water":                    "",
				"Hot Water->Kettle; boils":                 "",
				"Kettle->Power":                            "",
				"Campfire->Kettle":                         "",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				gone := func(name string) bool { return name == "Kettle" || name == "Hot Water" }
				m.Components = without(m.Components, func(c *mapdsl.Component) bool { return gone(c.Name) })
				m.Evolves = nil
				m.Notes = nil
				m.Links = without(m.Links, func(l *mapdsl.Link) bool { return gone(l.From) || gone(l.To) })
			}},
		{name: "delete one of two components sharing a name",
			src:   "component Tea [0.5, 0.5]\ncomponent Tea [0.6, 0.6]\nTea->Milk\ncomponent Milk [0.1, 0.1]\n",
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, Ref{Components, 1}) },
			lines: map[string]string{"component Tea [0.6, 0.6]": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components = append(m.Components[:1], m.Components[2])
			}},
		{name: "toggles merged into one splice",
			src: teaShop,
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				var parts []Splice
				for _, edit := range []func() (Splice, error){
					func() (Splice, error) { return ToggleInertia(s, m, named(s, m, Components, "Kettle")) },
					func() (Splice, error) { return SetMethod(s, m, named(s, m, Components, "Tea"), mapdsl.MethodBuild) },
					func() (Splice, error) { return ToggleMarket(s, m, named(s, m, Components, "Cup")) },
					func() (Splice, error) { return ToggleEcosystem(s, m, named(s, m, Components, "Cup of Tea")) },
				} {
					p, err := edit()
					if err != nil {
						return p, err
					}
					parts = append(parts, p)
				}
				return Merge(s, parts...), nil
			},
			lines: map[string]string{
				"component Kettle [0.43, 0.35] inertia // old habits": "component Kettle [0.43, 0.35] // old habits",
				"component Tea   [ 0.63 ,0.81 ]":                      "component Tea   [ 0.63 ,0.81 ] (build)",
				"component Cup [0.73, 0.78] (buy)":                    "component Cup [0.73, 0.78] (buy, market)",
				"component Cup of Tea [0.79, 0.61] label [19, -4]":    "component Cup of Tea [0.79, 0.61] label [19, -4] (ecosystem)",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				comp(t, m, "Kettle").Inertia = false
				comp(t, m, "Tea").Decorators.Method = mapdsl.MethodBuild
				comp(t, m, "Cup").Decorators.Market = true
				comp(t, m, "Cup of Tea").Decorators.Ecosystem = true
			}},

		{name: "delete keeps the end of a block comment on the same line",
			src:   "/* old\n*/ component A [0.1, 0.1]\ncomponent B [0.2, 0.2]\n",
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, named(s, m, Components, "A")) },
			lines: map[string]string{"*/ component A [0.1, 0.1]": "*/"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components = m.Components[1:]
			}},

		// Line endings.
		{name: "CRLF move",
			src: "title T\r\ncomponent A [0.1, 0.2]\r\ncomponent B [0.3, 0.4]\r\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "A"), 0.15, 0.2)
			},
			lines: map[string]string{"component A [0.1, 0.2]": "component A [0.15, 0.2]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[0].Coords.Visibility.Value = 0.15
			}},
		{name: "CRLF add component to a text without a final line break",
			src: "title T\r\ncomponent A [0.1, 0.2]",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Add(s, m, Element{Kind: AddComponent, Name: "B", Vis: 0.5, Mat: 0.5})
			},
			appended: "\r\ncomponent B [0.50, 0.50]\r\n",
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components = append(m.Components, &mapdsl.Component{Name: "B", Coords: mapdsl.Coords{
					Visibility: mapdsl.Number{Value: 0.5}, Maturity: mapdsl.Number{Value: 0.5}}})
			}},
		{name: "CRLF delete",
			src:   "component A [0.1, 0.2]\r\ncomponent B [0.3, 0.4]\r\nA->B\r\n",
			edit:  func(s []byte, m *mapdsl.Map) (Splice, error) { return Delete(s, m, named(s, m, Components, "B")) },
			lines: map[string]string{"component B [0.3, 0.4]": "", "A->B": ""},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components, m.Links = m.Components[:1], nil
			}},

		// Names.
		{name: "unicode and emoji names move",
			src: "component Thé ☕ 🫖 [0.5, 0.5]\ncomponent Café [0.2, 0.2]\nThé ☕ 🫖->Café\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) {
				return Move(s, m, named(s, m, Components, "Thé ☕ 🫖"), 0.55, 0.5)
			},
			lines: map[string]string{"component Thé ☕ 🫖 [0.5, 0.5]": "component Thé ☕ 🫖 [0.55, 0.5]"},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[0].Coords.Visibility.Value = 0.55
			}},
		{name: "unicode rename",
			src:  "component Thé ☕ 🫖 [0.5, 0.5]\ncomponent Café [0.2, 0.2]\nThé ☕ 🫖->Café\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Café", "Cafè 🍵") },
			lines: map[string]string{
				"component Café [0.2, 0.2]": "component Cafè 🍵 [0.2, 0.2]",
				"Thé ☕ 🫖->Café":             "Thé ☕ 🫖->Cafè 🍵",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[1].Name = "Cafè 🍵"
				m.Links[0].To = "Cafè 🍵"
			}},
		{name: "quoted multi-line name moves and renames",
			src:  "component \"Line one\\nLine two\" [0.5, 0.5]\ncomponent B [0.2, 0.2]\n\"Line one\\nLine two\"->B\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Line one\nLine two", `Say "hi"`) },
			lines: map[string]string{
				`component "Line one\nLine two" [0.5, 0.5]`: `component "Say \"hi\"" [0.5, 0.5]`,
				`"Line one\nLine two"->B`:                   `"Say \"hi\""->B`,
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[0].Name = `Say "hi"`
				m.Links[0].From = `Say "hi"`
			}},
		{name: "rename to a name starting with a keyword quotes it at the start of a link",
			src:  "component Seller [0.5, 0.5]\ncomponent B [0.2, 0.2]\nSeller->B\nB->Seller\n",
			edit: func(s []byte, m *mapdsl.Map) (Splice, error) { return Rename(s, m, "Seller", "buyer") },
			lines: map[string]string{
				"component Seller [0.5, 0.5]": "component buyer [0.5, 0.5]",
				"Seller->B":                   `"buyer"->B`,
				"B->Seller":                   "B->buyer",
			},
			meaning: func(t *testing.T, m *mapdsl.Map) {
				m.Components[0].Name = "buyer"
				m.Links[0].From, m.Links[1].To = "buyer", "buyer"
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			runEditCase(t, tc)
			if tc.also != nil {
				tc.edit = tc.also
				runEditCase(t, tc)
			}
		})
	}
}

// runEditCase applies the edit and checks the exact text, that nothing outside the splice
// changed, and that the re-parse means what the case says and nothing else.
func runEditCase(t *testing.T, tc editCase) {
	t.Helper()
	src := []byte(tc.src)
	before, diags := mapdsl.Parse("test.owm", src)
	s, err := tc.edit(src, before)
	if err != nil {
		t.Fatalf("edit failed: %v", err)
	}
	got := Apply(src, s)
	if want := tc.want(); string(got) != want {
		t.Fatalf("text after the edit:\n%s\nwant:\n%s", got, want)
	}
	assertOnlySpliceChanged(t, src, got, s)
	after, afterDiags := mapdsl.Parse("test.owm", got)
	if len(afterDiags.Errors()) > len(diags.Errors()) {
		t.Errorf("the edit introduced errors: %v", afterDiags.Errors())
	}
	expected, _ := mapdsl.Parse("test.owm", src)
	tc.meaning(t, expected)
	removed, added := changes(summary(expected), summary(after))
	if len(removed)+len(added) > 0 {
		t.Errorf("the re-parse differs from the intended change:\nexpected but missing:\n  %s\nfound instead:\n  %s",
			strings.Join(removed, "\n  "), strings.Join(added, "\n  "))
	}
}
