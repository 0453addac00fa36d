package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// debouncer runs fn on the Fyne goroutine once things have been quiet for delay: a burst of
// keystrokes causes one redraw. trigger and flush are called on the Fyne goroutine.
//
// Each trigger starts a new generation, and only the timer of the newest generation may run
// the call or clear it: a timer that fired just before a newer trigger (its callback already
// queued on the Fyne goroutine, too late to stop) finds a newer generation and leaves the
// pending call to the newest timer. The call always reads the newest state when it runs.
type debouncer struct {
	delay time.Duration
	fn    func()
	// onTimer, when set, runs instead of fn when the wait ends by itself (flush still runs fn):
	// the map redraw then works in the background, while actions that need it now flush.
	onTimer func()
	// after starts a timer that calls f once d has passed (time.AfterFunc), and post runs f on
	// the Fyne goroutine (fyne.Do); tests replace both to play timers in any order.
	after func(d time.Duration, f func()) stopper
	post  func(f func())

	mu      sync.Mutex
	timer   stopper
	pending bool
	gen     int
}

// stopper is a timer that can be stopped (*time.Timer).
type stopper interface{ Stop() bool }

func newDebouncer(delay time.Duration, fn func()) *debouncer {
	return &debouncer{delay: delay, fn: fn,
		after: func(d time.Duration, f func()) stopper { return time.AfterFunc(d, f) },
		post:  fyne.Do,
	}
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
	d.timer = d.after(d.delay, func() { d.post(func() { d.fire(gen) }) })
}

// fire runs the pending call when the timer of generation gen is the newest one.
func (d *debouncer) fire(gen int) {
	d.mu.Lock()
	if gen != d.gen || !d.pending {
		d.mu.Unlock()
		return // a newer trigger owns the pending call, or a flush or stop took it
	}
	d.pending = false
	d.mu.Unlock()
	if d.onTimer != nil {
		d.onTimer()
	} else {
		d.fn()
	}
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
