package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/render/svg"
)

func near(a, b float64) bool { return math.Abs(a-b) < 0.011 }

func TestDeterministic(t *testing.T) {
	for _, st := range render.Styles {
		t.Run(string(st), func(t *testing.T) {
			var outs [2][]byte
			for i := range outs {
				s := render.Layout(teaShop(), render.Options{Style: st})
				js, _ := json.Marshal(s)
				var b bytes.Buffer
				if err := svg.Encode(&b, s); err != nil {
					t.Fatal(err)
				}
				outs[i] = append(js, b.Bytes()...)
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Error("two layouts of the same map differ")
			}
		})
	}
}

// sliceLen is how many elements of the Map an item of the given kind may index.
func sliceLen(m *mapdsl.Map, k render.ElementKind) (int, bool) {
	switch k {
	case render.ElemComponent, render.ElemSubmap, render.ElemLabel, render.ElemInertia,
		render.ElemMethod, render.ElemMarket, render.ElemEcosystem:
		return len(m.Components), true
	case render.ElemEvolved, render.ElemEvolveArrow, render.ElemEvolvedLabel:
		return len(m.Evolves), true
	case render.ElemLink, render.ElemFlow:
		return len(m.Links), true
	case render.ElemPipeline, render.ElemPipelineStart, render.ElemPipelineEnd:
		return len(m.Pipelines), true
	case render.ElemNote:
		return len(m.Notes), true
	case render.ElemAnnotation:
		return len(m.Annotations), true
	case render.ElemArea:
		return len(m.Areas), true
	case render.ElemAccelerator:
		return len(m.Accelerators), true
	case render.ElemAnchor:
		return len(m.Anchors), true
	}
	return 0, false
}

// TestRefs checks that every item names the map element it draws, with its source line.
func TestRefs(t *testing.T) {
	m := teaShop()
	s := render.Layout(m, render.Options{})
	seen := map[render.ElementKind]bool{}
	for _, it := range s.Items {
		seen[it.Ref.Kind] = true
		n, ok := sliceLen(m, it.Ref.Kind)
		if !ok {
			continue
		}
		if it.Ref.Index < 0 || it.Ref.Index >= n {
			t.Errorf("%s item has index %d outside 0..%d", it.Ref.Kind, it.Ref.Index, n-1)
		}
		if it.Ref.Line <= 0 {
			t.Errorf("%s item %d has no source line", it.Ref.Kind, it.Ref.Index)
		}
	}
	for _, k := range []render.ElementKind{render.ElemTitle, render.ElemAxis, render.ElemStage, render.ElemAnchor,
		render.ElemComponent, render.ElemSubmap, render.ElemEvolved, render.ElemEvolveArrow, render.ElemLink,
		render.ElemFlow, render.ElemPipeline, render.ElemPipelineStart, render.ElemPipelineEnd, render.ElemInertia,
		render.ElemMethod, render.ElemMarket, render.ElemEcosystem, render.ElemNote, render.ElemAnnotation,
		render.ElemAnnotationList, render.ElemArea, render.ElemAccelerator, render.ElemLabel, render.ElemEvolvedLabel} {
		if !seen[k] {
			t.Errorf("the tea shop map draws nothing of kind %s", k)
		}
	}
	if s.Title != "Tea Shop" || !strings.Contains(s.Desc, "components") {
		t.Errorf("title %q desc %q", s.Title, s.Desc)
	}
}

// find returns the items of one element.
func find(s *render.Scene, kind render.ElementKind, index int) []render.Item {
	var out []render.Item
	for _, it := range s.Items {
		if it.Ref.Kind == kind && it.Ref.Index == index {
			out = append(out, it)
		}
	}
	return out
}

func componentIndex(m *mapdsl.Map, name string) int {
	for i, c := range m.Components {
		if c.Name == name {
			return i
		}
	}
	return -1
}

