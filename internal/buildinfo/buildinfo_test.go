package buildinfo

import (
	"runtime/debug"
	"testing"
)

func TestFrom(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	recorded := func(mainVersion string, settings ...debug.BuildSetting) *debug.BuildInfo {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "mapwright", Version: mainVersion}, Settings: settings}
	}
	vcs := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "fedcba9876543210fedcba9876543210fedcba98"}, {Key: "vcs.modified", Value: "true"}}
	tests := []struct {
		name            string
		version, commit string
		bi              *debug.BuildInfo
		want            string
	}{
		{"release stamps win over the recorded VCS information", "v0.1.0", rev, recorded("(devel)", vcs...), "v0.1.0 (0123456789ab) go1.26.8"},
		{"a dirty stamp", "v0.1.0", rev + "-dirty", recorded("(devel)"), "v0.1.0 (0123456789ab+dirty) go1.26.8"},
		{"go build in a checkout: the recorded commit", "", "", recorded("(devel)", vcs...), "(devel) (fedcba987654+dirty) go1.26.8"},
		{"go install of a tagged module", "", "", recorded("v1.2.3"), "v1.2.3 go1.26.8"},
		{"a pseudo-version already names its commit", "", "", recorded("v0.0.0-20261206120000-fedcba987654", vcs[:2]...), "v0.0.0-20261206120000-fedcba987654 go1.26.8"},
		{"a version stamp with the recorded commit", "v0.2.0", "", recorded("(devel)", vcs[:2]...), "v0.2.0 (fedcba987654) go1.26.8"},
		{"nothing known", "", "", nil, "(devel)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := from(tc.version, tc.commit, tc.bi).String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
