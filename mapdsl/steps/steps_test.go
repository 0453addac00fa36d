package steps_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/mapdsl/steps"
	"mapwright/render"
	"mapwright/render/svg"
)

func split(t *testing.T, src string) []steps.Step {
	t.Helper()
	m, _ := mapdsl.Parse("test.owm", []byte(src))
	return steps.Split([]byte(src), m)
}

// names lists "kind name" of a step's new elements.
func names(st steps.Step) []string {
	var out []string
	for _, e := range st.New {
		out = append(out, e.Kind.String()+" "+e.Name)
	}
	return out
}

func TestMarkers(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		title      string
		ok         bool
	}{
		{"plain", "// step: The user", "The user", true},
		{"no blanks", "//step:The user", "The user", true},
		{"upper case and blanks", "  //   STEP  :  The user  ", "The user", true},
		{"tab", "\t// Step:\tMovement", "Movement", true},
		{"empty title", "// step:", "", true},
		{"no colon", "// step back and look", "", false},
		{"other word", "// steps: many", "", false},
		{"not first", "// note: step: x", "", false},
		{"after a statement", "anchor A [0.9, 0.1] // step: x", "", false},
		{"block comment", "/* step: x */", "", false},
		{"not a comment", "step: x", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := steps.Markers([]byte("title T\n" + tc.line + "\n"))
			if !tc.ok {
				if len(ms) != 0 {
					t.Fatalf("Markers found %+v in %q, want none", ms, tc.line)
				}
				return
			}
			if len(ms) != 1 || ms[0].Title != tc.title || ms[0].Line != 2 {
				t.Fatalf("Markers(%q) = %+v, want one titled %q on line 2", tc.line, ms, tc.title)
			}
			if got := ms[0].Range.Start.Column; got != strings.Index(tc.line, "//")+1 {
				t.Errorf("marker starts at column %d, want that of //", got)
			}
		})
	}
}

func TestMarkerInsideBlockComment(t *testing.T) {
	src := "/*\n// step: hidden\n*/\n// step: shown\n"
	ms := steps.Markers([]byte(src))
	if len(ms) != 1 || ms[0].Title != "shown" || ms[0].Line != 4 {
		t.Fatalf("Markers = %+v, want only the marker outside the block comment", ms)
	}
}

