package testenv

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestPerm checks Perm against what the system reports for files made with each mode.
func TestPerm(t *testing.T) {
	for _, perm := range []fs.FileMode{0o644, 0o600, 0o640, 0o444, 0o400} {
		t.Run(perm.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f")
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, perm); err != nil {
				t.Fatal(err)
			}
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != Perm(perm) {
				t.Errorf("a file made with %v has %v, Perm says %v", perm, got, Perm(perm))
			}
			os.Chmod(path, 0o600) // so that the temporary folder can be removed
		})
	}
}
