package buildinfo_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestStampFile builds a main package stamped the way scripts/package.sh stamps the editor
// (a Go file from `scripts/stamp.sh --gofile`, since the fyne tool drops -ldflags on its second
// Windows build) and checks that the program reports the version and commit it was given.
func TestStampFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("scripts/stamp.sh is a POSIX shell script; release builds run on Linux or macOS")
	}
	if testing.Short() {
		t.Skip("builds a program")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	const version, commit = "v9.8.7", "0123456789abcdef0123456789abcdef01234567-dirty"
	stamp := exec.Command("sh", filepath.Join(root, "scripts", "stamp.sh"), "--gofile")
	stamp.Env = append(os.Environ(), "VERSION="+version, "COMMIT="+commit)
	src, err := stamp.Output()
	if err != nil {
		t.Fatalf("stamp.sh --gofile: %v", err)
	}
	// The program lives inside the module (internal packages are importable only from it).
	dir, err := os.MkdirTemp(filepath.Join(root, "internal", "buildinfo"), "stampcheck")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	main := "package main\n\nimport (\n\t\"fmt\"\n\n\t\"mapwright/internal/buildinfo\"\n)\n\nfunc main() { fmt.Print(buildinfo.Read()) }\n"
	for name, text := range map[string]string{"main.go": main, "zz_release_stamp.go": string(src)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := exec.Command("go", "run", ".")
	run.Dir = dir
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("go run of the stamped program: %v\n%s", err, out)
	}
	want := version + " (0123456789ab+dirty) "
	if !strings.HasPrefix(string(out), want) {
		t.Errorf("the stamped program says %q, want it to start with %q", out, want)
	}
}
