package document

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenMissingFileIsCreatedOnSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.owm")
	d, text, err := Open(path)
	if err != nil || text != "" || d.Exists {
		t.Fatalf("Open(missing) = %q, exists %v, %v; want empty, not existing, no error", text, d.Exists, err)
	}
	if err := d.Save("title New\n"); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "title New\n" || !d.Exists || d.Dirty("title New\n") {
		t.Errorf("after save: file %q, exists %v, dirty %v", got, d.Exists, d.Dirty("title New\n"))
	}
}

func TestSaveThenOpenRoundTripsAndKeepsMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.owm")
	if err := os.WriteFile(path, []byte("title Old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, text, err := Open(path)
	if err != nil || text != "title Old\n" {
		t.Fatalf("Open = %q, %v", text, err)
	}
	const edited = "title Tea Shop\ncomponent Cup [0.5, 0.5]\n"
	if !d.Dirty(edited) {
		t.Fatal("an edited buffer is not dirty")
	}
	if err := d.Save(edited); err != nil {
		t.Fatal(err)
	}
	_, back, err := Open(path)
	if err != nil || back != edited {
		t.Fatalf("reopened %q, %v; want %q", back, err, edited)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after save, want 0600 kept", info.Mode().Perm())
	}
	if leftovers(t, filepath.Dir(path)) != 0 {
		t.Error("a temporary file was left behind")
	}
}

func leftovers(t *testing.T, dir string) int {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if strings.Contains(e.Name(), ".saving-") {
			n++
		}
	}
	return n
}

// faultyFS is the real file system with one failure injected.
type faultyFS struct {
	osFS
	createErr error // CreateTemp fails (read-only folder)
	writeErr  error // writing the temporary file fails (full disk)
	renameErr error // the final rename fails (the process dies between the write and the rename)
}

func (f faultyFS) Rename(oldpath, newpath string) error {
	if f.renameErr != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: f.renameErr}
	}
	return f.osFS.Rename(oldpath, newpath)
}

func (f faultyFS) CreateTemp(dir, pattern string) (File, error) {
	if f.createErr != nil {
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: f.createErr}
	}
	tmp, err := f.osFS.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return failingFile{File: tmp, err: f.writeErr}, nil
}

type failingFile struct {
	File
	err error
}

func (f failingFile) Write(p []byte) (int, error) {
	if f.err != nil {
		// A full disk accepts part of the data, then fails.
		n, _ := f.File.Write(p[:len(p)/2])
		return n, &fs.PathError{Op: "write", Path: f.Name(), Err: f.err}
	}
	return f.File.Write(p)
}

func TestFailedSaveKeepsFileAndBufferDirty(t *testing.T) {
	const original = "title Original\ncomponent A [0.5, 0.5]\n"
	const edited = "title Edited\ncomponent A [0.6, 0.4]\n"
	tests := []struct {
		name    string
		fsys    FileSystem
		prepare func(t *testing.T, path string)
		message string
	}{
		{"read-only folder", faultyFS{createErr: syscall.EACCES}, nil, "is read-only"},
		{"read-only file system", faultyFS{createErr: syscall.EROFS}, nil, "is read-only"},
		{"full disk", faultyFS{writeErr: syscall.ENOSPC}, nil, "the disk is full"},
		{"interrupted before the rename", faultyFS{renameErr: syscall.EIO}, nil, "input/output error"},
		{"path replaced by a folder", OS, func(t *testing.T, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "it is a folder"},
		{"folder deleted", OS, func(t *testing.T, path string) {
			if err := os.RemoveAll(filepath.Dir(path)); err != nil {
				t.Fatal(err)
			}
		}, "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "maps")
			os.Mkdir(dir, 0o755)
			path := filepath.Join(dir, "map.owm")
			os.WriteFile(path, []byte(original), 0o644)
			d, _, err := OpenFS(tc.fsys, path)
			if err != nil {
				t.Fatal(err)
			}
			if tc.prepare != nil {
				tc.prepare(t, path)
			}
			err = d.SaveOver(edited)
			if err == nil {
				t.Fatal("save succeeded")
			}
			if !strings.Contains(err.Error(), tc.message) {
				t.Errorf("message %q does not say %q", err, tc.message)
			}
			if !d.Dirty(edited) {
				t.Error("the buffer is no longer dirty after a failed save")
			}
			if data, rerr := os.ReadFile(path); rerr == nil && string(data) != original {
				t.Errorf("the file on disk was damaged: %q", data)
			}
			if leftovers(t, dir) != 0 {
				t.Error("a temporary file was left behind")
			}
		})
	}
}

func TestReadOnlyFolderOnRealDisk(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not stop root; the injected EACCES case covers this")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "map.owm")
	os.WriteFile(path, []byte("title A\n"), 0o644)
	d, _, _ := Open(path)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	err := d.Save("title B\n")
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("save into a read-only folder: %v", err)
	}
}

