// Package testenv answers, for tests, what the operating system under them can do: tests of
// file modes and symbolic links run on Linux, macOS, Windows and Wine (make test-windows), which
// differ there; and whether Mermaid's own parser can be run to check a diagram.
package testenv

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"
)

// UnderWine tells whether the test runs as a Windows program under Wine (scripts/wine.sh says so
// in MAPWRIGHT_UNDER_WINE).
func UnderWine() bool { return runtime.GOOS == "windows" && os.Getenv("MAPWRIGHT_UNDER_WINE") != "" }

// SkipSymlinksUnderWine skips a test of symbolic links under Wine: Wine 8 makes them (os.Symlink
// succeeds) but os.Lstat does not see them as links, so they behave as neither Unix's nor
// Windows' links do.
func SkipSymlinksUnderWine(t testing.TB) {
	t.Helper()
	if UnderWine() {
		t.Skip("Wine's symbolic links are not Windows' (os.Lstat does not report them as links)")
	}
}

// Perm is the permission bits os.Stat reports, on this system, for a file made with perm: perm
// itself on Unix; on Windows, which keeps only a read-only attribute, 0o444 for a file its owner
// may not write and 0o666 for the rest.
func Perm(perm fs.FileMode) fs.FileMode {
	if runtime.GOOS != "windows" {
		return perm
	}
	if perm&0o200 == 0 {
		return 0o444
	}
	return 0o666
}

// CompareGolden checks got against the golden file at path; with update it writes got there
// first (making its folder), so that `go test -update` records an intended change for review.
// A difference is reported as a unified diff of the two.
func CompareGolden(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the output differs from %s (run go test -update and review the change):\n%s", path, diff.Diff(path, want, "output", got))
	}
}

// mermaidCommand is the command that parses diagrams with Mermaid's own parser (npm mermaid
// under node, scripts/mermaid-check), or a reason it cannot be run here.
func mermaidCommand() ([]string, string) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, "node is not installed: Mermaid's own parser cannot be run (scripts/install-deps.sh installs it)"
	}
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "scripts", "mermaid-check")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "mermaid")); err != nil {
		return nil, "scripts/mermaid-check/node_modules is missing: run `npm ci --prefix scripts/mermaid-check` (make test does)"
	}
	return []string{node, filepath.Join(dir, "check.mjs")}, ""
}

// SkipWithoutMermaid skips a test that needs Mermaid's own parser where it cannot be run.
func SkipWithoutMermaid(t testing.TB) {
	t.Helper()
	if _, why := mermaidCommand(); why != "" {
		t.Skip(why)
	}
}

// ParseWithMermaid runs Mermaid's own parser on the diagram files and returns the error of each
// that it refuses; it skips the test where the parser cannot be run.
func ParseWithMermaid(t testing.TB, files []string) map[string]string {
	t.Helper()
	cmd, why := mermaidCommand()
	if why != "" {
		t.Skip(why)
	}
	out, err := exec.Command(cmd[0], append(cmd[1:], files...)...).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	failed := map[string]string{}
	seen := 0
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		var r struct {
			File  string
			OK    bool
			Error string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("node printed %q", sc.Text())
		}
		seen++
		if !r.OK {
			failed[r.File] = r.Error
		}
	}
	if seen != len(files) {
		t.Fatalf("node checked %d of %d files:\n%s", seen, len(files), out)
	}
	return failed
}
