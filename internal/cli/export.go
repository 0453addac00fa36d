package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"mapwright/internal/atomicfile"
	"mapwright/internal/export"
	"mapwright/internal/modeljson"
	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
	"mapwright/render"
	"mapwright/render/pdf"
)

const exportHelp = `
usage: mapwright export [-f svg|pdf|png|json|mermaid] [-o OUT] [--style S] [--size WxH] [--scale N]
                        [--paper a4|letter|16:9|4:3] [--transparent] [--strict]
                        [--steps] [--title-page] [--deck-title T] FILE...

Draws each map. Without -o, map.owm becomes map.svg (or .pdf, .png, .json) beside it; "-" as
FILE reads standard input and then writes standard output, as does -o -. The format comes from
-f, else from the extension of -o, else SVG. Several FILEs with -o deck.pdf make one PDF with a
page per map (with -o out.json, a JSON array); without -o they are drawn as many at a time as
there are cores, each beside its map, and their messages come in the order of the files.

A map with errors is still drawn, as OWM draws it: each line that cannot be read is reported as
file:line:col and left out, everything else is drawn, and the exit status is 1 so that a CI job
still fails. With --strict a map with errors is reported and nothing is written (the last good
output stays).

-f mermaid writes the map as a Mermaid wardley-beta diagram (.mmd), which GitHub draws in
Markdown; what Mermaid cannot say (ecosystems, areas, urls, styles...) is written in the nearest
form Mermaid has or as a %% comment, with a warning on standard error. Maps in Mermaid's dialect
(.mmd, .mermaid, or a text starting with wardley-beta) are read by every command.

--steps draws the build-up of each map for a talk: a comment line "// step: Title" starts a
step (OWM ignores comments), and each step shows everything declared up to it, what it adds
highlighted, its title after the map's. A map without such lines builds up in a default order:
anchors, the value chain from the top down, links, evolution, notes and annotations. A PDF gets a
page per step (numbered); SVG and PNG get a numbered file per step: -o talk.png writes
talk-01.png, talk-02.png, ... (map.owm alone writes map-01.svg, ... beside it).
--title-page opens a PDF with a page holding the map's title, or --deck-title's (which implies
--title-page), and the titles of the maps of a deck of several.

-f json writes the parsed model (every element with its name, kind, coordinates, decorators,
links, evolutions, pipelines and source line) in a stable, versioned schema: the JSON Schema is
internal/modeljson/schema.json in Mapwright's sources, explained in docs/cli.md (export).

Examples:
  mapwright export map.owm                       # map.svg
  mapwright export -o maps.pdf --paper a4 *.owm
  mapwright export -o talk.pdf --paper 16:9 *.owm    # a slide per map
  mapwright export --steps --paper 16:9 --title-page -o talk.pdf a.owm b.owm
  mapwright export --steps -o build.png map.owm     # build-01.png, build-02.png, ...
  mapwright export -f png --scale 3 -o - map.owm > map.png
  cat map.owm | mapwright export -f json - | jq '.components[].name'
`

// isFormat reports whether name is an export format: a picture format, json (the model), or
// mermaid (the map as a wardley-beta diagram; .mmd and .mermaid name it).
func isFormat(name string) bool {
	_, picture := export.ParseFormat(name)
	return picture || name == "json" || name == "mermaid"
}

// exportOptions are the flags shared by export, watch and diff -o.
type exportOptions struct {
	format      string
	out         string
	warnings    io.Writer // where the Mermaid export says what it could not write
	style       string
	size        string
	scale       float64
	paper       string
	transparent bool
	strict      bool // write nothing for a map with errors
	// export only: --steps, --title-page, --deck-title
	steps     bool
	titlePage bool
	deckTitle string

	width, height float64 // parsed from size
	scaleSet      bool    // --scale was given
}