func TestExternalChangeIsNoticed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.owm")
	os.WriteFile(path, []byte("title A\n"), 0o644)
	d, _, _ := Open(path)
	if ch, err := d.CheckDisk(); ch != nil || err != nil {
		t.Fatalf("change reported before any: %+v %v", ch, err)
	}

	// The same bytes written again (a touch) are not a change.
	later := time.Now().Add(2 * time.Second)
	os.Chtimes(path, later, later)
	if ch, _ := d.CheckDisk(); ch != nil {
		t.Fatalf("a touch was reported as a change: %+v", ch)
	}

	os.WriteFile(path, []byte("title B from git pull\n"), 0o644)
	ch, err := d.CheckDisk()
	if err != nil || ch == nil || ch.Text != "title B from git pull\n" {
		t.Fatalf("CheckDisk = %+v, %v; want the new text", ch, err)
	}

	// Saving now would overwrite it silently: refused.
	if err := d.Save("title Mine\n"); !errors.Is(err, ErrChangedOnDisk) {
		t.Fatalf("Save over an external change = %v, want ErrChangedOnDisk", err)
	}
	data, _ := os.ReadFile(path)
	if string(data) != "title B from git pull\n" {
		t.Fatalf("the external change was overwritten: %q", data)
	}

	// Keeping my edits adopts the disk version as the base: dirty, and a save is allowed.
	d.Adopt(ch)
	if !d.Dirty("title Mine\n") || d.Dirty("title B from git pull\n") {
		t.Error("after adopting, dirty should compare with the disk text")
	}
	if ch, _ := d.CheckDisk(); ch != nil {
		t.Error("an adopted change is reported again")
	}
	if err := d.Save("title Mine\n"); err != nil {
		t.Fatal(err)
	}

	os.Remove(path)
	if ch, _ := d.CheckDisk(); ch == nil || !ch.Deleted {
		t.Errorf("deletion not reported: %+v", ch)
	}
}

func TestRecoverySnapshots(t *testing.T) {
	r := NewRecovery(filepath.Join(t.TempDir(), "recovery"))
	crashed := Snapshot{Path: "/maps/tea.owm", Session: "old", Text: "title Unsaved work\n", Time: time.Unix(1000, 0)}
	untitled := Snapshot{Session: "old", Text: "title Scratch\n", Time: time.Unix(2000, 0)}
	mine := Snapshot{Session: "now", Text: "title Running\n", Time: time.Unix(3000, 0)}
	for _, s := range []Snapshot{crashed, untitled, mine} {
		if err := r.Write(s); err != nil {
			t.Fatal(err)
		}
	}
	if info, err := os.Stat(filepath.Join(r.Dir, Key(crashed.Path, crashed.Session))); err != nil {
		t.Error(err)
	} else if info.Mode().Perm() != 0o600 {
		t.Errorf("recovery file mode %v, want 0600", info.Mode().Perm())
	}
	got, err := r.Find("/maps/tea.owm", "now")
	if err != nil || len(got) != 1 || got[0].Text != crashed.Text {
		t.Fatalf("Find(file) = %+v, %v", got, err)
	}
	got, _ = r.Find("", "now")
	if len(got) != 1 || got[0].Text != untitled.Text {
		t.Fatalf("Find(untitled) = %+v; want only the other session's buffer", got)
	}
	r.Discard(got[0])
	r.Remove("/maps/tea.owm", "now")
	if got, _ := r.Find("/maps/tea.owm", "now"); len(got) != 0 {
		t.Errorf("snapshot still offered after Remove: %+v", got)
	}
	if got, _ := r.Find("", "now"); len(got) != 0 {
		t.Errorf("snapshot still offered after Discard: %+v", got)
	}
}

func TestRecoveryMissingFolderFindsNothing(t *testing.T) {
	r := NewRecovery(filepath.Join(t.TempDir(), "never-created"))
	if got, err := r.Find("", "x"); err != nil || len(got) != 0 {
		t.Errorf("Find = %v, %v", got, err)
	}
}

type mapPrefs map[string][]string

func (m mapPrefs) StringList(k string) []string       { return m[k] }
func (m mapPrefs) SetStringList(k string, v []string) { m[k] = v }

func TestRecentFiles(t *testing.T) {
	r := NewRecent(mapPrefs{}, 3)
	for _, p := range []string{"a", "b", "c", "b", "d"} {
		r.Add(p)
	}
	want := []string{"d", "b", "c"}
	if got := r.List(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("recent = %v, want %v", got, want)
	}
	r.Remove("b")
	if got := r.List(); strings.Join(got, ",") != "d,c" {
		t.Errorf("after Remove: %v", got)
	}
}

