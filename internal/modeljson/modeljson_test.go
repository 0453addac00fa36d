package modeljson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"mapwright/mapdsl"
)

// line returns a range that starts on the given line.
func line(n int) mapdsl.Range {
	return mapdsl.Range{Start: mapdsl.Pos{Line: n, Column: 1}, End: mapdsl.Pos{Line: n, Column: 2}}
}

func coords(v, m float64) mapdsl.Coords {
	return mapdsl.Coords{Visibility: mapdsl.Number{Value: v, Set: true},
		Maturity: mapdsl.Number{Value: m, Set: true}, Present: true}
}

// teaShop builds, by hand, a map that uses every kind of element the document carries.
func teaShop() *mapdsl.Map {
	m := &mapdsl.Map{Title: "Tea Shop", Style: "color", Width: 800, Height: 600}
	for i, s := range []string{"Genesis", "Custom-Built", "Product", "Commodity"} {
		m.Stages[i] = mapdsl.Stage{Label: s, Start: mapdsl.DefaultStageStarts[i]}
	}
	m.Anchors = []*mapdsl.Anchor{{Name: "Business", Coords: coords(0.95, 0.63), Range: line(2)}}
	cup := &mapdsl.Component{Name: "Cup of Tea", Coords: coords(0.79, 0.61), Range: line(3),
		Label: mapdsl.Offset{DX: mapdsl.Number{Value: 19}, DY: mapdsl.Number{Value: -4}, Present: true}}
	kettle := &mapdsl.Component{Name: "Kettle", Coords: coords(0.43, 0.35), Range: line(4), Inertia: true,
		Decorators: mapdsl.Decorators{Method: mapdsl.MethodBuild, Market: true}}
	pipe := &mapdsl.Pipeline{Name: "Kettle", Start: mapdsl.Number{Value: 0.35}, End: mapdsl.Number{Value: 0.7},
		Component: kettle, Range: line(5)}
	kettle.Pipeline = pipe
	child := &mapdsl.Component{Kind: mapdsl.KindPipelineChild, Name: "Campfire Kettle", Coords: coords(0.43, 0.5),
		Parent: pipe, Range: line(7)}
	pipe.Children = []*mapdsl.Component{child}
	sub := &mapdsl.Component{Kind: mapdsl.KindSubmap, Name: "Website", Coords: coords(0.8, 0.5), URLRef: "web", Range: line(9)}
	ev := &mapdsl.Evolve{Name: "Kettle", NewName: "Electric Kettle", Maturity: mapdsl.Number{Value: 0.62}, Range: line(10)}
	kettle.Evolve = ev
	m.Components = []*mapdsl.Component{cup, kettle, child, sub}
	m.Pipelines = []*mapdsl.Pipeline{pipe}
	m.Evolves = []*mapdsl.Evolve{ev}
	m.Links = []*mapdsl.Link{
		{From: "Business", To: "Cup of Tea", Operator: "->", Range: line(11)},
		{From: "Cup of Tea", To: "Kettle", Kind: mapdsl.LinkFlow, Operator: "+'£1'>", Future: true, FlowLabel: "£1", Context: "hot", Range: line(12)},
	}
	m.Notes = []*mapdsl.Note{{Text: "+a note", Coords: coords(0.2, 0.3), Range: line(13)}}
	m.Annotations = []*mapdsl.Annotation{{Number: 1, Text: "standardising", Positions: []mapdsl.Coords{coords(0.4, 0.4), coords(0.5, 0.5)}, Range: line(14)}}
	m.AnnotationsAt = coords(0.1, 0.8)
	m.Areas = []*mapdsl.Area{{Kind: mapdsl.AreaTownPlanners, Nums: [4]mapdsl.Number{{Value: 0.6}, {Value: 0.7}, {Value: 0.3}, {Value: 0.9}}, Range: line(15)}}
	m.Accelerators = []*mapdsl.Accelerator{{Name: "Cloud", Deaccelerator: true, Coords: coords(0.3, 0.6), Range: line(16)}}
	m.URLs = []*mapdsl.URL{{Ref: "web", Address: "https://example.com/map", Range: line(17)}}
	return m
}

func TestFromMap(t *testing.T) {
	d := FromMap(teaShop(), "tea.owm")
	checks := []struct {
		name      string
		got, want any
	}{
		{"version", d.Version, 1},
		{"style spelled colour", d.Style, "colour"},
		{"size", *d.Size, Size{800, 600}},
		{"anchor line", d.Anchors[0].Line, 2},
		{"label", *d.Components[0].Label, LabelOffset{19, -4}},
		{"no label", d.Components[1].Label, (*LabelOffset)(nil)},
		{"decorators", strings.Join(d.Components[1].Decorators, ","), "build,market"},
		{"pipeline head", d.Components[1].Pipeline, "Kettle"},
		{"pipeline child", d.Components[2].Pipeline, "Kettle"},
		{"child kind", d.Components[2].Kind, "pipeline-child"},
		{"evolves to", *d.Components[1].EvolvesTo, EvolveTarget{0.62, "Electric Kettle"}},
		{"submap url", d.Components[3].URL, "https://example.com/map"},
		{"flow kind", d.Links[1].Kind, "flow"},
		{"pipeline children", strings.Join(d.Pipelines[0].Children, ","), "Campfire Kettle"},
		{"area kind", d.Areas[0].Kind, "townplanners"},
		{"deaccelerator", d.Accelerators[0].Kind, "deaccelerator"},
		{"annotation positions", len(d.Annotations[0].Positions), 2},
		{"legend", *d.AnnotationsAt, Position{0.1, 0.8}},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
				t.Errorf("got %v, want %v", c.got, c.want)
			}
		})
	}
}