func addExportFlags(fs *flag.FlagSet, withFormat bool) *exportOptions {
	o := &exportOptions{}
	if withFormat {
		fs.StringVar(&o.format, "f", "", "output `format`: svg, pdf, png, json or mermaid (default: from -o's extension, else svg)")
	}
	fs.StringVar(&o.out, "o", "", "write to `OUT` (\"-\" for standard output)")
	fs.StringVar(&o.style, "style", "", "draw in `style` plain, wardley, colour, dark or handwritten (default: the map's own)")
	fs.StringVar(&o.size, "size", "", "size of the whole picture, title and margins included, `WxH` in pixels (a PNG at --scale 1, a PDF page at 0.75 pt a pixel; default: from the map's size, else 1000x700 for the drawing area)")
	fs.Func("scale", "PNG: pixels per unit (default 2, or 1 with --size); SVG and PDF: multiply the picture's size (default 1); from 0.05 to 100", func(v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", v)
		}
		o.scale, o.scaleSet = f, true
		return nil
	})
	fs.StringVar(&o.paper, "paper", "", "PDF paper: a4 or letter, or a 16:9 or 4:3 slide, optionally -landscape or -portrait (default: a page fitted to the map)")
	fs.BoolVar(&o.transparent, "transparent", false, "PNG: leave the background transparent")
	return o
}

// check validates the options that do not depend on the files.
func (o *exportOptions) check() error {
	if o.format != "" && !isFormat(o.format) {
		return fmt.Errorf("unknown format %q: use svg, pdf, png, json or mermaid", o.format)
	}
	if o.style != "" {
		// ParseStyle falls back to plain for unknown names; on a command line that is a mistake.
		if s := render.ParseStyle(o.style); s == render.StylePlain && !strings.EqualFold(o.style, "plain") {
			return fmt.Errorf("unknown style %q: use plain, wardley, colour, dark or handwritten", o.style)
		}
	}
	if o.size != "" {
		w, h, ok := strings.Cut(strings.ToLower(o.size), "x")
		wv, err1 := strconv.ParseFloat(w, 64)
		hv, err2 := strconv.ParseFloat(h, 64)
		if !ok || err1 != nil || err2 != nil {
			return fmt.Errorf("bad --size %q: want WxH in pixels, e.g. 1200x800", o.size)
		}
		mg := render.DefaultMargins
		minW, minH := render.MinSize+mg.Left+mg.Right, render.MinSize+mg.Top+mg.Bottom
		maxW, maxH := render.MaxSize+mg.Left+mg.Right, render.MaxSize+mg.Top+mg.Bottom
		if !(wv >= minW && wv <= maxW) || !(hv >= minH && hv <= maxH) {
			return fmt.Errorf("bad --size %q: the picture must be from %gx%g to %gx%g pixels (use --scale for a bigger PNG)", o.size, minW, minH, maxW, maxH)
		}
		o.width, o.height = wv, hv
	}
	if o.scaleSet && !(o.scale >= minScale && o.scale <= maxScale) {
		return fmt.Errorf("bad --scale %v: use a number from %g to %g (1 is the natural size; a PNG is drawn at 2 unless told)", o.scale, minScale, maxScale)
	}
	if _, err := o.pdfOptions(); err != nil {
		return err
	}
	return nil
}

// The range of --scale: below it a picture is a few pixels, above it a PNG is out of reach.
const (
	minScale = 0.05
	maxScale = 100.0
)

// pdfOptions turns --paper into the PDF encoder's options.
func (o *exportOptions) pdfOptions() (pdf.Options, error) {
	var po pdf.Options
	if o.paper == "" {
		return po, nil
	}
	paper, orient, _ := strings.Cut(strings.ToLower(o.paper), "-")
	switch paper {
	case "a4", "letter", "16:9", "4:3":
	default:
		return po, fmt.Errorf("unknown --paper %q: use a4 or letter, or 16:9 or 4:3 for slides, optionally with -landscape or -portrait", o.paper)
	}
	po.Paper = paper
	switch orient {
	case "":
	case "landscape":
		po.Landscape = true
	case "portrait":
		po.Portrait = true
	default:
		return po, fmt.Errorf("unknown orientation in --paper %q: use -landscape or -portrait", o.paper)
	}
	return po, nil
}