func TestCoordinates(t *testing.T) {
	m := teaShop()
	s := render.Layout(m, render.Options{})
	cup := componentIndex(m, "Cup of Tea")
	items := find(s, render.ElemComponent, cup)
	if len(items) != 1 || items[0].Shape != render.ShapeCircle {
		t.Fatalf("Cup of Tea drawn as %+v", items)
	}
	wantX := s.PlotX + 0.61*s.PlotW
	wantY := s.PlotY + (1-0.79)*s.PlotH
	if !near(items[0].X, wantX) || !near(items[0].Y, wantY) || items[0].R != 5 {
		t.Errorf("Cup of Tea at (%v, %v) r %v, want (%v, %v) r 5", items[0].X, items[0].Y, items[0].R, wantX, wantY)
	}
	if s.PlotW != render.DefaultWidth || s.PlotH != render.DefaultHeight {
		t.Errorf("plot %vx%v, want the default size", s.PlotW, s.PlotH)
	}
}

func TestSize(t *testing.T) {
	sized := func() *mapdsl.Map { m := hiddenAxes(); m.Width, m.Height = 640, 480; return m }
	tests := []struct {
		name string
		m    *mapdsl.Map
		opts render.Options
		w, h float64
	}{
		{"default", hiddenAxes(), render.Options{}, render.DefaultWidth, render.DefaultHeight},
		{"map size", sized(), render.Options{}, 640, 480},
		{"option wins", sized(), render.Options{Width: 800, Height: 600}, 800, 600},
		{"scale", sized(), render.Options{Scale: 2}, 1280, 960},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := render.Layout(tc.m, tc.opts)
			if s.PlotW != tc.w || s.PlotH != tc.h {
				t.Errorf("plot %vx%v, want %vx%v", s.PlotW, s.PlotH, tc.w, tc.h)
			}
			if s.Width < s.PlotX+s.PlotW || s.Height < s.PlotY+s.PlotH {
				t.Errorf("page %vx%v does not hold the plot", s.Width, s.Height)
			}
		})
	}
	one := render.Layout(teaShop(), render.Options{})
	two := render.Layout(teaShop(), render.Options{Scale: 2})
	if !near(two.Width, 2*one.Width) || !near(two.Items[5].Font.Size+two.Items[5].R, 2*(one.Items[5].Font.Size+one.Items[5].R)) {
		t.Errorf("scale 2 does not double the page: %v vs %v", two.Width, one.Width)
	}
	custom := render.Layout(hiddenAxes(), render.Options{Margins: &render.Margins{Top: 100, Left: 10, Right: 10, Bottom: 10}})
	if custom.PlotX != 10 || custom.PlotY != 100 {
		t.Errorf("margins give plot at (%v, %v)", custom.PlotX, custom.PlotY)
	}
}

func TestExplicitLabelOffsetHonoured(t *testing.T) {
	m := teaShop()
	s := render.Layout(m, render.Options{})
	k := componentIndex(m, "Kettle")
	c := find(s, render.ElemComponent, k)[0]
	labels := find(s, render.ElemLabel, k)
	if len(labels) != 1 {
		t.Fatalf("Kettle has %d label items", len(labels))
	}
	// Kettle evolves, so OWM moves the small dy of its offset [-57, 4] to +20 and keeps dx.
	if !near(labels[0].X, c.X-57) || !near(labels[0].Y, c.Y+20) || labels[0].Anchor != render.AnchorStart {
		t.Errorf("Kettle label at (%v, %v), want (%v, %v)", labels[0].X, labels[0].Y, c.X-57, c.Y+20)
	}
	// The evolved copy's label offset (16, 7): dx kept, the small dy moved to +20; black as OWM.
	ev := find(s, render.ElemEvolved, 0)
	el := find(s, render.ElemEvolvedLabel, 0)
	if len(ev) == 0 || len(el) != 1 || !near(el[0].X, ev[0].X+16) || !near(el[0].Y, ev[0].Y+20) || el[0].Text != "Kettle" || el[0].Fill != render.RGB(0, 0, 0) {
		t.Errorf("evolved Kettle label %+v", el)
	}
	// A renamed copy carries its new name.
	el = find(s, render.ElemEvolvedLabel, 1)
	if len(el) != 1 || el[0].Text != "Premium Tea" {
		t.Errorf("renamed copy label %+v", el)
	}
}

