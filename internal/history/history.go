// Package history reads a map's past from git and turns it into trails: for each component of
// the newest version, where it stood in each earlier version, so that a drawing can show how the
// map moved.
//
// Versions come from the git command (`git log --follow`, `git show`), which follows the file
// across renames. Components are matched between consecutive versions by name, and renames are
// followed as `mapwright diff` pairs them (mapdiff: same place, same neighbours, or a near name).
// Uncommitted changes make the working copy the last point of every trail.
package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"mapwright/internal/mapdiff"
	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
)

// Options narrow the versions read.
type Options struct {
	Since, Until string // as git log takes them: "2026-01-01", "3 months ago"
	Max          int    // at most this many commits (the newest); 0 for all
}

// Version is the map as one commit (or the working copy) has it.
type Version struct {
	Commit  string // full hash; "" for the working copy
	Date    time.Time
	Subject string
	Path    string // the file's path in the repository at that commit
	Map     *mapdsl.Map
}

// Label names a version for people: the short hash and the day, or "working copy".
func (v Version) Label() string {
	if v.Commit == "" {
		return "working copy"
	}
	return v.Commit[:min(7, len(v.Commit))] + " " + v.Date.UTC().Format("2006-01-02")
}

// ErrNotRepository is returned for a file outside any git repository.
var ErrNotRepository = errors.New("not in a git repository")

// Load reads the versions of the map file, oldest first. The working copy is the last version
// when it differs from the newest commit (or when the file has no commit yet).
func Load(ctx context.Context, file string, o Options) ([]Version, error) {
	root, rel, abs, err := repoPath(ctx, file)
	if err != nil {
		return nil, err
	}
	versions, err := commitVersions(ctx, root, rel, o)
	if err != nil {
		return nil, err
	}
	if src, err := os.ReadFile(abs); err == nil {
		committed := []byte(nil)
		if n := len(versions); n > 0 {
			committed, _ = git(ctx, root, "show", "--no-textconv", versions[n-1].Commit+":"+versions[n-1].Path)
		}
		if len(versions) == 0 || !bytes.Equal(committed, src) {
			mod := time.Now()
			if st, err := os.Stat(abs); err == nil {
				mod = st.ModTime()
			}
			m, _ := mermaid.ParseAny(abs, src)
			versions = append(versions, Version{Date: mod, Subject: "uncommitted changes", Path: rel, Map: m})
		}
	}
	return versions, nil
}

// repoPath finds the repository holding file: its top folder, the file's path in it (with
// forward slashes, as git names it) and the file's absolute path, symbolic links resolved.
func repoPath(ctx context.Context, file string) (root, rel, abs string, err error) {
	if abs, err = filepath.Abs(file); err != nil {
		return "", "", "", err
	}
	dir := filepath.Dir(abs)
	if _, err := exec.LookPath("git"); err != nil {
		return "", "", "", fmt.Errorf("git is not installed, so the history of %s cannot be read", file)
	}
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", "", "", fmt.Errorf("%s: %w (%v)", file, ErrNotRepository, err)
	}
	root = strings.TrimSpace(string(top))
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		abs = filepath.Join(r, filepath.Base(abs))
	}
	if rel, err = filepath.Rel(root, abs); err != nil {
		return "", "", "", err
	}
	return root, filepath.ToSlash(rel), abs, nil
}

