package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"mapwright/internal/testenv"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mode is the file's permission bits; compare with testenv.Perm(want), which is what Windows
// reports for a file made with want.
func mode(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

func isLink(t *testing.T, path string) bool {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode()&fs.ModeSymlink != 0
}

// leftovers lists the temporary files left in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".saving-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWriteNewAndExistingFiles(t *testing.T) {
	tests := []struct {
		name     string
		existing fs.FileMode // 0: no file yet
		opts     Options
		wantMode fs.FileMode
	}{
		{"new file, default mode", 0, Options{}, 0o644},
		{"new private file", 0, Options{Perm: 0o600}, 0o600},
		{"existing file keeps its mode", 0o640, Options{}, 0o640},
		{"existing file keeps its mode over Perm", 0o604, Options{Perm: 0o600}, 0o604},
		{"read-only file replaced when allowed", 0o444, Options{AllowReadOnly: true}, 0o444},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "map.owm")
			if tc.existing != 0 {
				if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(path, tc.existing); err != nil {
					t.Fatal(err)
				}
			}
			if err := Write(path, []byte("new"), tc.opts); err != nil {
				t.Fatal(err)
			}
			if got := read(t, path); got != "new" {
				t.Errorf("content %q", got)
			}
			if got := mode(t, path); got != testenv.Perm(tc.wantMode) {
				t.Errorf("mode %v, want %v", got, testenv.Perm(tc.wantMode))
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

// A map saved through a symbolic link changes the file the link names, and the link stays.
func TestWriteFollowsSymbolicLinks(t *testing.T) {
	tests := []struct {
		name  string
		links map[string]string // link -> what it points to (relative to the folder)
		write string            // the path written
		file  string            // the file that must hold the new text
	}{
		{"relative link", map[string]string{"link.owm": "real/map.owm"}, "link.owm", "real/map.owm"},
		{"absolute link", map[string]string{"link.owm": "@/real/map.owm"}, "link.owm", "real/map.owm"},
		{"chain of links", map[string]string{"a.owm": "b.owm", "b.owm": "real/map.owm"}, "a.owm", "real/map.owm"},
		{"link to a link in another folder", map[string]string{"link.owm": "real/inner.owm", "real/inner.owm": "map.owm"}, "link.owm", "real/map.owm"},
		{"dangling link creates its target", map[string]string{"link.owm": "real/new.owm"}, "link.owm", "real/new.owm"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "real"), 0o755)
			real := filepath.Join(dir, "real", "map.owm")
			if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
				t.Fatal(err)
			}
			testenv.SkipSymlinksUnderWine(t)
			for link, to := range tc.links {
				to = strings.Replace(to, "@", dir, 1)
				if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
					t.Skipf("cannot make symbolic links here: %v", err)
				}
			}
			if err := Write(filepath.Join(dir, tc.write), []byte("new"), Options{}); err != nil {
				t.Fatal(err)
			}
			for link := range tc.links {
				if !isLink(t, filepath.Join(dir, link)) {
					t.Errorf("%s was replaced by a plain file", link)
				}
			}
			if got := read(t, filepath.Join(dir, tc.file)); got != "new" {
				t.Errorf("%s holds %q, want the new text", tc.file, got)
			}
			if tc.file == "real/map.owm" && mode(t, real) != testenv.Perm(0o640) {
				t.Errorf("the target's mode became %v", mode(t, real))
			}
			if l := append(leftovers(t, dir), leftovers(t, filepath.Join(dir, "real"))...); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

// Failures leave the destination as it was, leave no temporary file, and name the
// destination (never the temporary file) with the reason.
func TestFailedWritesLeaveTheFileAlone(t *testing.T) {
	tests := []struct {
		name    string
		fsys    FS
		prepare func(t *testing.T, dir, path string) string // returns the path to write
		opts    Options
		want    error
	}{
		{name: "read-only file", prepare: func(t *testing.T, dir, path string) string {
			os.Chmod(path, 0o444)
			return path
		}, want: ErrReadOnly},
		{name: "read-only file behind a link", prepare: func(t *testing.T, dir, path string) string {
			os.Chmod(path, 0o444)
			link := filepath.Join(dir, "link.owm")
			testenv.SkipSymlinksUnderWine(t)
			if err := os.Symlink(path, link); err != nil {
				t.Skip(err)
			}
			return link
		}, want: ErrReadOnly},
		{name: "a folder", prepare: func(t *testing.T, dir, path string) string { return dir }, want: ErrIsDir},
		{name: "missing folder", prepare: func(t *testing.T, dir, path string) string {
			return filepath.Join(dir, "gone", "map.owm")
		}, want: fs.ErrNotExist},
		{name: "full disk", fsys: faultyFS{writeErr: syscall.ENOSPC}, want: syscall.ENOSPC},
		{name: "read-only folder", fsys: faultyFS{createErr: syscall.EACCES}, want: fs.ErrPermission},
		{name: "sync fails", fsys: faultyFS{syncErr: syscall.EIO}, want: syscall.EIO},
		{name: "rename fails", fsys: faultyFS{renameErr: syscall.EXDEV}, want: syscall.EXDEV},
		{name: "link loop", prepare: func(t *testing.T, dir, path string) string {
			a, b := filepath.Join(dir, "a.owm"), filepath.Join(dir, "b.owm")
			testenv.SkipSymlinksUnderWine(t)
			if os.Symlink(b, a) != nil || os.Symlink(a, b) != nil {
				t.Skip("cannot make symbolic links here")
			}
			return a
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "map.owm")
			if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			target := path
			if tc.prepare != nil {
				target = tc.prepare(t, dir, path)
			}
			tc.opts.FS = tc.fsys
			err := Write(target, []byte("new"), tc.opts)
			if err == nil {
				t.Fatal("the write succeeded")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "cannot write "+target+": ") || strings.Contains(err.Error(), ".saving-") {
				t.Errorf("error %q does not name the destination (only)", err)
			}
			if got := read(t, path); got != "old" {
				t.Errorf("the file holds %q", got)
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
		})
	}
}

func TestMakeDirs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out", "deep", "map.svg")
	if err := Write(path, []byte("<svg/>"), Options{MakeDirs: true}); err != nil {
		t.Fatal(err)
	}
	if read(t, path) != "<svg/>" {
		t.Error("wrong content")
	}
}

