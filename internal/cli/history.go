package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"mapwright/internal/export"
	"mapwright/internal/history"
	"mapwright/render"
)

const historyHelp = `
usage: mapwright history [--since DATE] [--until DATE] [--max N] [-o OUT] [-f svg|pdf|png|json]
                         [--style S] FILE

Draws the newest version of a map with each component's past positions as a trail: dots joined
by a line, the oldest faintest, read from the file's git history (renames of the file followed,
renamed components followed as "mapwright diff" pairs them). In SVG each dot names its commit and
date when the pointer rests on it. Uncommitted changes are the last point. Without -o the picture
goes beside the map as FILE.history.svg (or .pdf, .png); -f json prints each component with its
list of commit, date, visibility and maturity.

--since and --until take dates as git does ("2026-01-01", "3 months ago"); --max keeps the newest
N commits.

Examples:
  mapwright history maps/tea.owm                 # maps/tea.history.svg
  mapwright history --since "1 year ago" -o trail.png maps/tea.owm
  mapwright history -f json maps/tea.owm | jq '.components[] | select(.points | length > 1)'
`

func runHistory(e *env, args []string) int {
	fs := newFlags("history", historyHelp)
	var o history.Options
	fs.StringVar(&o.Since, "since", "", "only commits after `DATE`")
	fs.StringVar(&o.Until, "until", "", "only commits before `DATE`")
	fs.IntVar(&o.Max, "max", 0, "at most the newest `N` commits (0: all)")
	out := fs.String("o", "", "write to `OUT` (\"-\" for standard output)")
	format := fs.String("f", "", "`format`: svg, pdf, png or json (default: from -o's extension, else svg)")
	style := fs.String("style", "", "draw in `style` plain, wardley, colour, dark or handwritten (default: the map's own)")
	files, st := parseFlags(e, fs, args)
	if st >= 0 {
		return st
	}
	if len(files) != 1 {
		return misuse(e, fs, "give one map FILE")
	}
	if o.Max < 0 {
		return misuse(e, fs, "--max %d: give a number of commits, 0 for all", o.Max)
	}
	f := historyFormat(*format, *out)
	if _, ok := export.ParseFormat(f); !ok && f != "json" {
		return misuse(e, fs, "unknown format %q: use svg, pdf, png or json", f)
	}
	file := files[0]
	versions, err := history.Load(e.ctx, file, o)
	if err != nil {
		if errors.Is(err, history.ErrNotRepository) {
			fmt.Fprintf(e.stderr, "mapwright history: %v; history reads the commits of a file kept in git\n", err)
		} else {
			fmt.Fprintf(e.stderr, "mapwright history: %v\n", err)
		}
		return exitFailure
	}
	if len(versions) == 0 {
		fmt.Fprintf(e.stderr, "mapwright history: %s has no versions in git and no working copy\n", file)
		return exitFailure
	}
	commits := 0
	for _, v := range versions {
		if v.Commit != "" {
			commits++
		}
	}
	if commits == 0 {
		fmt.Fprintf(e.stderr, "mapwright history: %s has no commits yet: the trails show only where things are now\n", file)
	}
	data, err := historyBytes(e.ctx, file, f, *style, versions)
	if err == nil {
		err = writeOutput(e, historyOutput(file, f, *out), data)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "mapwright history: %v\n", err)
		return exitFailure
	}
	return exitOK
}

// historyFormat decides the output format: -f, else the extension of -o, else svg.
func historyFormat(format, out string) string {
	switch {
	case format != "":
		return format
	case out != "" && out != "-":
		return strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
	}
	return "svg"
}

// historyOutput names the output: -o, else standard output for JSON and NAME.history.FORMAT
// beside the map for a picture.
func historyOutput(file, format, out string) string {
	switch {
	case out != "":
		return out
	case format == "json":
		return "-"
	}
	return strings.TrimSuffix(file, filepath.Ext(file)) + ".history." + format
}

// historyBytes draws the newest version with every component's trail over it, or lists the
// trails as JSON.
func historyBytes(ctx context.Context, file, format, style string, versions []history.Version) ([]byte, error) {
	trails := history.Trails(versions)
	if format == "json" {
		doc := struct {
			File       string          `json:"file"`
			Versions   int             `json:"versions"`
			Components []history.Trail `json:"components"`
		}{file, len(versions), trails}
		data, err := json.MarshalIndent(doc, "", "  ")
		return append(data, '\n'), err
	}
	opts := render.Options{}
	if style != "" {
		opts.Style = render.ParseStyle(style)
	}
	s, err := render.LayoutContext(ctx, versions[len(versions)-1].Map, opts)
	if err != nil {
		return nil, err
	}
	history.Draw(s, trails, versions)
	return export.BytesContext(ctx, export.Format(format), []*render.Scene{s}, export.Options{})
}
