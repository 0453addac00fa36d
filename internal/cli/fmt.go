package cli

import (
	"bytes"
	"context"
	"fmt"

	"github.com/rogpeppe/go-internal/diff"

	"mapwright/internal/atomicfile"
	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
)

const fmtHelp = `
usage: mapwright fmt [-l] [-w [--force]] [-d] [FILE|DIR...]
       mapwright fmt -l|-d --staged [FILE|DIR...]

Rewrites maps in the canonical layout (spacing, brackets, blank lines), keeping comments,
statement order, the spelling of numbers, and the file's line breaks (LF, or CR LF when its first
line ends so) and byte-order mark, as the editor's save does; formatting twice changes nothing, and the
map means the same before and after. With no flags the formatted text goes to standard output.
With no FILE, or with "-", standard input is formatted. A directory stands for the .owm and .wm
files below it. A map with errors is reported and never rewritten (exit status 1), nor is a Mermaid
diagram holding what Mermaid cannot say (an area or url Mapwright reads), which fmt would turn
into comments.

Examples:
  mapwright fmt -l .            # list maps that are not formatted (for CI)
  mapwright fmt -w maps/        # format them in place
  mapwright fmt -d map.owm      # show what would change
`

func runFmt(e *env, args []string) int {
	fs := newFlags("fmt", fmtHelp)
	list := fs.Bool("l", false, "list files whose formatting differs from mapwright's")
	write := fs.Bool("w", false, "write the result to the file instead of standard output (atomically, keeping its mode)")
	showDiff := fs.Bool("d", false, "print a unified diff of the changes instead of the formatted text")
	force := fs.Bool("force", false, "with -w: rewrite read-only files too (they stay read-only); without it they are refused, as gofmt does")
	staged := fs.Bool("staged", false, "with -l or -d: look at the maps staged for the next commit (their staged text); FILEs and DIRs limit which")
	files, st := parseFlags(e, fs, args)
	if st >= 0 {
		return st
	}
	if *staged && (*write || !*list && !*showDiff) {
		return misuse(e, fs, "--staged goes with -l or -d (the staged text is not a file to write)")
	}
	var err error
	if *staged {
		files, err = stagedMaps(e, files)
	} else {
		if len(files) == 0 {
			files = []string{"-"}
		}
		files, err = expandArgs(files)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "mapwright fmt: %v\n", err)
		return exitFailure
	}
	r := &reader{e: e, staged: *staged}
	status := exitOK
	for _, f := range files {
		in, err := r.read(f)
		if err != nil {
			fmt.Fprintf(e.stderr, "mapwright fmt: %v\n", err)
			status = exitFailure
			continue
		}
		if in.path == "" && !in.stdin && *write {
			fmt.Fprintf(e.stderr, "mapwright fmt: %s: a git revision cannot be written\n", in.name)
			status = exitFailure
			continue
		}
		src, out, diags, err := formatInput(e.ctx, in)
		if err != nil {
			return exitFailure // cancelled: Run reports the signal
		}
		if diags.HasErrors() {
			printDiagnostics(e.stderr, in.name, diags, mapdsl.SeverityError)
			status = exitFailure
			continue
		}
		changed := !bytes.Equal(src, out)
		if *list && changed {
			fmt.Fprintln(e.stdout, in.name)
		}
		if *showDiff && changed {
			e.stdout.Write(diff.Diff(in.name+".orig", src, in.name, out))
		}
		if *write && changed {
			if in.stdin {
				fmt.Fprintln(e.stderr, "mapwright fmt: cannot write standard input back; use -w with files")
				return exitUsage
			}
			if err := atomicfile.Write(in.path, out, atomicfile.Options{AllowReadOnly: *force}); err != nil {
				fmt.Fprintf(e.stderr, "mapwright fmt: %v\n", err)
				status = exitFailure
			}
		}
		if !*list && !*write && !*showDiff {
			e.stdout.Write(out)
		}
	}
	return status
}

// formatInput returns a map's text as read and in its canonical layout: mapwright fmt's for OWM
// text; for a Mermaid diagram, the map written again in Mermaid's syntax (mermaid.Write), its
// comments kept at their places.
func formatInput(ctx context.Context, in *input) (src, out []byte, diags mapdsl.Diagnostics, err error) {
	if !in.mermaid {
		out, diags, err = mapdsl.FormatContext(ctx, in.src)
		if out != nil {
			// The file's byte-order mark and CR LF line breaks stay, as the editor keeps them.
			out = mapdsl.KeepConventions(in.src, out)
		}
		return in.src, out, diags, err
	}
	m, diags, err := in.parse(ctx)
	if err != nil || diags.HasErrors() {
		return in.raw, nil, diags, err
	}
	out, unsaid := mermaid.Format(m, in.raw)
	if len(unsaid) > 0 {
		return in.raw, nil, append(diags, unsaid...), nil
	}
	return in.raw, mapdsl.KeepConventions(in.raw, out), diags, nil
}
