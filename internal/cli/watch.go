package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

const watchHelp = `
usage: mapwright watch [-o OUT] [-f svg|pdf|png|json] [export flags] [--poll INTERVAL] FILE...

Exports the maps once, then again every time one of them is saved, until interrupted. Outputs
are named as by export (map.owm -> map.svg beside it, or -o OUT; several files with -o deck.pdf
make one deck). Bursts of file events (editors write in several steps) are merged with a short
debounce. A save that leaves a map with errors prints the diagnostics and keeps the last good
output; so does a map file found empty (an editor that truncates before writing, caught between
the two). File changes are noticed with the operating system's notifications; --poll checks the
files' size and time at an interval instead (network file systems, containers).

Example:
  mapwright watch -o map.png map.owm &
`

func runWatch(e *env, args []string) int {
	fs := newFlags("watch", watchHelp)
	o := addExportFlags(fs, true)
	o.strict = true // a half-typed line must not replace the last good drawing
	poll := fs.Duration("poll", 0, "poll the files every `INTERVAL` (e.g. 500ms) instead of using file notifications")
	debounce := fs.Duration("debounce", 100*time.Millisecond, "wait this `long` after the last change before exporting")
	files, st := parseFlags(e, fs, args)
	if st >= 0 {
		return st
	}
	if len(files) == 0 {
		return misuse(e, fs, "no map to watch")
	}
	for _, f := range files {
		if f == "-" {
			return misuse(e, fs, "standard input cannot be watched; give FILEs")
		}
		if _, err := os.Stat(f); err != nil {
			fmt.Fprintf(e.stderr, "mapwright watch: %v\n", err)
			return exitFailure
		}
	}
	if err := o.check(); err != nil {
		return misuse(e, fs, "%v", err)
	}
	jobs, err := o.plan(files)
	if err != nil {
		return misuse(e, fs, "%v", err)
	}
	// A watch runs unattended: an output that can never be written is a mistake to report now,
	// not on every save.
	for _, j := range jobs {
		if j.out == "-" {
			continue
		}
		if st, err := os.Stat(j.out); err == nil && st.IsDir() {
			return misuse(e, fs, "the output %s is a directory; give a file name, e.g. -o %s", j.out, filepath.Join(j.out, "map."+j.format))
		}
		if st, err := os.Stat(filepath.Dir(j.out)); err == nil && !st.IsDir() {
			return misuse(e, fs, "the output %s cannot be written: %s is a file, not a directory", j.out, filepath.Dir(j.out))
		}
	}
	if *poll < 0 || *debounce < 0 {
		return misuse(e, fs, "--poll and --debounce must not be negative")
	}
	w := &watcher{e: e, o: o, jobs: jobs, debounce: *debounce}
	return w.run(*poll)
}

// watcher re-runs export jobs when their input files change.
type watcher struct {
	e        *env
	o        *exportOptions
	jobs     []job
	debounce time.Duration
}

// export runs the jobs whose inputs changed (all of them when changed is nil).
func (w *watcher) export(changed map[string]bool) {
	for _, j := range w.jobs {
		hit := changed == nil
		for _, a := range j.args {
			hit = hit || changed[absPath(a)]
		}
		if !hit {
			continue
		}
		if empty := emptyInput(j.args); empty != "" {
			// Most likely read between an editor's truncating and writing its save: an empty
			// picture must not replace a drawing; the write that follows is seen next.
			fmt.Fprintf(w.e.stderr, "mapwright watch: %s is empty (a save in progress?); %s keeps the last drawing\n", empty, j.out)
			continue
		}
		err := w.o.runJob(w.e, &reader{e: w.e}, j)
		switch {
		case err == nil:
			fmt.Fprintf(w.e.stdout, "wrote %s\n", j.out)
		case errors.Is(err, errMapErrors):
			fmt.Fprintf(w.e.stderr, "mapwright watch: %s not written; it keeps the last good drawing\n", j.out)
		default:
			fmt.Fprintf(w.e.stderr, "mapwright watch: %v\n", err)
		}
	}
}

// emptyInput is the first of the files that is empty (no bytes at all), or "".
func emptyInput(files []string) string {
	for _, f := range files {
		if st, err := os.Stat(f); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
			return f
		}
	}
	return ""
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	return a
}

// inputs returns the absolute paths of every watched file.
func (w *watcher) inputs() map[string]bool {
	set := map[string]bool{}
	for _, j := range w.jobs {
		for _, a := range j.args {
			set[absPath(a)] = true
		}
	}
	return set
}

// run exports once and then on every change until the context is cancelled. The watch starts
// before the first export, so a save made while it runs is not missed.
func (w *watcher) run(poll time.Duration) int {
	events := make(chan string, 64)
	stop := make(chan struct{})
	defer close(stop)
	if poll == 0 {
		if err := w.notify(events, stop); err != nil {
			fmt.Fprintf(w.e.stderr, "mapwright watch: file notifications unavailable (%v); polling every 500ms\n", err)
			poll = 500 * time.Millisecond
		}
	}
	if poll > 0 {
		last := map[string]fileState{}
		for f := range w.inputs() {
			last[f] = stateOf(f)
		}
		go w.poll(poll, last, events, stop)
	}
	w.export(nil)
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-w.e.ctx.Done():
			return exitOK
		case p := <-events:
			pending[p] = true
			timer.Reset(w.debounce)
		case <-timer.C:
			changed := pending
			pending = map[string]bool{}
			w.export(changed)
		}
	}
}

// notify forwards file-system notifications about the watched files. It watches their
// directories, because editors often save by writing a new file and renaming it over the old.
func (w *watcher) notify(events chan<- string, stop <-chan struct{}) error {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	files := w.inputs()
	dirs := map[string]bool{}
	for f := range files {
		dirs[filepath.Dir(f)] = true
	}
	for d := range dirs {
		if err := fw.Add(d); err != nil {
			fw.Close()
			return err
		}
	}
	go func() {
		defer fw.Close()
		for {
			select {
			case <-stop:
				return
			case ev, ok := <-fw.Events:
				if !ok {
					return
				}
				if p := absPath(ev.Name); files[p] {
					select {
					case events <- p:
					case <-stop:
						return
					}
				}
			case err, ok := <-fw.Errors:
				if !ok {
					return
				}
				fmt.Fprintf(w.e.stderr, "mapwright watch: %v\n", err)
			}
		}
	}()
	return nil
}

// fileState is what polling compares.
type fileState struct {
	size    int64
	modTime time.Time
	exists  bool
}

func stateOf(p string) fileState {
	st, err := os.Stat(p)
	if err != nil {
		return fileState{}
	}
	return fileState{size: st.Size(), modTime: st.ModTime(), exists: true}
}

// poll reports files whose size or modification time changed since the last look; last holds
// their states when watching began.
func (w *watcher) poll(interval time.Duration, last map[string]fileState, events chan<- string, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			for f := range last {
				if s := stateOf(f); s != last[f] {
					last[f] = s
					select {
					case events <- f:
					case <-stop:
						return
					}
				}
			}
		}
	}
}
