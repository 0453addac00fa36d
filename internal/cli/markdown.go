package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"mapwright/internal/atomicfile"
	"mapwright/internal/export"
	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
	"mapwright/render"
)

const markdownHelp = `
usage: mapwright markdown [-f svg|png] [--check] [--to-mermaid] FILE.md...

Draws the maps kept in Markdown: every fenced block marked owm or wardley, and every mermaid
block holding a wardley-beta diagram. Each map is drawn into a folder beside the file (for
README.md, README-maps/map-1.svg, map-2.svg, ... in the order of the blocks), and an image link
to it is put on the line after the block, or refreshed if it is there already. Running it again
changes nothing.

--check changes nothing and exits 1 when a picture is missing or out of date, or a link is
missing (for CI). --to-mermaid also rewrites owm and wardley blocks as mermaid wardley-beta
blocks, which GitHub draws by itself.

A map with errors is drawn without its broken lines; the errors are reported at their lines in
the Markdown file and the exit status is 1.

Example, in a GitHub Actions job that keeps the pictures fresh:
  - run: mapwright markdown --check docs/*.md
`

// fence is one fenced block of a Markdown file that holds a map.
type fence struct {
	open, close int    // line indexes of the opening and closing fence lines
	lang        string // owm, wardley or mermaid
	body        string // the lines between, with their line breaks
}

var fenceOpen = regexp.MustCompile("^( {0,3})(`{3,}|~{3,})[ \t]*([A-Za-z0-9_-]*)")

// findFences lists the blocks of lines that hold maps.
func findFences(lines []string) []fence {
	var out []fence
	for i := 0; i < len(lines); i++ {
		m := fenceOpen.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		marker := m[2]
		end := -1
		for k := i + 1; k < len(lines); k++ {
			t := strings.TrimRight(strings.TrimLeft(lines[k], " "), " \t\r\n")
			if strings.HasPrefix(t, marker[:1]) && strings.Trim(t, marker[:1]) == "" && len(t) >= len(marker) {
				end = k
				break
			}
		}
		if end < 0 {
			break // an unclosed block runs to the end: no map block can follow
		}
		lang := strings.ToLower(m[3])
		body := strings.Join(lines[i+1:end], "")
		switch {
		case lang == "owm" || lang == "wardley":
			out = append(out, fence{i, end, lang, body})
		case lang == "mermaid" && mermaid.IsMermaid("", []byte(body)):
			out = append(out, fence{i, end, lang, body})
		}
		i = end
	}
	return out
}

func runMarkdown(e *env, args []string) int {
	fs := newFlags("markdown", markdownHelp)
	format := fs.String("f", "svg", "picture `format`: svg or png")
	check := fs.Bool("check", false, "change nothing; exit 1 when a picture is missing or stale")
	toMermaid := fs.Bool("to-mermaid", false, "rewrite owm and wardley blocks as mermaid wardley-beta blocks")
	files, st := parseFlags(e, fs, args)
	if st >= 0 {
		return st
	}
	if *format != "svg" && *format != "png" {
		return misuse(e, fs, "unknown -f %q: use svg or png", *format)
	}
	if len(files) == 0 {
		return misuse(e, fs, "no Markdown file; give FILE.md...")
	}
	if *check && *toMermaid {
		return misuse(e, fs, "--check and --to-mermaid do not go together: --check changes nothing")
	}
	status := exitOK
	for _, f := range files {
		st, err := markdownFile(e, f, *format, *check, *toMermaid)
		if err != nil {
			fmt.Fprintf(e.stderr, "mapwright markdown: %v\n", err)
			return exitFailure
		}
		status = max(status, st)
	}
	return status
}

// imageLink matches a picture link this command wrote.
var imageLink = regexp.MustCompile(`^!\[[^\]]*\]\(([^)]+)\)\s*$`)

