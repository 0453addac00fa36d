package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// A dialog owns the keyboard while it is open: what is typed goes to its fields or nowhere,
// never to the map text; the menus' shortcuts do nothing (see guarded); Escape cancels the
// newest dialog and Enter takes an ask dialog's first answer. When it closes, the focus is
// back where it was (Fyne keeps the window's focus under a dialog).

// openDialog is a dialog on screen and what Escape and Enter do to it.
type openDialog struct {
	d      dialog.Dialog
	escape func()
	enter  func() // nil: Enter does nothing
}

// showDialog shows d and keeps it in the list of open dialogs until it closes. escape runs on
// Escape (nil: the dialog is dismissed, which cancels it).
func (e *Editor) showDialog(d dialog.Dialog, escape, enter func()) {
	od := &openDialog{d: d, escape: escape, enter: enter}
	if od.escape == nil {
		od.escape = d.Dismiss
	}
	e.dialogs = append(e.dialogs, od)
	d.SetOnClosed(func() {
		if i := slices.Index(e.dialogs, od); i >= 0 {
			e.dialogs = slices.Delete(e.dialogs, i, i+1)
		}
	})
	d.Show()
}

// dialogOpen reports whether a dialog or another pop-up (a context menu) is on screen.
func (e *Editor) dialogOpen() bool { return e.win.Canvas().Overlays().Top() != nil }

// guarded is a menu action that does nothing while a dialog is open. Menu shortcuts reach the
// application before any widget, so without this Ctrl+Shift+Z would change the map under a
// question about it. (The menus themselves cannot be clicked while a dialog is up.)
func (e *Editor) guarded(action func()) func() {
	if action == nil {
		return nil
	}
	return func() {
		if !e.dialogOpen() {
			action()
		}
	}
}

// windowKey gets the keys typed while nothing has the focus, which is how keys reach a
// dialog with no text field: Escape cancels the newest dialog, Enter takes its default. The
// text and the map hand it the keys they do not use: F5 starts present mode, or stops it.
func (e *Editor) windowKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyF5 {
		e.guarded(e.togglePresenting)()
		return
	}
	if len(e.dialogs) == 0 || !e.dialogOpen() {
		return
	}
	top := e.dialogs[len(e.dialogs)-1]
	switch ev.Name {
	case fyne.KeyEscape:
		top.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		if top.enter != nil {
			top.enter()
		}
	}
}

// askDialog shows a question with one button per answer; the first answer is the default
// (Enter), and Cancel, when it is one of them, is what Escape answers.
func (e *Editor) askDialog(title, message string, answers []string, answer func(string)) {
	var d *dialog.CustomDialog
	pick := func(a string) func() {
		return func() {
			d.Hide()
			answer(a)
		}
	}
	buttons := make([]fyne.CanvasObject, 0, len(answers))
	for k, a := range answers {
		b := widget.NewButton(a, pick(a))
		if k == 0 {
			b.Importance = widget.HighImportance
		}
		buttons = append(buttons, b)
	}
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons(title, msg, e.win)
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(480, 0))
	escape := func() {} // no safe answer: Escape does nothing
	if slices.Contains(answers, answerCancel) {
		escape = pick(answerCancel)
	}
	e.showDialog(d, escape, pick(answers[0]))
}

// promptDialog asks for one line of text: Enter confirms, Escape cancels.
func (e *Editor) promptDialog(title, label, initial string, answer func(string, bool)) {
	entry := &fieldEntry{}
	entry.ExtendBaseWidget(entry)
	entry.SetText(initial)
	d := dialog.NewForm(title, "OK", "Cancel", []*widget.FormItem{widget.NewFormItem(label, entry)},
		func(ok bool) { answer(entry.Text, ok) }, e.win)
	entry.OnSubmitted = func(string) { d.Submit() }
	entry.onEscape = d.Dismiss
	d.Resize(fyne.NewSize(420, 0))
	e.showDialog(d, nil, nil)
	e.win.Canvas().Focus(entry)
}

// fieldEntry is a dialog's text field: Escape cancels the dialog.
type fieldEntry struct {
	widget.Entry
	onEscape func()
}

func (f *fieldEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && f.onEscape != nil {
		f.onEscape()
		return
	}
	f.Entry.TypedKey(ev)
}

func (e *Editor) errorDialog(err error) {
	d := dialog.NewError(err, e.win)
	e.showDialog(d, nil, d.Dismiss)
}
