package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"mapwright/render"
)

func pressOn(e *testEditor, at fyne.Position, mod fyne.KeyModifier) {
	e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary, Modifier: mod})
}

func dragTo(e *testEditor, from, to fyne.Position) {
	e.canvas.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	e.canvas.DragEnd()
}

func screenOf(e *testEditor, ref render.Ref) fyne.Position {
	return e.canvas.PageToScreen(elementMiddle(e.canvas.Scene(), ref))
}

var (
	shopRef  = render.Ref{Kind: render.ElemComponent, Index: 0, Line: 3}
	stockRef = render.Ref{Kind: render.ElemComponent, Index: 1, Line: 4}
	noteRef  = render.Ref{Kind: render.ElemNote, Index: 0, Line: 8}
)

// TestEvolveByDragging drags the evolve handle of a selected component, and Alt+drags a
// component, to write its evolve line.
func TestEvolveByDragging(t *testing.T) {
	t.Run("handle", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		pressOn(e, screenOf(e, shopRef), 0) // select Shop
		e.canvas.DragEnd()
		c := circleOf(t, e.Editor, render.ElemComponent, 0)
		handle := e.canvas.PageToScreen(render.Point{X: c.X + c.R + 14/e.canvas.Zoom(), Y: c.Y})
		pressOn(e, handle, 0)
		dragTo(e, handle, mapPoint(e.Editor, 0.70, 0.80))
		if got, want := e.Text(), after(paletteBase, "pipeline Stock [0.20, 0.60]", "evolve Shop 0.80"); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
		// Dragging the handle again moves the target.
		pressOn(e, screenOf(e, shopRef), 0)
		e.canvas.DragEnd()
		pressOn(e, handle, 0)
		dragTo(e, handle, mapPoint(e.Editor, 0.70, 0.90))
		if got, want := e.Text(), after(paletteBase, "pipeline Stock [0.20, 0.60]", "evolve Shop 0.90"); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("Alt+drag", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		from := screenOf(e, stockRef)
		pressOn(e, from, fyne.KeyModifierAlt)
		dragTo(e, from, mapPoint(e.Editor, 0.40, 0.75))
		if got, want := e.Text(), after(paletteBase, "pipeline Stock [0.20, 0.60]", "evolve Stock 0.75"); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
	})
}

// TestGroupMoveAndDelete selects with Shift+click and with a rubber band, moves the group as
// one undo step and deletes it as one.
func TestGroupMoveAndDelete(t *testing.T) {
	t.Run("Shift+click, move, undo", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		pressOn(e, screenOf(e, shopRef), 0)
		e.canvas.DragEnd()
		pressOn(e, screenOf(e, noteRef), fyne.KeyModifierShift)
		if n := len(e.canvas.SelectedGroup()); n != 2 {
			t.Fatalf("%d elements selected, want 2", n)
		}
		sc := e.canvas.Scene()
		z := float32(e.canvas.Zoom())
		from := screenOf(e, shopRef)
		pressOn(e, from, 0)
		dragTo(e, from, from.AddXY(float32(0.10*sc.PlotW)*z, 0))
		want := strings.NewReplacer("component Shop [0.70, 0.40]", "component Shop [0.70, 0.50]",
			"note Busy [0.20, 0.80]", "note Busy [0.20, 0.90]").Replace(paletteBase)
		if got := e.Text(); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
		e.pane.Undo()
		if got := e.Text(); got != paletteBase {
			t.Fatalf("one undo left\n%s", got)
		}
	})
	t.Run("rubber band, delete", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		// Shift+drag on empty map around Shop and Stock (and nothing else).
		from, to := mapPoint(e.Editor, 0.75, 0.25), mapPoint(e.Editor, 0.33, 0.47)
		pressOn(e, from, fyne.KeyModifierShift)
		dragTo(e, from, to)
		if n := len(e.canvas.SelectedGroup()); n != 2 {
			t.Fatalf("the rubber band selected %d elements, want 2: %+v", n, e.canvas.SelectedGroup())
		}
		e.canvas.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
		want := "title Shop\nanchor User [0.95, 0.50]\nnote Busy [0.20, 0.80]\n" // the pipeline goes with its component
		if got := e.Text(); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
		e.pane.Undo()
		if got := e.Text(); got != paletteBase {
			t.Fatalf("one undo left\n%s", got)
		}
	})
	t.Run("a link and a component's label with the others", func(t *testing.T) {
		e, _ := openMap(t, paletteBase)
		link := render.Ref{Kind: render.ElemLink, Index: 0, Line: 6} // User->Shop
		label := render.Ref{Kind: render.ElemLabel, Index: 1, Line: 4}
		e.groupDeleted([]render.Ref{link, noteRef, label})
		want := "title Shop\nanchor User [0.95, 0.50]\ncomponent Shop [0.70, 0.40]\n"
		if got := e.Text(); got != want {
			t.Fatalf("got\n%s\nwant\n%s", got, want)
		}
		e.pane.Undo()
		if got := e.Text(); got != paletteBase {
			t.Fatalf("one undo left\n%s", got)
		}
	})
}

// TestLinkMenuEditsItsTexts sets a link's context and flow text from its menu and deletes it.
func TestLinkMenuEditsItsTexts(t *testing.T) {
	e, _ := openMap(t, paletteBase)
	link := render.Ref{Kind: render.ElemLink, Index: 1, Line: 7} // Shop->Stock
	items := e.contextItems(link)
	var labels []string
	for _, it := range items {
		labels = append(labels, it.Label)
	}
	if got := strings.Join(labels, ","); got != "Context Text…,Flow Text…,,Delete" {
		t.Fatalf("link menu %q", got)
	}
	e.prompted = "weekly"
	items[0].Action()
	if got, want := e.Text(), strings.Replace(paletteBase, "Shop->Stock\n", "Shop->Stock; weekly\n", 1); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	e.prompted = "$5"
	e.contextItems(link)[1].Action()
	if got, want := e.Text(), strings.Replace(paletteBase, "Shop->Stock\n", "Shop+'$5'>Stock; weekly\n", 1); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	// Delete it from the canvas: click the line, press Delete.
	e.canvas.Select(renderRefNone)
	var flow render.Ref
	for _, it := range e.canvas.Scene().Items {
		if (it.Ref.Kind == render.ElemFlow || it.Ref.Kind == render.ElemLink) && it.Ref.Line == 7 {
			flow = it.Ref
			break
		}
	}
	e.deleteElement(flow)
	if got, want := e.Text(), strings.Replace(paletteBase, "Shop->Stock\n", "", 1); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
