package docsgen

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"mapwright/internal/cli"
	"mapwright/internal/export"
	"mapwright/mapdsl"
	"mapwright/render"
)

// File is one generated file: where it goes, relative to the repository root (slash-separated),
// and its bytes.
type File struct {
	Path string
	Data []byte
}

// Pages are the documentation pages whose ```owm examples are rendered, relative to the root.
var Pages = []string{"README.md", "docs/language.md", "docs/cli.md", "docs/git-workflow.md", "docs/owm-compat.md"}

// Example maps without their own `size` are drawn on a small area so that a page of them reads
// like a reference, not a gallery of posters.
const exampleWidth, exampleHeight = 520, 300

// SampleDir holds the sample maps; each gets a PNG under SampleImageDir.
const (
	SampleDir      = "samples"
	SampleImageDir = "docs/images/samples"
	IconPath       = "ui/icon.png"
)

// Generate renders every picture of the documentation from the repository at root: the pictures
// of the examples of each page in Pages (and the page itself, with its diagnostics blocks
// filled in), one PNG per sample map, and the application icon. It writes nothing.
func Generate(root string) ([]File, error) {
	var files []File
	for _, page := range Pages {
		fs, err := generatePage(root, page)
		if err != nil {
			return nil, err
		}
		files = append(files, fs...)
	}
	samples, err := filepath.Glob(filepath.Join(root, SampleDir, "*.owm"))
	if err != nil {
		return nil, err
	}
	sort.Strings(samples)
	for _, s := range samples {
		src, err := os.ReadFile(s)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(s)
		m, _ := mapdsl.Parse(name, src)
		data, err := encodePNG(render.Layout(m, render.Options{}))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, File{path.Join(SampleImageDir, strings.TrimSuffix(name, ".owm")+".png"), data})
	}
	var icon bytes.Buffer
	if err := png.Encode(&icon, Icon(512)); err != nil {
		return nil, err
	}
	files = append(files, File{IconPath, icon.Bytes()})
	trail, err := historyPicture(root)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", HistoryPicture, err)
	}
	files = append(files, File{HistoryPicture, trail})
	talk, err := stepPictures(root)
	if err != nil {
		return nil, err
	}
	files = append(files, talk...)
	return files, nil
}

// generatePage renders the pictures of one page and returns them with the page itself.
func generatePage(root, page string) ([]File, error) {
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(page)))
	if err != nil {
		return nil, err
	}
	examples, err := scanPage(page, string(text))
	if err != nil {
		return nil, err
	}
	commands, err := scanCommands(page, string(text))
	if err != nil {
		return nil, err
	}
	var reps []replacement
	for _, ex := range examples {
		if ex.Diagnostics != nil {
			reps = append(reps, replacement{*ex.Diagnostics, diagnose(ex)})
		}
	}
	var files []File
	for _, c := range commands {
		if c.Output != nil {
			out, _, err := runCommandLine(root, c.Args)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", page, c.Line, err)
			}
			reps = append(reps, replacement{*c.Output, out})
			continue
		}
		data, err := commandPicture(root, c)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", page, c.Line, err)
		}
		files = append(files, File{path.Join(path.Dir(page), c.Picture), data})
	}
	sort.Slice(reps, func(i, j int) bool { return reps[i].span.start < reps[j].span.start })
	files = append([]File{{page, []byte(replaceBodies(string(text), reps))}}, files...)
	for _, ex := range examples {
		mw, _ := mapdsl.Parse(exampleName(ex), []byte(ex.Source))
		for _, pic := range ex.Pictures {
			m := mw
			var rule owmRule
			if pic.OWM != "" {
				var ok bool
				if rule, ok = owmRules[pic.OWM]; !ok {
					return nil, fmt.Errorf("%s:%d: %s: no OWM rule %q", page, ex.Line, pic.Path, pic.OWM)
				}
				if rule.text != nil {
					m, _ = mapdsl.Parse(exampleName(ex), []byte(rule.text(ex.Source, mw)))
				}
			}
			opts := render.Options{Style: render.Style(pic.Style)}
			if m.Width == 0 && m.Height == 0 {
				opts.Width, opts.Height = exampleWidth, exampleHeight
			}
			if rule.options != nil {
				rule.options(&opts)
			}
			f, ok := export.FormatOf(pic.Path)
			if !ok {
				return nil, fmt.Errorf("%s:%d: %s: unknown picture format %q", page, ex.Line, pic.Path, path.Ext(pic.Path))
			}
			scene := render.Layout(m, opts)
			if rule.scene != nil {
				rule.scene(m, scene)
			}
			data, err := export.Bytes(f, []*render.Scene{scene}, export.Options{Scale: 1})
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %w", page, ex.Line, pic.Path, err)
			}
			files = append(files, File{path.Join(path.Dir(page), pic.Path), data})
		}
	}
	return files, nil
}

