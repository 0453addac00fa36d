package edit

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/internal/testenv"
	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
)

// TestMermaidDiagram: in a Mermaid diagram (the editor opens .mmd files) every edit the canvas
// offers writes Mermaid's own syntax, which Mermaid's parser reads, and what Mermaid has no form
// for is refused, saying so. The canvas once wrote OWM's note, annotation, area and pipeline
// lines into diagrams, which GitHub then could not draw.
func TestMermaidDiagram(t *testing.T) {
	const diagram = "wardley-beta\ntitle T\nanchor U [0.95, 0.5]\ncomponent A [0.5, 0.5]\n" +
		"component B [0.4, 0.4] (market)\ncomponent D [0.3, 0.2] (build)\npipeline A {\n  component C [0.3]\n}\nU -> A\n"
	src := []byte(diagram)
	m, diags := mermaid.Parse("d.mmd", src)
	if diags.HasErrors() || !m.Mermaid {
		t.Fatalf("the diagram reads with %v (Mermaid %v)", diags, m.Mermaid)
	}
	comp := func(name string) Ref { return named(src, m, Components, name) }
	add := func(k Kind, name string) func() (Splice, error) {
		return func() (Splice, error) {
			return Add(src, m, Element{Kind: k, Name: name, Vis: 0.3, Mat: 0.6, Vis2: 0.2, Mat2: 0.7})
		}
	}
	tests := []struct {
		name    string
		edit    func() (Splice, error)
		refused string // part of the refusal, or "" when the edit is made
		check   func(m *mapdsl.Map) bool
	}{
		{name: "anchor", edit: add(AddAnchor, "Buyer")},
		{name: "component", edit: add(AddComponent, "Cup of Tea")},
		{name: "market", edit: add(AddMarket, "Shops")},
		{name: "accelerator", edit: add(AddAccelerator, "Open source")},
		{name: "deaccelerator", edit: add(AddDeaccelerator, "Habit")},
		{name: "note", edit: add(AddNote, "Mind the gap"),
			check: func(m *mapdsl.Map) bool { return len(m.Notes) == 1 && m.Notes[0].Text == "Mind the gap" }},
		{name: "annotation", edit: add(AddAnnotation, "First move"),
			check: func(m *mapdsl.Map) bool {
				return len(m.Annotations) == 1 && strings.TrimSpace(m.Annotations[0].Text) == "First move"
			}},
		{name: "link", edit: func() (Splice, error) { return AddLink(src, m, comp("D"), comp("B")) }},
		{name: "inertia", edit: func() (Splice, error) { return ToggleInertia(src, m, comp("A")) }},
		{name: "method", edit: func() (Splice, error) { return SetMethod(src, m, comp("A"), mapdsl.MethodBuy) }},
		{name: "market toggle", edit: func() (Splice, error) { return ToggleMarket(src, m, comp("A")) }},
		{name: "evolve", edit: func() (Splice, error) { return SetEvolve(src, m, comp("A"), 0.8) }},
		{name: "pipeline child", edit: func() (Splice, error) {
			return AddToPipeline(src, m, Ref{Pipelines, 0}, "E", 0.6)
		}},
		{name: "rename", edit: func() (Splice, error) { return Rename(src, m, "A", "Tea's pot") },
			check: func(m *mapdsl.Map) bool {
				return len(m.Links) == 1 && m.Links[0].To == "Tea's pot" && m.Pipelines[0].Component != nil
			}},
		{name: "rename to a keyword", edit: func() (Splice, error) { return Rename(src, m, "B", "build it") },
			check: func(m *mapdsl.Map) bool { return m.Components[1].Name == "build it" }},
		{name: "pipeline child with a quoted name", edit: func() (Splice, error) {
			return AddToPipeline(src, m, Ref{Pipelines, 0}, "50% off", 0.6)
		}, check: func(m *mapdsl.Map) bool {
			return len(m.Pipelines[0].Children) == 2 && m.Pipelines[0].Children[1].Name == "50% off"
		}},
		{name: "link to a pipeline child", edit: func() (Splice, error) { return AddLink(src, m, comp("D"), comp("C")) }},
		{name: "rename with a double quote", edit: func() (Splice, error) { return Rename(src, m, "A", `Say "hi"`) },
			refused: "cannot hold a double quote"},
		{name: "move", edit: func() (Splice, error) { return Move(src, m, comp("B"), 0.7, 0.2) }},
		{name: "label", edit: func() (Splice, error) { return MoveLabel(src, m, comp("B"), 10, -5) }},
		{name: "ecosystem", edit: add(AddEcosystem, "Apps"), refused: "Mermaid has no ecosystems"},
		{name: "submap", edit: add(AddSubmap, "Detail"), refused: "Mermaid has no submaps"},
		{name: "pipeline", edit: add(AddPipeline, "Kettles"), refused: `write "pipeline Kettles {" with its components`},
		{name: "pioneers", edit: add(AddPioneers, ""), refused: "Mermaid has no pioneers areas"},
		{name: "settlers", edit: add(AddSettlers, ""), refused: "Mermaid has no settlers areas"},
		{name: "town planners", edit: add(AddTownPlanners, ""), refused: "Mermaid has no townplanners areas"},
		{name: "ecosystem toggle", edit: func() (Splice, error) { return ToggleEcosystem(src, m, comp("A")) }, refused: "Mermaid has no ecosystems"},
		{name: "method beside market", edit: func() (Splice, error) { return SetMethod(src, m, comp("B"), mapdsl.MethodBuild) },
			refused: `one decorator, and "B" has (market)`},
		{name: "market beside method", edit: func() (Splice, error) { return ToggleMarket(src, m, comp("D")) },
			refused: `one decorator, and "D" has (build)`},
	}
	dir := t.TempDir()
	made := map[string]string{} // file -> test name
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := tc.edit()
			if tc.refused != "" {
				if err == nil || !strings.Contains(err.Error(), tc.refused) {
					t.Fatalf("want a refusal saying %q; got %v (splice %+v)", tc.refused, err, s)
				}
				return
			}
			if err != nil || s.IsNoop() {
				t.Fatalf("edit: %v (splice %+v)", err, s)
			}
			out := Apply(src, s)
			back, diags := mermaid.Parse("d.mmd", out)
			if diags.HasErrors() {
				t.Fatalf("the edited diagram does not read: %v\n%s", diags.Errors(), out)
			}
			if tc.check != nil && !tc.check(back) {
				t.Errorf("the edited diagram does not hold the change:\n%s", out)
			}
			file := filepath.Join(dir, fmt.Sprintf("%02d.mmd", i))
			if err := os.WriteFile(file, out, 0o644); err != nil {
				t.Fatal(err)
			}
			made[file] = tc.name
		})
	}
	var files []string
	for f := range made {
		files = append(files, f)
	}
	for f, msg := range testenv.ParseWithMermaid(t, files) {
		text, _ := os.ReadFile(f)
		t.Errorf("%s: Mermaid's parser refuses the edited diagram: %s\n%s", made[f], msg, text)
	}
}
