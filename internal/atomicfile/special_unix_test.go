//go:build unix

package atomicfile

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestWriteIntoNamedPipe: a map exported into a named pipe that another program reads reaches
// that program, and the pipe stays a pipe (a rename would have put a plain file in its place).
func TestWriteIntoNamedPipe(t *testing.T) {
	dir := t.TempDir()
	pipe := filepath.Join(dir, "out.svg")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	got := make(chan []byte, 1)
	go func() {
		f, err := os.Open(pipe) // waits for the writer
		if err != nil {
			got <- nil
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- b
	}()
	done := make(chan error, 1)
	go func() { done <- Write(pipe, []byte("<svg/>"), Options{}) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		os.Remove(pipe)
		t.Fatal("Write did not write into the pipe")
	}
	select {
	case b := <-got:
		if string(b) != "<svg/>" {
			t.Errorf("the reader got %q", b)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the pipe's reader got nothing: the data went elsewhere")
	}
	info, err := os.Lstat(pipe)
	if err != nil || info.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the pipe is now %v (%v)", info.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files beside the pipe: %v", entries)
	}
}

// TestWriteThroughProcLink: `-o /dev/stdout` with standard output a pipe leads through
// /proc/self/fd/1 to "pipe:[123]", which is no path: the write failed with "no such file or
// directory". A pipe's /proc/self/fd link is written through as the system follows it.
func TestWriteThroughProcLink(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	link := fmt.Sprintf("/proc/self/fd/%d", w.Fd())
	if _, err := os.Lstat(link); err != nil {
		t.Skip("no /proc/self/fd here:", err)
	}
	got := make(chan []byte, 1)
	go func() {
		b := make([]byte, 64)
		n, _ := r.Read(b)
		got <- b[:n]
	}()
	if err := Write(link, []byte("<svg/>"), Options{}); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-got:
		if string(b) != "<svg/>" {
			t.Errorf("the pipe got %q", b)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("nothing came through the pipe")
	}
}