func TestSplitByMarkers(t *testing.T) {
	src := `title Talk
style plain
// step: Users
anchor User [0.95, 0.5]
// step: Needs
component Tea [0.8, 0.5]
User->Tea
Tea->Water
// step: Deeper
component Water [0.5, 0.6]
evolve Tea 0.8
// step: Nothing new
// step: The play
note Look [0.3, 0.3]
`
	got := split(t, src)
	want := []struct {
		title string
		new   []string
	}{
		{"Users", []string{"anchor User"}},
		{"Needs", []string{"component Tea", "link User->Tea"}},
		// The link to Water is written in "Needs" but appears with Water.
		{"Deeper", []string{"link Tea->Water", "component Water", "evolve Tea"}},
		{"Nothing new", nil},
		{"The play", []string{"note Look"}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d steps, want %d (title and style before the first marker are not a step)", len(got), len(want))
	}
	for i, w := range want {
		st := got[i]
		if st.Title != w.title || !slices.Equal(names(st), w.new) {
			t.Errorf("step %d = %q %v, want %q %v", i+1, st.Title, names(st), w.title, w.new)
		}
		if st.Number != i+1 || st.Count != len(want) {
			t.Errorf("step %d is numbered %d of %d", i+1, st.Number, st.Count)
		}
		if st.Map.Title != "Talk" {
			t.Errorf("step %d has title %q: settings apply to every step", i+1, st.Map.Title)
		}
	}
	// Each section runs from its marker to the end of the line before the next one.
	sec := got[1].Section
	if text := src[sec.Start.Offset:sec.End.Offset]; text != "// step: Needs\ncomponent Tea [0.8, 0.5]\nUser->Tea\nTea->Water" {
		t.Errorf("section of step 2 = %q", text)
	}
	if sec.Start.Line != 5 || sec.End.Line != 8 {
		t.Errorf("section of step 2 spans lines %d-%d, want 5-8", sec.Start.Line, sec.End.Line)
	}
	last := got[len(got)-1].Section
	if text := src[last.Start.Offset:last.End.Offset]; text != "// step: The play\nnote Look [0.3, 0.3]" {
		t.Errorf("last section = %q (the final line break is not in it)", text)
	}
	if !reflect.DeepEqual(got[2].Lines, []int{8, 10, 11}) || !got[2].Emphasis[8] || got[2].Emphasis[7] {
		t.Errorf("step 3 lines = %v emphasis %v, want the lines of what it adds", got[2].Lines, got[2].Emphasis)
	}
}

func TestContentBeforeTheFirstMarker(t *testing.T) {
	got := split(t, "title T\nanchor User [0.9, 0.5]\n\n// step: Tea\ncomponent Tea [0.8, 0.5]\n")
	if len(got) != 2 || got[0].Title != "" || !slices.Equal(names(got[0]), []string{"anchor User"}) {
		t.Fatalf("steps = %+v, want an untitled opening step with the anchor", got)
	}
	if sec := got[0].Section; sec.Start.Offset != 0 || sec.End.Line != 3 {
		t.Errorf("opening section = %+v, want from the start to line 3", sec)
	}
}

func TestDefaultOrder(t *testing.T) {
	type step struct {
		title string
		new   []string
	}
	for _, tc := range []struct {
		name string
		src  string
		want []step
	}{
		{"anchors, chain by link depth, links, evolution, notes", `title T
note N [0.2, 0.2]
evolve Kettle 0.7
component Power [0.1, 0.8]
component Kettle [0.4, 0.3]
component Tea [0.8, 0.5]
Kettle->Power
Tea->Kettle
User->Tea
anchor User [0.95, 0.5]
accelerator Faster [0.3, 0.5]
pioneers [0.9, 0.1, 0.7, 0.3]
annotation 1 [0.5, 0.5] One
`, []step{
			{"Users and needs", []string{"anchor User"}},
			{"Value chain, level 1", []string{"component Tea"}},
			{"Value chain, level 2", []string{"component Kettle"}},
			{"Value chain, level 3", []string{"component Power"}},
			{"Links", []string{"link Kettle->Power", "link Tea->Kettle", "link User->Tea"}},
			{"Evolution", []string{"evolve Kettle", "accelerator Faster"}},
			{"Notes and annotations", []string{"note N", "area pioneers", "annotation 1"}},
		}},
		{"no anchors: from what nothing depends on; unlinked last", `component A [0.9, 0.5]
component B [0.5, 0.5]
component Alone [0.95, 0.9]
A->B
`, []step{
			{"Value chain, level 1", []string{"component A"}},
			{"Value chain, level 2", []string{"component B"}},
			{"Other components", []string{"component Alone"}},
			{"Links", []string{"link A->B"}},
		}},
		{"one level is plain Value chain", `anchor U [0.9, 0.5]
component A [0.5, 0.5]
U->A
`, []step{
			{"Users and needs", []string{"anchor U"}},
			{"Value chain", []string{"component A"}},
			{"Links", []string{"link U->A"}},
		}},
		{"pipelines come with their component; links to a new name with evolution", `anchor U [0.9, 0.5]
component P [0.5, 0.5]
U->P
pipeline P
{
  component C1 [0.3]
  component C2 [0.7]
}
evolve P->Q 0.8
U->Q
`, []step{
			{"Users and needs", []string{"anchor U"}},
			{"Value chain", []string{"component P", "pipeline P", "component C1", "component C2"}},
			{"Links", []string{"link U->P"}},
			{"Evolution", []string{"evolve P", "link U->Q"}},
		}},
		{"a cycle without anchors starts at the most visible", `component A [0.4, 0.5]
component B [0.8, 0.5]
A->B
B->A
`, []step{
			{"Value chain, level 1", []string{"component B"}},
			{"Value chain, level 2", []string{"component A"}},
			{"Links", []string{"link A->B", "link B->A"}},
		}},
		{"an empty map is one step", "title Nothing\n", []step{{"", nil}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := split(t, tc.src)
			var gs []step
			for _, st := range got {
				gs = append(gs, step{st.Title, names(st)})
				if st.Section.Valid() {
					t.Errorf("step %q has a section %+v; the default order has none", st.Title, st.Section)
				}
			}
			if !reflect.DeepEqual(gs, tc.want) {
				t.Errorf("steps:\n got %v\nwant %v", gs, tc.want)
			}
		})
	}
}

// TestProperties checks, on every sample, the docs' tea shop talk and (when present) the OWM
// corpus, what must hold of any split: the last step draws exactly as the whole map, every
// element is new in exactly one step, steps only ever add, and nothing is drawn before what it
// needs (a link before both its ends, an evolve before its component).
func TestProperties(t *testing.T) {
	files, _ := filepath.Glob("../../samples/*.owm")
	files = append(files, "../../docs/examples/tea-shop-talk.owm", "testdata/tricky.owm")
	corpus, _ := filepath.Glob("../../../shared/owm-corpus/*.owm")
	if len(corpus) == 0 {
		t.Log("../shared/owm-corpus is absent: checking the samples only")
	}
	files = append(files, corpus...)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := mapdsl.Parse(f, src)
			deck := steps.Split(src, m)
			checkProperties(t, m, deck)
		})
	}
}

