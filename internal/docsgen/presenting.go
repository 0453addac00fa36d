package docsgen

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// StepPictureDir holds the pictures of docs/presenting.md: the build-up of TalkExample as
// `mapwright export --steps` draws it, a PNG per step, and one step in the dark style.
const (
	StepPictureDir = "docs/images/presenting"
	TalkExample    = "docs/examples/tea-shop-talk.owm"
)

// stepPictures runs the command line on TalkExample, as the page shows it, and returns the
// numbered files it writes.
func stepPictures(root string) ([]File, error) {
	dir, err := os.MkdirTemp("", "docsgen-steps")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	var files []File
	for _, run := range []struct {
		name string
		args []string
		keep func(string) bool
	}{
		{"talk", nil, func(string) bool { return true }},
		{"dark", []string{"--style", "dark"}, func(name string) bool { return name == "dark-05.png" }},
	} {
		args := append([]string{"export", "--steps", "--scale", "0.6", "-o", filepath.Join(dir, run.name+".png")}, run.args...)
		args = append(args, TalkExample)
		lines, status, err := runCommandLine(root, args)
		if err != nil {
			return nil, err
		}
		if status != 0 {
			return nil, fmt.Errorf("mapwright %s: exit status %d: %s", strings.Join(args, " "), status, strings.Join(lines, "; "))
		}
		made, err := filepath.Glob(filepath.Join(dir, run.name+"-*.png"))
		if err != nil {
			return nil, err
		}
		sort.Strings(made)
		for _, f := range made {
			if !run.keep(filepath.Base(f)) {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			files = append(files, File{path.Join(StepPictureDir, filepath.Base(f)), data})
		}
	}
	if len(files) < 2 {
		return nil, fmt.Errorf("%s: export --steps made %d pictures", TalkExample, len(files))
	}
	return files, nil
}
