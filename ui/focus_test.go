package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"mapwright/internal/export"
	"mapwright/render"
)

// The keyboard as the desktop driver routes it: a shortcut goes to the main menu's items
// first, then to the focused widget, then to the window; a character or key goes to the focused
// widget, or to the window's handler when nothing has the focus.

func typeKeys(c fyne.Canvas, s string) {
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else if h := c.OnTypedRune(); h != nil {
			h(r)
		}
	}
}

func pressKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func pressShortcut(e *Editor, sc fyne.Shortcut) {
	var menus []*fyne.Menu
	if m := e.win.MainMenu(); m != nil {
		menus = m.Items
	}
	for _, m := range menus {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return
			}
		}
	}
	c := e.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
}

func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// sameText fails the test unless the map text is byte for byte what it was.
func sameText(t *testing.T, e *Editor, want, when string) {
	t.Helper()
	if got := e.Text(); got != want {
		t.Fatalf("%s, the map text changed:\n%s", when, got)
	}
}

// clickEmptyLine puts the text cursor on the blank last line and gives the text the focus.
func clickEmptyLine(e *Editor) {
	e.pane.SetCursor(e.pane.LineCount(), 1)
	e.win.Canvas().Focus(e.pane)
}

// The steps: click an empty line, Ctrl+F (or Edit > Find), type kettle, Enter. The word
// went into the map and Enter inserted newlines.
func TestFindFieldOwnsTheKeyboard(t *testing.T) {
	for _, how := range []string{"Ctrl+F", "Edit > Find"} {
		t.Run(how, func(t *testing.T) {
			e, _ := openMap(t, teaText)
			c := e.win.Canvas()
			clickEmptyLine(e.Editor)
			if how == "Ctrl+F" {
				pressShortcut(e.Editor, ctrl(fyne.KeyF))
			} else {
				menuItem(t, e.Editor, "Edit", "Find…").Action()
			}
			if c.Focused() == fyne.Focusable(e.pane) {
				t.Fatal("the text still has the keyboard after opening Find")
			}
			typeKeys(c, "kettle")
			pressKey(c, fyne.KeyReturn)
			pressKey(c, fyne.KeyReturn)
			sameText(t, e.Editor, teaText, "after typing kettle and Enter twice in Find")
			if got := e.pane.SelectedText(); got != "Kettle" {
				t.Errorf("the match selected is %q, want Kettle", got)
			}
			// Undo and redo while the field has the keyboard are the field's, not the map's.
			pressShortcut(e.Editor, ctrlShift(fyne.KeyZ))
			pressShortcut(e.Editor, &fyne.ShortcutUndo{})
			sameText(t, e.Editor, teaText, "after undo and redo in Find")

			pressKey(c, fyne.KeyEscape)
			if c.Focused() != fyne.Focusable(e.pane) {
				t.Errorf("Escape gave the focus to %T, want the text, where it was", c.Focused())
			}
			sameText(t, e.Editor, teaText, "after Escape")

			// Opened again, it offers the last query selected: typing replaces it.
			pressShortcut(e.Editor, ctrl(fyne.KeyF))
			typeKeys(c, "water")
			if q := e.pane.FindQuery(); q != "water" {
				t.Errorf("typing into the reopened Find made the query %q, want water", q)
			}
			sameText(t, e.Editor, teaText, "after typing into the reopened Find")
		})
	}
}

// With a match selected, Ctrl+G 33 Enter replaced the match. Now it goes to the line and puts
// the focus in the text there.
func TestGoToLineFieldOwnsTheKeyboard(t *testing.T) {
	e, _ := openMap(t, teaText)
	c := e.win.Canvas()
	clickEmptyLine(e.Editor)
	pressShortcut(e.Editor, ctrl(fyne.KeyF))
	typeKeys(c, "kettle")
	pressKey(c, fyne.KeyEscape)
	if e.pane.SelectedText() != "Kettle" {
		t.Fatal("no match selected")
	}
	pressShortcut(e.Editor, ctrl(fyne.KeyG))
	typeKeys(c, "9")
	pressKey(c, fyne.KeyReturn)
	sameText(t, e.Editor, teaText, "after Ctrl+G 9 Enter with a match selected")
	if p := e.pane.CursorPosition(); p.Line != 9 || p.Col != 1 {
		t.Errorf("the cursor is at %d:%d, want 9:1", p.Line, p.Col)
	}
	if c.Focused() != fyne.Focusable(e.pane) {
		t.Errorf("after going to the line the focus is on %T, want the text", c.Focused())
	}

	// Escape gives the focus back to whatever had it: here the map.
	c.Focus(e.canvas)
	pressShortcut(e.Editor, ctrl(fyne.KeyG))
	typeKeys(c, "33")
	pressKey(c, fyne.KeyEscape)
	sameText(t, e.Editor, teaText, "after Ctrl+G 33 Escape")
	if c.Focused() != fyne.Focusable(e.canvas) {
		t.Errorf("Escape gave the focus to %T, want the map, where it was", c.Focused())
	}
}

