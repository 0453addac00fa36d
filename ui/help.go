package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The first minute: Help > Keyboard and Mouse lists every gesture, and an empty map says how
// to start.

// gesturesHelp is the text of Help > Keyboard and Mouse (Markdown).
const gesturesHelp = `## On the map

**Add an element**: click a tool in the palette beside the map, then click on the map where it
goes; type its name and press Enter (Escape cancels). Right-click on empty map offers the same
elements at the pointer. Double-click on empty map adds a component.

**Areas** (pioneers, settlers, town planners): pick the tool, then drag a rectangle on the map.

**Component in a pipeline**: pick the tool, then click inside the pipeline's box.

**Link**: drag from one component to the one it depends on with Ctrl held
(or with the link tool); the line follows the pointer and the target lights up. Escape cancels.
Ctrl+click one component, then another, links them too.

**Evolve**: select a component and drag the small red circle to its right along the evolution
axis, or Alt+drag the component. Dragging the evolved copy moves the target.

**Move**: drag any element (components, labels, notes, annotations, areas, accelerators,
pipeline ends). Arrow keys move the selected element a step (Shift: five steps).

**Several at once**: Shift+click adds or removes an element; Shift+drag on empty map selects
everything inside the rectangle. Drag one of them to move them all, Delete removes them all;
each is one undo step.

**Rename**: double-click an element (or Rename… in its menu) and type over the selected name;
every line that names it changes.

**Element menu**: right-click an element for evolve, inertia, build/buy/outsource, market,
ecosystem, delete; right-click a link for its context text, its flow text and delete.

**View**: drag empty map (or the middle button) to pan, Ctrl+wheel to zoom, Ctrl+0 fits.

## In the text

Ctrl+F finds, Ctrl+H finds and replaces (whole word, match case; Replace All is one undo
step), Ctrl+G goes to a line (Escape closes the bar and gives the focus back),
Ctrl+Z / Ctrl+Shift+Z undo and redo typing and map edits alike. A line with an error is
underlined and listed below the text; the map still shows every other line.

## Presenting

**F5** (or View > Present) shows the map full screen, one step of its build-up at a time (a
comment line ` + "`// step: Title`" + ` starts a step). Right, Down, Space, Page Down or a click go
forward; Left, Up, Page Up, a right-click or Shift+click go back; Home and End jump to the first
and last step. **Escape** (or F5) goes back to editing, with the lines of the step last shown
tinted in the text. Ctrl+S saves and Ctrl+Q quits there too; the text cannot change while you
present. **Ctrl+F5** (View > Present in Window) steps through the map in its place in
the window instead, tinting each step's lines in the text, which you can still edit.

## Files

Ctrl+N new map, File > New from Template, Ctrl+O open, Ctrl+S save, Ctrl+E export PDF,
Ctrl+Shift+E export SVG, Ctrl+Shift+P export PNG.
`

// ShowGesturesHelp shows Help > Keyboard and Mouse.
func (e *Editor) ShowGesturesHelp() {
	text := widget.NewRichTextFromMarkdown(gesturesHelp)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Keyboard and Mouse", "Close", container.NewVScroll(text), e.win)
	d.Resize(fyne.NewSize(min(e.win.Canvas().Size().Width*0.8, 760), e.win.Canvas().Size().Height*0.85))
	e.showDialog(d, nil, d.Dismiss)
}

// helpMenu is the Help menu.
func (e *Editor) helpMenu() *fyne.Menu {
	return fyne.NewMenu("Help", fyne.NewMenuItem("Keyboard and Mouse", e.ShowGesturesHelp),
		fyne.NewMenuItemSeparator(), fyne.NewMenuItem("About Mapwright", e.showAbout))
}

// emptyHint is the card shown over an empty map: how to start. It is made of canvas text,
// which takes no input, so clicks reach the map beneath.
type emptyHint struct {
	box *fyne.Container
}

var emptyHintLines = []string{
	"An empty map. To start:",
	"• pick a tool in the palette on the left, then click on the map",
	"• or right-click the map and choose what to add",
	"• or type in the text, e.g.  component Tea [0.6, 0.8]",
	"Drag with Ctrl from one component to another to link them.",
	"Help > Keyboard and Mouse lists every gesture.",
}

func newEmptyHint() *emptyHint {
	var lines []fyne.CanvasObject
	for k, l := range emptyHintLines {
		t := canvas.NewText(l, theme.Color(theme.ColorNameForeground))
		t.TextStyle.Bold = k == 0
		lines = append(lines, t)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.CornerRadius, bg.StrokeWidth, bg.StrokeColor = 6, 1, theme.Color(theme.ColorNameSeparator)
	card := container.NewStack(bg, container.NewPadded(container.NewVBox(lines...)))
	h := &emptyHint{box: container.NewCenter(card)}
	h.box.Hide()
	return h
}

// showEmptyHint shows the card while the map has nothing on it.
func (h *emptyHint) show(empty bool) {
	if empty == h.box.Visible() {
		return
	}
	if empty {
		h.box.Show()
	} else {
		h.box.Hide()
	}
}