// runCommandLine runs `mapwright args` in-process from the repository root and returns what it
// printed, standard output then standard error, one string a line.
func runCommandLine(root string, args []string) ([]string, int, error) {
	var stdout, stderr bytes.Buffer
	var status int
	err := inDir(root, func() {
		status = cli.Run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
	})
	if err != nil {
		return nil, 0, err
	}
	text := strings.TrimRight(stdout.String()+stderr.String(), "\n")
	if text == "" {
		return nil, status, nil
	}
	return strings.Split(text, "\n"), status, nil
}

// commandPicture runs the command of a picture comment with {} replaced by a temporary file of
// the picture's extension, and returns what the command wrote there.
func commandPicture(root string, c Command) ([]byte, error) {
	dir, err := os.MkdirTemp("", "docsgen")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "picture"+path.Ext(c.Picture))
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = strings.ReplaceAll(a, "{}", out)
	}
	lines, status, err := runCommandLine(root, args)
	if err != nil {
		return nil, err
	}
	// diff exits 1 when the maps differ, which is what a picture of a diff shows.
	if status != 0 && !(status == 1 && len(c.Args) > 0 && c.Args[0] == "diff") {
		return nil, fmt.Errorf("mapwright %s: exit status %d: %s", strings.Join(c.Args, " "), status, strings.Join(lines, "; "))
	}
	return os.ReadFile(out)
}

// inDir runs f with the working directory set to dir, as the command line resolves the paths a
// page shows from the repository root.
func inDir(dir string, f func()) error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	if err := os.Chdir(dir); err != nil {
		return err
	}
	defer os.Chdir(wd)
	f()
	return nil
}

// exampleName is the file name diagnostics of an example are reported against.
func exampleName(ex Example) string {
	return fmt.Sprintf("example-%d.owm", ex.Line)
}

// diagnose lists what the parser says about an example, one diagnostic a line, as
// `mapwright check` prints them.
func diagnose(ex Example) []string {
	_, diags := mapdsl.Parse("example.owm", []byte(ex.Source))
	var lines []string
	for _, d := range diags {
		lines = append(lines, d.Format("example.owm"))
	}
	return lines
}

// encodePNG is the PNG of s at one pixel per scene unit.
func encodePNG(s *render.Scene) ([]byte, error) {
	return export.Bytes(export.PNG, []*render.Scene{s}, export.Options{Scale: 1})
}

// Stale returns the paths of the files whose content under root differs from what was generated
// (missing files included).
func Stale(root string, files []File) []string {
	var stale []string
	for _, f := range files {
		have, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(have, f.Data) {
			stale = append(stale, f.Path)
		}
	}
	return stale
}

// Write writes the files that differ under root, creating directories as needed, and returns
// their paths.
func Write(root string, files []File) ([]string, error) {
	stale := Stale(root, files)
	want := map[string]bool{}
	for _, p := range stale {
		want[p] = true
	}
	for _, f := range files {
		if !want[f.Path] {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, err
		}
	}
	return stale, nil
}
