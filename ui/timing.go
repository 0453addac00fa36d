package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// debouncer runs fn on the Fyne goroutine once things have been quiet for delay: a burst of
// keystrokes causes one redraw. trigger and flush are called on the Fyne goroutine.
type debouncer struct {
	delay time.Duration
	fn    func()
	// onTimer, when set, runs instead of fn when the wait ends by itself (flush still runs fn):
	// the map redraw then works in the background, while actions that need it now flush.
	onTimer func()

	mu      sync.Mutex
	timer   *time.Timer
	pending bool
	gen     int
}

func newDebouncer(delay time.Duration, fn func()) *debouncer {
	return &debouncer{delay: delay, fn: fn}
}

// trigger (re)starts the wait.
func (d *debouncer) trigger() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pending = true
	d.gen++
	gen := d.gen
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, func() {
		fyne.Do(func() {
			d.mu.Lock()
			run := d.pending && d.gen == gen
			d.pending = false
			d.mu.Unlock()
			if run && d.onTimer != nil {
				d.onTimer()
			} else if run {
				d.fn()
			}
		})
	})
}

// flush runs a pending call now (tests, and actions that need the map up to date).
func (d *debouncer) flush() {
	d.mu.Lock()
	run := d.pending
	d.pending = false
	if d.timer != nil {
		d.timer.Stop()
	}
	d.mu.Unlock()
	if run {
		d.fn()
	}
}

// stop drops a pending call.
func (d *debouncer) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.pending = false
	if d.timer != nil {
		d.timer.Stop()
	}
}

// startPolling calls tick every interval from a goroutine until the returned stop is called.
func startPolling(interval time.Duration, tick func()) (stop func()) {
	done := make(chan struct{})
	var once sync.Once
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				tick()
			}
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}