func TestDefaultLabelPosition(t *testing.T) {
	// Alone on the map, a label takes OWM's default place: 5 px right, baseline 10 px above.
	m := hiddenAxes()
	s := render.Layout(m, render.Options{})
	c := find(s, render.ElemComponent, 0)[0]
	l := find(s, render.ElemLabel, 0)
	if len(l) != 1 || !near(l[0].X, c.X+5) || !near(l[0].Y, c.Y-10) {
		t.Errorf("label %+v, want at (%v, %v)", l, c.X+5, c.Y-10)
	}
}

func TestMultiLineName(t *testing.T) {
	m := teaShop()
	s := render.Layout(m, render.Options{})
	l := find(s, render.ElemLabel, componentIndex(m, "Staff\nTraining"))
	if len(l) != 2 || l[0].Text != "Staff" || l[1].Text != "Training" || !near(l[1].Y-l[0].Y, 15) {
		t.Errorf("multi-line label %+v", l)
	}
}

func TestStages(t *testing.T) {
	dividers := func(s *render.Scene) []float64 {
		var xs []float64
		for _, it := range s.Items {
			if it.Ref.Kind == render.ElemStage && it.Shape == render.ShapeLine {
				xs = append(xs, (it.Points[0].X-s.PlotX)/s.PlotW)
			}
		}
		return xs
	}
	labels := func(s *render.Scene) string {
		var ts []string
		for _, it := range s.Items {
			if it.Ref.Kind == render.ElemStage && it.Shape == render.ShapeText {
				ts = append(ts, it.Text)
			}
		}
		return strings.Join(ts, "|")
	}
	tests := []struct {
		name   string
		m      *mapdsl.Map
		want   []float64
		labels string
	}{
		{"default", teaShop(), []float64{0.175, 0.40, 0.70}, "Genesis|Custom-Built|Product|(+rental)|Commodity|(+utility)"},
		{"custom", customStages(), []float64{0.25, 0.5, 0.8}, "Novel|Emerging|Good|Best"},
		{"hidden", hiddenAxes(), nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := render.Layout(tc.m, render.Options{})
			got := dividers(s)
			if len(got) != len(tc.want) {
				t.Fatalf("dividers at %v, want %v", got, tc.want)
			}
			for i := range got {
				if !near(got[i], tc.want[i]) {
					t.Errorf("divider %d at %v, want %v", i, got[i], tc.want[i])
				}
			}
			if l := labels(s); l != tc.labels {
				t.Errorf("stage labels %q, want %q", l, tc.labels)
			}
		})
	}
	// valuechain --hide removes the caption; the evolution axis stays.
	s := render.Layout(customStages(), render.Options{})
	for _, it := range s.Items {
		if it.Text == "Value Chain" {
			t.Error("hidden value chain still has its caption")
		}
	}
}

func TestInertiaOnStageBoundary(t *testing.T) {
	m := teaShop() // Kettle 0.35 evolves to 0.62: its bar sits on the 0.40 boundary
	s := render.Layout(m, render.Options{})
	bar := find(s, render.ElemInertia, componentIndex(m, "Kettle"))
	if len(bar) != 1 {
		t.Fatalf("inertia items %+v", bar)
	}
	if x := (bar[0].X + bar[0].W/2 - s.PlotX) / s.PlotW; !near(x, 0.40) || bar[0].W != 6 || bar[0].H != 20 {
		t.Errorf("inertia bar at maturity %v (%vx%v), want 0.40 (6x20)", x, bar[0].W, bar[0].H)
	}
	// Not evolving: just right of the component.
	cm := customStages()
	s = render.Layout(cm, render.Options{})
	bar = find(s, render.ElemInertia, componentIndex(cm, "Other"))
	if x := (bar[0].X + bar[0].W/2 - s.PlotX) / s.PlotW; !near(x, 0.72) {
		t.Errorf("inertia of a still component at %v, want 0.72", x)
	}
}

