// Package document is the editor's file model: which file a map's text belongs to, whether the
// text has unsaved changes, and the machinery that keeps a person's work safe.
//
// It has no GUI dependency, so every rule about not losing work is unit-tested without a display:
//   - saving is atomic, through the product's one writer (internal/atomicfile): the text goes to
//     a temporary file in the same folder, is synced, gets the old file's permissions and is
//     renamed over the target, so a crash never leaves a truncated map; a map opened through a
//     symbolic link is saved into the file the link names, and the link stays; a read-only map
//     is not replaced; a failed save leaves the target untouched and reports why in words;
//   - a change to the file on disk (a git pull, another editor) is detected by its size, time
//     and content hash, and a save never silently overwrites it;
//   - the unsaved buffer is copied to a recovery file in the user's cache folder while editing
//     and offered back after a crash (see Recovery);
//   - recently opened files are remembered in the app's preferences (see Recent).
package document

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"mapwright/internal/atomicfile"
	"mapwright/mapdsl"
)

// Document is one map file and what the editor knows about its copy on disk. It does not hold
// the live text (the text pane does); it holds the text as last loaded or saved, so the editor
// can ask whether the buffer is dirty, and the fingerprint of the file on disk.
type Document struct {
	// Path is the file, absolute; empty for a new map that was never saved.
	Path string
	// Exists is false for a path that names no file yet (it is created on the first save).
	Exists bool

	saved string      // text as last loaded from or saved to Path
	disk  fingerprint // the file on disk as we last saw it
	fs    FileSystem
	// crlf is true when the file on disk ends its lines with CR LF (a Windows checkout): the
	// editor works on LF text, and saving writes CR LF again, so opening and saving a map does
	// not rewrite every line of it in git.
	crlf bool
}

// fingerprint identifies one version of a file on disk.
type fingerprint struct {
	size    int64
	modTime time.Time
	sum     [sha256.Size]byte
	known   bool
}

// New returns an untitled document whose text starts as text (not dirty).
func New(text string) *Document { return &Document{saved: text, fs: OS} }

// Open reads the file at path. A missing file is not an error: the document is empty and the
// file is created on the first save, as `mapwright-editor new.owm` promises.
func Open(path string) (*Document, string, error) { return OpenFS(OS, path) }

// OpenFS is Open on a given file system (tests inject failures through it).
func OpenFS(fsys FileSystem, path string) (*Document, string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, "", err
	}
	d := &Document{Path: abs, fs: fsys}
	info, err := fsys.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return d, "", nil
	case err != nil:
		return nil, "", fmt.Errorf("cannot open %s: %w", abs, err)
	case info.IsDir():
		return nil, "", fmt.Errorf("cannot open %s: it is a folder, not a map file", abs)
	}
	data, err := fsys.ReadFile(abs)
	if err != nil {
		return nil, "", fmt.Errorf("cannot read %s: %w", abs, err)
	}
	removeStaleSaves(fsys, abs)
	d.Exists = true
	d.saved = string(data)
	d.crlf = mapdsl.UsesCRLF(data)
	d.disk = fingerprint{size: info.Size(), modTime: info.ModTime(), sum: sha256.Sum256(data), known: true}
	return d, d.saved, nil
}

// Name is the file name shown in the window title ("Untitled" for a new map).
func (d *Document) Name() string {
	if d.Path == "" {
		return "Untitled"
	}
	return filepath.Base(d.Path)
}

// Dirty reports whether text differs from what was last loaded or saved. Undoing back to the
// saved text makes the document clean again.
func (d *Document) Dirty(text string) bool { return text != d.saved }

// SavedText is the text as last loaded or saved.
func (d *Document) SavedText() string { return d.saved }

// ErrChangedOnDisk is returned by Save when the file changed on disk since it was loaded or
// saved, and the change was not adopted; the editor asks before calling SaveOver.
var ErrChangedOnDisk = errors.New("the file was changed on disk by another program")

