package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"mapwright/mapdsl"
)

// manualClock plays the debouncer's timers by hand. A timer that comes due does what
// time.AfterFunc does: its callback runs (on the timer's goroutine) and posts the real work to
// the Fyne goroutine, where it waits in queue behind whatever the user does meanwhile; run
// plays the queue.
type manualClock struct {
	now    time.Duration
	timers []*manualTimer
	queue  []func()
}

type manualTimer struct {
	at            time.Duration
	f             func()
	stopped, done bool
}

func (t *manualTimer) Stop() bool {
	if t.stopped || t.done {
		return false
	}
	t.stopped = true
	return true
}

func (c *manualClock) after(d time.Duration, f func()) stopper {
	t := &manualTimer{at: c.now + d, f: f}
	c.timers = append(c.timers, t)
	return t
}

func (c *manualClock) post(f func()) { c.queue = append(c.queue, f) }

// advance moves the time on by d, firing the timers that come due, in order.
func (c *manualClock) advance(d time.Duration) {
	c.now += d
	for _, t := range c.timers {
		if !t.stopped && !t.done && t.at <= c.now {
			t.done = true
			t.f()
		}
	}
}

// run plays the work posted to the Fyne goroutine so far (and what it posts in turn).
func (c *manualClock) run() {
	for len(c.queue) > 0 {
		f := c.queue[0]
		c.queue = c.queue[1:]
		f()
	}
}

func (c *manualClock) drive(d *debouncer) { d.after, d.post = c.after, c.post }

// A burst of triggers at random moments, with the timers' queued work run at random moments
// in between, always ends with one call that sees the newest state.
func TestDebouncerLastTriggerAlwaysRuns(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 13))
		clock := &manualClock{}
		version, seen, runs := 0, 0, 0
		d := newDebouncer(50*time.Millisecond, func() { seen = version; runs++ })
		clock.drive(d)
		for step := 0; step < 40; step++ {
			switch rng.IntN(3) {
			case 0:
				version++
				d.trigger()
			case 1:
				clock.advance(time.Duration(rng.IntN(100)) * time.Millisecond)
			case 2:
				clock.run()
			}
		}
		version++
		d.trigger()
		clock.advance(time.Second)
		clock.run()
		if seen != version {
			t.Fatalf("seed %d: the last call saw version %d of %d: the newest trigger was dropped", seed, seen, version)
		}
		before := runs
		clock.advance(time.Second)
		clock.run()
		if runs != before {
			t.Fatalf("seed %d: ran again with nothing pending", seed)
		}
	}
}

// Typing in bursts at random intervals, with the map's redraw, its background parse and the
// recovery copy each finishing at random moments: once typing stops and the timers have run,
// the map, the problems list, the status line and the recovery copy all show the final text.
// (The issue: a timer of an older generation cleared the pending redraw, so the map stayed
// one edit behind until the next keystroke.)
func TestLastEditAlwaysShows(t *testing.T) {
	for seed := uint64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 22))
			e, path := openMap(t, teaText)
			clock := &manualClock{}
			clock.drive(e.redraw)
			clock.drive(e.recoverySave)
			e.redraw.delay, e.recoverySave.delay = 50*time.Millisecond, time.Second
			var parses []func()
			e.background = func(f func()) { parses = append(parses, f) }
			finishParses := func() {
				for len(parses) > 0 {
					f := parses[0]
					parses = parses[1:]
					f()
				}
			}
			e.pane.SetCursor(e.pane.LineCount()+1, 1<<20)
			var last string
			for burst := 1; burst <= 6; burst++ {
				last = fmt.Sprintf("R%d%d", seed, burst)
				line := fmt.Sprintf("component %s [0.%02d, 0.%02d]", last, 10+rng.IntN(80), 10+rng.IntN(80))
				if rng.IntN(3) == 0 {
					line += " // a comment"
				}
				e.pane.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
				for _, r := range line {
					test.Type(e.pane, string(r))
					clock.advance(time.Duration(rng.IntN(80)) * time.Millisecond)
					if rng.IntN(2) == 0 {
						clock.run()
					}
					if rng.IntN(3) == 0 {
						finishParses()
					}
				}
				clock.advance(time.Duration(rng.IntN(300)) * time.Millisecond)
				if rng.IntN(2) == 0 {
					clock.run()
					finishParses()
				}
			}
			clock.advance(5 * time.Second)
			clock.run()
			finishParses()
			clock.run()

			final := e.Text()
			m, diags := mapdsl.Parse("tea.owm", []byte(final))
			if e.parsedText != final {
				t.Fatalf("the map was drawn from an older text:\n%s\nwant\n%s", e.parsedText, final)
			}
			if !sceneHasText(e.Editor, last) {
				t.Errorf("the map does not show %s, the last component typed", last)
			}
			if len(e.diags.items) != len(diags) {
				t.Errorf("the problems list has %d entries, the final text %d", len(e.diags.items), len(diags))
			}
			if want := fmt.Sprintf("%s: %d components", m.Title, len(m.Components)); !strings.HasPrefix(e.status.Text, want) {
				t.Errorf("status %q, want it to start with %q", e.status.Text, want)
			}
			snaps, err := e.recovery.Find(path, "another session")
			if err != nil || len(snaps) != 1 || snaps[0].Text != final {
				t.Errorf("the recovery copy is not the final text (%d copies, %v)", len(snaps), err)
			}
		})
	}
}
