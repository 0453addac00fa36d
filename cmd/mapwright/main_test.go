package main

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestVersionStamp builds the command the way `make release` does, with the version and commit
// stamped by the linker, and checks that `mapwright version` prints both.
func TestVersionStamp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command (-short)")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("needs the go command to build mapwright:", err)
	}
	goVersion, err := exec.Command(gobin, "env", "GOVERSION").Output()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "mapwright")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	const commit = "0123456789abcdef0123456789abcdef01234567"
	ldflags := "-X mapwright/internal/buildinfo.Version=v9.8.7 -X mapwright/internal/buildinfo.Commit=" + commit
	build := exec.Command(gobin, "build", "-ldflags", ldflags, "-o", bin, ".")
	build.Env = append(build.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("mapwright %s: %v", args[0], err)
		}
		want := "mapwright v9.8.7 (0123456789ab) " + strings.TrimSpace(string(goVersion)) + "\n"
		if string(out) != want {
			t.Errorf("mapwright %s printed %q, want %q", args[0], out, want)
		}
	}
}
