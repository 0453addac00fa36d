//go:build !windows

package atomicfile

import "os"

// renameFile replaces newpath with oldpath; on Unix a rename replaces a file whoever has it open.
func renameFile(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }
