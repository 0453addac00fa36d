package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Windows-only behaviour of the command line, run under Wine by make test-windows.

const (
	winTea    = "title Tea\r\nanchor User [0.95, 0.5]\r\ncomponent Kettle [0.4,0.3]\r\ncomponent  Water [0.2,0.9]\r\nUser->Kettle\r\nKettle->Water\r\n"
	winBroken = "title Tea\r\ncomponent Kettle [0.4, 0.3]\r\nKettle->Watr\r\nnonsense here\r\n"
)

// TestWindowsPaths names maps and outputs with drive letters, backslashes, forward slashes and
// relative paths, and checks that every command finds the files and that messages name them as
// they were given.
func TestWindowsPaths(t *testing.T) {
	dir := t.TempDir() // C:\users\...\Temp\..., a drive letter and backslashes
	if filepath.VolumeName(dir) == "" {
		t.Fatalf("the temporary folder %s has no drive letter", dir)
	}
	os.MkdirAll(filepath.Join(dir, "maps", "sub"), 0o755)
	write := func(rel, text string) {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`maps\tea.owm`, winTea)
	write(`maps\sub\broken.owm`, winBroken)
	t.Chdir(dir)
	abs := filepath.Join(dir, "maps", "tea.owm")

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // a substring of standard output
		wantOutput string // a substring of standard output and error (check reports on stdout)
		wantFile   string // a file the command must write
	}{
		{"drive letter and backslashes", []string{"check", abs}, exitOK, "", "", ""},
		{"forward slashes", []string{"check", filepath.ToSlash(abs)}, exitOK, "", "", ""},
		{"lower-case drive letter", []string{"check", strings.ToLower(abs[:1]) + abs[1:]}, exitOK, "", "", ""},
		{"relative with backslashes", []string{"check", `maps\tea.owm`}, exitOK, "", "", ""},
		{"a diagnostic names the file as given", []string{"check", `maps\sub\broken.owm`}, exitFailure, "", `maps\sub\broken.owm:4:1: error`, ""},
		{"a folder with a trailing backslash", []string{"fmt", "-l", `maps\`}, exitFailure, `tea.owm`, `broken.owm:4:1: error`, ""},
		{"export to a backslash path in a new folder", []string{"export", "-o", `out\deep\tea.svg`, `maps\tea.owm`}, exitOK, "", "", `out\deep\tea.svg`},
		{"export to a drive-letter path with forward slashes", []string{"export", "-f", "png", "-o", filepath.ToSlash(filepath.Join(dir, "out", "tea.png")), abs}, exitOK, "", "", `out\tea.png`},
		{"diff of two backslash paths", []string{"diff", `maps\tea.owm`, `maps\tea.owm`}, exitOK, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(context.Background(), "", tc.args...)
			if code != tc.wantCode {
				t.Errorf("status %d, want %d; stderr:\n%s", code, tc.wantCode, stderr)
			}
			if !strings.Contains(stdout, tc.wantStdout) {
				t.Errorf("stdout %q lacks %q", stdout, tc.wantStdout)
			}
			if !strings.Contains(stdout+stderr, tc.wantOutput) {
				t.Errorf("output %q lacks %q", stdout+stderr, tc.wantOutput)
			}
			if tc.wantFile != "" {
				if info, err := os.Stat(filepath.Join(dir, tc.wantFile)); err != nil || info.Size() == 0 {
					t.Errorf("%s was not written: %v", tc.wantFile, err)
				}
			}
		})
	}
}

// TestWindowsCRLF: a map saved with Windows line ends reads as the same map: positions in
// messages count lines and columns as without them, the drawing is the same, and fmt -w keeps
// the file's CR LF line ends.
func TestWindowsCRLF(t *testing.T) {
	dir := t.TempDir()
	crlf, lf := filepath.Join(dir, "crlf.owm"), filepath.Join(dir, "lf.owm")
	os.WriteFile(crlf, []byte(winBroken), 0o644)
	os.WriteFile(lf, []byte(strings.ReplaceAll(winBroken, "\r\n", "\n")), 0o644)
	_, errCRLF, _ := run(context.Background(), "", "check", crlf)
	_, errLF, _ := run(context.Background(), "", "check", lf)
	if want := crlf + ":4:1: error"; !strings.Contains(errCRLF, want) {
		t.Errorf("check of the CRLF map: %q lacks %q", errCRLF, want)
	}
	if strings.ReplaceAll(errCRLF, crlf, "X") != strings.ReplaceAll(errLF, lf, "X") {
		t.Errorf("CRLF and LF maps give different messages:\n%s\n%s", errCRLF, errLF)
	}

	os.WriteFile(crlf, []byte(winTea), 0o644)
	os.WriteFile(lf, []byte(strings.ReplaceAll(winTea, "\r\n", "\n")), 0o644)
	_, svgCRLF, _ := run(context.Background(), "", "export", "-o", "-", crlf)
	_, svgLF, _ := run(context.Background(), "", "export", "-o", "-", lf)
	if svgCRLF == "" || svgCRLF != svgLF {
		t.Errorf("the CRLF map draws differently from the LF one (%d and %d bytes)", len(svgCRLF), len(svgLF))
	}
	if code, _, stderr := run(context.Background(), "", "fmt", "-w", crlf); code != exitOK {
		t.Fatalf("fmt -w: status %d, %s", code, stderr)
	}
	b, _ := os.ReadFile(crlf)
	if !strings.Contains(string(b), "component Water [0.2, 0.9]\r\n") || strings.Count(string(b), "\n") != strings.Count(string(b), "\r\n") {
		t.Errorf("fmt -w wrote %q, want the canonical text with CR LF line ends", b)
	}
}

// TestWindowsFileHeldOpen: fmt -w on a map that another program holds open (sharing reads but
// not deletion, as most Windows programs open files) fails with advice, leaves the map as it
// was, and succeeds once the program lets go.
func TestWindowsFileHeldOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tea.owm")
	os.WriteFile(path, []byte(winTea), 0o644)
	p, _ := syscall.UTF16PtrFromString(path)
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, syscall.FILE_SHARE_READ, nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(context.Background(), "", "fmt", "-w", path)
	syscall.CloseHandle(h)
	if want := "mapwright fmt: cannot write " + path + ": another program has it open; close it there and try again"; code != exitFailure || !strings.HasPrefix(stderr, want) {
		t.Errorf("fmt -w on a held map: status %d, stderr %q, want %q", code, stderr, want)
	}
	if b, _ := os.ReadFile(path); string(b) != winTea {
		t.Errorf("the held map was changed: %q", b)
	}
	if code, _, stderr := run(context.Background(), "", "fmt", "-w", path); code != exitOK {
		t.Errorf("fmt -w after the program let go: status %d, %s", code, stderr)
	}
}
