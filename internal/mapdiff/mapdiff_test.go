package mapdiff

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"mapwright/internal/testenv"
	"mapwright/mapdsl"
	"mapwright/render"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata")

func parse(t *testing.T, path string) *mapdsl.Map {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := mapdsl.Parse(path, src)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags.Errors())
	}
	return m
}

func compareCase(t *testing.T, name string) *Result {
	t.Helper()
	dir := filepath.Join("testdata", name)
	return Compare(parse(t, filepath.Join(dir, "old.owm")), parse(t, filepath.Join(dir, "new.owm")), "old.owm", "new.owm")
}

// TestGolden compares the text and markdown reports of each pair in testdata with the
// checked-in report; go test -update rewrites them.
func TestGolden(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/*/old.owm")
	for _, d := range dirs {
		name := filepath.Base(filepath.Dir(d))
		t.Run(name, func(t *testing.T) {
			res := compareCase(t, name)
			var got bytes.Buffer
			res.WriteText(&got)
			got.WriteString("\n---- markdown ----\n")
			res.WriteMarkdown(&got)
			testenv.CompareGolden(t, filepath.Join("testdata", name, "report.golden"), got.Bytes(), *update)
		})
	}
}

// change is the part of a Change the assertions below look at.
type change struct {
	el     Element
	kind   ChangeKind
	name   string
	aspect string
}

func changes(r *Result) []change {
	var out []change
	for _, c := range r.Changes {
		out = append(out, change{c.Element, c.Kind, c.Name, c.Aspect})
	}
	return out
}

// TestKnownChanges asserts, pair by pair, the changes that were made by hand to each map.
func TestKnownChanges(t *testing.T) {
	tests := []struct {
		name    string
		want    []change // must all be present
		wantNot []change // must be absent
	}{
		{"teashop", []change{
			{ElemComponent, Moved, "Cup", ""},
			{ElemComponent, Moved, "Power", ""},
			{ElemComponent, Changed, "Power", "decorators"},
			{ElemComponent, Changed, "Kettle", "inertia"},
			{ElemComponent, Changed, "Kettle", "evolve"},
			{ElemComponent, Changed, "Kettle", "label"},
			{ElemLink, Changed, "Cup of Tea+<>Hot Water", "operator"},
		}, []change{{ElemComponent, Moved, "Kettle", ""}, {ElemLink, Added, "Cup of Tea+<>Hot Water", ""}}},
		{"renames", []change{
			{ElemAnchor, Renamed, "Customers", ""},
			{ElemComponent, Renamed, "Hot Water", ""},                        // case only
			{ElemComponent, Renamed, "Boiler", ""},                           // same place, same links
			{ElemComponent, Renamed, "Web Hosting", ""},                      // similar name, moved
			{ElemComponent, Moved, "Web Hosting", ""},                        //
			{ElemComponent, Renamed, "Customer Relationship Management", ""}, // nudged, same links
			{ElemComponent, Removed, "Legacy Billing", ""},                   // different thing elsewhere
			{ElemComponent, Added, "Payments", ""},
			{ElemLink, Added, "Customer Relationship Management->Payments", ""},
			{ElemLink, Removed, "CRM->Legacy Billing", ""},
		}, []change{
			{ElemLink, Added, "Customers->Hot Water", ""}, // links follow renames
			{ElemLink, Removed, "Hot water->Kettle", ""},
		}},
		{"pipelines", []change{
			{ElemPipeline, Moved, "Kettle", ""},
			{ElemPipeline, Changed, "Compute", "span"},
			{ElemPipeline, Changed, "Storage", "children"},
			{ElemPipeline, Added, "Network", ""},
			{ElemComponent, Moved, "Disk", ""},
			{ElemComponent, Added, "Object Store", ""},
			{ElemComponent, Removed, "Tape", ""},
		}, nil},
		{"additions", []change{
			{ElemAnchor, Added, "Reviewer", ""},
			{ElemComponent, Removed, "Build Server", ""},
			{ElemComponent, Added, "Helm", ""},
			{ElemComponent, Added, "Kubernetes", ""},
			{ElemLink, Added, "Helm->Kubernetes", ""},
			{ElemLink, Removed, "Build Server->Docker", ""},
		}, []change{{ElemComponent, Renamed, "Helm", ""}}},
		{"annotations", []change{
			{ElemMap, Changed, "Notes and annotations, revised", "title"},
			{ElemMap, Changed, "Notes and annotations, revised", "style"},
			{ElemNote, Moved, "+growing market", ""},
			{ElemNote, Added, "+new regulation", ""},
			{ElemAnnotation, Changed, "2", "text"},
			{ElemAnnotation, Moved, "2", ""},
			{ElemAnnotation, Added, "3", ""},
			{ElemAccelerator, Moved, "Open source", ""},
			{ElemAccelerator, Changed, "Open source", "kind"},
			{ElemArea, Moved, "pioneers", ""},
			{ElemArea, Removed, "settlers", ""},
			{ElemArea, Added, "townplanners", ""},
			{ElemComponent, Changed, "Docs", "url"},
		}, []change{{ElemAnnotation, Moved, "1", ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := changes(compareCase(t, tc.name))
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %+v", w)
				}
			}
			for _, w := range tc.wantNot {
				if slices.Contains(got, w) {
					t.Errorf("unexpected %+v", w)
				}
			}
			if t.Failed() {
				t.Logf("got %+v", got)
			}
		})
	}
}

func TestIdenticalMapsHaveNoChanges(t *testing.T) {
	m := parse(t, "testdata/teashop/old.owm")
	again := parse(t, "testdata/teashop/old.owm")
	r := Compare(m, again, "a", "b")
	if !r.Empty() {
		t.Errorf("want no changes, got %+v", r.Changes)
	}
	if r.Summary() != "no changes in meaning" {
		t.Errorf("summary %q", r.Summary())
	}
}

// TestRepeatedKeys covers maps that name a pipeline or an accelerator, or number an
// annotation, twice: compared with itself such a map once showed the second as removed (and
// `mapwright diff` exited 1), and a second one added was not reported.
func TestRepeatedKeys(t *testing.T) {
	const base = "component A [0.5, 0.5]\ncomponent Network [0.4, 0.4]\n"
	tests := []struct {
		name, old, new string
		want           []change
	}{
		{"pipeline twice, unchanged", "pipeline Network\npipeline Network\n", "pipeline Network\npipeline Network\n", nil},
		{"accelerator twice, unchanged", "accelerator X [0.5, 0.5]\naccelerator X [0.6, 0.6]\n", "accelerator X [0.5, 0.5]\naccelerator X [0.6, 0.6]\n", nil},
		{"annotation twice, unchanged", "annotation 1 [0.3, 0.3] one\nannotation 1 [0.4, 0.4] uno\n", "annotation 1 [0.3, 0.3] one\nannotation 1 [0.4, 0.4] uno\n", nil},
		{"second pipeline added", "pipeline Network [0.2, 0.6]\n", "pipeline Network [0.2, 0.6]\npipeline Network [0.3, 0.7]\n",
			[]change{{ElemPipeline, Added, "Network", ""}}},
		{"second accelerator removed", "accelerator X [0.5, 0.5]\naccelerator X [0.6, 0.6]\n", "accelerator X [0.5, 0.5]\n",
			[]change{{ElemAccelerator, Removed, "X", ""}}},
		{"second annotation's text changed", "annotation 1 [0.3, 0.3] one\nannotation 1 [0.4, 0.4] uno\n", "annotation 1 [0.3, 0.3] one\nannotation 1 [0.4, 0.4] eins\n",
			[]change{{ElemAnnotation, Changed, "1", "text"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, _ := mapdsl.Parse("old", []byte(base+tc.old))
			new, _ := mapdsl.Parse("new", []byte(base+tc.new))
			if got := changes(Compare(old, new, "old", "new")); !slices.Equal(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestJSON(t *testing.T) {
	r := compareCase(t, "renames")
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int            `json:"version"`
		Summary map[string]int `json:"summary"`
		Changes []Change       `json:"changes"`
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 1 || doc.Summary["renamed"] != 5 || len(doc.Changes) != len(r.Changes) {
		t.Errorf("version %d, summary %v, %d changes", doc.Version, doc.Summary, len(doc.Changes))
	}
	for _, c := range doc.Changes {
		if c.Kind == Renamed && c.OldName == "" {
			t.Errorf("rename without oldName: %+v", c)
		}
	}
}

// TestOverlay lays out the new map, adds the overlay and checks that each kind of change left
// its marks where the map's coordinates say.
func TestOverlay(t *testing.T) {
	newMap := parse(t, "testdata/renames/new.owm")
	r := compareCase(t, "renames")
	scene := render.Layout(newMap, render.Options{})
	before := len(scene.Items)
	Overlay(scene, r, 1)
	added := scene.Items[before:]
	if len(added) == 0 {
		t.Fatal("overlay added nothing")
	}
	maxZ := 0
	for _, it := range scene.Items[:before] {
		maxZ = max(maxZ, it.Z)
	}
	var texts []string
	for _, it := range added {
		if it.Ref.Kind != ElemDiff || it.Z <= maxZ {
			t.Fatalf("overlay item %+v not tagged %q above the map", it, ElemDiff)
		}
		if it.Shape == render.ShapeText {
			texts = append(texts, it.Text)
		}
	}
	for _, want := range []string{"was: Kettle", "Legacy Billing", "moved 3"} {
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) }) {
			t.Errorf("no overlay text %q in %q", want, texts)
		}
	}
	// The removed component's ghost sits at its old position in page units.
	gx := scene.PlotX + 0.30*scene.PlotW
	gy := scene.PlotY + (1-0.20)*scene.PlotH
	found := false
	for _, it := range added {
		if it.Shape == render.ShapeCircle && absf(it.X-gx) < 0.01 && absf(it.Y-gy) < 0.01 && it.Stroke == removeColour {
			found = true
		}
	}
	if !found {
		t.Errorf("no red ghost at (%.1f, %.1f)", gx, gy)
	}
}

// TestOverlayTextsPlaced checks, in every style and at two scales, that the texts the overlay
// writes (the names of removed elements, what changed, the legend) lie inside the picture and
// cover none of the map's own texts (labels, the stage captions, "Industrialised") nor each
// other. The pair in testdata/overlay removes a note at the left edge, changes decorators next
// to labels and has a label under the top-right corner where the legend used to go.
func TestOverlayTextsPlaced(t *testing.T) {
	newMap := parse(t, "testdata/overlay/new.owm")
	r := compareCase(t, "overlay")
	for _, style := range []string{"plain", "wardley", "handwritten"} {
		for _, scale := range []float64{1, 2} {
			t.Run(fmt.Sprintf("%s/%g", style, scale), func(t *testing.T) {
				scene := render.Layout(newMap, render.Options{Style: render.ParseStyle(style), Scale: scale})
				before := len(scene.Items)
				Overlay(scene, r, scale)
				type rect struct {
					what       string
					x, y, w, h float64
				}
				boxOf := func(it render.Item) rect {
					b := render.ItemBox(&it)
					return rect{it.Text, b.Left, b.Top, b.Width(), b.Height()}
				}
				var mapTexts, ours []rect
				for _, it := range scene.Items[:before] {
					if it.Shape == render.ShapeText && it.Ref.Kind != render.ElemTitle && it.Rotate == 0 {
						mapTexts = append(mapTexts, boxOf(it))
					}
				}
				for _, it := range scene.Items[before:] {
					switch {
					case it.Shape == render.ShapeText:
						ours = append(ours, boxOf(it))
					case it.Shape == render.ShapeRect && it.Ref.Line == 0: // the legend
						ours = append(ours, rect{"legend", it.X, it.Y, it.W, it.H})
					}
				}
				if len(ours) < 5 {
					t.Fatalf("overlay wrote only %v", ours)
				}
				overlap := func(a, b rect) bool {
					return a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h
				}
				for i, a := range ours {
					if a.x < 0 || a.y < 0 || a.x+a.w > scene.Width || a.y+a.h > scene.Height {
						t.Errorf("%q at [%.0f,%.0f %.0fx%.0f] is outside the %.0fx%.0f picture", a.what, a.x, a.y, a.w, a.h, scene.Width, scene.Height)
					}
					for _, b := range mapTexts {
						if overlap(a, b) {
							t.Errorf("%q covers the map's text %q", a.what, b.what)
						}
					}
					for _, b := range ours[i+1:] {
						if a.what != "legend" && b.what != "legend" && overlap(a, b) {
							t.Errorf("%q covers %q", a.what, b.what)
						}
					}
				}
			})
		}
	}
}

func absf(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// TestCorpusSelfDiff compares every corpus map with itself (no changes) and with its formatted
// text (formatting never changes meaning).
func TestCorpusSelfDiff(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/owm-corpus/*.owm")
	if len(files) == 0 {
		t.Skip("corpus ../shared/owm-corpus not present")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, _ := os.ReadFile(f)
			a, _ := mapdsl.Parse(f, src)
			b, _ := mapdsl.Parse(f, src)
			if r := Compare(a, b, "a", "b"); !r.Empty() {
				t.Errorf("self diff: %+v", r.Changes)
			}
		})
	}
}

func BenchmarkCompare(b *testing.B) {
	src1, _ := os.ReadFile("testdata/teashop/old.owm")
	src2, _ := os.ReadFile("testdata/teashop/new.owm")
	m1, _ := mapdsl.Parse("a", src1)
	m2, _ := mapdsl.Parse("b", src2)
	for b.Loop() {
		Compare(m1, m2, "a", "b")
	}
}

// TestReportEscapesHostileNames checks that names cannot carry terminal escape sequences or
// bidirectional overrides into the report.
func TestReportEscapesHostileNames(t *testing.T) {
	old, _ := mapdsl.Parse("old", []byte("title T\nanchor U [0.9, 0.5]\n"))
	new, _ := mapdsl.Parse("new", []byte("title T\nanchor U [0.9, 0.5]\ncomponent \"evil\\u001b[2J\u202egnp.exe\" [0.5, 0.5]\n"))
	// The parser may or may not unescape \u; inject the runes directly to be sure.
	new.Components[0].Name = "evil\x1b[2J\u202egnp.exe"
	var b bytes.Buffer
	Compare(old, new, "old", "new").WriteText(&b)
	if strings.ContainsAny(b.String(), "\x1b\u202e") {
		t.Errorf("report carries control characters: %q", b.String())
	}
	if !strings.Contains(b.String(), `evil\u001b[2J\u202egnp.exe`) {
		t.Errorf("name not shown escaped: %q", b.String())
	}
}

// TestOverlayGolden compares the items the overlay adds to the new map's Scene, as JSON (every
// number to the last bit), with testdata/*/overlay.golden for each pair, so that a change of
// where a mark goes shows, and so does a last-bit difference between machines: make test-arm64
// runs it under arm64 emulation, where a product left unrounded would be fused.
// go test -update rewrites them.
func TestOverlayGolden(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/*/old.owm")
	for _, d := range dirs {
		name := filepath.Base(filepath.Dir(d))
		t.Run(name, func(t *testing.T) {
			scene := render.Layout(parse(t, filepath.Join("testdata", name, "new.owm")), render.Options{})
			before := len(scene.Items)
			Overlay(scene, compareCase(t, name), 1)
			got, err := json.MarshalIndent(scene.Items[before:], "", " ")
			if err != nil {
				t.Fatal(err)
			}
			testenv.CompareGolden(t, filepath.Join("testdata", name, "overlay.golden"), append(got, '\n'), *update)
		})
	}
}