// commitVersions reads the file's committed versions, oldest first, following renames; a commit
// that deleted it is left out.
func commitVersions(ctx context.Context, root, rel string, o Options) ([]Version, error) {
	args := []string{"log", "--follow", "-M40%", "--format=%x1e%H%x1f%ct%x1f%s", "--name-only"}
	if o.Since != "" {
		args = append(args, "--since="+o.Since)
	}
	if o.Until != "" {
		args = append(args, "--until="+o.Until)
	}
	if o.Max > 0 {
		args = append(args, "-n", strconv.Itoa(o.Max))
	}
	args = append(args, "--", rel)
	out, err := git(ctx, root, args...)
	if err != nil && !bytes.Contains(out, []byte("does not have any commits")) {
		// A repository without commits has no log: the working copy is all there is.
		if !strings.Contains(err.Error(), "does not have any commits") {
			return nil, err
		}
	}
	var versions []Version
	for _, rec := range strings.Split(string(out), "\x1e") {
		rec = strings.TrimSpace(rec)
		if rec == "" {
			continue
		}
		head, names, _ := strings.Cut(rec, "\n")
		f := strings.SplitN(head, "\x1f", 3)
		if len(f) < 3 {
			continue
		}
		path := rel
		for _, n := range strings.Split(names, "\n") {
			if n = strings.TrimSpace(n); n != "" {
				path = n
			}
		}
		secs, _ := strconv.ParseInt(f[1], 10, 64)
		src, err := git(ctx, root, "show", "--no-textconv", f[0]+":"+path)
		if err != nil {
			continue // deleted in that commit
		}
		m, _ := mermaid.ParseAny(path, src)
		versions = append(versions, Version{Commit: f[0], Date: time.Unix(secs, 0), Subject: f[2], Path: path, Map: m})
	}
	// git log lists the newest first.
	slices.Reverse(versions)
	return versions, nil
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(errb.String())
		if msg == "" {
			msg = err.Error()
		}
		return out.Bytes(), errors.New(msg)
	}
	return out.Bytes(), nil
}

// Point is where a component stood in one version.
type Point struct {
	Version    int     `json:"-"` // index into the versions
	Commit     string  `json:"commit"`
	Date       string  `json:"date"` // RFC 3339
	Visibility float64 `json:"visibility"`
	Maturity   float64 `json:"maturity"`
}

// Trail is one component of the newest version and its positions, oldest first; the last point
// is where it is now. A component that never moved has one point.
type Trail struct {
	Name   string  `json:"name"`
	Points []Point `json:"points"`
}

// Trails follows every component of the newest version back through the versions. Consecutive
// versions whose position is the same are one point (the oldest of them).
func Trails(versions []Version) []Trail {
	if len(versions) == 0 {
		return nil
	}
	last := versions[len(versions)-1].Map
	// names[i][n] is the name in version i of the component called n in the newest version.
	names := make([]map[string]string, len(versions))
	names[len(versions)-1] = map[string]string{}
	for _, c := range last.Components {
		names[len(versions)-1][c.Name] = c.Name
	}
	for i := len(versions) - 2; i >= 0; i-- {
		renamedFrom := map[string]string{} // new name in version i+1 -> old name in version i
		r := mapdiff.Compare(versions[i].Map, versions[i+1].Map, "old", "new")
		for _, ch := range r.Changes {
			if ch.Kind == mapdiff.Renamed && ch.OldName != "" {
				renamedFrom[ch.Name] = ch.OldName
			}
		}
		names[i] = map[string]string{}
		for now, there := range names[i+1] {
			if old, ok := renamedFrom[there]; ok {
				names[i][now] = old
			} else {
				names[i][now] = there
			}
		}
	}
	var out []Trail
	for _, c := range last.Components {
		t := Trail{Name: c.Name}
		for i, v := range versions {
			old := component(v.Map, names[i][c.Name])
			if old == nil {
				continue
			}
			p := Point{Version: i, Commit: v.Commit, Date: v.Date.UTC().Format(time.RFC3339),
				Visibility: old.Coords.Visibility.Value, Maturity: old.Coords.Maturity.Value}
			if n := len(t.Points); n > 0 && t.Points[n-1].Visibility == p.Visibility && t.Points[n-1].Maturity == p.Maturity {
				continue
			}
			t.Points = append(t.Points, p)
		}
		out = append(out, t)
	}
	return out
}

func component(m *mapdsl.Map, name string) *mapdsl.Component {
	if m == nil || name == "" {
		return nil
	}
	for _, c := range m.Components {
		if c.Name == name {
			return c
		}
	}
	return nil
}
