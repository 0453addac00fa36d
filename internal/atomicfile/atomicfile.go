// Package atomicfile is Mapwright's one file writer: the command line (fmt -w, export, diff -o)
// and the editor (save, save as, export, recovery copies) all write through Write.
//
// Write replaces a file so that at every moment its path holds the old content or the new,
// never a part of either: the data goes to a temporary file in the same folder, which is synced,
// given the mode of the file it replaces and renamed over it; then the folder is synced so the
// rename itself survives a power cut. A symbolic link is followed: the file it points to is
// replaced and the link stays a link. A read-only file is refused unless the caller allows it,
// as gofmt -w refuses one. A device or a named pipe (/dev/null, a pipe another program reads) is
// not replaced but written into. Errors name the destination, never the temporary file.
//
// It is written here rather than taken from github.com/google/renameio/v2 because that package
// is built for Unix only (every file carries a !windows build constraint) and Mapwright ships
// for Windows; it also renames over a symbolic link instead of following it, and does not sync
// the folder after the rename. On Windows a file that another program has open cannot be
// replaced until it lets go: Write tries again for a moment, then reports ErrInUse
// (rename_windows.go).
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Options tune Write; the zero value suits a document.
type Options struct {
	// Perm is the mode of a file that does not exist yet (default 0o644); a file that exists
	// keeps its own mode.
	Perm fs.FileMode
	// AllowReadOnly replaces a file its owner may not write; without it Write refuses such a
	// file with ErrReadOnly.
	AllowReadOnly bool
	// MakeDirs creates missing folders on the way to the file.
	MakeDirs bool
	// FS is the file system to write to (default the real one); tests inject failures.
	FS FS
}

var (
	// ErrReadOnly: the file exists and its owner may not write it.
	ErrReadOnly = errors.New("the file is read-only; make it writable first")
	// ErrIsDir: the path names a folder.
	ErrIsDir = errors.New("it is a folder")
	// ErrInUse: another program holds the file open and does not let it be replaced (Windows).
	ErrInUse = errors.New("another program has it open; close it there and try again")
)

// Error is a failed write; the destination was left as it was.
type Error struct {
	Path string // the destination, as the caller named it
	Err  error  // why: ErrReadOnly, ErrIsDir, or the system's reason (syscall.ENOSPC, ...)
}

func (e *Error) Error() string { return fmt.Sprintf("cannot write %s: %v", e.Path, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// maxLinks bounds the chain of symbolic links followed (as the kernel's ELOOP does).
const maxLinks = 40

// Write replaces the file at path with data, atomically (see the package comment).
func Write(path string, data []byte, o Options) error {
	fsys := o.FS
	if fsys == nil {
		fsys = OSFS{}
	}
	fail := func(err error) error { return &Error{Path: path, Err: cause(err)} }
	if info, err := fsys.Stat(path); err == nil && !info.IsDir() && !info.Mode().IsRegular() {
		// A device or a named pipe (-o /dev/null, a pipe another program reads): there is
		// nothing to replace, and renaming over it would put a plain file in its place, so the
		// data is written into it, as cp does. Stat lets the system follow the links: /dev/stdout
		// leads through /proc/self/fd/1 to "pipe:[123]", no path to resolve by hand.
		return writeInto(fsys, path, data, fail)
	}
	target, err := resolve(fsys, path)
	if err != nil {
		return fail(err)
	}
	mode := o.Perm
	if mode == 0 {
		mode = 0o644
	}
	if info, err := fsys.Stat(target); err == nil {
		if info.IsDir() {
			return fail(ErrIsDir)
		}
		mode = info.Mode().Perm()
		if mode&0o200 == 0 && !o.AllowReadOnly {
			return fail(ErrReadOnly)
		}
	}
	dir := filepath.Dir(target)
	if o.MakeDirs {
		if err := fsys.MkdirAll(dir, 0o755); err != nil {
			return fail(err)
		}
	}
	f, err := fsys.CreateTemp(dir, TempPattern(target))
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	discard := func(err error) error {
		f.Close()
		fsys.Remove(tmp)
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		return discard(err)
	}
	if err := f.Chmod(mode); err != nil {
		return discard(err)
	}
	if err := f.Sync(); err != nil {
		return discard(err)
	}
	if err := f.Close(); err != nil {
		fsys.Remove(tmp)
		return fail(err)
	}
	if err := fsys.Rename(tmp, target); err != nil {
		fsys.Remove(tmp)
		if info, serr := fsys.Stat(target); serr == nil && info.IsDir() {
			err = ErrIsDir // a folder appeared meanwhile
		}
		return fail(err)
	}
	// Not every file system can sync a folder; the data itself is already safe.
	_ = fsys.SyncDir(dir)
	return nil
}

// writeInto writes data into target, an existing file that is not a regular one.
func writeInto(fsys FS, target string, data []byte, fail func(error) error) error {
	w, err := fsys.OpenExisting(target)
	if err != nil {
		return fail(err)
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return fail(err)
	}
	if err := w.Close(); err != nil {
		return fail(err)
	}
	return nil
}

// TempPattern is the os.CreateTemp pattern of the temporary files that writes of path make
// beside it (".name.saving-*"): hidden, and easy to recognise if a killed process left one.
func TempPattern(path string) string { return "." + filepath.Base(path) + ".saving-*" }

// resolve follows path's symbolic links to the file they name, which may not exist yet.
func resolve(fsys FS, path string) (string, error) {
	for range maxLinks {
		info, err := fsys.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := fsys.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// cause strips the operation and file name that os errors carry (which may be the temporary
// file's), keeping the reason: the Error names the destination itself.
func cause(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

// FS is the part of the operating system that Write uses; OSFS is the real one.
type FS interface {
	Lstat(name string) (fs.FileInfo, error)
	Stat(name string) (fs.FileInfo, error)
	Readlink(name string) (string, error)
	MkdirAll(dir string, perm fs.FileMode) error
	CreateTemp(dir, pattern string) (File, error)
	Rename(oldpath, newpath string) error
	Remove(name string) error
	// SyncDir flushes a folder's entries to disk.
	SyncDir(dir string) error
	// OpenExisting opens a file that exists and is not a regular one (a device, a named pipe)
	// to write into it.
	OpenExisting(name string) (io.WriteCloser, error)
}

// File is a temporary file being written.
type File interface {
	Name() string
	Write(p []byte) (int, error)
	Chmod(mode fs.FileMode) error
	Sync() error
	Close() error
}

// OSFS is the real file system.
type OSFS struct{}

func (OSFS) Lstat(name string) (fs.FileInfo, error)      { return os.Lstat(name) }
func (OSFS) Stat(name string) (fs.FileInfo, error)       { return os.Stat(name) }
func (OSFS) Readlink(name string) (string, error)        { return os.Readlink(name) }
func (OSFS) MkdirAll(dir string, perm fs.FileMode) error { return os.MkdirAll(dir, perm) }
func (OSFS) Rename(oldpath, newpath string) error        { return renameFile(oldpath, newpath) }
func (OSFS) Remove(name string) error                    { return os.Remove(name) }

func (OSFS) OpenExisting(name string) (io.WriteCloser, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0)
}

func (OSFS) CreateTemp(dir, pattern string) (File, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (OSFS) SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
