//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"mapwright/internal/mapgen"
)

// TestSignalStopsCommand builds mapwright, starts it on a 100,000-component map, signals it
// while it works, and checks that it stops with the shell's status for that signal (130 for
// SIGINT, 143 for SIGTERM), says so, and leaves no output and no temporary file behind. Before
// the commands checked their context they ran to the end and exited 0.
func TestSignalStopsCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds mapwright and exports a 100,000-component map")
	}
	dir := t.TempDir()
	bin := buildMapwright(t, "")
	big := filepath.Join(dir, "big.owm")
	if err := os.WriteFile(big, mapgen.Generate(100000, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.owm")
	if err := os.WriteFile(other, mapgen.Generate(100000, 2), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		sig    syscall.Signal
		status int
		args   []string
	}{
		{"export png, SIGTERM", syscall.SIGTERM, 143, []string{"export", "-o", "out.png", big}},
		{"export pdf, SIGINT", syscall.SIGINT, 130, []string{"export", "-o", "out.pdf", big}},
		{"diff overlay, SIGTERM", syscall.SIGTERM, 143, []string{"diff", "-o", "overlay.svg", big, other}},
		{"check, SIGINT", syscall.SIGINT, 130, []string{"check", big}},
		{"fmt, SIGTERM", syscall.SIGTERM, 143, []string{"fmt", big}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			cmd := exec.Command(bin, tc.args...)
			cmd.Dir = work
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			// Give it time to install its signal handler and get into the work; a 100,000-component
			// map takes seconds in every command, so the signal comes mid-way.
			select {
			case err := <-done:
				t.Fatalf("finished before the signal (%v); the test needs a bigger map", err)
			case <-time.After(700 * time.Millisecond):
			}
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-done:
			case <-time.After(2 * time.Minute): // a hang, not a speed limit
				cmd.Process.Kill()
				t.Fatalf("still running two minutes after %v", tc.sig)
			}
			status := 0
			if ee, ok := err.(*exec.ExitError); ok {
				status = ee.ExitCode()
			}
			if status != tc.status {
				t.Errorf("exit status %d (%v), want %d; stderr:\n%s", status, err, tc.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), "stopped") {
				t.Errorf("stderr does not say it stopped:\n%s", stderr.String())
			}
			left, _ := os.ReadDir(work)
			for _, f := range left {
				t.Errorf("left %s behind", f.Name())
			}
		})
	}
}
