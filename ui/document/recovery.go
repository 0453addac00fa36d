package document

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"mapwright/internal/atomicfile"
)

// Recovery keeps copies of unsaved buffers in a folder (by default the user's cache folder,
// mapwright/recovery), so that text typed since the last save survives a crash, a kill or a
// power cut. The editor writes a snapshot shortly after each change, removes it after a
// successful save or a clean close, and at start-up offers back any snapshot it finds that
// differs from the file on disk.
type Recovery struct {
	Dir string
	fs  FileSystem
}

// DefaultRecoveryDir is <user cache dir>/mapwright/recovery.
func DefaultRecoveryDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "mapwright", "recovery"), nil
}

// NewRecovery uses dir, creating it on the first write.
func NewRecovery(dir string) *Recovery { return &Recovery{Dir: dir, fs: OS} }

// Snapshot is one recovery file: the buffer of a document at a moment.
type Snapshot struct {
	// Path is the document's file ("" for an untitled map).
	Path string `json:"path"`
	// Session tells untitled buffers of different editor runs apart.
	Session string    `json:"session"`
	Text    string    `json:"text"`
	Time    time.Time `json:"time"`
	// File is the recovery file holding this snapshot.
	File string `json:"-"`
}

// Key is the recovery file name of a buffer: one per file path, or one per untitled session.
func Key(path, session string) string {
	if path == "" {
		return "untitled-" + session + ".json"
	}
	sum := sha256.Sum256([]byte(path))
	return "file-" + hex.EncodeToString(sum[:8]) + ".json"
}

// Write stores a snapshot atomically (a crash while writing leaves the previous one intact).
func (r *Recovery) Write(s Snapshot) error {
	if err := os.MkdirAll(r.Dir, 0o700); err != nil {
		return fmt.Errorf("cannot keep a recovery copy: %w", err)
	}
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	// Private: a recovery copy may hold text its author has not chosen to share yet.
	_, err = writeAtomic(r.fs, filepath.Join(r.Dir, Key(s.Path, s.Session)), data, atomicfile.Options{Perm: 0o600})
	return err
}

// Remove deletes the snapshot of a buffer (after a save or a clean close).
func (r *Recovery) Remove(path, session string) {
	r.fs.Remove(filepath.Join(r.Dir, Key(path, session)))
}

// Discard deletes one snapshot found by Find.
func (r *Recovery) Discard(s Snapshot) {
	if s.File != "" {
		r.fs.Remove(s.File)
	}
}

// Find returns the snapshots left for path ("" finds those of untitled maps) by editors that
// did not close cleanly, newest first. Snapshots of the running session are skipped.
func (r *Recovery) Find(path, currentSession string) ([]Snapshot, error) {
	entries, err := os.ReadDir(r.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Snapshot
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		file := filepath.Join(r.Dir, name)
		data, err := r.fs.ReadFile(file)
		if err != nil {
			continue
		}
		var s Snapshot
		if json.Unmarshal(data, &s) != nil || s.Path != path {
			continue
		}
		if path == "" && s.Session == currentSession {
			continue
		}
		s.File = file
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Time.After(out[j].Time) })
	return out, nil
}
