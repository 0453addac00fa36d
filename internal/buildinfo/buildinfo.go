// Package buildinfo tells which release and commit a Mapwright binary was built from, for
// `mapwright version` and the editor's About box.
//
// A release build (make release) stamps both with the linker:
//
//	go build -ldflags "-X mapwright/internal/buildinfo.Version=v0.1.0 -X mapwright/internal/buildinfo.Commit=0123abcd..."
//
// Without the stamps, a binary built by `go build` or `go install` in a git checkout still knows
// its commit from the VCS information Go records (runtime/debug.ReadBuildInfo), and `go install
// mapwright/...@v1.2.3` its module version; otherwise the version reads "(devel)".
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// Version is the release version (v1.2.3), set with -ldflags -X.
var Version = ""

// Commit is the full git commit hash the binary was built from, set with -ldflags -X; a trailing
// "-dirty" says the work tree had uncommitted changes.
var Commit = ""

// Info is what a binary knows about its own build.
type Info struct {
	Version   string // v1.2.3, or "(devel)"
	Commit    string // full hash, "" when unknown
	Dirty     bool   // built from a work tree with uncommitted changes
	GoVersion string // go1.26.8, "" when unknown
}

// Read returns the build information of the running binary: the linker stamps first, then what
// the Go toolchain recorded.
func Read() Info {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return from(Version, Commit, info)
}

// from merges the stamps with the recorded build information (nil when there is none).
func from(version, commit string, bi *debug.BuildInfo) Info {
	in := Info{Version: version}
	if c, ok := strings.CutSuffix(commit, "-dirty"); ok {
		in.Commit, in.Dirty = c, true
	} else {
		in.Commit = commit
	}
	if bi != nil {
		in.GoVersion = bi.GoVersion
		if in.Version == "" && bi.Main.Version != "" {
			in.Version = bi.Main.Version
		}
		if commit == "" {
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					in.Commit = s.Value
				case "vcs.modified":
					in.Dirty = s.Value == "true"
				}
			}
		}
	}
	if in.Version == "" {
		in.Version = "(devel)"
	}
	return in
}

// ShortCommit is the first 12 digits of the commit, with "+dirty" for a modified work tree, or
// "" when the commit is unknown.
func (in Info) ShortCommit() string {
	if in.Commit == "" {
		return ""
	}
	c := in.Commit[:min(12, len(in.Commit))]
	if in.Dirty {
		c += "+dirty"
	}
	return c
}

// String is the one-line form: "v0.1.0 (0123456789ab) go1.26.8". The commit is left out when
// the version already names it (a Go pseudo-version), or when it is unknown.
func (in Info) String() string {
	s := in.Version
	if c := in.ShortCommit(); c != "" && !strings.Contains(in.Version, in.Commit[:min(12, len(in.Commit))]) {
		s += " (" + c + ")"
	}
	if in.GoVersion != "" {
		s += " " + in.GoVersion
	}
	return s
}
