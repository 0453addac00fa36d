package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"mapwright/internal/buildinfo"
)

// aboutText is what Help > About shows: the version and commit the editor was built from (the
// stamps of `make release`, else what Go recorded) and the Go toolchain.
func aboutText(in buildinfo.Info) string {
	s := "Mapwright " + in.Version + "\nWardley maps as text, drawn live.\n"
	if c := in.ShortCommit(); c != "" {
		s += "\nCommit " + c
	}
	if in.GoVersion != "" {
		s += "\nBuilt with " + in.GoVersion
	}
	return s
}

// showAbout opens the About box.
func (e *Editor) showAbout() {
	msg := widget.NewLabel(aboutText(buildinfo.Read()))
	msg.Selectable = true // so the commit can be copied into a bug report
	d := dialog.NewCustom("About Mapwright", "Close", msg, e.win)
	d.Resize(fyne.NewSize(380, 0))
	d.Show()
}
