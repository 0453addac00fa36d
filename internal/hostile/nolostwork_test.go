package hostile

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"mapwright/ui/document"
)

// These tests fill the gaps left by ui/document's own tests (which inject EACCES, EROFS,
// ENOSPC and a failed rename, and replace the file by a folder; see docs/robustness.md): a
// folder that is really read-only even for root, a path under a regular file, a real process
// killed in the middle of a save, and a crash in the middle of writing a recovery copy.

const (
	original = "title Original\ncomponent Kettle [0.5, 0.5]\n"
	edited   = "title Edited\ncomponent Kettle [0.6, 0.4]\n"
)

// saveFails checks that a failed save says why, leaves the buffer dirty and the file intact.
func saveFails(t *testing.T, d *document.Document, err error, path, message string) {
	t.Helper()
	if err == nil {
		t.Fatal("the save succeeded")
	}
	if !strings.Contains(err.Error(), message) {
		t.Errorf("message %q does not say %q", err, message)
	}
	if !d.Dirty(edited) {
		t.Error("the buffer is clean after a failed save: closing would lose the edits")
	}
	if data, rerr := os.ReadFile(path); rerr == nil && string(data) != original {
		t.Errorf("the map on disk was damaged: %q", data)
	}
}

// TestSaveIntoImmutableFolder makes a folder immutable with chattr +i, which stops root too
// (these tests run as root in CI, where permission bits stop nothing).
func TestSaveIntoImmutableFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "maps")
	os.Mkdir(dir, 0o755)
	path := filepath.Join(dir, "map.owm")
	os.WriteFile(path, []byte(original), 0o644)
	d, _, err := document.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("chattr +i is not available here (%v: %s); ui/document injects EACCES instead", err, out)
	}
	defer exec.Command("chattr", "-i", dir).Run()
	saveFails(t, d, d.Save(edited), path, "is read-only")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries after the failed save, want only the map", len(entries))
	}
}

// TestSaveAsUnderARegularFile saves to a path whose "folder" is a file (ENOTDIR, which no
// permission bit is needed for): the save fails, and the document keeps its old file.
func TestSaveAsUnderARegularFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.owm")
	os.WriteFile(path, []byte(original), 0o644)
	d, _, err := document.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(path, "copy.owm") // map.owm is a file, not a folder
	saveFails(t, d, d.SaveAs(target, edited), path, "map.owm is a file, not a folder")
	if d.Path != path {
		t.Errorf("after a failed Save As the document is %s, want still %s", d.Path, path)
	}
}