func TestZOrder(t *testing.T) {
	s := render.Layout(teaShop(), render.Options{Style: render.StyleWardley})
	first := map[render.ElementKind]int{}
	last := map[render.ElementKind]int{}
	for i, it := range s.Items {
		if i > 0 && it.Z < s.Items[i-1].Z {
			t.Fatalf("item %d is out of Z order", i)
		}
		if _, ok := first[it.Ref.Kind]; !ok {
			first[it.Ref.Kind] = i
		}
		last[it.Ref.Kind] = i
	}
	order := []render.ElementKind{render.ElemBackground, render.ElemArea, render.ElemLink, render.ElemPipeline, render.ElemComponent, render.ElemNote}
	for i := 1; i < len(order); i++ {
		if last[order[i-1]] > first[order[i]] {
			t.Errorf("%s drawn above %s", order[i-1], order[i])
		}
	}
}

func TestSubmapLink(t *testing.T) {
	m := teaShop()
	s := render.Layout(m, render.Options{})
	items := find(s, render.ElemSubmap, componentIndex(m, "Supplier"))
	// OWM draws a submap as a white circle with a chain beside it.
	if len(items) == 0 || items[0].Link != "https://example.com/map" || items[0].Fill != render.RGB(255, 255, 255) {
		t.Errorf("submap items %+v", items)
	}
	for _, it := range render.Layout(hostile(), render.Options{}).Items {
		if it.Link != "" && !render.SafeURL(it.Link) {
			t.Errorf("unsafe link %q in the scene", it.Link)
		}
	}
}

func TestStyles(t *testing.T) {
	tests := []struct {
		style render.Style
		check func(*render.Scene) error
	}{
		{render.StylePlain, func(s *render.Scene) error {
			if s.Background != render.RGB(255, 255, 255) {
				return fmt.Errorf("background %v", s.Background)
			}
			return nil
		}},
		{render.StyleWardley, func(s *render.Scene) error {
			var grad, uncharted bool
			for _, it := range s.Items {
				grad = grad || it.Ref.Kind == render.ElemBackground && len(it.Gradient) > 0
				uncharted = uncharted || it.Text == "Uncharted"
				if it.Ref.Kind == render.ElemLabel && it.Font.Family != render.FontMono {
					return fmt.Errorf("label font %v", it.Font)
				}
			}
			if !grad || !uncharted {
				return fmt.Errorf("gradient %v, captions %v", grad, uncharted)
			}
			return nil
		}},
		{render.StyleColour, func(s *render.Scene) error {
			for _, it := range s.Items {
				if it.Ref.Kind == render.ElemComponent && it.Shape == render.ShapeCircle && it.R != 7 {
					return fmt.Errorf("component radius %v", it.R)
				}
			}
			return nil
		}},
		{render.StyleDark, func(s *render.Scene) error {
			if s.Background != render.RGB(0x35, 0x33, 0x47) {
				return fmt.Errorf("background %v", s.Background)
			}
			return nil
		}},
		{render.StyleHandwritten, func(s *render.Scene) error {
			for _, it := range s.Items {
				if it.Shape == render.ShapeLine || it.Shape == render.ShapeCircle {
					return fmt.Errorf("%s %s is not hand-drawn", it.Ref.Kind, it.Shape)
				}
				if it.Shape == render.ShapeText && it.Font.Family != render.FontHand {
					return fmt.Errorf("text %q in %v", it.Text, it.Font)
				}
			}
			return nil
		}},
	}
	for _, tc := range tests {
		t.Run(string(tc.style), func(t *testing.T) {
			if err := tc.check(render.Layout(teaShop(), render.Options{Style: tc.style})); err != nil {
				t.Error(err)
			}
		})
	}
	// The map's own style applies when the options give none.
	m := teaShop()
	m.Style = "dark"
	if s := render.Layout(m, render.Options{}); s.Background != render.RGB(0x35, 0x33, 0x47) {
		t.Error("the map's style is ignored")
	}
}