// formatFor decides the output format: -f, else the extension of the output, else svg.
func (o *exportOptions) formatFor(out string) (string, error) {
	if o.format != "" {
		return o.format, nil
	}
	if out == "" || out == "-" {
		return "svg", nil
	}
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(out), "."))
	if ext == "mmd" {
		ext = "mermaid"
	}
	if isFormat(ext) {
		return ext, nil
	}
	return "", fmt.Errorf("cannot tell the format from %q: name it .svg, .pdf, .png, .json or .mmd, or use -f", out)
}

// layoutOptions are the render options for a format.
func (o *exportOptions) layoutOptions(format string) render.Options {
	opts := render.Options{Width: o.width, Height: o.height}
	if o.style != "" {
		opts.Style = render.ParseStyle(o.style)
	}
	if format != "png" && o.scale > 0 {
		opts.Scale = o.scale
	}
	return opts
}

// layout draws a map for format. With --size the whole picture (title and margins included)
// gets that size: the drawing area is what the margins leave, and a picture that grew to show
// content past the area is scaled down to fit.
func (o *exportOptions) layout(ctx context.Context, m *mapdsl.Map, format string) (*render.Scene, error) {
	s, _, err := o.layoutWith(ctx, m, format)
	return s, err
}

// layoutWith is layout that also returns the render options it drew with in the end, which
// draw the map's build-up steps at the same scale.
func (o *exportOptions) layoutWith(ctx context.Context, m *mapdsl.Map, format string) (*render.Scene, render.Options, error) {
	opts := o.layoutOptions(format)
	if o.width == 0 {
		s, err := render.LayoutContext(ctx, m, opts)
		return s, opts, err
	}
	k := 1.0 // the user's --scale for SVG and PDF
	if opts.Scale > 0 {
		k = opts.Scale
	}
	mg := render.DefaultMargins
	opts.Width, opts.Height, opts.Scale = o.width-mg.Left-mg.Right, o.height-mg.Top-mg.Bottom, k
	s, err := render.LayoutContext(ctx, m, opts)
	if err != nil {
		return nil, opts, err
	}
	if f := min(o.width*k/s.Width, o.height*k/s.Height); f < 1 {
		opts.Scale = k * f
		if s, err = render.LayoutContext(ctx, m, opts); err != nil {
			return nil, opts, err
		}
	}
	s.Width, s.Height = max(s.Width, o.width*k), max(s.Height, o.height*k)
	return s, opts, nil
}

// pngScale is the raster scale: --scale, else 1 with --size (its pixels are the PNG's), else
// the encoder's default.
func (o *exportOptions) pngScale() float64 {
	if o.scale == 0 && o.width > 0 {
		return 1
	}
	return o.scale
}

// encodeScenes writes scenes in a graphic format: one scene for SVG and PNG, any number for PDF.
func (o *exportOptions) encodeScenes(ctx context.Context, format string, scenes []*render.Scene) ([]byte, error) {
	var po pdf.Options
	if format == "pdf" {
		var err error
		if po, err = o.pdfOptions(); err != nil {
			return nil, err
		}
	}
	// A deck of slides, of steps or with a title page numbers its pages.
	po.PageNumbers = o.steps || o.titlePage || po.Paper == "16:9" || po.Paper == "4:3"
	return export.BytesContext(ctx, export.Format(format), scenes, export.Options{PDF: po, Scale: o.pngScale(), Transparent: o.transparent})
}

// parsed is a map read from an input.
type parsed struct {
	in    *input
	m     *mapdsl.Map
	diags mapdsl.Diagnostics
}