// The inline name field (rename) takes the keyboard; the map text changes only on Enter.
func TestInlineRenameFieldOwnsTheKeyboard(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.nameAt = e.inlineName
	c := e.win.Canvas()
	typeAtEnd(e.Editor, "component Milk [0.5, 0.9]")
	e.pane.Undo() // something to redo
	text := e.Text()
	c.Focus(e.canvas)
	kettle := render.Ref{Kind: render.ElemComponent, Index: 3, Line: 7}
	e.renameAt(kettle, "Kettle")
	typeKeys(c, "Boiler")
	pressShortcut(e.Editor, ctrlShift(fyne.KeyZ))
	sameText(t, e.Editor, text, "while typing a new name")
	pressKey(c, fyne.KeyEscape)
	sameText(t, e.Editor, text, "after Escape in the rename field")
	if c.Focused() != fyne.Focusable(e.canvas) {
		t.Errorf("Escape gave the focus to %T, want the map, where it was", c.Focused())
	}

	e.renameAt(kettle, "Kettle")
	typeKeys(c, "Boiler")
	pressKey(c, fyne.KeyReturn)
	if want := strings.ReplaceAll(text, "Kettle", "Boiler"); e.Text() != want {
		t.Errorf("Enter renamed to:\n%s", e.Text())
	}
}

// A dialog owns the keyboard: typing, Enter in a field, and the menus' shortcuts leave the map
// alone; Escape cancels and the focus is back where it was.
func TestDialogsOwnTheKeyboard(t *testing.T) {
	tests := []struct {
		name string
		open func(e *Editor, answered *string)
		// nameField: Fyne's save dialog gives its file name field the keyboard, and that field
		// keeps Escape to itself; the dialog is closed with its Cancel button instead.
		nameField bool
	}{
		{"question", func(e *Editor, answered *string) {
			e.askDialog("Unsaved changes", "Save?", []string{answerSave, answerDiscard, answerCancel},
				func(a string) { *answered = a })
		}, false},
		{"name prompt", func(e *Editor, answered *string) {
			e.promptDialog("Rename", "New name", "Kettle", func(s string, ok bool) {
				if !ok {
					s = answerCancel
				}
				*answered = s
			})
		}, false},
		{"export options", func(e *Editor, answered *string) {
			e.ExportDialog(export.PDF)
			*answered = answerCancel // the dialog has no answer to record; it must close
		}, false},
		{"open file", func(e *Editor, answered *string) {
			e.doc.SaveOver(e.Text()) // no unsaved changes: no question before the dialog
			e.OpenDialog()
			*answered = answerCancel
		}, false},
		{"save as", func(e *Editor, answered *string) {
			e.SaveAsDialog(nil)
			*answered = answerCancel
		}, true},
		{"export file", func(e *Editor, answered *string) {
			e.exportFileDialog(export.SVG, ExportOptions{})
			*answered = answerCancel
		}, true},
		{"help", func(e *Editor, answered *string) {
			e.ShowGesturesHelp()
			*answered = answerCancel
		}, false},
		{"error", func(e *Editor, answered *string) {
			e.errorDialog(errTextHasErrors)
			*answered = answerCancel
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, _ := openMap(t, teaText)
			c := e.win.Canvas()
			clickEmptyLine(e.Editor)
			typeAtEnd(e.Editor, "component Milk [0.5, 0.9]")
			e.pane.Undo() // something to redo
			text := e.Text()
			var answered string
			tc.open(e.Editor, &answered)
			if !e.dialogOpen() {
				t.Fatal("no dialog on screen")
			}
			typeKeys(c, "typed into the dialog")
			pressShortcut(e.Editor, ctrlShift(fyne.KeyZ))
			pressShortcut(e.Editor, &fyne.ShortcutRedo{})
			pressShortcut(e.Editor, ctrl(fyne.KeyG))
			sameText(t, e.Editor, text, "while the dialog is open")
			if tc.nameField {
				e.dialogs[len(e.dialogs)-1].d.Dismiss()
			} else {
				pressKey(c, fyne.KeyEscape)
			}
			if e.dialogOpen() {
				t.Fatal("Escape did not close the dialog")
			}
			if answered != answerCancel {
				t.Errorf("Escape answered %q, want Cancel", answered)
			}
			sameText(t, e.Editor, text, "after Escape")
			if c.Focused() != fyne.Focusable(e.pane) {
				t.Errorf("after the dialog the focus is on %T, want the text, where it was", c.Focused())
			}
		})
	}
}

// Enter takes a question's first answer.
func TestEnterAnswersTheQuestionsDefault(t *testing.T) {
	e, _ := openMap(t, teaText)
	var answered string
	e.askDialog("Recover unsaved changes", "Recover them?", []string{answerRecover, answerDrop}, func(a string) { answered = a })
	pressKey(e.win.Canvas(), fyne.KeyEscape) // no Cancel among the answers: Escape does nothing
	if answered != "" || !e.dialogOpen() {
		t.Fatalf("Escape answered %q", answered)
	}
	pressKey(e.win.Canvas(), fyne.KeyReturn)
	if answered != answerRecover || e.dialogOpen() {
		t.Errorf("Enter answered %q (dialog open %v), want %q", answered, e.dialogOpen(), answerRecover)
	}
}

func menuItem(t *testing.T, e *Editor, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range e.menu.Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %s > %s", menu, label)
	return nil
}
