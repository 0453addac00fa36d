package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"mapwright/render"
)

const teaDiagram = `%% a Mermaid diagram
wardley-beta
title Tea
anchor Public [0.95, 0.78]
component Cup of Tea [0.79, 0.61] (build)
component Kettle [0.43, 0.35] (inertia)
Public -> Cup of Tea
Cup of Tea -> Kettle
note "boil to order" [0.30, 0.20]
`

// openDiagram opens teaDiagram, saved as tea.mmd in a folder of its own, and draws it.
func openDiagram(t *testing.T) (e *testEditor, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "tea.mmd")
	if err := os.WriteFile(path, []byte(teaDiagram), 0o644); err != nil {
		t.Fatal(err)
	}
	e = newTestEditor(t, "")
	if err := e.Open(path); err != nil {
		t.Fatal(err)
	}
	e.redraw.flush()
	return e, path
}

// TestMermaidDiagramOpensDrawsAndSavesAsMermaid: a wardley-beta file opens with no problem
// listed, is drawn, a drag rewrites only the numbers of its line, and Save writes Mermaid.
func TestMermaidDiagramOpensDrawsAndSavesAsMermaid(t *testing.T) {
	e, path := openDiagram(t)
	for _, name := range []string{"Cup of Tea", "Kettle", "Public", "boil to order"} {
		if !sceneHasText(e.Editor, name) {
			t.Errorf("%q is not drawn", name)
		}
	}
	for _, d := range e.diags.items {
		t.Errorf("a problem listed for a valid diagram: %s", d.Message)
	}
	sc := e.canvas.Scene()
	kettle := circleOf(t, e.Editor, render.ElemComponent, 1)
	dragOnCanvas(e.Editor, centre(kettle), float32(0.10*sc.PlotW)*float32(e.canvas.Zoom()), 0)
	want := strings.Replace(teaDiagram, "component Kettle [0.43, 0.35] (inertia)", "component Kettle [0.43, 0.45] (inertia)", 1)
	if e.Text() != want {
		t.Fatalf("after dragging Kettle:\n%s", e.Text())
	}
	e.Save(nil)
	saved, _ := os.ReadFile(path)
	if string(saved) != want {
		t.Errorf("saved:\n%s", saved)
	}
}

// TestPaletteInAMermaidDiagram: in a diagram the palette writes Mermaid's syntax (a note in
// quotes), and the tools of what Mermaid cannot have (ecosystems, submaps, empty pipelines,
// areas) are off, in the palette and in the empty-map menu, until an OWM map is opened.
func TestPaletteInAMermaidDiagram(t *testing.T) {
	e, path := openDiagram(t)
	off := func() []string {
		var names []string
		for _, b := range e.paletteButtons {
			if b.off {
				names = append(names, b.tool.name)
			}
		}
		return names
	}
	want := "ecosystem, submap, pipeline, pioneers area, settlers area, town planners area"
	if got := strings.Join(off(), ", "); got != want {
		t.Errorf("tools off in a diagram: %s\nwant %s", got, want)
	}
	var menuOff []string
	for _, it := range e.addMenuItems(0.5, 0.5, fyne.Position{}) {
		if it.Disabled {
			menuOff = append(menuOff, strings.TrimPrefix(it.Label, "Add "))
		}
	}
	if got := strings.ToLower(strings.Join(menuOff, ", ")); got != want {
		t.Errorf("menu items off in a diagram: %s\nwant %s", got, want)
	}
	for _, b := range e.paletteButtons {
		if b.tool.name == "ecosystem" {
			b.OnTapped()
		}
	}
	if e.canvas.ArmedTool().Name != "" || !strings.Contains(e.status.Text, "not in a Mermaid diagram (Mermaid has no ecosystems)") {
		t.Errorf("tapping the ecosystem tool armed %q, status %q", e.canvas.ArmedTool().Name, e.status.Text)
	}
	note, _ := toolNamed("note")
	e.armTool(note)
	e.prompted = "Check again"
	e.canvas.Tapped(&fyne.PointEvent{Position: mapPoint(e.Editor, 0.15, 0.50)})
	if got, want := e.Text(), teaDiagram+`note "Check again" [0.15, 0.50]`+"\n"; got != want {
		t.Errorf("the note tool wrote\n%s\nwant\n%s", got, want)
	}
	owm := filepath.Join(filepath.Dir(path), "tea.owm")
	if err := os.WriteFile(owm, []byte("component A [0.5, 0.5]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.Save(nil)
	if err := e.Open(owm); err != nil {
		t.Fatal(err)
	}
	e.redraw.flush()
	if got := off(); len(got) > 0 {
		t.Errorf("tools still off in an OWM map: %v", got)
	}
}
