package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// askDialog shows a question with one button per answer; the first answer is the default.
func (e *Editor) askDialog(title, message string, answers []string, answer func(string)) {
	var d *dialog.CustomDialog
	buttons := make([]fyne.CanvasObject, 0, len(answers))
	for k, a := range answers {
		a := a
		b := widget.NewButton(a, func() {
			d.Hide()
			answer(a)
		})
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
	d.Show()
}

// promptDialog asks for one line of text.
func (e *Editor) promptDialog(title, label, initial string, answer func(string, bool)) {
	entry := widget.NewEntry()
	entry.SetText(initial)
	d := dialog.NewForm(title, "OK", "Cancel", []*widget.FormItem{widget.NewFormItem(label, entry)},
		func(ok bool) { answer(entry.Text, ok) }, e.win)
	entry.OnSubmitted = func(string) { d.Submit() } // Enter confirms
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
	e.win.Canvas().Focus(entry)
}

func (e *Editor) errorDialog(err error) { dialog.ShowError(err, e.win) }
