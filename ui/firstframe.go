package ui

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// frameProbe is a one-pixel, fully transparent raster in the status bar. Fyne asks a raster for
// its pixels while it paints the frame that contains it, so the first request marks the moment
// the window's first frame is drawn: the editor-start measurement (scripts/bench.sh --startup)
// uses it instead of guessing from screenshots.
type frameProbe struct {
	raster *canvas.Raster

	mu     sync.Mutex
	drawn  bool
	notify []func()
}

func newFrameProbe() *frameProbe {
	p := &frameProbe{}
	p.raster = canvas.NewRaster(p.pixels)
	p.raster.SetMinSize(fyne.NewSize(1, 1))
	return p
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

// OnFirstFrame calls f once, from the goroutine that paints the window, when the window's first
// frame is being drawn (at once if it has been already). f must be quick and must not touch
// widgets.
func (e *Editor) OnFirstFrame(f func()) {
	p := e.firstFrame
	p.mu.Lock()
	if !p.drawn {
		p.notify = append(p.notify, f)
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	f()
}
