package atomicfile

import (
	"bytes"
	"io"
	"io/fs"
	"path/filepath"
	"testing"
)

// deviceFS is the real file system in which one path is a character device (as /dev/null is):
// it records what is written into the device and every temporary file and rename.
type deviceFS struct {
	OSFS
	device  string
	written *bytes.Buffer
	steps   *[]string
}

type deviceInfo struct{ fs.FileInfo }

func (deviceInfo) Mode() fs.FileMode { return fs.ModeDevice | fs.ModeCharDevice | 0o666 }
func (deviceInfo) IsDir() bool       { return false }

func (d deviceFS) Stat(name string) (fs.FileInfo, error) {
	if name == d.device {
		return deviceInfo{}, nil
	}
	return d.OSFS.Stat(name)
}

func (d deviceFS) Lstat(name string) (fs.FileInfo, error) { return d.Stat(name) }

func (d deviceFS) OpenExisting(name string) (io.WriteCloser, error) {
	*d.steps = append(*d.steps, "open "+filepath.Base(name))
	return nopCloser{d.written}, nil
}

func (d deviceFS) CreateTemp(dir, pattern string) (File, error) {
	*d.steps = append(*d.steps, "create")
	return d.OSFS.CreateTemp(dir, pattern)
}

func (d deviceFS) Rename(oldpath, newpath string) error {
	*d.steps = append(*d.steps, "rename")
	return d.OSFS.Rename(oldpath, newpath)
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// TestWriteIntoDevice: `mapwright export -o /dev/null` once renamed a new plain file over the
// device (as root it replaced /dev/null for every program on the machine). A file that is not a
// regular one is written into, and no temporary file is made beside it.
func TestWriteIntoDevice(t *testing.T) {
	dev := filepath.Join(t.TempDir(), "null")
	var steps []string
	var got bytes.Buffer
	if err := Write(dev, []byte("map"), Options{FS: deviceFS{device: dev, written: &got, steps: &steps}}); err != nil {
		t.Fatal(err)
	}
	if got.String() != "map" {
		t.Errorf("the device got %q", got.String())
	}
	if len(steps) != 1 || steps[0] != "open null" {
		t.Errorf("steps %v, want only [open null]", steps)
	}
}