func checkProperties(t *testing.T, m *mapdsl.Map, deck []steps.Step) {
	t.Helper()
	whole, last := svgOf(t, m), svgOf(t, deck[len(deck)-1].Map)
	if !bytes.Equal(whole, last) {
		t.Errorf("the last step does not draw as the whole map")
	}
	type key struct {
		k steps.Kind
		i int
	}
	seen := map[key]int{}
	total := len(m.Anchors) + len(m.Components) + len(m.Links) + len(m.Evolves) + len(m.Pipelines) +
		len(m.Notes) + len(m.Annotations) + len(m.Areas) + len(m.Accelerators)
	for _, st := range deck {
		for _, e := range st.New {
			if prev, dup := seen[key{e.Kind, e.Index}]; dup {
				t.Errorf("%s %q is new in steps %d and %d", e.Kind, e.Name, prev, st.Number)
			}
			seen[key{e.Kind, e.Index}] = st.Number
		}
	}
	if len(seen) != total {
		t.Errorf("%d elements are new in some step, the map has %d", len(seen), total)
	}
	// Drawn as steps of the whole map, the labels and the page never move.
	wholeScene := render.Layout(m, render.Options{})
	labels := labelPlaces(wholeScene)
	for _, st := range deck {
		sc := render.Layout(st.Map, render.Options{Whole: wholeScene, Emphasis: st.Emphasis})
		if sc.Width != wholeScene.Width || sc.Height != wholeScene.Height || sc.PlotX != wholeScene.PlotX || sc.PlotY != wholeScene.PlotY {
			t.Errorf("step %d's page is not the whole map's", st.Number)
		}
		for k, p := range labelPlaces(sc) {
			if w, ok := labels[k]; ok && w != p {
				t.Errorf("step %d: label %v is at %v, in the whole map at %v", st.Number, k, p, w)
			}
		}
	}
	wholeNames := nameSet(m)
	prevCount := -1
	for _, st := range deck {
		pm := st.Map
		count := len(pm.Anchors) + len(pm.Components) + len(pm.Links) + len(pm.Evolves) + len(pm.Pipelines) +
			len(pm.Notes) + len(pm.Annotations) + len(pm.Areas) + len(pm.Accelerators)
		if count < prevCount {
			t.Errorf("step %d has fewer elements (%d) than the step before (%d)", st.Number, count, prevCount)
		}
		prevCount = count
		have := nameSet(pm)
		for _, l := range pm.Links {
			if wholeNames.has(l.From) && wholeNames.has(l.To) && (!have.has(l.From) || !have.has(l.To)) {
				t.Errorf("step %d draws the link %s->%s before both its ends", st.Number, l.From, l.To)
			}
		}
		for _, e := range pm.Evolves {
			if wholeNames.hasComponent(e.Name) && !have.hasComponent(e.Name) {
				t.Errorf("step %d evolves %q before it exists", st.Number, e.Name)
			}
		}
		for _, p := range pm.Pipelines {
			if p.Component != nil && !slices.Contains(pm.Components, p.Component) {
				t.Errorf("step %d: pipeline %q points outside the step's map", st.Number, p.Name)
			}
		}
	}
}

