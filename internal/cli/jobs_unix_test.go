//go:build unix

package cli

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// Exporting several maps runs the jobs at the same time: two maps read from named pipes are
// both being read before either has its text (one job at a time would wait for the first
// pipe's text for ever, and the second pipe is written first).
func TestExportJobsRunTogether(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one core: the jobs run one after the other")
	}
	dir := t.TempDir()
	first, second := filepath.Join(dir, "first.owm"), filepath.Join(dir, "second.owm")
	for _, p := range []string{first, second} {
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
	}
	done := make(chan int, 1)
	go func() {
		code, _, _ := run(context.Background(), "", "export", "-f", "svg", first, second)
		done <- code
	}()
	fed := make(chan error, 1)
	go func() {
		for _, p := range []string{second, first} { // opening a pipe waits for its reader
			if err := os.WriteFile(p, []byte("title Tea\ncomponent Kettle [0.4, 0.3]\n"), 0o644); err != nil {
				fed <- err
				return
			}
		}
		fed <- nil
	}()
	select {
	case err := <-fed:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		// Unblock the export, so that the test ends.
		os.WriteFile(first, nil, 0o644)
		t.Fatal("the second map was not read while the first waited: the jobs ran one after the other")
	}
	if code := <-done; code != exitOK {
		t.Fatalf("status %d", code)
	}
	for _, p := range []string{"first.svg", "second.svg"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
}