// markdownFile draws the maps of one Markdown file and links them; with check it only reports.
func markdownFile(e *env, path, format string, check, toMermaid bool) (int, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return exitFailure, err
	}
	lines := strings.SplitAfter(string(src), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	eol := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		eol = "\r\n"
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	dir := stem + "-maps"
	status := exitOK
	var out []string
	next := 0 // the next line of lines to copy
	for n, f := range findFences(lines) {
		text := []byte(f.body)
		var m *mapdsl.Map
		var diags mapdsl.Diagnostics
		if f.lang == "mermaid" {
			m, diags = mermaid.Parse(path, text)
		} else {
			m, diags = mapdsl.Parse(path, text)
		}
		for _, d := range diags.Errors() {
			d.Range.Start.Line += f.open + 1 // the map's line 1 is the line after the fence
			fmt.Fprintln(e.stderr, d.Format(path))
			status = exitFailure
		}
		picture := fmt.Sprintf("%s/map-%d.%s", dir, n+1, format)
		scene := render.Layout(m, render.Options{})
		data, err := export.BytesContext(e.ctx, export.Format(format), []*render.Scene{scene}, export.Options{})
		if err != nil {
			return exitFailure, err
		}
		// The lines up to and including the block, the block rewritten as Mermaid if asked.
		out = append(out, lines[next:f.open]...)
		out = append(out, fenceLines(e, path, lines, f, eol, toMermaid, m, text, diags.HasErrors())...)
		next = f.close + 1
		// The link: a blank line, then the picture; an old link of ours is replaced.
		k := next
		if k < len(lines) && strings.TrimSpace(lines[k]) == "" {
			k++
		}
		if k < len(lines) {
			if lm := imageLink.FindStringSubmatch(strings.TrimRight(lines[k], "\r\n")); lm != nil && strings.HasPrefix(lm[1], dir+"/") {
				next = k + 1
			}
		}
		link := fmt.Sprintf("![%s](%s)", altText(m, n), picture)
		out = append(out, eol, link+eol)

		full := filepath.Join(filepath.Dir(path), filepath.FromSlash(picture))
		if check {
			if !pictureCurrent(e, path, f.open+1, picture, full, data) {
				status = exitFailure
			}
			continue
		}
		if err := atomicfile.Write(full, data, atomicfile.Options{MakeDirs: true}); err != nil {
			return exitFailure, err
		}
	}
	out = append(out, lines[next:]...)
	result := []byte(strings.Join(out, ""))
	if bytes.Equal(result, src) {
		return status, nil
	}
	if check {
		fmt.Fprintf(e.stdout, "%s: image links are missing or out of date; run mapwright markdown %s\n", path, path)
		return exitFailure, nil
	}
	return status, atomicfile.Write(path, result, atomicfile.Options{})
}

// fenceLines are the lines of a fenced block, from its opening fence to its closing one, ending
// with the file's line ending; with toMermaid an OWM map is rewritten as a Mermaid block (left
// as it is, with a message, when it has errors).
func fenceLines(e *env, path string, lines []string, f fence, eol string, toMermaid bool, m *mapdsl.Map, text []byte, hasErrors bool) []string {
	var out []string
	switch {
	case toMermaid && f.lang != "mermaid" && hasErrors:
		fmt.Fprintf(e.stderr, "%s:%d: the map has errors, so its block is left as it is\n", path, f.open+1)
		out = append(out, lines[f.open:f.close]...)
	case toMermaid && f.lang != "mermaid":
		diagram, warnings := mermaid.Write(m, text)
		for _, w := range warnings {
			fmt.Fprintf(e.stderr, "%s:%d: warning: %s\n", path, f.open+1+max(w.Line, 1), w.Message)
		}
		om := fenceOpen.FindStringSubmatch(lines[f.open])
		out = append(out, om[1]+om[2]+"mermaid"+eol)
		for _, l := range strings.SplitAfter(strings.TrimSuffix(string(diagram), "\n"), "\n") {
			out = append(out, strings.TrimSuffix(l, "\n")+eol)
		}
	default:
		out = append(out, lines[f.open:f.close]...)
	}
	closing := lines[f.close]
	if !strings.HasSuffix(closing, "\n") {
		closing += eol
	}
	return append(out, closing)
}

// pictureCurrent reports whether the picture file holds data; if not it says so, naming the
// block's line and the command that draws it again.
func pictureCurrent(e *env, path string, line int, picture, full string, data []byte) bool {
	old, err := os.ReadFile(full)
	switch {
	case err != nil:
		fmt.Fprintf(e.stdout, "%s:%d: the picture %s is missing; run mapwright markdown %s\n", path, line, picture, path)
		return false
	case !bytes.Equal(old, data):
		fmt.Fprintf(e.stdout, "%s:%d: the picture %s is out of date; run mapwright markdown %s\n", path, line, picture, path)
		return false
	}
	return true
}

// altText is a picture's alternative text: the map's title, else "Map n".
func altText(m *mapdsl.Map, n int) string {
	if m.TitleRange.Valid() && strings.TrimSpace(m.Title) != "" {
		return strings.NewReplacer("[", "(", "]", ")", "\n", " ").Replace(m.Title)
	}
	return fmt.Sprintf("Map %d", n+1)
}
