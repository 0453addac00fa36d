package sourcepane

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestRenderGolden snapshots the canvas objects of a small editor (colouring, gutter, current
// line, selection, a diagnostic) as Fyne markup, so a change in what is drawn shows in review.
// Regenerate with: go test ./ui/sourcepane -run RenderGolden -update
func TestRenderGolden(t *testing.T) {
	e, w := newTestEditor(t, "title Tea Shop\ncomponent Thé [0.5, 0.7] label [4, -8]\nThé->Water // link\n")
	w.Resize(fyne.NewSize(420, 120))
	e.SetSelection(at(2, 11), at(2, 14))
	e.SetDiagnostics([]Marker{{StartLine: 3, StartCol: 6, EndLine: 3, EndCol: 11, Severity: SeverityError, Message: "unknown component"}})
	got := test.RenderObjectToMarkup(e)
	path := filepath.Join("testdata", "editor.xml")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("rendering differs from %s; run with -update and review the diff\n%s", path, got)
	}
}
