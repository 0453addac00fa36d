package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"mapwright/render"
)

const paletteBase = `title Shop
anchor User [0.95, 0.50]
component Shop [0.70, 0.40]
component Stock [0.40, 0.30]
pipeline Stock [0.20, 0.60]
User->Shop
Shop->Stock
note Busy [0.20, 0.80]
`

// mapPoint is the widget position of a map position on the canvas.
func mapPoint(e *Editor, vis, mat float64) fyne.Position {
	sc := e.canvas.Scene()
	return e.canvas.PageToScreen(render.Point{X: sc.PlotX + mat*sc.PlotW, Y: sc.PlotY + (1-vis)*sc.PlotH})
}

// after returns base with added inserted after the line after.
func after(base, line, added string) string {
	return strings.Replace(base, line+"\n", line+"\n"+added+"\n", 1)
}

// TestPaletteToolsPlaceAtThePointer arms each palette tool, clicks on the map and checks the
// whole text: the new line is where a person would write it.
func TestPaletteToolsPlaceAtThePointer(t *testing.T) {
	tests := []struct {
		tool, name string
		vis, mat   float64
		want       string
	}{
		{"component", "Till", 0.55, 0.65, after(paletteBase, "component Stock [0.40, 0.30]", "component Till [0.55, 0.65]")},
		{"anchor", "Staff", 0.90, 0.20, after(paletteBase, "anchor User [0.95, 0.50]", "anchor Staff [0.90, 0.20]")},
		{"market", "Buyers", 0.55, 0.65, after(paletteBase, "component Stock [0.40, 0.30]", "component Buyers [0.55, 0.65] (market)")},
		{"ecosystem", "Makers", 0.55, 0.65, after(paletteBase, "component Stock [0.40, 0.30]", "component Makers [0.55, 0.65] (ecosystem)")},
		{"submap", "Supply", 0.55, 0.65, after(paletteBase, "component Stock [0.40, 0.30]", "submap Supply [0.55, 0.65]")},
		{"pipeline", "Delivery", 0.25, 0.50, after(after(paletteBase, "component Stock [0.40, 0.30]", "component Delivery [0.25, 0.50]"),
			"pipeline Stock [0.20, 0.60]", "pipeline Delivery [0.35, 0.65]")},
		{"component in a pipeline", "Cheap stock", 0.37, 0.45, after(paletteBase, "pipeline Stock [0.20, 0.60]", "{\n  component Cheap stock [0.45]\n}")},
		{"note", "Check again", 0.15, 0.50, after(paletteBase, "note Busy [0.20, 0.80]", "note Check again [0.15, 0.50]")},
		{"annotation", "Look here", 0.60, 0.90, paletteBase + "annotation 1 [0.60, 0.90] Look here\n"},
		{"accelerator", "Open source", 0.30, 0.70, paletteBase + "accelerator Open source [0.30, 0.70]\n"},
		{"deaccelerator", "Regulation", 0.30, 0.70, paletteBase + "deaccelerator Regulation [0.30, 0.70]\n"},
	}
	for _, tc := range tests {
		t.Run(tc.tool, func(t *testing.T) {
			e, _ := openMap(t, paletteBase)
			tool, ok := toolNamed(tc.tool)
			if !ok {
				t.Fatalf("no palette tool %q", tc.tool)
			}
			e.armTool(tool)
			if !strings.Contains(e.status.Text, "Click") {
				t.Errorf("status %q does not say what to do", e.status.Text)
			}
			e.prompted = tc.name
			e.canvas.Tapped(&fyne.PointEvent{Position: mapPoint(e.Editor, tc.vis, tc.mat)})
			if got := e.Text(); got != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tc.want)
			}
			if e.canvas.ArmedTool().Name != "" {
				t.Error("the tool stays armed after placing")
			}
		})
	}
}

