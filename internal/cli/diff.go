package cli

import (
	"fmt"
	"io"
	"os"

	"mapwright/internal/mapdiff"
	"mapwright/mapdsl"
	"mapwright/render"
)

const diffHelp = `
usage: mapwright diff [--format text|markdown|json] [--color auto|always|never]
                      [-o overlay.svg|.pdf|.png] [--exit-code] OLD NEW
       mapwright diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH INFO]
                                                                  (as a git diff driver)

Compares two versions of a map by meaning: components and anchors added, removed, renamed or
moved (with the change in evolution and visibility, and the stages crossed), evolve targets,
links, decorators, inertia, pipelines, notes and annotations. OLD and NEW are files, "-" for
standard input, or REV:path to read a git revision (HEAD:map.owm, main:./map.owm; a path is
relative to the repository root unless it starts with ./). The text report uses diff marks
(+ added, - removed, ~ changed), so it can be pasted into a pull request; --format markdown
writes it ready to paste.

-o draws the NEW map with the old positions ghosted and arrows for each move, additions ringed
in green and removals crossed in red (also accepts --style, --size, --scale, --paper).

A side that does not exist (/dev/null, as git passes for a new or deleted file) is reported as
a new or deleted file. A side with errors is reported (file:line:col: error: ...) and what could
be read of it is still compared.

Exit status, as diff(1): 0 when the maps mean the same, 1 when they differ, 2 for trouble (a
side that cannot be read or has errors, a bad command line, an overlay that cannot be written).
As a git diff driver (7 or 9 arguments) a difference exits 0, because git stops at a driver that
exits otherwise (unless diff.<driver>.trustExitCode is set); errors in a map are reported and
also exit 0 there, and only an unreadable file exits 2.

Use with git:
  # as a difftool:  git difftool -t mapwright HEAD~1 -- map.owm
  git config difftool.mapwright.cmd 'mapwright diff "$LOCAL" "$REMOTE"'
  # as the diff driver of .owm files, so git diff (and git log -p --ext-diff) show them:
  git config diff.mapwright.command 'mapwright diff'
  echo '*.owm diff=mapwright' >> .gitattributes
  # compare with a revision directly:
  mapwright diff HEAD~3:maps/tea.owm maps/tea.owm
`

func runDiff(e *env, args []string) int {
	fs := newFlags("diff", diffHelp)
	format := fs.String("format", "text", "report `format`: text, markdown or json")
	fs.Bool("exit-code", true, "exit with status 1 when the maps differ (always on, kept for scripts that pass it)")
	colour := fs.String("color", "auto", "colour the text report: auto (when writing to a terminal and NO_COLOR is unset), always or never")
	o := addExportFlags(fs, false)
	files, st := parseFlags(e, fs, args)
	if st >= 0 {
		return st
	}
	switch *format {
	case "text", "markdown", "json":
	default:
		return misuse(e, fs, "unknown --format %q: use text, markdown or json", *format)
	}
	useColour, ok := colourWanted(*colour, e.stdout)
	if !ok {
		return misuse(e, fs, "unknown --color %q: use auto, always or never", *colour)
	}
	sides, ok := diffSidesOf(files)
	if !ok {
		if len(files) == 1 && os.Getenv("GIT_DIFF_PATH_TOTAL") != "" {
			// git runs a diff driver with just the path for an unmerged file: nothing to compare yet.
			fmt.Fprintf(e.stdout, "%s: unmerged\n", files[0])
			return exitOK
		}
		return misuse(e, fs, "want OLD and NEW (or the 7 arguments git gives a diff driver), got %d arguments", len(files))
	}
	if err := o.check(); err != nil {
		return misuse(e, fs, "%v", err)
	}
	overlayFormat := ""
	if o.out != "" {
		f, err := o.formatFor(o.out)
		if err != nil || f == "json" {
			return misuse(e, fs, "-o %s: the overlay is drawn as .svg, .pdf or .png", o.out)
		}
		overlayFormat = f
	}

	r := &reader{e: e}
	oldMap, ok1, clean1 := loadForDiff(e, r, sides.old, sides.oldLabel)
	newMap, ok2, clean2 := loadForDiff(e, r, sides.new, sides.newLabel)
	if !ok1 || !ok2 {
		return exitTrouble
	}
	res, err := mapdiff.CompareContext(e.ctx, oldMap, newMap, sides.oldLabel, sides.newLabel)
	if err != nil {
		return exitTrouble // cancelled: Run reports the signal
	}
	if err := writeDiffReport(e.stdout, res, *format, useColour); err != nil {
		fmt.Fprintf(e.stderr, "mapwright diff: %v\n", err)
		return exitTrouble
	}
	if overlayFormat != "" {
		if err := writeDiffOverlay(e, o, overlayFormat, newMap, sides.newLabel, res); err != nil {
			if e.ctx.Err() == nil {
				fmt.Fprintf(e.stderr, "mapwright diff: %v\n", err)
			}
			return exitTrouble
		}
	}
	switch {
	case sides.driver:
		return exitOK
	case !clean1 || !clean2:
		return exitTrouble
	case !res.Empty():
		return exitFailure
	}
	return exitOK
}

