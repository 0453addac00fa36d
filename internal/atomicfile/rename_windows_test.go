package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// holdOpen opens path as most Windows programs do: reading, sharing reads but not deletion, so
// that the file cannot be replaced while the handle is open.
func holdOpen(t *testing.T, path string) syscall.Handle {
	t.Helper()
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, syscall.FILE_SHARE_READ, nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// waitingFS is the real file system whose renames wait for a file in use as long as the test
// says, telling it of each attempt that found the file in use.
type waitingFS struct {
	OSFS
	wait    time.Duration
	retried func()
}

func (f waitingFS) Rename(oldpath, newpath string) error {
	return renameWaiting(oldpath, newpath, f.wait, f.retried)
}

// TestWriteFileHeldOpen replaces a map that another program has open: Write tries again until
// the program lets go, or reports ErrInUse and leaves the file as it was.
func TestWriteFileHeldOpen(t *testing.T) {
	tests := []struct {
		name    string
		release bool // the holder closes the file once Write has found it in use
		wantErr error
	}{
		{"released while Write waits", true, nil},
		{"held throughout", false, ErrInUse},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "map.owm")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			h := holdOpen(t, path)
			closed := false
			release := func() {
				if !closed {
					closed = true
					syscall.CloseHandle(h)
				}
			}
			defer release()
			retries := 0
			fsys := waitingFS{wait: inUseWait, retried: func() {
				retries++
				if tc.release {
					release()
				}
			}}
			if !tc.release {
				fsys.wait = 50 * time.Millisecond
			}
			err := Write(path, []byte("new"), Options{FS: fsys})
			if retries == 0 {
				t.Errorf("the first rename succeeded: the open file did not stand in the way")
			}
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Write: %v, want %v", err, tc.wantErr)
			}
			release()
			want := "new"
			if tc.wantErr != nil {
				want = "old"
				if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "another program has it open") {
					t.Errorf("the error %q does not name the file and the reason", err)
				}
			}
			if got := read(t, path); got != want {
				t.Errorf("the file holds %q, want %q", got, want)
			}
			if l := leftovers(t, filepath.Dir(path)); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}