// TestStyleAsDrawn checks that a document names the style its map is drawn in.
func TestStyleAsDrawn(t *testing.T) {
	for _, c := range []struct{ written, want string }{
		{"", "plain"},
		{"wardley", "wardley"},
		{"Wardley", "plain"}, // as OWM draws it, and as the parser's warning says
		{"color", "colour"},
		{"dark", "dark"},
		{"sepia", "plain"},
	} {
		t.Run(c.written, func(t *testing.T) {
			m := teaShop()
			m.Style = c.written
			if got := FromMap(m, "tea.owm").Style; got != c.want {
				t.Errorf("style %q: document says %q, want %q", c.written, got, c.want)
			}
		})
	}
}

// TestDocumentsMatchSchema encodes documents and validates them against schema.json, so the
// schema and the Go types cannot drift apart.
func TestDocumentsMatchSchema(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(Schema, &schema); err != nil {
		t.Fatalf("schema.json: %v", err)
	}
	maps := map[string]*mapdsl.Map{
		"tea shop":  teaShop(),
		"empty map": {Title: "Untitled Map"},
	}
	for name, m := range maps {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Encode(&buf, FromMap(m, "x.owm")); err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			for _, problem := range validate(schema, schema, doc, "$") {
				t.Error(problem)
			}
		})
	}
}

// TestSchemaCoversEveryField checks that every JSON field of the Go types is declared in the
// schema, including optional ones that the examples above leave out.
func TestSchemaCoversEveryField(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(Schema, &schema); err != nil {
		t.Fatal(err)
	}
	d := FromMap(teaShop(), "tea.owm")
	raw, _ := json.Marshal(d)
	var doc map[string]any
	_ = json.Unmarshal(raw, &doc)
	want := []string{"size", "annotationsAt"}
	props := schema["properties"].(map[string]any)
	for _, k := range want {
		if _, ok := props[k]; !ok {
			t.Errorf("schema lacks %q", k)
		}
	}
	var keys []string
	for k := range doc {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := props[k]; !ok {
			t.Errorf("document field %q is not in the schema", k)
		}
	}
}

func TestEncodeRejectsNonFiniteNumbers(t *testing.T) {
	m := teaShop()
	m.Components[0].Coords.Maturity.Value = math.Inf(1)
	if err := Encode(&bytes.Buffer{}, FromMap(m, "")); err == nil {
		t.Fatal("want an error for +Inf, JSON cannot carry it")
	}
}

// validate checks doc against the subset of JSON Schema that schema.json uses and returns the
// problems found, each prefixed by a JSON path.
func validate(root, s map[string]any, doc any, path string) []string {
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		return validate(root, root["$defs"].(map[string]any)[name].(map[string]any), doc, path)
	}
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, path+": "+fmt.Sprintf(format, args...))
	}
	if c, ok := s["const"]; ok && fmt.Sprint(c) != fmt.Sprint(doc) {
		bad("want %v, got %v", c, doc)
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == doc
		}
		if !found {
			bad("%v not in %v", doc, enum)
		}
	}
	switch s["type"] {
	case "object":
		obj, ok := doc.(map[string]any)
		if !ok {
			bad("want an object, got %T", doc)
			return problems
		}
		props, _ := s["properties"].(map[string]any)
		for _, r := range s["required"].([]any) {
			if _, ok := obj[r.(string)]; !ok {
				bad("missing required %q", r)
			}
		}
		for k, v := range obj {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					bad("unexpected property %q", k)
				}
				continue
			}
			problems = append(problems, validate(root, ps, v, path+"."+k)...)
		}
	case "array":
		arr, ok := doc.([]any)
		if !ok {
			bad("want an array, got %T", doc)
			return problems
		}
		if n, ok := s["minItems"].(float64); ok && float64(len(arr)) < n {
			bad("%d items, want at least %v", len(arr), n)
		}
		if n, ok := s["maxItems"].(float64); ok && float64(len(arr)) > n {
			bad("%d items, want at most %v", len(arr), n)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, v := range arr {
				problems = append(problems, validate(root, items, v, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	case "string":
		if _, ok := doc.(string); !ok {
			bad("want a string, got %T", doc)
		}
	case "boolean":
		if _, ok := doc.(bool); !ok {
			bad("want a boolean, got %T", doc)
		}
	case "number", "integer":
		f, ok := doc.(float64)
		if !ok {
			bad("want a number, got %T", doc)
		} else if s["type"] == "integer" && f != math.Trunc(f) {
			bad("want an integer, got %v", f)
		}
	}
	return problems
}

// TestCorpusMatchesSchema parses every corpus map and validates its document against the
// schema.
func TestCorpusMatchesSchema(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/owm-corpus/*.owm")
	if len(files) == 0 {
		t.Skip("corpus ../shared/owm-corpus not present")
	}
	var schema map[string]any
	if err := json.Unmarshal(Schema, &schema); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, _ := mapdsl.Parse(f, src)
			var buf bytes.Buffer
			if err := Encode(&buf, FromMap(m, f)); err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			for _, problem := range validate(schema, schema, doc, "$") {
				t.Error(problem)
			}
			// Every component keeps its source line.
			for _, c := range FromMap(m, f).Components {
				if c.Line <= 0 {
					t.Errorf("component %q has no line", c.Name)
				}
			}
		})
	}
}
