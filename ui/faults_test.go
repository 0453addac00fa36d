package ui

import (
	"io/fs"
	"syscall"

	"mapwright/ui/document"
)

// fullDisk fails every write of a temporary file, as a full disk does.
type fullDisk struct{ document.FileSystem }

func (f fullDisk) CreateTemp(dir, pattern string) (document.File, error) {
	tmp, err := f.FileSystem.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return failingWrite{tmp}, nil
}

type failingWrite struct{ document.File }

func (f failingWrite) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
}

// readOnly refuses to create files, as a read-only folder does.
type readOnly struct{ document.FileSystem }

func (readOnly) CreateTemp(dir, _ string) (document.File, error) {
	return nil, &fs.PathError{Op: "open", Path: dir, Err: syscall.EACCES}
}
