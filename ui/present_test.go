package ui

import (
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"mapwright/render"
)

// names are the texts drawn by the present view's map, sorted (the labels of what is shown).
func presentedTexts(t *testing.T, e *Editor) []string {
	t.Helper()
	if e.present == nil {
		t.Fatal("not presenting")
	}
	sc := e.present.canvas.Scene()
	if sc == nil {
		return nil
	}
	var out []string
	for _, it := range sc.Items {
		if it.Shape == render.ShapeText && it.Text != "" {
			out = append(out, it.Text)
		}
	}
	slices.Sort(out)
	return out
}

// windowState is what leaving present mode must put back.
type windowState struct {
	content    fyne.CanvasObject
	fullScreen bool
	size       fyne.Size
	focused    fyne.Focusable
	menu       *fyne.MainMenu
	text       string
	cursor     string
}

func stateOf(e *Editor) windowState {
	c := e.pane.CursorPosition()
	return windowState{e.win.Content(), e.win.FullScreen(), e.win.Canvas().Size(), e.win.Canvas().Focused(),
		e.win.MainMenu(), e.Text(), strings.Repeat("|", c.Line) + strings.Repeat(".", c.Col)}
}

// TestPresentModeEntersAndLeaves: F5, typed while the text, the map or nothing has the focus,
// puts the window full screen with the map alone on it, the menus gone and the keys going to
// the present view; Escape puts back the window as it was (content, size, full-screen state,
// menus), the focus in the text, and the text byte for byte.
func TestPresentModeEntersAndLeaves(t *testing.T) {
	for _, from := range []string{"text", "map", "nothing", "menu"} {
		t.Run(from, func(t *testing.T) {
			e, _ := openMap(t, teaText)
			e.redraw.flush()
			e.pane.SetCursor(4, 7)
			c := e.win.Canvas()
			switch from {
			case "text":
				c.Focus(e.pane)
			case "map":
				c.Focus(e.canvas)
			case "nothing":
				c.Unfocus()
			}
			before := stateOf(e.Editor)
			if from == "menu" {
				menuItem(t, e.Editor, "View", "Present").Action()
			} else {
				pressKey(c, fyne.KeyF5)
			}
			if !e.Presenting() {
				t.Fatal("F5 did not start present mode")
			}
			if !e.win.FullScreen() || e.win.MainMenu() != nil || e.win.Content() != e.present.root {
				t.Errorf("present mode: full screen %v, menu %v, content is the present view %v",
					e.win.FullScreen(), e.win.MainMenu() != nil, e.win.Content() == e.present.root)
			}
			if c.Focused() != fyne.Focusable(e.present.input) {
				t.Errorf("the keys go to %T, want the present view", c.Focused())
			}
			got := presentedTexts(t, e.Editor)
			for _, name := range []string{"Public", "Cup of Tea", "Kettle", "Tea"} {
				if !slices.Contains(got, name) {
					t.Errorf("the presented map lacks %q: %q", name, got)
				}
			}
			pressKey(c, fyne.KeyEscape)
			if e.Presenting() {
				t.Fatal("Escape did not leave present mode")
			}
			after := stateOf(e.Editor)
			if after.focused != fyne.Focusable(e.pane) {
				t.Errorf("after present mode the focus is on %T, want the text", after.focused)
			}
			before.focused, after.focused = nil, nil
			if before != after {
				t.Errorf("the window is not as it was:\nbefore %+v\nafter  %+v", before, after)
			}
			sameText(t, e.Editor, teaText, "after a present session")
		})
	}
}

// TestPresentModeKeepsFullScreen: a window that was full screen before stays full screen after.
func TestPresentModeKeepsFullScreen(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.win.SetFullScreen(true)
	e.Present()
	e.present.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !e.win.FullScreen() {
		t.Error("a full-screen window left present mode windowed")
	}
}

// TestPresentModeNotUnderADialog: F5 does nothing while a question is on screen.
func TestPresentModeNotUnderADialog(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.askDialog("Question", "Really?", []string{"Yes", answerCancel}, func(string) {})
	pressKey(e.win.Canvas(), fyne.KeyF5)
	if e.Presenting() {
		t.Error("F5 started present mode under a dialog")
	}
}

// TestPresentEmptyMap: an empty map shows a friendly message instead of a blank screen.
func TestPresentEmptyMap(t *testing.T) {
	e, _ := openMap(t, "title Nothing yet\n// component Tea [0.5, 0.5]\n")
	e.Present()
	p := e.present
	if len(p.slides) != 0 || !p.message.Visible() || p.canvas.Scene() != nil || p.counter.Text != "" {
		t.Errorf("empty map: %d slides, message shown %v, scene %v, counter %q", len(p.slides), p.message.Visible(), p.canvas.Scene() != nil, p.counter.Text)
	}
	for _, k := range []fyne.KeyName{fyne.KeyRight, fyne.KeyLeft, fyne.KeyEnd, fyne.KeyHome} {
		p.input.TypedKey(&fyne.KeyEvent{Name: k}) // nothing to step through, and no panic
	}
	test.Tap(p.input)
	p.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Presenting() {
		t.Error("Escape did not leave present mode")
	}
}

// TestPresentMapWithErrors: a map with a broken line is presented as the editor draws it,
// everything but the broken line.
func TestPresentMapWithErrors(t *testing.T) {
	text := teaText + "compnent Broken\n"
	e, _ := openMap(t, text)
	e.Present()
	got := presentedTexts(t, e.Editor)
	if !slices.Contains(got, "Kettle") || slices.Contains(got, "Broken") {
		t.Errorf("a map with errors presented %q, want every clean line and not the broken one", got)
	}
	e.StopPresenting()
	sameText(t, e.Editor, text, "after presenting a map with errors")
}

// TestPresentFollowsTheNewestText: F5 right after typing shows what was typed, before the
// pause after typing ran out; and a reload from disk while presenting shows the new text.
func TestPresentFollowsTheNewestText(t *testing.T) {
	e, path := openMap(t, teaText)
	e.redraw.flush()
	typeAtEnd(e.Editor, "component Kettle Two [0.2, 0.5]")
	typed := e.Text()
	e.Present()
	if got := presentedTexts(t, e.Editor); !slices.Contains(got, "Kettle Two") {
		t.Errorf("present mode drew an older text: %q", got)
	}
	e.StopPresenting()
	sameText(t, e.Editor, typed, "after presenting")

	e.pane.SetText(teaText)
	e.Present()
	os.WriteFile(path, []byte(teaText+"component Pulled [0.3, 0.3]\n"), 0o644)
	e.CheckDisk()
	if got := presentedTexts(t, e.Editor); !slices.Contains(got, "Pulled") {
		t.Errorf("present mode did not follow a reload: %q", got)
	}
}

// TestPresentMenuShowsF5: View > Present names its key.
func TestPresentMenuShowsF5(t *testing.T) {
	e := newTestEditor(t, "")
	it := menuItem(t, e.Editor, "View", "Present")
	if sc, ok := it.Shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyF5 || sc.Modifier != 0 {
		t.Errorf("View > Present shortcut %#v, want F5", it.Shortcut)
	}
}
