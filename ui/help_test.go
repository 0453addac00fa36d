package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"mapwright/mapdsl"
	"mapwright/render"
)

func TestNewFromTemplate(t *testing.T) {
	for _, tmpl := range templates() {
		t.Run(tmpl.name, func(t *testing.T) {
			e, _ := openMap(t, teaText)
			e.NewFromTemplate(tmpl.text)
			if e.Text() != tmpl.text || e.Dirty() || e.doc.Path != "" {
				t.Fatalf("the template did not open as a clean untitled map:\n%s", e.Text())
			}
			if _, diags := mapdsl.Parse("", []byte(tmpl.text)); len(diags) > 0 {
				t.Errorf("the template has problems: %v", diags)
			}
		})
	}
}

func TestEmptyMapSaysHowToStart(t *testing.T) {
	e, _ := openMap(t, teaText)
	if e.hint.box.Visible() {
		t.Fatal("the start hint shows over a map with components")
	}
	e.New()
	if !e.hint.box.Visible() {
		t.Fatal("no start hint on a new, empty map")
	}
	tool, _ := toolNamed("component")
	e.armTool(tool)
	e.prompted = "Tea"
	e.canvas.Tapped(&fyne.PointEvent{Position: mapPoint(e.Editor, 0.5, 0.5)})
	if !strings.Contains(e.Text(), "component Tea [0.50, 0.50]") || e.hint.box.Visible() {
		t.Errorf("after adding a component the hint is still shown (text:\n%s)", e.Text())
	}
}

func TestHelpNamesEveryGesture(t *testing.T) {
	for _, g := range []string{"palette", "Right-click on empty map", "Double-click", "drag a rectangle", "inside the pipeline's box",
		"with Ctrl held", "link tool", "Escape", "Ctrl+click", "red circle", "Alt+drag", "evolved copy", "Arrow keys",
		"Shift+click", "Shift+drag", "Delete", "Rename", "context text", "flow text", "Ctrl+wheel", "New from Template",
		"F5", "View > Present", "// step: Title", "Home and End", "Ctrl+F5"} {
		if !strings.Contains(gesturesHelp, g) {
			t.Errorf("Help > Keyboard and Mouse does not mention %q", g)
		}
	}
	for _, tool := range paletteTools {
		if tool.tip == "" {
			t.Errorf("palette tool %q has no tooltip", tool.name)
		}
	}
	e, _ := openMap(t, teaText)
	e.ShowGesturesHelp()
	if e.win.Canvas().Overlays().Top() == nil {
		t.Error("Help > Keyboard and Mouse showed nothing")
	}
}

// TestRenameInTheTextOffersRenameEverywhere types a new name over a component's name and takes
// the offered fix, which renames the other lines in one undo step.
func TestRenameInTheTextOffersRenameEverywhere(t *testing.T) {
	e, _ := openMap(t, teaText)
	// Line 7 is "component Kettle [0.43, 0.34]": select "Kettle" and type over it.
	e.pane.SetCursor(7, 11)
	for range "Kettle" {
		e.pane.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
		e.redraw.flush()
	}
	for _, r := range "Boiler" {
		e.pane.TypedRune(r)
		e.redraw.flush()
	}
	if !e.renameBtn.Visible() || e.renameBtn.Text != `Rename "Kettle" to "Boiler" everywhere` {
		t.Fatalf("offer %q (shown %v)", e.renameBtn.Text, e.renameBtn.Visible())
	}
	typed := e.Text()
	e.renameBtn.OnTapped()
	want := strings.NewReplacer("component Kettle", "component Boiler", "evolve Kettle", "evolve Boiler").Replace(teaText)
	if got := e.Text(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if e.renameBtn.Visible() {
		t.Error("the offer stays after it was taken")
	}
	e.pane.Undo()
	if e.Text() != typed {
		t.Errorf("one undo did not bring back the typed text:\n%s", e.Text())
	}
}

// TestDoubleClickRenamesInline: a double-click on a component asks for its name at its label,
// with the old name offered, and renames every line that names it.
func TestDoubleClickRenamesInline(t *testing.T) {
	e, _ := openMap(t, teaText)
	var offered string
	var at fyne.Position
	e.nameAt = func(pos fyne.Position, _, _, initial string, answer func(string, bool)) {
		offered, at = initial, pos
		answer("Boiler", true)
	}
	k := circleOf(t, e.Editor, "component", 3)
	label, _ := e.canvas.NamePosition(render.Ref{Kind: render.ElemComponent, Index: 3}) // before the rename redraws it
	e.canvas.DoubleTapped(&fyne.PointEvent{Position: e.canvas.PageToScreen(render.Point{X: k.X, Y: k.Y})})
	if offered != "Kettle" {
		t.Errorf("the field offered %q, want the old name", offered)
	}
	if label = label.Add(fyne.CurrentApp().Driver().AbsolutePositionForObject(e.canvas)); at != label {
		t.Errorf("the field is at %v, not on the label at %v", at, label)
	}
	want := strings.NewReplacer("component Kettle", "component Boiler", "evolve Kettle", "evolve Boiler").Replace(teaText)
	if got := e.Text(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
