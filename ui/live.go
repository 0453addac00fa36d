package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
	"mapwright/render"
	"mapwright/ui/mapcanvas"
	"mapwright/ui/sourcepane/maplang"
)

var renderRefNone = render.Ref{}

// refreshMap parses the text and redraws the map now.
func (e *Editor) refreshMap() {
	e.generation++
	text := e.pane.Text()
	m, diags := mermaid.ParseAny(e.doc.Name(), []byte(text))
	e.showParse(text, m, diags, render.Layout(m, render.Options{Style: e.effectiveStyle(m)}), nil)
}

// refreshMapInBackground parses and lays out the text on another goroutine (they are pure and,
// on a map of hundreds of components, take longer than a frame), then shows the result unless
// the text changed meanwhile. Typing stays responsive whatever the size of the map. One parse
// runs at a time: texts typed while it runs are not parsed, only the newest one after it.
func (e *Editor) refreshMapInBackground() {
	e.generation++
	if e.bgBusy {
		e.bgAgain = true // parsed when the running parse is done, from the text of that moment
		return
	}
	e.bgBusy, e.bgAgain = true, false
	gen, text, name := e.generation, e.pane.Text(), e.doc.Name()
	chosen, dark := e.style, e.app.Settings().ThemeVariant() == theme.VariantDark
	// The map's picture is drawn here too, so that the map, the diagnostics and the status
	// line change in one frame (trails are added to the Scene on the UI goroutine, after).
	var picture func(*render.Scene) *mapcanvas.Picture
	if !e.trails.on {
		picture = e.canvas.PictureFunc()
	}
	e.background(func() {
		m, diags := mermaid.ParseAny(name, []byte(text))
		sc := render.Layout(m, render.Options{Style: styleFor(chosen, m, dark)})
		var pic *mapcanvas.Picture
		if picture != nil {
			pic = picture(sc)
		}
		fyne.Do(func() {
			e.bgBusy = false
			if e.bgAgain {
				e.refreshMapInBackground() // a newer edit came meanwhile: this result is stale
				return
			}
			if gen != e.generation || e.pane.Text() != text {
				return // a newer edit is on its way
			}
			e.showParse(text, m, diags, sc, pic)
		})
	})
}

// showParse shows a parse of text: its diagnostics (the broken lines marked in the text) and
// its map. A text with errors still draws everything that reads cleanly (a broken line is left
// out), and those elements can be dragged, linked and changed as usual. pic is the map's
// picture when it was drawn with the layout (nil: the canvas draws it).
func (e *Editor) showParse(text string, m *mapdsl.Map, diags mapdsl.Diagnostics, sc *render.Scene, pic *mapcanvas.Picture) {
	e.updateRenameOffer(e.parsed, m)
	e.parsed, e.parsedText, e.parseDiags = m, text, diags
	e.paletteForMermaid(m.Mermaid)
	e.diags.set(diags)
	e.showProblems(len(diags) > 0)
	maplang.ShowDiagnostics(e.pane, diags)
	e.drawn, e.drawnIsLive = m, true
	e.hint.show(mapIsEmpty(m))
	e.withTrails(m, sc)
	e.canvas.SetSceneAndPicture(sc, pic)
	e.cursorMoved(e.pane.CursorPosition().Line, e.pane.CursorPosition().Col)
	e.statusForMap()
	e.presentTextChanged()
}

