package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"mapwright/internal/atomicfile"
	"mapwright/internal/export"
	"mapwright/render"
	"mapwright/render/pdf"
)

// ExportOptions are the choices of the export dialog, the same as the command line's.
type ExportOptions struct {
	Style       render.Style // "" for the map's own style
	Paper       string       // PDF: "" (page fitted to the map), "a4" or "letter"
	Landscape   bool         // PDF on named paper
	Portrait    bool
	Scale       float64 // PNG pixels per map unit (default 2)
	Transparent bool    // PNG background
}

// Export writes the map drawn from the current text to path, through the export dispatcher the
// command line uses, atomically: a failed export leaves the file at path as it was. The map must
// be free of errors: an export is a deliverable, and the last good picture may no longer match
// the text.
func (e *Editor) Export(path string, f export.Format, o ExportOptions) error {
	write, err := e.prepareExport(path, f, o)
	if err != nil {
		return err
	}
	if err := write(context.Background()); err != nil {
		return err
	}
	e.setStatus("Exported %s", path)
	return nil
}

// exportInBackground is Export for the export dialogs: the map is taken as the text stands
// now, and laid out, encoded and written on another goroutine, so that the window stays live
// while a big picture is drawn and compressed (a PNG at 4x of a typical map takes about 0.3 s,
// of a map of thousands of components seconds). The status line says when the file is
// written; a failure is shown as Export's error is. A file chosen again while its export runs
// gets the newer picture: the older export stops and writes nothing. Closing the editor waits
// for the exports under way, so a file asked for is never left unwritten.
func (e *Editor) exportInBackground(path string, f export.Format, o ExportOptions) {
	write, err := e.prepareExport(path, f, o)
	if err != nil {
		e.showError(err)
		return
	}
	key := filepath.Clean(path)
	if older := e.exporting[key]; older != nil {
		older.stop()
	}
	ctx, stop := context.WithCancel(context.Background())
	run := &exportRun{stop: stop}
	if e.exporting == nil {
		e.exporting = map[string]*exportRun{}
	}
	e.exporting[key] = run
	e.setStatus("Exporting %s…", filepath.Base(path))
	e.exports.Add(1)
	e.background(func() {
		defer e.exports.Done()
		err := write(ctx)
		fyne.Do(func() {
			superseded := ctx.Err() != nil
			stop()
			if e.exporting[key] == run {
				delete(e.exporting, key)
			}
			switch {
			case superseded:
				// A newer export of the same file took its place.
			case err != nil:
				e.showError(err)
			default:
				e.setStatus("Exported %s", path)
			}
		})
	})
}

// exportRun is an export under way in the background.
type exportRun struct{ stop context.CancelFunc }

// prepareExport checks that the map can be exported and takes what the export needs on the
// Fyne goroutine; write lays out, encodes and writes the file, and may run on any goroutine (a
// parsed Map is not changed once made).
func (e *Editor) prepareExport(path string, f export.Format, o ExportOptions) (write func(context.Context) error, err error) {
	e.redraw.flush()
	if !e.drawnIsLive || e.parseDiags.HasErrors() {
		return nil, errTextHasErrors
	}
	m, fsys := e.drawn, e.doc.FileSystem()
	return func(ctx context.Context) error {
		style := o.Style
		if style == "" {
			style = render.MapStyle(m)
		}
		sc := render.Layout(m, render.Options{Style: style})
		eo := export.Options{
			PDF:   pdf.Options{Paper: o.Paper, Landscape: o.Landscape, Portrait: o.Portrait},
			Scale: o.Scale, Transparent: o.Transparent,
		}
		return export.WriteFile(ctx, path, f, []*render.Scene{sc}, eo, atomicfile.Options{FS: fsys})
	}, nil
}

// ExportDialog asks for the export options, then for the file.
func (e *Editor) ExportDialog(f export.Format) {
	if e.redraw.flush(); !e.drawnIsLive || e.parseDiags.HasErrors() {
		e.showError(errTextHasErrors)
		return
	}
	styles := []string{"As the map says"}
	for _, s := range render.Styles {
		styles = append(styles, styleLabel(s))
	}
	style := widget.NewSelect(styles, nil)
	style.SetSelectedIndex(0)
	if e.style != "" {
		style.SetSelected(styleLabel(e.style))
	}
	items := []*widget.FormItem{widget.NewFormItem("Style", style)}
	paper := widget.NewSelect([]string{"Fit the map", "A4", "Letter"}, nil)
	paper.SetSelectedIndex(0)
	orient := widget.NewSelect([]string{"Automatic", "Landscape", "Portrait"}, nil)
	orient.SetSelectedIndex(0)
	scale := widget.NewSelect([]string{"1x", "2x", "3x", "4x"}, nil)
	scale.SetSelectedIndex(1)
	transparent := widget.NewCheck("Transparent background", nil)
	switch f {
	case export.PDF:
		items = append(items, widget.NewFormItem("Paper", paper), widget.NewFormItem("Orientation", orient))
	case export.PNG:
		items = append(items, widget.NewFormItem("Resolution", scale), widget.NewFormItem("", transparent))
	}
	title := "Export " + strings.ToUpper(string(f))
	d := dialog.NewForm(title, "Choose File…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		o := ExportOptions{Transparent: transparent.Checked, Scale: float64(scale.SelectedIndex() + 1)}
		if i := style.SelectedIndex(); i > 0 {
			o.Style = render.Styles[i-1]
		}
		o.Paper = []string{"", "a4", "letter"}[max(paper.SelectedIndex(), 0)]
		o.Landscape, o.Portrait = orient.SelectedIndex() == 1, orient.SelectedIndex() == 2
		e.exportFileDialog(f, o)
	}, e.win)
	d.Resize(fyne.NewSize(420, 0))
	e.showDialog(d, nil, d.Submit)
}

func (e *Editor) exportFileDialog(f export.Format, o ExportOptions) {
	ext := "." + string(f)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			e.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			removeIfEmpty(path)
			path += ext
		}
		e.exportInBackground(path, f, o)
	}, e.win)
	d.SetFileName(e.suggestedName(ext))
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	e.startIn(d)
	d.Resize(e.dialogSize())
	e.showDialog(d, nil, nil)
}

// removeIfEmpty deletes a file the save dialog created empty before we chose another name.
func removeIfEmpty(path string) {
	if info, err := os.Stat(path); err == nil && info.Size() == 0 && info.Mode().IsRegular() {
		os.Remove(path)
	}
}

// safeFileName turns a map title into a file name: letters, digits, '-' and '_' only. The map
// text never chooses a folder.
func safeFileName(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '/' || r == '\\':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
		if b.Len() >= 60 {
			break
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		return "map"
	}
	return name
}