// render produces the output bytes for maps in format.
func (o *exportOptions) render(ctx context.Context, format string, maps []parsed) ([]byte, error) {
	if format == "mermaid" {
		var buf bytes.Buffer
		for _, p := range maps {
			out, warnings := mermaid.Write(p.m, p.in.src)
			for _, w := range warnings {
				if o.warnings == nil {
					break
				}
				fmt.Fprintf(o.warnings, "%s:%d: warning: %s\n", p.in.name, max(w.Line, 1), w.Message)
			}
			buf.Write(out)
		}
		return buf.Bytes(), nil
	}
	if format == "json" {
		var docs []*modeljson.Document
		for _, p := range maps {
			name := p.in.name
			if p.in.stdin {
				name = ""
			}
			docs = append(docs, modeljson.FromMap(p.m, name))
		}
		var buf bytes.Buffer
		err := modeljson.Encode(&buf, docs...)
		return buf.Bytes(), err
	}
	scenes, err := o.scenes(ctx, format, maps)
	if err != nil {
		return nil, err
	}
	return o.encodeScenes(ctx, format, scenes)
}

// job is one output made from one or more inputs.
type job struct {
	args   []string // the inputs as given
	out    string   // path, or "-" for standard output
	format string
}

// plan turns the command line into jobs.
func (o *exportOptions) plan(files []string) ([]job, error) {
	jobs, err := o.jobs(files)
	if err != nil {
		return nil, err
	}
	for _, j := range jobs {
		if err := o.checkSteps(j); err != nil {
			return nil, err
		}
		if o.paper != "" && j.format != "pdf" {
			return nil, fmt.Errorf("--paper applies to PDF only, and %s is %s", j.out, strings.ToUpper(j.format))
		}
		if o.transparent && j.format != "png" {
			return nil, fmt.Errorf("--transparent applies to PNG only, and %s is %s", j.out, strings.ToUpper(j.format))
		}
	}
	return jobs, nil
}

func (o *exportOptions) jobs(files []string) ([]job, error) {
	if o.out != "" {
		format, err := o.formatFor(o.out)
		if err != nil {
			return nil, err
		}
		if len(files) > 1 && format != "pdf" && format != "json" {
			return nil, fmt.Errorf("%d files cannot go into one %s; use -o deck.pdf for one PDF, or leave out -o to write each beside its map", len(files), format)
		}
		return []job{{args: files, out: o.out, format: format}}, nil
	}
	format, _ := o.formatFor("")
	var jobs []job
	for _, f := range files {
		if f == "-" {
			jobs = append(jobs, job{args: []string{f}, out: "-", format: format})
			continue
		}
		if _, err := os.Stat(f); err != nil {
			if _, _, isRev := gitRevision(f); isRev {
				return nil, fmt.Errorf("%s: give -o to say where the drawing of a git revision goes", f)
			}
		}
		out := strings.TrimSuffix(f, filepath.Ext(f)) + "." + format
		jobs = append(jobs, job{args: []string{f}, out: out, format: format})
	}
	return jobs, nil
}

// errMapErrors marks a job whose maps have errors (already reported). Without --strict the
// output was still written with the lines that could be read; with it nothing was written.
var errMapErrors = errors.New("the map has errors")

// runJob reads, parses and renders one job and writes its output. Diagnostics of errors are
// printed and the map is drawn without the lines in error (a partial map, as the editor shows
// it); in strict mode nothing is written, so the last good output stays.
func (o *exportOptions) runJob(e *env, r *reader, j job) error {
	var maps []parsed
	bad := false
	for _, a := range j.args {
		in, err := r.read(a)
		if err != nil {
			return err
		}
		if in.path != "" && j.out != "-" && sameFile(in.path, j.out) {
			return fmt.Errorf("%s: refusing to overwrite the map with its own export", j.out)
		}
		m, diags, err := in.parse(e.ctx)
		if err != nil {
			return err
		}
		if diags.HasErrors() {
			printDiagnostics(e.stderr, in.name, diags, mapdsl.SeverityError)
			bad = true
			if o.strict {
				continue
			}
		}
		maps = append(maps, parsed{in: in, m: m, diags: diags})
	}
	if bad && o.strict {
		return errMapErrors
	}
	o.warnings = e.stderr
	if o.steps && j.format != "pdf" {
		if err := o.writeStepFiles(e.ctx, j, maps); err != nil {
			return err
		}
		if bad {
			return errMapErrors
		}
		return nil
	}
	data, err := o.render(e.ctx, j.format, maps)
	if err != nil {
		return err
	}
	err = writeOutput(e, j.out, data)
	if err == nil && bad {
		err = errMapErrors
	}
	return err
}

