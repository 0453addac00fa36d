package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"mapwright/internal/buildinfo"
)

func TestAboutText(t *testing.T) {
	tests := []struct {
		name string
		in   buildinfo.Info
		want []string
		not  []string
	}{
		{"a release", buildinfo.Info{Version: "v0.1.0", Commit: "0123456789abcdef", GoVersion: "go1.26.8"},
			[]string{"Mapwright v0.1.0", "Commit 0123456789ab", "Built with go1.26.8"}, []string{"dirty"}},
		{"a build from a modified checkout", buildinfo.Info{Version: "(devel)", Commit: "0123456789abcdef", Dirty: true},
			[]string{"Mapwright (devel)", "Commit 0123456789ab+dirty"}, []string{"Built with"}},
		{"nothing known", buildinfo.Info{Version: "(devel)"}, []string{"Mapwright (devel)"}, []string{"Commit"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := aboutText(tc.in)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q lacks %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("%q has %q", got, n)
				}
			}
		})
	}
}

// TestAboutBox chooses Help > About Mapwright and reads the stamped version and commit in the
// dialog it opens.
func TestAboutBox(t *testing.T) {
	oldV, oldC := buildinfo.Version, buildinfo.Commit
	buildinfo.Version, buildinfo.Commit = "v9.8.7", "fedcba9876543210fedcba9876543210fedcba98"
	t.Cleanup(func() { buildinfo.Version, buildinfo.Commit = oldV, oldC })

	e, _ := openMap(t, teaText)
	var about *fyne.MenuItem
	for _, m := range e.menu.Items {
		if m.Label != "Help" {
			continue
		}
		for _, it := range m.Items {
			if it.Label == "About Mapwright" {
				about = it
			}
		}
	}
	if about == nil {
		t.Fatal("no Help > About Mapwright in the main menu")
	}
	about.Action()
	top := e.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("About opened no dialog")
	}
	var text string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			text += l.Text + "\n"
		}
	}
	for _, want := range []string{"Mapwright v9.8.7", "Commit fedcba987654"} {
		if !strings.Contains(text, want) {
			t.Errorf("the About box shows %q, want %q in it", text, want)
		}
	}
}
