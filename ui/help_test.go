package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"mapwright/mapdsl"
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
		"Shift+click", "Shift+drag", "Delete", "Rename", "context text", "flow text", "Ctrl+wheel", "New from Template"} {
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
