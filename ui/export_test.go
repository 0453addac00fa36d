package ui

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mapwright/internal/export"
	"mapwright/ui/document"
)

// The export dialogs write the picture on another goroutine. They used to encode and write it
// on the editor's own goroutine, so the window froze until the file was written: about 0.3 s
// for a PNG at 4x of a typical map, seconds for a big map. The picture is of the text as it
// was when the file was chosen; the status line says when it is written; a failure is shown
// as one of Export's.
func TestExportDialogWritesInTheBackground(t *testing.T) {
	t.Run("written off the editor's goroutine", func(t *testing.T) {
		e, queued := openQueued(t)
		out := filepath.Join(t.TempDir(), "tea.png")
		e.exportInBackground(out, export.PNG, ExportOptions{Scale: 4})
		if _, err := os.Stat(out); err == nil || len(*queued) != 1 {
			t.Fatalf("the picture was written before the dialog's call returned (%d jobs queued)", len(*queued))
		}
		if got := e.status.Text; got != "Exporting tea.png…" {
			t.Errorf("status %q while the picture is written", got)
		}
		typeAtEnd(e.Editor, "component Honey [0.5, 0.5]\n") // the window takes typing meanwhile
		(*queued)[0]()
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if w := img.Bounds().Dx(); w < 3000 {
			t.Errorf("the picture is %d pixels wide, not drawn at 4x", w)
		}
		if got := e.status.Text; got != "Exported "+out {
			t.Errorf("status %q once written", got)
		}
		if len(e.errs) > 0 {
			t.Errorf("errors: %v", e.errs)
		}
	})
	t.Run("of the text when the file was chosen", func(t *testing.T) {
		e, queued := openQueued(t)
		out := filepath.Join(t.TempDir(), "tea.svg")
		e.exportInBackground(out, export.SVG, ExportOptions{})
		typeAtEnd(e.Editor, "component Honey [0.5, 0.5]\n")
		e.redraw.flush()
		for _, f := range *queued {
			f()
		}
		data, _ := os.ReadFile(out)
		if !strings.Contains(string(data), "Kettle") || strings.Contains(string(data), "Honey") {
			t.Errorf("the picture is not of the text at the moment of the export:\n%.300s", data)
		}
	})
	t.Run("a file chosen again gets the newer picture", func(t *testing.T) {
		e, queued := openQueued(t)
		out := filepath.Join(t.TempDir(), "tea.svg")
		e.exportInBackground(out, export.SVG, ExportOptions{})
		typeAtEnd(e.Editor, "component Honey [0.5, 0.5]\n")
		e.exportInBackground(out, export.SVG, ExportOptions{})
		(*queued)[1]() // the newer export finishes first...
		(*queued)[0]() // ...and the older one, stopped, must not write over it
		data, _ := os.ReadFile(out)
		if !strings.Contains(string(data), "Honey") {
			t.Errorf("the older picture was written over the newer one:\n%.300s", data)
		}
		if len(e.errs) > 0 || e.status.Text != "Exported "+out {
			t.Errorf("errors %v, status %q: a stopped export is not a failure", e.errs, e.status.Text)
		}
	})
	t.Run("a failure is shown", func(t *testing.T) {
		path := writeMap(t, teaText)
		e := newTestEditor(t, "")
		doc, text, err := document.OpenFS(fullDisk{document.OS}, path)
		if err != nil {
			t.Fatal(err)
		}
		e.load(doc, text)
		queued := new([]func())
		e.background = func(f func()) { *queued = append(*queued, f) }
		out := filepath.Join(t.TempDir(), "tea.pdf")
		e.exportInBackground(out, export.PDF, ExportOptions{})
		for _, f := range *queued {
			f()
		}
		if len(e.errs) != 1 || !strings.Contains(e.errs[0].Error(), "no space left on device") {
			t.Errorf("errors %v, want the full disk's", e.errs)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("a picture was written on a full disk")
		}
	})
	t.Run("a map with errors is not exported", func(t *testing.T) {
		e, queued := openQueued(t)
		typeAtEnd(e.Editor, "compnent Broken\n")
		e.exportInBackground(filepath.Join(t.TempDir(), "tea.svg"), export.SVG, ExportOptions{})
		if len(*queued) != 0 || len(e.errs) != 1 || e.errs[0] != errTextHasErrors {
			t.Errorf("%d jobs, errors %v; want none and errTextHasErrors", len(*queued), e.errs)
		}
	})
}

// openQueued opens the Tea map in an editor whose background work is queued, to be run by the
// test.
func openQueued(t *testing.T) (*testEditor, *[]func()) {
	e, _ := openMap(t, teaText)
	queued := new([]func())
	e.background = func(f func()) { *queued = append(*queued, f) }
	return e, queued
}

// heldDisk holds every write of a temporary file until released (or for ten seconds, so that
// a test of an editor that waits for it on its own goroutine fails instead of hanging), telling
// when one is waiting.
type heldDisk struct {
	document.FileSystem
	waiting, release chan struct{}
}

func (h heldDisk) CreateTemp(dir, pattern string) (document.File, error) {
	h.waiting <- struct{}{}
	select {
	case <-h.release:
	case <-time.After(10 * time.Second):
	}
	return h.FileSystem.CreateTemp(dir, pattern)
}

// Closing the editor while an export is being written waits for it: the picture asked for is
// written, and no temporary file is left beside it.
func TestCloseWaitsForExports(t *testing.T) {
	path := writeMap(t, teaText)
	e := newTestEditor(t, "")
	disk := heldDisk{document.OS, make(chan struct{}, 1), make(chan struct{})}
	doc, text, err := document.OpenFS(disk, path)
	if err != nil {
		t.Fatal(err)
	}
	e.load(doc, text)
	dir := t.TempDir()
	out := filepath.Join(dir, "tea.png")
	e.exportInBackground(out, export.PNG, ExportOptions{})
	<-disk.waiting // the export is under way
	closed := make(chan struct{})
	go func() {
		e.RequestClose(nil)
		close(closed)
	}()
	select {
	case <-closed:
		t.Fatal("the editor closed while an export was still being written")
	case <-time.After(100 * time.Millisecond):
	}
	close(disk.release)
	<-closed
	data, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Fatalf("after closing: %d bytes, %v", len(data), err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files beside the picture's folder, want the picture alone", len(entries))
	}
}
