package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// TestMermaidDiagramOpensDrawsAndSavesAsMermaid: a wardley-beta file opens with no problem
// listed, is drawn, a drag rewrites only the numbers of its line, and Save writes Mermaid.
func TestMermaidDiagramOpensDrawsAndSavesAsMermaid(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tea.mmd")
	if err := os.WriteFile(path, []byte(teaDiagram), 0o644); err != nil {
		t.Fatal(err)
	}
	e := newTestEditor(t, "")
	if err := e.Open(path); err != nil {
		t.Fatal(err)
	}
	e.redraw.flush()
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