// A map checked out with CR LF line ends is saved with CR LF again (the editor's buffer is LF),
// so opening and saving it does not rewrite every line in git; an LF map stays LF.
func TestSaveKeepsTheFilesLineEnds(t *testing.T) {
	const edited = "title Tea Shop\ncomponent Cup [0.5, 0.5]\n"
	for _, tc := range []struct {
		name, onDisk, want string
	}{
		{"LF stays LF", "title Old\n", edited},
		{"CRLF stays CRLF", "title Old\r\nstyle wardley\r\n", "title Tea Shop\r\ncomponent Cup [0.5, 0.5]\r\n"},
		{"the first break decides", "title Old\r\nstyle wardley\n", "title Tea Shop\r\ncomponent Cup [0.5, 0.5]\r\n"},
		{"no break at all: LF", "title Old", edited},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "map.owm")
			if err := os.WriteFile(path, []byte(tc.onDisk), 0o644); err != nil {
				t.Fatal(err)
			}
			d, _, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Save(edited); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(path); string(got) != tc.want {
				t.Errorf("saved %q, want %q", got, tc.want)
			}
			if ch, err := d.CheckDisk(); err != nil || ch != nil {
				t.Errorf("after its own save the document sees a change on disk: %+v, %v", ch, err)
			}
			other := filepath.Join(dir, "copy.owm")
			if err := d.SaveAs(other, edited); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(other); string(got) != tc.want {
				t.Errorf("Save As wrote %q, want %q", got, tc.want)
			}
		})
	}
}

// Opening a map removes the hidden temporary files that a save killed before its rename left
// beside it long ago, and leaves alone a fresh one (a save in progress) and other files.
func TestOpenRemovesStaleSaveLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.owm")
	files := map[string]time.Duration{ // name -> age
		"map.owm":                    0,
		".map.owm.saving-123":        time.Hour,
		".map.owm.saving-456":        time.Second,
		".other.owm.saving-789":      time.Hour,
		"notes.txt":                  time.Hour,
		".map.owm.saving-dir-is-not": -1, // a folder, never removed
	}
	for name, age := range files {
		p := filepath.Join(dir, name)
		if age < 0 {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte("title Map\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		when := time.Now().Add(-age)
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := Open(path); err != nil {
		t.Fatal(err)
	}
	for name := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone, wantGone := err != nil, name == ".map.owm.saving-123"; gone != wantGone {
			t.Errorf("%s: removed %v, want %v", name, gone, wantGone)
		}
	}
}

// Saving under a "folder" that is really a file names that file.
func TestSaveUnderAFileNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := New("title Map\n")
	err := d.SaveAs(filepath.Join(file, "sub", "map.owm"), "title Map\n")
	if err == nil {
		t.Fatal("saving under a file succeeded")
	}
	if want := "cannot save map.owm: " + file + " is a file, not a folder"; !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start with %q", err, want)
	}
}

// A map opened through a symbolic link is saved into the file the link names; the link stays.
func TestSaveThroughSymbolicLink(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "real"), 0o755)
	real := filepath.Join(dir, "real", "map.owm")
	link := filepath.Join(dir, "link.owm")
	if err := os.WriteFile(real, []byte("title Old\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real/map.owm", link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	d, text, err := Open(link)
	if err != nil || text != "title Old\n" {
		t.Fatalf("open: %q, %v", text, err)
	}
	if err := d.Save("title New\n"); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a plain file (%v)", err)
	}
	if data, _ := os.ReadFile(real); string(data) != "title New\n" {
		t.Errorf("the linked file holds %q", data)
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o640 {
		t.Errorf("the linked file's mode became %v", info.Mode().Perm())
	}
	// The save is not mistaken for a change made by another program.
	if ch, err := d.CheckDisk(); ch != nil || err != nil {
		t.Errorf("after the save, a change on disk is reported: %+v %v", ch, err)
	}
}

// A read-only map is not replaced; the message says what to do.
func TestSaveRefusesReadOnlyMap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "map.owm")
	if err := os.WriteFile(path, []byte("title Old\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	d, _, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	err = d.Save("title New\n")
	if err == nil {
		t.Fatal("a read-only map was replaced")
	}
	if want := "cannot save " + path + ": the file is read-only; make it writable, or save a copy with Save As"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if data, _ := os.ReadFile(path); string(data) != "title Old\n" {
		t.Errorf("the file holds %q", data)
	}
	if !d.Dirty("title New\n") {
		t.Error("the buffer is clean after a refused save")
	}
	// Told to, it replaces the file, which stays read-only.
	if err := d.SaveReadOnly("title New\n"); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "title New\n" || d.Dirty("title New\n") {
		t.Errorf("after SaveReadOnly the file holds %q (dirty %v)", data, d.Dirty("title New\n"))
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o444 {
		t.Errorf("the file's mode became %v", info.Mode().Perm())
	}
}