// Save writes text to the document's file atomically. It refuses to overwrite a change made on
// disk by someone else (ErrChangedOnDisk); SaveOver overwrites it deliberately.
func (d *Document) Save(text string) error {
	if d.Path == "" {
		return errors.New("the map has no file name yet; use Save As")
	}
	if ch, err := d.CheckDisk(); err == nil && ch != nil {
		return &SaveError{Path: d.Path, Err: ErrChangedOnDisk}
	}
	return d.SaveOver(text)
}

// SaveAs writes text to a new path atomically and makes it the document's file.
func (d *Document) SaveAs(path, text string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return &SaveError{Path: path, Err: err}
	}
	nd := &Document{Path: abs, fs: d.fs, crlf: d.crlf}
	if err := nd.SaveOver(text); err != nil {
		return err
	}
	*d = *nd
	return nil
}

// SaveOver writes text to the document's file atomically, whatever is on disk now.
func (d *Document) SaveOver(text string) error { return d.save(text, false) }

// SaveReadOnly is SaveOver for a file that is read-only, after the user chose to replace it
// anyway (Save refuses a read-only file with atomicfile.ErrReadOnly); the file stays read-only.
func (d *Document) SaveReadOnly(text string) error { return d.save(text, true) }

func (d *Document) save(text string, allowReadOnly bool) error {
	if d.Path == "" {
		return errors.New("the map has no file name yet; use Save As")
	}
	if d.fs == nil {
		d.fs = OS
	}
	data := []byte(text)
	if d.crlf {
		data = mapdsl.WithCRLF([]byte(text))
	}
	info, err := writeAtomic(d.fs, d.Path, data, atomicfile.Options{Perm: 0o644, AllowReadOnly: allowReadOnly})
	if err != nil {
		return err
	}
	d.Exists = true
	d.saved = text
	d.disk = fingerprint{size: info.Size(), modTime: info.ModTime(), sum: sha256.Sum256(data), known: true}
	return nil
}

// DiskChange is a version of the file on disk that differs from the one the editor knows.
type DiskChange struct {
	Text    string // the new content ("" when deleted)
	Deleted bool   // the file is gone
}

