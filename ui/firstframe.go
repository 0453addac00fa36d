//go:build firstframe

package ui

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// This file is built only with -tags firstframe: scripts/bench.sh --startup builds such an
// editor to time editor start to first frame. The product editor carries no probe.

// frameProbe is a one-pixel, fully transparent raster at the left edge of the window. Fyne asks
// a raster for its pixels while it paints the frame that contains it, so the first request marks
// the moment the window's first frame is drawn.
type frameProbe struct {
	raster *canvas.Raster

	mu     sync.Mutex
	drawn  bool
	notify []func()
}

// pixels is the raster's generator: it runs on the painting goroutine for every frame that
// redraws the probe, and calls the waiting functions once, on the first.
func (p *frameProbe) pixels(w, h int) image.Image {
	p.mu.Lock()
	var run []func()
	if !p.drawn {
		p.drawn = true
		run, p.notify = p.notify, nil
	}
	p.mu.Unlock()
	for _, f := range run {
		f()
	}
	return image.NewNRGBA(image.Rect(0, 0, max(w, 1), max(h, 1)))
}

// OnFirstFrame calls f once, from the goroutine that paints the window, when the window's next
// frame is drawn: call it before the window is shown to learn when the first frame is painted.
// f must be quick and must not touch widgets.
func (e *Editor) OnFirstFrame(f func()) {
	p := &frameProbe{notify: []func(){f}}
	p.raster = canvas.NewRaster(p.pixels)
	p.raster.SetMinSize(fyne.NewSize(1, 1))
	e.win.SetContent(container.NewBorder(nil, nil, p.raster, nil, e.win.Content()))
}
