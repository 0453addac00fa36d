package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"mapwright/internal/history"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/raster"
)

// trails is View > Show Trails: the live map drawn with where its components stood in the
// file's git history (internal/history), the text being edited as the newest point.
type trails struct {
	on       bool
	versions []history.Version // the file's committed versions, oldest first
	item     *fyne.MenuItem
}

// loadHistory reads the versions of the open file from git, without the working copy (the
// editor's text stands for it).
func (e *Editor) loadHistory() ([]history.Version, error) {
	if e.doc.Path == "" {
		return nil, fmt.Errorf("save the map in a git repository first: its history is read from git")
	}
	vs, err := history.Load(context.Background(), e.doc.Path, history.Options{})
	if err != nil {
		return nil, err
	}
	if n := len(vs); n > 0 && vs[n-1].Commit == "" {
		vs = vs[:n-1]
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("%s has no commits yet, so it has no history", e.doc.Name())
	}
	return vs, nil
}

// toggleTrails turns the trails on the live map on or off.
func (e *Editor) toggleTrails() {
	if e.trails.on {
		e.trails.on, e.trails.versions = false, nil
	} else {
		vs, err := e.loadHistory()
		if err != nil {
			dialog.ShowError(err, e.win)
			return
		}
		e.trails.on, e.trails.versions = true, vs
	}
	if e.trails.item != nil {
		e.trails.item.Checked = e.trails.on
		e.menu.Refresh()
	}
	e.refreshMap()
}

// withTrails adds the trails to a scene of the live map m, when they are on.
func (e *Editor) withTrails(m *mapdsl.Map, sc *render.Scene) {
	if !e.trails.on || sc == nil {
		return
	}
	vs := append(e.trails.versions[:len(e.trails.versions):len(e.trails.versions)],
		history.Version{Date: time.Now(), Subject: "the text being edited", Map: m})
	history.Draw(sc, history.Trails(vs), vs)
}

// showHistory opens View > History: a window with a slider over the file's commits that shows
// the map as each had it. The window only shows; the text is edited in the editor.
func (e *Editor) showHistory() {
	vs, err := e.loadHistory()
	if err != nil {
		dialog.ShowError(err, e.win)
		return
	}
	w := e.app.NewWindow("History of " + e.doc.Name())
	hv := newHistoryView(vs, e.style)
	w.SetContent(hv.content)
	w.Resize(fyne.NewSize(1000, 760))
	w.Show()
	e.historyWin = hv
}

// historyView is the content of the history window.
type historyView struct {
	versions []history.Version
	style    render.Style
	slider   *widget.Slider
	caption  *widget.Label
	picture  *canvas.Image
	content  fyne.CanvasObject
	shown    int
}

func newHistoryView(vs []history.Version, style render.Style) *historyView {
	h := &historyView{versions: vs, style: style, caption: widget.NewLabel(""), picture: &canvas.Image{FillMode: canvas.ImageFillContain}}
	h.slider = widget.NewSlider(0, float64(len(vs)-1))
	h.slider.Step = 1
	h.slider.OnChanged = func(v float64) { h.show(int(v)) }
	h.content = container.NewBorder(container.NewVBox(h.caption, h.slider), nil, nil, nil, h.picture)
	h.slider.SetValue(float64(len(vs) - 1))
	h.show(len(vs) - 1)
	return h
}

// show draws version i.
func (h *historyView) show(i int) {
	i = max(0, min(i, len(h.versions)-1))
	v := h.versions[i]
	h.shown = i
	h.caption.SetText(fmt.Sprintf("%d of %d: %s, %s", i+1, len(h.versions), v.Label(), v.Subject))
	sc := render.Layout(v.Map, render.Options{Style: h.style})
	h.picture.Image = raster.Render(sc, raster.Options{Scale: 1})
	h.picture.Refresh()
}
