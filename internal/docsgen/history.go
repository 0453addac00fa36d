package docsgen

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"mapwright/internal/history"
	"mapwright/render"
)

// HistoryPicture is the picture of docs/git-workflow.md's history section.
const HistoryPicture = "docs/images/git/history-trail.png"

// historyPicture draws the Tea Shop sample's trails through a made-up history: the sample
// committed four times in a scratch repository (fixed authors and dates, so the picture is the
// same every time), Kettle, Power and Water moving right.
func historyPicture(root string) ([]byte, error) {
	src, err := os.ReadFile(filepath.Join(root, SampleDir, "tea-shop.owm"))
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "docsgen-history")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	git := func(date string, args ...string) error {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=Mapwright", "GIT_AUTHOR_EMAIL=maps@example.com",
			"GIT_COMMITTER_NAME=Mapwright", "GIT_COMMITTER_EMAIL=maps@example.com",
			"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	text := string(src)
	file := filepath.Join(dir, "tea.owm")
	steps := []struct{ date, message, old, new string }{
		{"2026-01-05T10:00:00Z", "the tea shop", "", ""},
		{"2026-02-02T10:00:00Z", "kettles are products now", "component Kettle [0.43, 0.34]", "component Kettle [0.43, 0.42]"},
		{"2026-03-02T10:00:00Z", "power is a utility", "component Power [0.10, 0.72]", "component Power [0.10, 0.80]"},
		{"2026-04-06T10:00:00Z", "kettles commoditise", "component Kettle [0.43, 0.42]", "component Kettle [0.45, 0.55]"},
	}
	if err := git(steps[0].date, "init", "-q", "-b", "main"); err != nil {
		return nil, err
	}
	for _, s := range steps {
		if s.old != "" {
			if !strings.Contains(text, s.old) {
				return nil, fmt.Errorf("the history picture expects %q in the Tea Shop sample", s.old)
			}
			text = strings.Replace(text, s.old, s.new, 1)
		}
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			return nil, err
		}
		if err := git(s.date, "add", "tea.owm"); err != nil {
			return nil, err
		}
		if err := git(s.date, "commit", "-q", "-m", s.message); err != nil {
			return nil, err
		}
	}
	versions, err := history.Load(context.Background(), file, history.Options{})
	if err != nil {
		return nil, err
	}
	scene := render.Layout(versions[len(versions)-1].Map, render.Options{})
	history.Draw(scene, history.Trails(versions), versions)
	return encodePNG(scene)
}