// TestAreaToolDragsARectangle drags a pioneers rectangle out with the palette tool.
func TestAreaToolDragsARectangle(t *testing.T) {
	for _, tool := range []string{"pioneers area", "settlers area", "town planners area"} {
		t.Run(tool, func(t *testing.T) {
			e, _ := openMap(t, paletteBase)
			pt, _ := toolNamed(tool)
			e.armTool(pt)
			from, to := mapPoint(e.Editor, 0.90, 0.10), mapPoint(e.Editor, 0.70, 0.30)
			e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
			e.canvas.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
			e.canvas.DragEnd()
			keyword := strings.ReplaceAll(strings.TrimSuffix(tool, " area"), " ", "")
			if got, want := e.Text(), paletteBase+keyword+" [0.90, 0.10, 0.70, 0.30]\n"; got != want {
				t.Fatalf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestRightClickOnEmptyMapOffersEveryElement checks the menu and that its actions add at the
// click.
func TestRightClickOnEmptyMapOffersEveryElement(t *testing.T) {
	e, _ := openMap(t, paletteBase)
	var menuAt []float64
	add := e.canvas.OnAddMenu
	e.canvas.OnAddMenu = func(vis, mat float64, at fyne.Position) {
		menuAt = []float64{vis, mat}
		add(vis, mat, at)
	}
	e.canvas.TappedSecondary(&fyne.PointEvent{Position: mapPoint(e.Editor, 0.55, 0.65)})
	if len(menuAt) != 2 || menuAt[0] != 0.55 || menuAt[1] != 0.65 {
		t.Fatalf("right-click on empty map reported %v", menuAt)
	}
	if e.win.Canvas().Overlays().Top() == nil {
		t.Error("no menu popped up")
	}
	items := e.addMenuItems(0.55, 0.65, fyne.Position{})
	var labels []string
	for _, it := range items {
		labels = append(labels, it.Label)
	}
	want := "Add Component, Add Anchor, Add Market, Add Ecosystem, Add Submap, Add Pipeline, Add Component in a pipeline, Add Note, Add Annotation, Add Pioneers area, Add Settlers area, Add Town planners area, Add Accelerator, Add Deaccelerator"
	if got := strings.Join(labels, ", "); got != want {
		t.Errorf("menu %s\nwant %s", got, want)
	}
	e.prompted = "Till"
	items[0].Action()
	if got, want := e.Text(), after(paletteBase, "component Stock [0.40, 0.30]", "component Till [0.55, 0.65]"); got != want {
		t.Fatalf("Add Component gave\n%s\nwant\n%s", got, want)
	}
	items = e.addMenuItems(0.90, 0.10, fyne.Position{})
	items[9].Action() // pioneers: a 0.2 square from the click
	if !strings.HasSuffix(e.Text(), "pioneers [0.90, 0.10, 0.70, 0.30]\n") {
		t.Fatalf("Add Pioneers area gave\n%s", e.Text())
	}
}

// TestDragToLink links two components by dragging from one to the other, with Ctrl and with
// the palette's link tool; Escape cancels a link drag.
func TestDragToLink(t *testing.T) {
	// The anchor User and the component Stock, where they are drawn.
	user := func(e *testEditor) fyne.Position {
		return e.canvas.PageToScreen(elementMiddle(e.canvas.Scene(), render.Ref{Kind: render.ElemAnchor, Index: 0, Line: 2}))
	}
	stock := func(e *testEditor) fyne.Position {
		return e.canvas.PageToScreen(elementMiddle(e.canvas.Scene(), render.Ref{Kind: render.ElemComponent, Index: 1, Line: 4}))
	}
	press := func(e *testEditor, at fyne.Position, mod fyne.KeyModifier) fyne.Position {
		e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary, Modifier: mod})
		return at
	}
	drag := func(e *testEditor, from, to fyne.Position) {
		e.canvas.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	}
	want := after(paletteBase, "Shop->Stock", "User->Stock")

	t.Run("Ctrl+drag", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		from := press(e, user(e), fyne.KeyModifierControl)
		drag(e, from, stock(e))
		if !strings.Contains(e.status.Text, "Drop on") {
			t.Errorf("status %q during the drag", e.status.Text)
		}
		e.canvas.DragEnd()
		if got := e.Text(); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("link tool", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		tool, _ := toolNamed("link")
		e.armTool(tool)
		from := press(e, user(e), 0)
		drag(e, from, stock(e))
		e.canvas.DragEnd()
		if got := e.Text(); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("Escape cancels", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		from := press(e, user(e), fyne.KeyModifierControl)
		drag(e, from, stock(e))
		e.canvas.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		e.canvas.DragEnd()
		if got := e.Text(); got != paletteBase {
			t.Fatalf("a cancelled link drag changed the text:\n%s", got)
		}
	})
	t.Run("drop on empty map", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		from := press(e, user(e), fyne.KeyModifierControl)
		drag(e, from, mapPoint(e.Editor, 0.10, 0.10))
		e.canvas.DragEnd()
		if got := e.Text(); got != paletteBase {
			t.Fatalf("a link dropped on nothing changed the text:\n%s", got)
		}
	})
}