// The data is synced before the rename, and the folder after it.
func TestWriteSyncsFileThenRenamesThenSyncsFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.owm")
	var steps []string
	if err := Write(path, []byte("new"), Options{FS: recordingFS{steps: &steps}}); err != nil {
		t.Fatal(err)
	}
	want := []string{"create", "write", "chmod", "sync", "close", "rename", "syncdir " + dir}
	if !reflect.DeepEqual(steps, want) {
		t.Errorf("steps %v, want %v", steps, want)
	}
}

// faultyFS is the real file system with one failure injected.
type faultyFS struct {
	OSFS
	createErr, writeErr, syncErr, renameErr error
}

func (f faultyFS) CreateTemp(dir, pattern string) (File, error) {
	if f.createErr != nil {
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: f.createErr}
	}
	tmp, err := f.OSFS.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return faultyFile{File: tmp, writeErr: f.writeErr, syncErr: f.syncErr}, nil
}

func (f faultyFS) Rename(oldpath, newpath string) error {
	if f.renameErr != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: f.renameErr}
	}
	return f.OSFS.Rename(oldpath, newpath)
}

type faultyFile struct {
	File
	writeErr, syncErr error
}

func (f faultyFile) Write(p []byte) (int, error) {
	if f.writeErr != nil {
		n, _ := f.File.Write(p[:len(p)/2]) // a full disk takes part of the data
		return n, &fs.PathError{Op: "write", Path: f.Name(), Err: f.writeErr}
	}
	return f.File.Write(p)
}

func (f faultyFile) Sync() error {
	if f.syncErr != nil {
		return &fs.PathError{Op: "sync", Path: f.Name(), Err: f.syncErr}
	}
	return f.File.Sync()
}

// recordingFS is the real file system, noting the steps of a write.
type recordingFS struct {
	OSFS
	steps *[]string
}

func (r recordingFS) note(s string) { *r.steps = append(*r.steps, s) }

func (r recordingFS) CreateTemp(dir, pattern string) (File, error) {
	r.note("create")
	f, err := r.OSFS.CreateTemp(dir, pattern)
	return recordingFile{f, r}, err
}

func (r recordingFS) Rename(oldpath, newpath string) error {
	r.note("rename")
	return r.OSFS.Rename(oldpath, newpath)
}

func (r recordingFS) SyncDir(dir string) error {
	r.note("syncdir " + dir)
	return r.OSFS.SyncDir(dir)
}

type recordingFile struct {
	File
	r recordingFS
}

func (f recordingFile) Write(p []byte) (int, error) { f.r.note("write"); return f.File.Write(p) }
func (f recordingFile) Chmod(m fs.FileMode) error   { f.r.note("chmod"); return f.File.Chmod(m) }
func (f recordingFile) Sync() error                 { f.r.note("sync"); return f.File.Sync() }
func (f recordingFile) Close() error                { f.r.note("close"); return f.File.Close() }