func (e *Editor) statusForMap() {
	n := len(e.parseDiags)
	if n == 0 {
		e.setStatus("%s: %d components", e.parsed.Title, len(e.parsed.Components))
		return
	}
	if errs := e.parseDiags.Errors(); len(errs) > 0 {
		e.setStatus("%d %s (first on line %d): the map shows every other line, which you can still edit on the map",
			len(errs), plural(len(errs), "error", "errors"), errs[0].Range.Start.Line)
		return
	}
	e.setStatus("%s: %d components, %d %s", e.parsed.Title, len(e.parsed.Components), n, plural(n, "warning", "warnings"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// effectiveStyle is the style chosen in View > Map Style, else the map's own; a map that names
// no style follows the system theme (dark style in dark mode).
func (e *Editor) effectiveStyle(m *mapdsl.Map) render.Style {
	return styleFor(e.style, m, e.app.Settings().ThemeVariant() == theme.VariantDark)
}

func styleFor(chosen render.Style, m *mapdsl.Map, dark bool) render.Style {
	switch {
	case chosen != "":
		return chosen
	case m.StyleRange.Valid():
		return render.MapStyle(m) // the map names its style
	case dark:
		return render.StyleDark
	}
	return render.StylePlain
}

// cursorMoved highlights on the map the element on the text cursor's line.
func (e *Editor) cursorMoved(line, _ int) {
	if e.cursorFromCanvas {
		return
	}
	if !e.drawnIsLive || e.parsedText != e.pane.Text() {
		// The map on show was drawn from other text (it has errors, or a redraw is pending):
		// its line numbers may not be this text's, so highlight nothing rather than a stranger.
		e.canvas.Select(renderRefNone)
		return
	}
	ref, ok := e.canvas.RefAtLine(line)
	if !ok || ref.Kind == render.ElemTitle {
		ref = renderRefNone
	}
	e.canvas.Select(ref)
}

// elementSelected moves the text cursor to the line of the element clicked on the map.
func (e *Editor) elementSelected(ref render.Ref) {
	if ref.Kind == "" || ref.Line <= 0 || !e.drawnIsLive {
		return
	}
	if name, ok := e.nameOf(ref); ok {
		e.setStatus("%s: %s on line %d", name, ref.Kind, ref.Line)
	} else {
		e.setStatus("%s on line %d", ref.Kind, ref.Line)
	}
	e.cursorFromCanvas = true
	e.pane.SetCursor(ref.Line, 1)
	e.pane.ScrollToCursor()
	e.cursorFromCanvas = false
}

// goToDiagnostic puts the cursor on a diagnostic's position and gives the text the focus.
func (e *Editor) goToDiagnostic(d mapdsl.Diagnostic) {
	e.pane.SetCursor(d.Range.Start.Line, max(d.Range.Start.Column, 1))
	e.pane.ScrollToCursor()
	e.win.Canvas().Focus(e.pane)
}

// diagnosticsList is the list of problems under the text.
type diagnosticsList struct {
	items  mapdsl.Diagnostics
	list   *widget.List
	header *widget.Label
	onPick func(mapdsl.Diagnostic)
}

func newDiagnosticsList(onPick func(mapdsl.Diagnostic)) *diagnosticsList {
	d := &diagnosticsList{onPick: onPick, header: widget.NewLabel("No problems")}
	d.list = widget.NewList(
		func() int { return len(d.items) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.ErrorIcon()), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			diag := d.items[i]
			icon := row.Objects[0].(*widget.Icon)
			switch diag.Severity {
			case mapdsl.SeverityError:
				icon.SetResource(theme.ErrorIcon())
			case mapdsl.SeverityWarning:
				icon.SetResource(theme.WarningIcon())
			default:
				icon.SetResource(theme.InfoIcon())
			}
			row.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%d:%d  %s", diag.Range.Start.Line, diag.Range.Start.Column, diag.Message))
		})
	d.list.OnSelected = func(i widget.ListItemID) {
		if i >= 0 && i < len(d.items) && d.onPick != nil {
			d.onPick(d.items[i])
		}
		d.list.UnselectAll()
	}
	return d
}

func (d *diagnosticsList) container() fyne.CanvasObject {
	return container.NewBorder(d.header, nil, nil, nil, d.list)
}

func (d *diagnosticsList) set(ds mapdsl.Diagnostics) {
	unchanged := len(ds) == 0 && len(d.items) == 0
	d.items = ds
	errs := len(ds.Errors())
	header := "No problems"
	switch {
	case errs > 0:
		header = fmt.Sprintf("Problems: %d %s, %d other", errs, plural(errs, "error", "errors"), len(ds)-errs)
	case len(ds) > 0:
		header = fmt.Sprintf("Problems: %d %s", len(ds), plural(len(ds), "warning", "warnings"))
	}
	if header != d.header.Text {
		d.header.SetText(header)
	}
	if !unchanged {
		d.list.Refresh()
	}
}

// Offsets of the split between the text and the problems list: nearly closed when there are
// none, open to a few rows when there are.
const (
	problemsClosed = 0.93
	problemsOpen   = 0.78
)

// showProblems opens or closes the problems list when problems appear or all go away; an
// offset the user chose by dragging the divider is left alone otherwise.
func (e *Editor) showProblems(any bool) {
	switch {
	case any && e.textSplit.Offset >= problemsClosed-0.005:
		e.textSplit.SetOffset(problemsOpen)
	case !any && e.textSplit.Offset != problemsClosed:
		e.textSplit.SetOffset(problemsClosed)
	}
}