// writeOutput writes a finished output: to standard output for "-", else atomically to the
// file, making its folders.
func writeOutput(e *env, out string, data []byte) error {
	if out == "-" {
		_, err := e.stdout.Write(data)
		return err
	}
	return atomicfile.Write(out, data, atomicfile.Options{MakeDirs: true})
}

// sameFile reports whether two paths name the same existing file.
func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

func runExport(e *env, args []string) int {
	fs := newFlags("export", exportHelp)
	o := addExportFlags(fs, true)
	fs.BoolVar(&o.strict, "strict", false, "write nothing for a map with errors (default: draw the lines that can be read, report the rest, exit 1)")
	fs.BoolVar(&o.steps, "steps", false, "draw each map's build-up: a PDF page or a numbered SVG/PNG file per step (\"// step: Title\" comments, else a default order)")
	fs.BoolVar(&o.titlePage, "title-page", false, "PDF: open with a title page (the map's title, or --deck-title)")
	fs.StringVar(&o.deckTitle, "deck-title", "", "PDF: the `title` of the title page (implies --title-page)")
	files, st := parseFlags(e, fs, args)
	if st >= 0 {
		return st
	}
	if len(files) == 0 {
		return misuse(e, fs, "no map to export; give a FILE or - for standard input")
	}
	if err := o.check(); err != nil {
		return misuse(e, fs, "%v", err)
	}
	jobs, err := o.plan(files)
	if err != nil {
		return misuse(e, fs, "%v", err)
	}
	return o.runJobs(e, &reader{e: e}, jobs)
}

// runJobs runs the jobs and returns the exit status. Exporting several maps, each to a file of
// its own (`mapwright export -f png maps/*.owm`, a CI job drawing every map), runs as many jobs
// at a time as there are cores: most of a picture's time is spent on one core (a PNG's
// compression), so one job at a time left the others idle. What each job says on standard
// error is held and printed in the order of the files, as when they ran one after the other.
// Jobs that read standard input or write standard output, and jobs two of which would write
// the same file, run one after the other, as given.
func (o *exportOptions) runJobs(e *env, r *reader, jobs []job) int {
	status := exitOK
	report := func(err error) {
		if err != nil {
			if !errors.Is(err, errMapErrors) {
				fmt.Fprintf(e.stderr, "mapwright export: %v\n", err)
			}
			status = exitFailure
		}
	}
	workers := 1
	if runTogether(jobs) {
		workers = min(len(jobs), runtime.GOMAXPROCS(0))
	}
	if workers == 1 {
		for _, j := range jobs {
			if e.ctx.Err() != nil {
				break // Run reports the signal
			}
			if err := o.runJob(e, r, j); e.ctx.Err() == nil {
				report(err)
			}
		}
		return status
	}
	type result struct {
		stderr bytes.Buffer
		err    error
		done   chan struct{}
	}
	results := make([]result, len(jobs))
	for i := range results {
		results[i].done = make(chan struct{})
	}
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				res := &results[i]
				if res.err = e.ctx.Err(); res.err == nil {
					je, jo := *e, *o // each job says what it has to say in its own words
					je.stderr = &res.stderr
					res.err = jo.runJob(&je, r, jobs[i])
				}
				close(res.done)
			}
		}()
	}
	for i := range results {
		res := &results[i]
		<-res.done // every job ends, at once when stopped: none is left writing its file
		if e.ctx.Err() == nil {
			e.stderr.Write(res.stderr.Bytes())
			report(res.err)
		}
	}
	return status
}

// runTogether reports whether jobs may run at the same time: none reads standard input or
// writes standard output, and no two write the same file.
func runTogether(jobs []job) bool {
	outs := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		out := filepath.Clean(j.out)
		if j.out == "-" || slices.Contains(j.args, "-") || outs[out] {
			return false
		}
		outs[out] = true
	}
	return true
}
