package main

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// buildMapwright builds the command, pure Go, with the given -ldflags into a temporary folder
// and returns the binary's path.
func buildMapwright(t *testing.T, ldflags string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "mapwright")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-ldflags", ldflags, "-o", bin, ".")
	build.Env = append(build.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestVersionStamp builds the command the way `make release` does, with the version and commit
// stamped by the linker, and checks that `mapwright version` prints both.
func TestVersionStamp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command (-short)")
	}
	goVersion, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		t.Skip("needs the go command to build mapwright:", err)
	}
	const commit = "0123456789abcdef0123456789abcdef01234567"
	bin := buildMapwright(t, "-X mapwright/internal/buildinfo.Version=v9.8.7 -X mapwright/internal/buildinfo.Commit="+commit)
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