// TestMapStyleAsOWMReadsIt checks that a map's style line is read as OWM reads it: the names
// exactly, so "Wardley" draws plain, as OWM draws it and as the parser's warning says.
func TestMapStyleAsOWMReadsIt(t *testing.T) {
	for _, c := range []struct {
		line string
		want render.Style
	}{
		{"", render.StylePlain},
		{"style wardley", render.StyleWardley},
		{"style wardley ", render.StyleWardley},
		{"style color", render.StyleColour},
		{"style Wardley", render.StylePlain},
		{"style DARK", render.StylePlain},
		{"style neon", render.StylePlain},
	} {
		t.Run(c.line, func(t *testing.T) {
			m, _ := mapdsl.Parse("t.owm", []byte("title T\n"+c.line+"\ncomponent A [0.5, 0.5]\n"))
			if got := render.MapStyle(m); got != c.want {
				t.Errorf("MapStyle = %q, want %q", got, c.want)
			}
			got, want := render.Layout(m, render.Options{}), render.Layout(m, render.Options{Style: c.want})
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q is not drawn in the %s style", c.line, c.want)
			}
		})
	}
}

func TestParseStyle(t *testing.T) {
	for in, want := range map[string]render.Style{
		"": render.StylePlain, "plain": render.StylePlain, "wardley": render.StyleWardley, "color": render.StyleColour,
		"colour": render.StyleColour, "Dark": render.StyleDark, "handwritten": render.StyleHandwritten, "neon": render.StylePlain,
	} {
		if got := render.ParseStyle(in); got != want {
			t.Errorf("ParseStyle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct {
		url  string
		safe bool
	}{
		{"https://onlinewardleymaps.com/#clone:qu4VDDQryoZEnuw0ZZ", true},
		{"http://example.com/a?b=c&d=e", true},
		{"mailto:someone@example.com", true},
		{"maps/other.svg", true},
		{"../other.svg#top", true},
		{"/abs/path.svg", true},
		{"javascript:alert(1)", false},
		{"JAVASCRIPT:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{" javascript:alert(1)", false},
		{"javascript&#58;alert(1)", true}, // no scheme: a relative path named so, harmless once escaped
		{"data:text/html,<script>", false},
		{"vbscript:msgbox(1)", false},
		{"file:///etc/passwd", false},
		{"ftp://example.com", false},
		{"https://", false},
		{"mailto:", false},
		{"", false},
		{"a:b/c", false},
		{"https://ex ample.com", false},
		{`https://example.com/"><script>`, false},
		{"https://example.com/a<b", false},
	}
	for _, tc := range tests {
		if got := render.SafeURL(tc.url); got != tc.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tc.url, got, tc.safe)
		}
	}
}

func TestHostileInputDoesNotPanic(t *testing.T) {
	nan := math.NaN()
	m := hostile()
	m.Components = append(m.Components,
		&mapdsl.Component{Name: "nan", Coords: at(nan, math.Inf(1))},
		&mapdsl.Component{Name: "far", Coords: at(-1e12, 1e12)},
		&mapdsl.Component{Name: "", Coords: at(0.5, 0.5)},
		nil,
	)
	m.Evolves = append(m.Evolves, &mapdsl.Evolve{Name: "nan", Maturity: num(nan)}, nil)
	m.Links = append(m.Links, &mapdsl.Link{From: "nan", To: "far"}, nil)
	m.Pipelines = append(m.Pipelines, &mapdsl.Pipeline{Name: "far", Start: num(nan), End: num(2)}, nil)
	m.Width, m.Height = math.Inf(1), -5
	for _, st := range render.Styles {
		s := render.Layout(m, render.Options{Style: st, Scale: nan})
		if s.Width <= 0 || s.Width > 1e6 || s.Height <= 0 || s.Height > 1e6 {
			t.Errorf("%s: page %vx%v", st, s.Width, s.Height)
		}
		var b bytes.Buffer
		if err := svg.Encode(&b, s); err != nil {
			t.Fatal(err)
		}
		checkXML(t, b.Bytes())
	}
	if s := render.Layout(nil, render.Options{}); s.Title != "Untitled Map" {
		t.Errorf("nil map title %q", s.Title)
	}
}

// TestLabelOffsetRoundTrip writes each label's LabelOffset into the map as an explicit offset
// and checks that the label is then drawn exactly where it was.
func TestLabelOffsetRoundTrip(t *testing.T) {
	type block struct{ x0, y0 float64 }
	where := func(s *render.Scene, ref render.Ref) (block, bool) {
		b := block{math.Inf(1), math.Inf(1)}
		found := false
		for _, it := range s.Items {
			if it.Ref == ref && it.Shape == render.ShapeText {
				x0, y0, _, _ := labelBox(it)
				b.x0, b.y0 = math.Min(b.x0, x0), math.Min(b.y0, y0)
				found = true
			}
		}
		return b, found
	}
	for _, st := range []render.Style{render.StylePlain, render.StyleHandwritten} {
		for _, scale := range []float64{1, 2} {
			t.Run(fmt.Sprint(st, scale), func(t *testing.T) {
				m := teaShop()
				s := render.Layout(m, render.Options{Style: st, Scale: scale})
				var refs []render.Ref
				for _, it := range s.Items {
					if (it.Ref.Kind == render.ElemLabel || it.Ref.Kind == render.ElemEvolvedLabel) && it.Origin != nil {
						if len(refs) == 0 || refs[len(refs)-1] != it.Ref {
							refs = append(refs, it.Ref)
						}
					}
				}
				if len(refs) < len(m.Components) {
					t.Fatalf("only %d labels", len(refs))
				}
				for _, ref := range refs {
					dx, dy, ok := s.LabelOffset(ref)
					if !ok {
						t.Fatalf("no offset for %v", ref)
					}
					if ref.Kind == render.ElemLabel {
						m.Components[ref.Index].Label = offset(dx, dy)
					} else {
						m.Evolves[ref.Index].Label = offset(dx, dy)
					}
				}
				again := render.Layout(m, render.Options{Style: st, Scale: scale})
				for _, ref := range refs {
					a, _ := where(s, ref)
					b, ok := where(again, ref)
					if !ok || math.Abs(a.x0-b.x0) > 0.05*scale || math.Abs(a.y0-b.y0) > 0.05*scale {
						t.Errorf("%v moved from %+v to %+v once its offset was written", ref, a, b)
					}
				}
			})
		}
	}
	if _, _, ok := (&render.Scene{}).LabelOffset(render.Ref{Kind: render.ElemLabel}); ok {
		t.Error("an empty scene has a label offset")
	}
}

// TestPageGrowth checks that a label just past the edge enlarges the page while one its author
// hid far outside (as OWM, which crops, lets people do) does not.
func TestPageGrowth(t *testing.T) {
	base := render.Layout(hiddenAxes(), render.Options{})
	tests := []struct {
		name  string
		edit  func(*mapdsl.Component)
		grows bool
	}{
		{"inside", func(c *mapdsl.Component) {}, false},
		{"long name at the right edge", func(c *mapdsl.Component) {
			c.Name = "a component with a very long name indeed"
			c.Coords = at(0.5, 0.99)
			c.Label = offset(5, -10) // explicit, so it cannot move left
		}, true},
		{"hidden far away", func(c *mapdsl.Component) { c.Label = offset(-929, 514) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := hiddenAxes()
			tc.edit(m.Components[0])
			s := render.Layout(m, render.Options{})
			if grew := s.Width > base.Width || s.Height > base.Height; grew != tc.grows {
				t.Errorf("page %vx%v (default %vx%v), grows = %v, want %v", s.Width, s.Height, base.Width, base.Height, grew, tc.grows)
			}
		})
	}
}

// Stage labels stay on the page and clear of the "Evolution" caption, however far right the
// last stage starts and however long its label; the usual maps keep OWM's placement.
func TestStageLabelsStayClearOfTheCaption(t *testing.T) {
	type box struct{ x0, y0, x1, y1 float64 }
	textBox := func(it render.Item) box {
		w := render.MeasureText(it.Font, it.Text)
		x := it.X
		if it.Anchor == render.AnchorEnd {
			x -= w
		}
		return box{x, it.Y - render.AscentRatio*it.Font.Size, x + w, it.Y + render.DescentRatio*it.Font.Size}
	}
	overlap := func(a, b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }
	for _, tc := range []struct {
		name, src    string
		captionMoved bool
	}{
		{"default stages", "component A [0.5, 0.5]\n", false},
		{"last stage far right", "evolution Genesis@0.3->Custom@0.6->Product and rental@0.985->Commodity and utility\n", true},
		{"long last label", "evolution Genesis->Custom->Product->Commodity and utility services (+utility)\n", true},
		{"short custom labels", "evolution Genesis->Custom->Product->Commodity\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := mapdsl.Parse("t.owm", []byte(tc.src))
			s := render.Layout(m, render.Options{})
			var caption *render.Item
			var texts []render.Item
			var dividers []render.Item
			for i, it := range s.Items {
				switch {
				case it.Text == "Evolution":
					caption = &s.Items[i]
				case it.Ref.Kind == render.ElemStage && it.Shape == render.ShapeText:
					texts = append(texts, it)
				case it.Ref.Kind == render.ElemStage && it.Shape == render.ShapeLine:
					dividers = append(dividers, it)
				}
			}
			if caption == nil || len(texts) == 0 {
				t.Fatalf("no caption (%v) or no stage labels (%d)", caption != nil, len(texts))
			}
			cb := textBox(*caption)
			for _, it := range texts {
				b := textBox(it)
				if b.x0 < s.PlotX-0.5 || b.x1 > s.PlotX+s.PlotW+0.5 {
					t.Errorf("stage label %q spans x %.0f..%.0f, outside the axis %.0f..%.0f", it.Text, b.x0, b.x1, s.PlotX, s.PlotX+s.PlotW)
				}
				if overlap(b, cb) {
					t.Errorf("stage label %q overlaps the caption", it.Text)
				}
			}
			for _, d := range dividers {
				x, y0, y1 := d.Points[0].X, d.Points[0].Y, d.Points[1].Y
				if cb.x0 <= x && x <= cb.x1 && y0 < cb.y1 && cb.y0 < y1 {
					t.Errorf("the divider at x %.0f crosses the caption", x)
				}
				for _, it := range texts {
					b := textBox(it)
					if b.x0+1 < x && x < b.x1-1 && y0 < b.y1 && b.y0 < y1 {
						t.Errorf("the divider at x %.0f crosses stage label %q", x, it.Text)
					}
				}
			}
			if moved := caption.Y > s.PlotY+s.PlotH+24.5; moved != tc.captionMoved {
				t.Errorf("caption moved below the stage labels: %v, want %v", moved, tc.captionMoved)
			}
		})
	}
}

