package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// inUseWait is how long renameFile keeps trying to replace a file that is in use.
const inUseWait = 2 * time.Second

// renameFile replaces newpath with oldpath. On Windows a file that another program holds open
// without allowing its deletion (as most programs do, and Go's os.Open) cannot be replaced: the
// rename fails with ERROR_ACCESS_DENIED or ERROR_SHARING_VIOLATION. Most such holds last a moment
// (a viewer reloading an exported picture, a virus scanner or search indexer reading the file
// just written), so renameFile tries again for up to inUseWait, then reports ErrInUse. A
// read-only file (the caller allowed replacing it) loses its read-only attribute first, which
// Windows would otherwise refuse to replace; it gets it back if the rename fails.
func renameFile(oldpath, newpath string) error {
	return renameWaiting(oldpath, newpath, inUseWait, nil)
}

// renameWaiting is renameFile trying for up to wait, and calling retried (when not nil) after
// each attempt that found the file in use.
func renameWaiting(oldpath, newpath string, wait time.Duration, retried func()) error {
	if info, err := os.Lstat(newpath); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o200 == 0 {
		if err := os.Chmod(newpath, 0o666); err == nil {
			defer func() {
				if _, err := os.Lstat(oldpath); err == nil { // the rename failed
					os.Chmod(newpath, info.Mode().Perm())
				}
			}()
		}
	}
	deadline := time.Now().Add(wait)
	delay := time.Millisecond
	for {
		err := os.Rename(oldpath, newpath)
		if err == nil || !inUse(err) {
			return err
		}
		if retried != nil {
			retried()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w (%v)", ErrInUse, cause(err))
		}
		time.Sleep(delay)
		delay = min(2*delay, 100*time.Millisecond)
	}
}

// inUse tells whether a rename failed because the target is open elsewhere.
func inUse(err error) bool {
	const errorSharingViolation syscall.Errno = 32
	return errors.Is(err, syscall.ERROR_ACCESS_DENIED) || errors.Is(err, errorSharingViolation)
}