// TestKilledDuringSaveLeavesTheMapWhole starts a child process that saves a large edit through
// a file system whose writes stall half-way, kills it with SIGKILL at that moment, and checks
// that the map on disk is still the original, complete.
func TestKilledDuringSaveLeavesTheMapWhole(t *testing.T) {
	if os.Getenv("HOSTILE_SAVE_CHILD") != "" {
		saveChild(os.Getenv("HOSTILE_SAVE_CHILD"))
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "map.owm")
	os.WriteFile(path, []byte(original), 0o644)
	cmd := exec.Command(os.Args[0], "-test.run", "^TestKilledDuringSaveLeavesTheMapWhole$")
	cmd.Env = append(os.Environ(), "HOSTILE_SAVE_CHILD="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	marker := path + ".halfway"
	for i := 0; ; i++ {
		if _, err := os.Stat(marker); err == nil {
			break
		}
		if i == 600 {
			cmd.Process.Kill()
			t.Fatal("the child never reached the middle of its save")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	data, err := os.ReadFile(path)
	if err != nil || string(data) != original {
		t.Fatalf("after a crash mid-save the map is %q, %v; want the original", data, err)
	}
	// The crash leaves a hidden temporary file; it is not the map and is never read as one.
	temps, _ := filepath.Glob(filepath.Join(dir, ".map.owm.saving-*"))
	if len(temps) != 1 {
		t.Errorf("%d temporary files after the crash, want the 1 the killed save left", len(temps))
	}
	d, text, err := document.Open(path)
	if err != nil || text != original || d.Dirty(original) {
		t.Errorf("reopening after the crash: %q, %v", text, err)
	}
}

// saveChild is the child process: it saves a long text and stalls half-way through writing it.
func saveChild(path string) {
	d, _, err := document.OpenFS(stallingFS{document.OS, path + ".halfway"}, path)
	if err != nil {
		os.Exit(3)
	}
	d.SaveOver(strings.Repeat(edited, 10000))
	os.Exit(4) // not reached: the parent kills the process while it stalls
}

// stallingFS writes half of the data, tells the parent (a marker file) and sleeps.
type stallingFS struct {
	document.FileSystem
	marker string
}

func (s stallingFS) CreateTemp(dir, pattern string) (document.File, error) {
	f, err := s.FileSystem.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return stallingFile{f, s.marker}, nil
}

type stallingFile struct {
	document.File
	marker string
}

func (f stallingFile) Write(p []byte) (int, error) {
	n, err := f.File.Write(p[:len(p)/2])
	if err != nil {
		return n, err
	}
	f.File.Sync()
	os.WriteFile(f.marker, nil, 0o644)
	time.Sleep(time.Minute)
	return n, errors.New("not reached")
}

// TestRecoverySurvivesACrashWhileWritingIt leaves what a crash in the middle of writing a
// recovery copy leaves (a hidden, truncated temporary file) next to the previous copy, and a
// corrupt copy of another buffer: the previous copy is still offered back, whole, and the
// broken files are ignored without an error.
func TestRecoverySurvivesACrashWhileWritingIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "recovery")
	r := document.NewRecovery(dir)
	const mapPath = "/maps/tea.owm"
	prev := document.Snapshot{Path: mapPath, Session: "crashed", Text: edited, Time: time.Unix(1000, 0)}
	if err := r.Write(prev); err != nil {
		t.Fatal(err)
	}
	key := document.Key(mapPath, "crashed")
	// The next snapshot was being written when the power went: half a JSON object in the
	// temporary file that the rename would have put in place.
	os.WriteFile(filepath.Join(dir, "."+key+".saving-123"), []byte(`{"path":"/maps/tea.owm","text":"title Ne`), 0o600)
	// Another buffer's copy is corrupt (a disk error, a full disk with a non-atomic writer).
	os.WriteFile(filepath.Join(dir, document.Key("/maps/other.owm", "x")), []byte(`{"path":"/maps/tea.o`), 0o600)
	os.WriteFile(filepath.Join(dir, "junk.json"), []byte{0xff, 0x00, 0xfe}, 0o600)

	// A new editor process looks for copies of the map it opens.
	found, err := document.NewRecovery(dir).Find(mapPath, "new-session")
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	if len(found) != 1 || found[0].Text != edited {
		t.Fatalf("offered %+v, want the last complete copy", found)
	}
	if info, err := os.Stat(found[0].File); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("recovery copy %v, mode %v: want private (0600)", err, info.Mode().Perm())
	}
}

// TestExternalChangeAfterFailedSave: a save that failed (full disk) must not make the next save
// overwrite a change another program made meanwhile.
func TestExternalChangeAfterFailedSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "map.owm")
	os.WriteFile(path, []byte(original), 0o644)
	d, _, err := document.OpenFS(fullDisk{document.OS}, path)
	if err != nil {
		t.Fatal(err)
	}
	saveFails(t, d, d.Save(edited), path, "the disk is full")
	const pulled = "title From git pull\n"
	later := time.Now().Add(3 * time.Second)
	os.WriteFile(path, []byte(pulled), 0o644)
	os.Chtimes(path, later, later)
	if err := d.Save(edited); !errors.Is(err, document.ErrChangedOnDisk) {
		t.Fatalf("second save = %v, want ErrChangedOnDisk", err)
	}
	if data, _ := os.ReadFile(path); string(data) != pulled {
		t.Errorf("the external change was overwritten: %q", data)
	}
}

// fullDisk fails every write with ENOSPC after accepting part of it.
type fullDisk struct{ document.FileSystem }

func (f fullDisk) CreateTemp(dir, pattern string) (document.File, error) {
	tmp, err := f.FileSystem.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return fullFile{tmp}, nil
}

type fullFile struct{ document.File }

func (f fullFile) Write(p []byte) (int, error) {
	n, _ := f.File.Write(p[:len(p)/3])
	return n, &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
}
