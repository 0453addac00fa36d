package cli

import (
	"fmt"
	"io"
	"os"

	"mapwright/internal/atomicfile"
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
	useColour := false
	switch *colour {
	case "auto":
		useColour = isTerminal(e.stdout) && os.Getenv("NO_COLOR") == ""
	case "always":
		useColour = true
	case "never":
	default:
		return misuse(e, fs, "unknown --color %q: use auto, always or never", *colour)
	}
	var oldArg, newArg, oldLabel, newLabel string
	driver := false
	switch len(files) {
	case 2:
		oldArg, newArg = files[0], files[1]
		oldLabel, newLabel = oldArg, newArg
	case 7, 9: // git diff driver: path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]
		oldArg, newArg = files[1], files[4]
		oldLabel, newLabel = "a/"+files[0], "b/"+files[0]
		driver = true
		if len(files) == 9 {
			newLabel = "b/" + files[7]
		}
	default:
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
	oldMap, ok1, clean1 := loadForDiff(e, r, oldArg, oldLabel)
	newMap, ok2, clean2 := loadForDiff(e, r, newArg, newLabel)
	if !ok1 || !ok2 {
		return exitTrouble
	}
	res, err := mapdiff.CompareContext(e.ctx, oldMap, newMap, oldLabel, newLabel)
	if err != nil {
		return exitTrouble // cancelled: Run reports the signal
	}
	switch *format {
	case "text":
		if useColour {
			err = res.WriteColour(e.stdout)
		} else {
			err = res.WriteText(e.stdout)
		}
	case "markdown":
		err = res.WriteMarkdown(e.stdout)
	case "json":
		err = res.WriteJSON(e.stdout)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "mapwright diff: %v\n", err)
		return exitTrouble
	}
	if overlayFormat != "" {
		drawn := newMap
		if drawn == nil { // a deleted file: draw the removals over an empty map
			drawn, _ = mapdsl.Parse(newLabel, nil)
		}
		scene, err := o.layout(e.ctx, drawn, overlayFormat)
		var data []byte
		if err == nil {
			mapdiff.Overlay(scene, res, scene.Scale)
			data, err = o.encodeScenes(e.ctx, overlayFormat, []*render.Scene{scene})
		}
		if err == nil {
			if o.out == "-" {
				_, err = e.stdout.Write(data)
			} else {
				err = atomicfile.Write(o.out, data, atomicfile.Options{MakeDirs: true})
			}
		}
		if err != nil {
			if e.ctx.Err() == nil {
				fmt.Fprintf(e.stderr, "mapwright diff: %v\n", err)
			}
			return exitTrouble
		}
	}
	switch {
	case driver:
		return exitOK
	case !clean1 || !clean2:
		return exitTrouble
	case !res.Empty():
		return exitFailure
	}
	return exitOK
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