// A name that an author hid by placing it far off the map (as corpus map 20 does with
// `label [-694, 216]`) lies wholly outside OWM's exported frame; OWM's picture does not show it,
// and the page does not grow to show it either.
func TestNameHiddenOffTheMapDoesNotGrowThePage(t *testing.T) {
	parse := func(src string) *mapdsl.Map {
		m, _ := mapdsl.Parse("hidden.owm", []byte(src))
		return m
	}
	base := "title Hidden\ncomponent A [0.5, 0.5]\n"
	plain := render.Layout(parse(base), render.Options{Width: 800, Height: 600})
	for _, line := range []string{
		"component 1 [0.19, 0.62] label [-694, 216]",
		"component 2 [0.19, 0.75] label [-982, 202]",
	} {
		s := render.Layout(parse(base+line+"\n"), render.Options{Width: 800, Height: 600})
		if s.Width != plain.Width || s.Height != plain.Height || s.PlotX != plain.PlotX || s.PlotY != plain.PlotY {
			t.Errorf("%s: page %vx%v with the map at (%v, %v), want %vx%v at (%v, %v)", line,
				s.Width, s.Height, s.PlotX, s.PlotY, plain.Width, plain.Height, plain.PlotX, plain.PlotY)
		}
	}
	// A name just past the edge is still shown in full.
	s := render.Layout(parse(base+"component A long name past the edge [0.5, 0.97] label [5, -10]\n"), render.Options{Width: 800, Height: 600})
	if s.Width <= plain.Width {
		t.Errorf("a name past the right edge did not widen the page (%v)", s.Width)
	}
}