type labelKey struct {
	kind render.ElementKind
	line int
	text string
}

// labelPlaces are the positions of the label lines of a scene.
func labelPlaces(s *render.Scene) map[labelKey]render.Point {
	out := map[labelKey]render.Point{}
	for _, it := range s.Items {
		if it.Shape == render.ShapeText && (it.Ref.Kind == render.ElemLabel || it.Ref.Kind == render.ElemEvolvedLabel) {
			out[labelKey{it.Ref.Kind, it.Ref.Line, it.Text}] = render.Point{X: it.X, Y: it.Y}
		}
	}
	return out
}

func svgOf(t *testing.T, m *mapdsl.Map) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := svg.Encode(&b, render.Layout(m, render.Options{})); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// nameSet holds the names links can reach in a map, exactly and as OWM matches them loosely.
type nameSetT struct{ all, comps map[string]bool }

func nameSet(m *mapdsl.Map) nameSetT {
	s := nameSetT{map[string]bool{}, map[string]bool{}}
	add := func(n string, comp bool) {
		s.all[mapdsl.NormalizeName(n)] = true
		if comp {
			s.comps[n] = true
		}
	}
	for _, c := range m.Components {
		add(c.Name, true)
	}
	for _, a := range m.Anchors {
		add(a.Name, false)
	}
	for _, e := range m.Evolves {
		if e.NewName != "" && s.comps[e.Name] {
			add(e.NewName, false)
		}
	}
	return s
}

func (s nameSetT) has(n string) bool          { return s.all[mapdsl.NormalizeName(n)] }
func (s nameSetT) hasComponent(n string) bool { return s.comps[n] }

func TestPartialMapKeepsReferencesInside(t *testing.T) {
	src := `// step: Parent
component P [0.5, 0.5]
// step: Box
pipeline P
{
  component C [0.3]
}
// step: Move
evolve P 0.8
`
	deck := split(t, src)
	p := deck[0].Map.Components[0]
	if p.Pipeline != nil || p.Evolve != nil {
		t.Errorf("step 1's P has pipeline %v and evolve %v, which come later", p.Pipeline, p.Evolve)
	}
	m2 := deck[1].Map
	if len(m2.Pipelines) != 1 || m2.Pipelines[0].Component != m2.Components[0] || m2.Components[0].Pipeline != m2.Pipelines[0] {
		t.Fatalf("step 2's pipeline and component do not point at each other")
	}
	if ch := m2.Pipelines[0].Children; len(ch) != 1 || ch[0] != m2.Components[1] || ch[0].Parent != m2.Pipelines[0] {
		t.Errorf("step 2's pipeline child is not the step's own")
	}
	whole, _ := mapdsl.Parse("t", []byte(src))
	if whole.Components[0].Evolve == nil || whole.Components[0].Pipeline == nil {
		t.Errorf("Split changed the whole map")
	}
}