// colourWanted reads --color: auto colours a report written to a terminal unless NO_COLOR is
// set. It reports false for a value it does not know.
func colourWanted(value string, w io.Writer) (colour, ok bool) {
	switch value {
	case "auto":
		return isTerminal(w) && os.Getenv("NO_COLOR") == "", true
	case "always":
		return true, true
	case "never":
		return false, true
	}
	return false, false
}

// diffSides names the two maps diff compares: the files it reads and the labels its report
// gives them.
type diffSides struct {
	old, new           string // files read
	oldLabel, newLabel string // names in the report
	driver             bool   // run by git as a diff driver (exit 0 when the maps differ)
}

// diffSidesOf reads diff's arguments: OLD and NEW, or the 7 (9 for a rename) arguments git
// gives a diff driver: path old-file old-hex old-mode new-file new-hex new-mode [new-path
// rename-info]. It reports false for any other count.
func diffSidesOf(files []string) (diffSides, bool) {
	switch len(files) {
	case 2:
		return diffSides{old: files[0], new: files[1], oldLabel: files[0], newLabel: files[1]}, true
	case 7, 9:
		s := diffSides{old: files[1], new: files[4], oldLabel: "a/" + files[0], newLabel: "b/" + files[0], driver: true}
		if len(files) == 9 {
			s.newLabel = "b/" + files[7]
		}
		return s, true
	}
	return diffSides{}, false
}

// writeDiffReport writes the comparison in the chosen report format.
func writeDiffReport(w io.Writer, res *mapdiff.Result, format string, colour bool) error {
	switch {
	case format == "markdown":
		return res.WriteMarkdown(w)
	case format == "json":
		return res.WriteJSON(w)
	case colour:
		return res.WriteColour(w)
	}
	return res.WriteText(w)
}

// writeDiffOverlay draws the new map with the differences over it and writes it to -o.
func writeDiffOverlay(e *env, o *exportOptions, format string, newMap *mapdsl.Map, newLabel string, res *mapdiff.Result) error {
	drawn := newMap
	if drawn == nil { // a deleted file: draw the removals over an empty map
		drawn, _ = mapdsl.Parse(newLabel, nil)
	}
	scene, err := o.layout(e.ctx, drawn, format)
	if err != nil {
		return err
	}
	mapdiff.Overlay(scene, res, scene.Scale)
	data, err := o.encodeScenes(e.ctx, format, []*render.Scene{scene})
	if err != nil {
		return err
	}
	return writeOutput(e, o.out, data)
}

// loadForDiff reads and parses one side. /dev/null (git's name for a side that does not exist)
// gives a nil map, which Compare reports as a new or deleted file. Errors in a map are reported
// but do not stop the diff: what could be read is compared, as it would be drawn. ok is false
// when the side could not be read at all, clean when it has no errors.
func loadForDiff(e *env, r *reader, arg, label string) (m *mapdsl.Map, ok, clean bool) {
	if arg == "/dev/null" || arg == "nul" {
		return nil, true, true
	}
	in, err := r.read(arg)
	if err != nil {
		fmt.Fprintf(e.stderr, "mapwright diff: %v\n", err)
		return nil, false, false
	}
	in.name = label
	m, diags, err := in.parse(e.ctx)
	if err != nil {
		return nil, false, false // cancelled: Run reports the signal
	}
	printDiagnostics(e.stderr, label, diags, mapdsl.SeverityError)
	return m, true, !diags.HasErrors()
}

// isTerminal reports whether w is a character device (a terminal), not a file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
