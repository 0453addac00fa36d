package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/internal/history"
)

// gitRepoWithHistory makes a repository whose tea.owm was committed twice, Kettle moving.
func gitRepoWithHistory(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(dir, "tea.owm"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q")
	write("title Tea\ncomponent Cup [0.8, 0.6]\ncomponent Kettle [0.4, 0.3]\nCup->Kettle\n")
	run("add", "tea.owm")
	run("commit", "-q", "-m", "first")
	write("title Tea\ncomponent Cup [0.8, 0.6]\ncomponent Kettle [0.4, 0.45]\nCup->Kettle\n")
	run("commit", "-q", "-am", "kettle moves")
	return filepath.Join(dir, "tea.owm")
}

// TestTrailsOnTheLiveMap: View > Show Trails draws where Kettle stood, the text being edited as
// its newest point, and turning it off removes them.
func TestTrailsOnTheLiveMap(t *testing.T) {
	path := gitRepoWithHistory(t)
	e := newTestEditor(t, "")
	if err := e.Open(path); err != nil {
		t.Fatal(err)
	}
	e.redraw.flush()
	count := func() int {
		n := 0
		for _, it := range e.canvas.Scene().Items {
			if it.Ref.Kind == history.ElemTrail {
				n++
			}
		}
		return n
	}
	if count() != 0 {
		t.Fatal("trails drawn before they were asked for")
	}
	e.toggleTrails()
	if !e.trails.on || count() == 0 {
		t.Fatalf("Show Trails drew nothing (on=%v)", e.trails.on)
	}
	// Kettle moves on in the text: its trail gets the commits' positions, oldest first.
	at := strings.Index(e.pane.Text(), "[0.4, 0.45]")
	e.pane.ReplaceRange(at, at+len("[0.4, 0.45]"), "[0.4, 0.6]")
	e.redraw.flush()
	var dots []string
	for _, it := range e.canvas.Scene().Items {
		if it.Ref.Kind == history.ElemTrail && it.Tooltip != "" {
			dots = append(dots, it.Tooltip)
		}
	}
	if len(dots) != 2 || !strings.Contains(dots[0], "Kettle at [0.40, 0.30]") || !strings.Contains(dots[1], "Kettle at [0.40, 0.45]") {
		t.Errorf("trail dots: %q", dots)
	}
	e.toggleTrails()
	if count() != 0 {
		t.Error("trails stay after Show Trails is turned off")
	}
}

// TestHistoryWindowSlides: View > History shows the newest commit first, and the slider goes
// back to the first.
func TestHistoryWindowSlides(t *testing.T) {
	path := gitRepoWithHistory(t)
	e := newTestEditor(t, "")
	if err := e.Open(path); err != nil {
		t.Fatal(err)
	}
	e.showHistory()
	h := e.historyWin
	if h == nil {
		t.Fatal("no history window")
	}
	if h.shown != 1 || !strings.Contains(h.caption.Text, "2 of 2") || !strings.Contains(h.caption.Text, "kettle moves") {
		t.Errorf("first shown: %d, %q", h.shown, h.caption.Text)
	}
	newest := h.picture.Image
	h.slider.SetValue(0)
	if h.shown != 0 || !strings.Contains(h.caption.Text, "1 of 2") || !strings.Contains(h.caption.Text, "first") {
		t.Errorf("after sliding to the start: %d, %q", h.shown, h.caption.Text)
	}
	if h.picture.Image == nil || h.picture.Image == newest {
		t.Error("the picture did not change with the slider")
	}
	// The window only shows: the text is untouched.
	if saved, _ := os.ReadFile(path); e.Text() != string(saved) {
		t.Error("the history window changed the text")
	}
}
