package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"mapwright/internal/modeljson"
)

// TestMain lets testscript run the test binary itself as the "mapwright" command, so the
// scripts exercise Run end to end (arguments, streams, exit status) without building a binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mapwright": func() {
			os.Exit(Run(SignalContext(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the end-to-end scripts in testdata/script, each in its own temporary
// directory.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"pdfpages":  cmdPDFPages,
			"pngsize":   cmdPNGSize,
			"filemode":  cmdFileMode,
			"jsonvalid": cmdJSONValid,
			"status":    cmdStatus,
			"windows":   cmdWindows,
		},
		Setup: func(env *testscript.Env) error {
			// git needs an identity for the commits of the diff scripts, and no user config.
			env.Setenv("GIT_AUTHOR_NAME", "Test")
			env.Setenv("GIT_AUTHOR_EMAIL", "test@example.com")
			env.Setenv("GIT_COMMITTER_NAME", "Test")
			env.Setenv("GIT_COMMITTER_EMAIL", "test@example.com")
			env.Setenv("GIT_CONFIG_NOSYSTEM", "1")
			env.Setenv("HOME", env.WorkDir)
			return nil
		},
	})
}

// cmdStatus: status N COMMAND ARGS... runs the command (as exec does, keeping its stdout and
// stderr for the next stdout/stderr lines) and checks its exact exit status.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 || neg {
		ts.Fatalf("usage: status N COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// cmdWindows: windows FILE rewrites FILE as Windows editors save it: a UTF-8 byte-order mark
// and CR LF line breaks (kept out of the txtar archives, whose line breaks git may change).
func cmdWindows(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 || neg {
		ts.Fatalf("usage: windows FILE")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	data = append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
	ts.Check(os.WriteFile(path, data, 0o644))
}

// pdfPage matches a page object of a PDF (and not the /Pages tree).
var pdfPage = regexp.MustCompile(`/Type\s*/Page\b`)

// cmdPDFPages: pdfpages FILE N checks that FILE is a PDF with N pages.
func cmdPDFPages(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: pdfpages FILE N")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		ts.Fatalf("%s is not a PDF", args[0])
	}
	n := len(pdfPage.FindAll(data, -1))
	want, _ := strconv.Atoi(args[1])
	if (n == want) == neg {
		ts.Fatalf("%s has %d pages, want %s%d", args[0], n, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}

// cmdPNGSize: pngsize FILE W H checks that FILE is a PNG of that size.
func cmdPNGSize(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: pngsize FILE W H")
	}
	f, err := os.Open(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		ts.Fatalf("%s: %v", args[0], err)
	}
	got := fmt.Sprintf("%d %d", cfg.Width, cfg.Height)
	if (got == args[1]+" "+args[2]) == neg {
		ts.Fatalf("%s is %s pixels, want %s %s", args[0], got, args[1], args[2])
	}
}

// cmdFileMode: filemode FILE 0644 checks a file's permission bits.
func cmdFileMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: filemode FILE MODE")
	}
	st, err := os.Stat(ts.MkAbs(args[0]))
	ts.Check(err)
	want, err := strconv.ParseUint(args[1], 8, 32)
	ts.Check(err)
	if (st.Mode().Perm() == os.FileMode(want)) == neg {
		ts.Fatalf("%s has mode %#o, want %s", args[0], st.Mode().Perm(), args[1])
	}
}

// cmdJSONValid: jsonvalid FILE KIND checks that FILE holds JSON of a known document kind:
// "model" (export -f json, one map), "models" (an array of them), "check" or "diff".
func cmdJSONValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: jsonvalid FILE model|models|check|diff")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	var problem error
	switch args[1] {
	case "model":
		var d modeljson.Document
		problem = strictUnmarshal(data, &d)
		if problem == nil && d.Version != modeljson.Version {
			problem = fmt.Errorf("version %d", d.Version)
		}
	case "models":
		var ds []modeljson.Document
		problem = strictUnmarshal(data, &ds)
	case "check":
		var c checkJSON
		problem = strictUnmarshal(data, &c)
	case "diff":
		var v struct {
			Version int               `json:"version"`
			Old     string            `json:"old"`
			New     string            `json:"new"`
			Summary map[string]int    `json:"summary"`
			Changes []json.RawMessage `json:"changes"`
		}
		problem = strictUnmarshal(data, &v)
	default:
		ts.Fatalf("unknown kind %q", args[1])
	}
	if (problem == nil) == neg {
		ts.Fatalf("%s as %s: %v", args[0], args[1], problem)
	}
}

func strictUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("trailing data")
	}
	return nil
}

// corpusDir is the shared corpus of real maps, relative to this package.
func corpusDir(t *testing.T) string {
	dir, _ := filepath.Abs("../../../shared/owm-corpus")
	if files, _ := filepath.Glob(filepath.Join(dir, "*.owm")); len(files) == 0 {
		t.Skipf("corpus %s not present", dir)
	}
	return dir
}

// run calls Run in-process and returns its status and output.
func run(ctx context.Context, stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(ctx, args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}