// CheckDisk looks at the file on disk and reports a change since it was last loaded, saved or
// adopted, or nil. It costs one stat when nothing changed; the content is read and hashed only
// when the size or time differ, so a touch without a change is not reported.
func (d *Document) CheckDisk() (*DiskChange, error) {
	if d.Path == "" || !d.disk.known {
		return nil, nil
	}
	info, err := d.fs.Stat(d.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return &DiskChange{Deleted: true}, nil
	}
	if err != nil {
		return nil, err
	}
	if info.Size() == d.disk.size && info.ModTime().Equal(d.disk.modTime) {
		return nil, nil
	}
	data, err := d.fs.ReadFile(d.Path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if bytes.Equal(sum[:], d.disk.sum[:]) {
		d.disk.size, d.disk.modTime = info.Size(), info.ModTime()
		return nil, nil
	}
	return &DiskChange{Text: string(data)}, nil
}

// Adopt records a change on disk as seen: after a reload (the buffer now holds ch.Text, clean)
// or after the user chose to keep their own edits (the buffer stays dirty against the disk, and
// the next save overwrites the file knowingly).
func (d *Document) Adopt(ch *DiskChange) {
	if ch.Deleted {
		d.disk = fingerprint{}
		d.Exists = false
		d.saved = ""
		return
	}
	d.saved = ch.Text
	d.crlf = mapdsl.UsesCRLF([]byte(ch.Text))
	if info, err := d.fs.Stat(d.Path); err == nil {
		d.disk = fingerprint{size: info.Size(), modTime: info.ModTime(), sum: sha256.Sum256([]byte(ch.Text)), known: true}
	}
}

// SaveError explains why a save failed; the file on disk is unchanged when it is returned.
type SaveError struct {
	Path string
	Err  error
}

func (e *SaveError) Unwrap() error { return e.Err }

// Error reads as advice for the person saving.
func (e *SaveError) Error() string {
	dir := filepath.Dir(e.Path)
	switch {
	case errors.Is(e.Err, ErrChangedOnDisk):
		return fmt.Sprintf("%s was changed on disk by another program since you opened it; saving would overwrite that change", e.Path)
	case errors.Is(e.Err, atomicfile.ErrIsDir):
		return fmt.Sprintf("cannot save to %s: it is a folder; choose another name with Save As", e.Path)
	case errors.Is(e.Err, atomicfile.ErrReadOnly):
		return fmt.Sprintf("cannot save %s: the file is read-only; make it writable, or save a copy with Save As", e.Path)
	case errors.Is(e.Err, fs.ErrPermission), errors.Is(e.Err, syscall.EROFS):
		return fmt.Sprintf("cannot save %s: the folder %s is read-only (%v); save it somewhere else with Save As", filepath.Base(e.Path), dir, e.Err)
	case errors.Is(e.Err, syscall.ENOSPC), errors.Is(e.Err, syscall.EDQUOT):
		return fmt.Sprintf("cannot save %s: the disk is full (%v); free some space and save again", e.Path, e.Err)
	case errors.Is(e.Err, fs.ErrNotExist):
		return fmt.Sprintf("cannot save %s: the folder %s does not exist", filepath.Base(e.Path), dir)
	case errors.Is(e.Err, syscall.ENOTDIR):
		return fmt.Sprintf("cannot save %s: %s is a file, not a folder; choose another folder with Save As", filepath.Base(e.Path), fileInPath(dir))
	}
	return fmt.Sprintf("cannot save %s: %v", e.Path, e.Err)
}

// fileInPath is the part of a folder path that is a file (the reason it cannot be a folder):
// the longest leading part of dir that exists and is not a folder, or dir itself if none is.
func fileInPath(dir string) string {
	for p := dir; ; p = filepath.Dir(p) {
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
		if filepath.Dir(p) == p {
			return dir
		}
	}
}

// writeAtomic replaces path with data through the product's one atomic writer (a symbolic link
// is followed, the file's mode kept, a read-only file refused unless o allows it; see
// atomicfile) and returns what is on disk afterwards.
func writeAtomic(fsys FileSystem, path string, data []byte, o atomicfile.Options) (fs.FileInfo, error) {
	o.FS = fsys
	if err := atomicfile.Write(path, data, o); err != nil {
		var ae *atomicfile.Error
		if errors.As(err, &ae) {
			err = ae.Err
		}
		return nil, &SaveError{Path: path, Err: err}
	}
	info, err := fsys.Stat(path)
	if err != nil {
		return nil, &SaveError{Path: path, Err: err}
	}
	return info, nil
}

// staleSaveAge is how old a temporary file of a save must be to count as left behind: a
// save takes milliseconds, so one that old belongs to an editor that was killed mid-save.
const staleSaveAge = 10 * time.Minute

// removeStaleSaves deletes the hidden temporary files that saves of path left behind when the
// editor was killed between writing them and renaming them over the map. They never hold the
// only copy of anything: the map itself is intact, and unsaved work is in the recovery folder.
func removeStaleSaves(fsys FileSystem, path string) {
	dir, prefix := filepath.Dir(path), strings.TrimSuffix(atomicfile.TempPattern(path), "*")
	entries, err := fsys.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleSaveAge {
			fsys.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// FileSystem is the little of the OS that saving and loading need; tests substitute one that
// fails (a full disk, a read-only folder) to check that no work is lost.
type FileSystem interface {
	atomicfile.FS
	ReadFile(name string) ([]byte, error)
	// ReadDir lists a folder (to find temporary files that a killed save left behind).
	ReadDir(dir string) ([]fs.DirEntry, error)
}

// File is a temporary file being written.
type File = atomicfile.File

// OS is the real file system.
var OS FileSystem = osFS{}

type osFS struct{ atomicfile.OSFS }

func (osFS) ReadFile(name string) ([]byte, error)      { return os.ReadFile(name) }
func (osFS) ReadDir(dir string) ([]fs.DirEntry, error) { return os.ReadDir(dir) }

// FileSystem is the file system the document is saved to (the editor's exports use it too).
func (d *Document) FileSystem() FileSystem {
	if d.fs == nil {
		return OS
	}
	return d.fs
}

// Rebase records text as the unsaved-changes baseline without touching the disk: the text pane
// holds a loaded file in a normalised form (CRLF read as LF), and that form is "clean".
func (d *Document) Rebase(text string) { d.saved = text }
