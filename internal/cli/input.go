package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
)

// stdinName is how diagnostics name standard input.
const stdinName = "<stdin>"

// input is one map text and the name to report it under.
type input struct {
	name  string // as given on the command line; stdinName for "-"
	path  string // the file on disk, "" for stdin and git revisions
	src   []byte // OWM text: a Mermaid diagram is translated line for line (mermaid.ToOWM)
	stdin bool
	// raw is the text as read when it is a Mermaid wardley-beta diagram (mermaid is then true).
	raw     []byte
	mermaid bool
}

// dialect notices a Mermaid diagram and keeps the OWM translation in src.
func (in *input) dialect() *input {
	if mermaid.IsMermaid(in.name, in.src) {
		in.raw, in.src, in.mermaid = in.src, mermaid.ToOWM(in.src), true
	}
	return in
}

// parse reads the map, cancelled by ctx; a Mermaid diagram's diagnostics point at its own lines.
func (in *input) parse(ctx context.Context) (*mapdsl.Map, mapdsl.Diagnostics, error) {
	if in.mermaid {
		return mermaid.ParseTranslation(ctx, in.name, in.src)
	}
	return mapdsl.ParseContext(ctx, in.name, in.src)
}

// reader reads the inputs of one command; it lets standard input be read only once.
type reader struct {
	e         *env
	stdinUsed bool
	staged    bool // arguments are paths of the git index (from stagedMaps), read as staged
}

// read loads one argument: "-" is standard input, an existing file is read, and REV:path
// (HEAD:map.owm, main~2:./maps/x.owm) is read from git with `git show`.
func (r *reader) read(arg string) (*input, error) {
	if r.staged {
		src, err := gitShow(r.e, "", arg)
		if err != nil {
			return nil, err
		}
		return &input{name: arg, src: src}, nil
	}
	if arg == "-" {
		if r.stdinUsed {
			return nil, errors.New("standard input (-) can be read only once")
		}
		r.stdinUsed = true
		src, err := readLimited(r.e.stdin)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %v", err)
		}
		return (&input{name: stdinName, src: src, stdin: true}).dialect(), nil
	}
	src, err := readFile(arg)
	if err == nil {
		return (&input{name: arg, path: arg, src: src}).dialect(), nil
	}
	if rev, path, ok := gitRevision(arg); ok && errors.Is(err, fs.ErrNotExist) {
		src, gerr := gitShow(r.e, rev, path)
		if gerr != nil {
			return nil, gerr
		}
		return (&input{name: arg, src: src}).dialect(), nil
	}
	return nil, err
}

// readLimited reads at most one byte more than a map may have (mapdsl.MaxInputSize), so that a
// huge file or an endless stream costs bounded memory and the parser reports it as too large.
func readLimited(r io.Reader) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, mapdsl.MaxInputSize+1))
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a directory", path)
	}
	return readLimited(f)
}

// gitRevision splits REV:path. A colon that could be a Windows drive ("C:\maps") does not count.
func gitRevision(arg string) (rev, path string, ok bool) {
	i := strings.Index(arg, ":")
	if i <= 0 || i == len(arg)-1 {
		return "", "", false
	}
	if i == 1 && len(arg) > 2 && (arg[2] == '\\' || arg[2] == '/') {
		return "", "", false
	}
	return arg[:i], arg[i+1:], true
}

// gitShow reads a file at a revision. The path is relative to the repository root, or to the
// current directory when it starts with ./ (git's own rule).
func gitShow(e *env, rev, path string) ([]byte, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("%s:%s: git is not installed, so revisions cannot be read", rev, path)
	}
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(e.ctx, "git", "show", "--no-textconv", rev+":"+path)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git show %s:%s: %s", rev, path, msg)
	}
	return out.Bytes(), nil
}

// stagedMaps lists the maps staged for the next commit (added, copied, modified or renamed),
// as paths from the top of the repository, limited to the pathspecs when there are any. Names
// come NUL-separated from git, so any file name works, spaces and newlines included.
func stagedMaps(e *env, pathspecs []string) ([]string, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errors.New("--staged needs git, which is not installed")
	}
	var out, errb bytes.Buffer
	args := append([]string{"diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--"}, pathspecs...)
	cmd := exec.CommandContext(e.ctx, "git", args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git diff --cached: %s", msg)
	}
	var maps []string
	for _, p := range strings.Split(out.String(), "\x00") {
		if p != "" && mapExtensions[strings.ToLower(filepath.Ext(p))] {
			maps = append(maps, p)
		}
	}
	return maps, nil
}

// mapExtensions are the file names that directory arguments of fmt and check pick up.
var mapExtensions = map[string]bool{".owm": true, ".wm": true, ".mmd": true, ".mermaid": true}

// expandArgs replaces directory arguments by the map files below them, sorted; other arguments
// are kept as they are. Hidden directories (.git) are skipped.
func expandArgs(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && mapExtensions[strings.ToLower(filepath.Ext(p))] {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}

// maxReported is how many diagnostics export, fmt and diff print per file (as gofmt does); a
// binary file would otherwise print one per line. check prints them all.
const maxReported = 10

// printDiagnostics writes the first maxReported diagnostics at or above min severity as
// file:line:col: severity: message, then how many more there are.
func printDiagnostics(w io.Writer, name string, ds mapdsl.Diagnostics, min mapdsl.Severity) {
	n := 0
	for _, d := range ds {
		if d.Severity > min {
			continue
		}
		if n++; n <= maxReported {
			fmt.Fprintln(w, d.Format(name))
		}
	}
	if n > maxReported {
		fmt.Fprintf(w, "%s: %d more, not shown (run mapwright check %s for all)\n", name, n-maxReported, name)
	}
}
