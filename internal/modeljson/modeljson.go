// Package modeljson is the stable JSON form of a parsed map, written by `mapwright export -f json`
// so that maps kept in git can be queried (jq, scripts) and fed to other tools.
//
// The document is a projection of mapdsl.Map, not the Go structs themselves: it names things the
// way a map author does, spells enumerations as strings, and gives every element the 1-based
// source line of its statement. The shape is described by the JSON Schema in schema.json (draft
// 2020-12, embedded as Schema) and is versioned by the "version" field: fields are only ever added
// within a version; renaming, removing or changing the meaning of a field bumps it.
//
// Version 1:
//
//	{
//	  "version": 1,
//	  "file": "teashop.owm",                  // as given on the command line; "" for stdin
//	  "title": "Tea Shop",
//	  "style": "plain",                       // plain | wardley | handwritten | colour | dark
//	  "size": {"width": 800, "height": 600},  // only when the map has size [w, h]
//	  "stages": [{"label": "Genesis", "start": 0}, ...],  // always four
//	  "customStages": false, "evolutionHidden": false, "valueChainHidden": false,
//	  "anchors": [{"name": "Business", "visibility": 0.95, "maturity": 0.63, "line": 3}],
//	  "components": [{
//	     "name": "Kettle", "kind": "component",          // component | submap | pipeline-child
//	     "visibility": 0.43, "maturity": 0.35, "line": 7,
//	     "label": {"dx": -57, "dy": 4},                  // only when written
//	     "inertia": true, "decorators": ["build", "market"],
//	     "pipeline": "Kettle",                           // the pipeline it heads or belongs to
//	     "evolvesTo": {"maturity": 0.62, "name": "Electric Kettle"},
//	     "url": "https://example.com/map"                // submaps: the resolved address
//	  }],
//	  "links": [{"from": "Cup", "to": "Tea", "kind": "dependency", "operator": "->", "line": 12}],
//	  "evolutions": [{"name": "Kettle", "newName": "Electric Kettle", "maturity": 0.62, "line": 20}],
//	  "pipelines": [{"name": "Kettle", "start": 0.35, "end": 0.7, "hidden": false,
//	                 "children": ["Campfire Kettle"], "line": 9}],
//	  "notes": [...], "annotations": [...], "areas": [...], "accelerators": [...], "urls": [...]
//	}
//
// Visibility and maturity are map units 0..1 exactly as written ([visibility, maturity] in the
// text); a value the text left out holds OWM's default. Empty lists are written as [] so that a
// consumer never has to tell null from empty.
package modeljson

import (
	_ "embed"
	"encoding/json"
	"io"

	"mapwright/mapdsl"
	"mapwright/render"
)

// Version is the schema version written in every document.
const Version = 1

// Schema is the JSON Schema (draft 2020-12) of a Document.
//
//go:embed schema.json
var Schema []byte

// Document is one map in the stable JSON form.
type Document struct {
	Version          int           `json:"version"`
	File             string        `json:"file"`
	Title            string        `json:"title"`
	Style            string        `json:"style"`
	Size             *Size         `json:"size,omitempty"`
	Stages           []Stage       `json:"stages"`
	CustomStages     bool          `json:"customStages"`
	EvolutionHidden  bool          `json:"evolutionHidden"`
	ValueChainHidden bool          `json:"valueChainHidden"`
	Anchors          []Anchor      `json:"anchors"`
	Components       []Component   `json:"components"`
	Links            []Link        `json:"links"`
	Evolutions       []Evolution   `json:"evolutions"`
	Pipelines        []Pipeline    `json:"pipelines"`
	Notes            []Note        `json:"notes"`
	Annotations      []Annotation  `json:"annotations"`
	AnnotationsAt    *Position     `json:"annotationsAt,omitempty"`
	Areas            []Area        `json:"areas"`
	Accelerators     []Accelerator `json:"accelerators"`
	URLs             []URL         `json:"urls"`
}

// Size is the drawing area set by `size [w, h]`, in pixels.
type Size struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

// Stage is one evolution stage and the maturity where it starts.
type Stage struct {
	Label  string  `json:"label"`
	Second string  `json:"second,omitempty"`
	Start  float64 `json:"start"`
}

// Position is a point in map units.
type Position struct {
	Visibility float64 `json:"visibility"`
	Maturity   float64 `json:"maturity"`
}

// LabelOffset is an explicit `label [dx, dy]` in pixels.
type LabelOffset struct {
	DX float64 `json:"dx"`
	DY float64 `json:"dy"`
}

// Anchor is a user or need.
type Anchor struct {
	Name       string  `json:"name"`
	Visibility float64 `json:"visibility"`
	Maturity   float64 `json:"maturity"`
	Line       int     `json:"line"`
}

// EvolveTarget is where a component is evolving to.
type EvolveTarget struct {
	Maturity float64 `json:"maturity"`
	Name     string  `json:"name,omitempty"` // the evolved copy's new name, if renamed
}

// Component is a component, a submap or a pipeline child.
type Component struct {
	Name       string        `json:"name"`
	Kind       string        `json:"kind"`
	Visibility float64       `json:"visibility"`
	Maturity   float64       `json:"maturity"`
	Line       int           `json:"line"`
	Label      *LabelOffset  `json:"label,omitempty"`
	Inertia    bool          `json:"inertia"`
	Decorators []string      `json:"decorators"`
	Pipeline   string        `json:"pipeline,omitempty"`
	EvolvesTo  *EvolveTarget `json:"evolvesTo,omitempty"`
	URLRef     string        `json:"urlRef,omitempty"`
	URL        string        `json:"url,omitempty"`
}

// Link is a dependency or a flow between two named elements.
type Link struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Kind      string `json:"kind"` // dependency | flow
	Operator  string `json:"operator"`
	Past      bool   `json:"past"`
	Future    bool   `json:"future"`
	FlowLabel string `json:"flowLabel,omitempty"`
	Context   string `json:"context,omitempty"`
	Line      int    `json:"line"`
}

// Evolution is an evolve statement.
type Evolution struct {
	Name       string       `json:"name"`
	NewName    string       `json:"newName,omitempty"`
	Maturity   float64      `json:"maturity"`
	Label      *LabelOffset `json:"label,omitempty"`
	Decorators []string     `json:"decorators"`
	Line       int          `json:"line"`
}

// Pipeline is a pipeline box and, in the block form, its children.
type Pipeline struct {
	Name     string   `json:"name"`
	Start    float64  `json:"start"`
	End      float64  `json:"end"`
	Hidden   bool     `json:"hidden"`
	Children []string `json:"children"`
	Line     int      `json:"line"`
}

// Note is free text at a position.
type Note struct {
	Text       string  `json:"text"`
	Visibility float64 `json:"visibility"`
	Maturity   float64 `json:"maturity"`
	Line       int     `json:"line"`
}

// Annotation is a numbered marker at one or more positions.
type Annotation struct {
	Number    int        `json:"number"`
	Text      string     `json:"text"`
	Positions []Position `json:"positions"`
	Line      int        `json:"line"`
}

// Area is a pioneers, settlers or townplanners rectangle.
type Area struct {
	Kind    string   `json:"kind"`
	TopLeft Position `json:"topLeft"`
	// BottomRight is the second corner as written (normally lower visibility, higher maturity).
	BottomRight Position `json:"bottomRight"`
	Line        int      `json:"line"`
}

// Accelerator is an accelerator or deaccelerator marker.
type Accelerator struct {
	Name       string  `json:"name"`
	Kind       string  `json:"kind"` // accelerator | deaccelerator
	Visibility float64 `json:"visibility"`
	Maturity   float64 `json:"maturity"`
	Line       int     `json:"line"`
}

// URL is a `url ref [address]` definition.
type URL struct {
	Ref     string `json:"ref"`
	Address string `json:"address"`
	Line    int    `json:"line"`
}

// component projects a component; url is the address its url reference names.
func component(c *mapdsl.Component, url string) Component {
	jc := Component{
		Name:       c.Name,
		Kind:       ComponentKind(c.Kind),
		Visibility: c.Coords.Visibility.Value,
		Maturity:   c.Coords.Maturity.Value,
		Line:       c.Range.Start.Line,
		Label:      labelOffset(c.Label),
		Inertia:    c.Inertia,
		Decorators: Decorators(c.Decorators),
		URLRef:     c.URLRef,
		URL:        url,
	}
	switch {
	case c.Pipeline != nil:
		jc.Pipeline = c.Pipeline.Name
	case c.Parent != nil:
		jc.Pipeline = c.Parent.Name
	}
	if c.Evolve != nil {
		jc.EvolvesTo = &EvolveTarget{Maturity: c.Evolve.Maturity.Value, Name: c.Evolve.NewName}
	}
	return jc
}

// FromMap projects a parsed map into a Document. file is recorded as given.
func FromMap(m *mapdsl.Map, file string) *Document {
	d := &Document{
		Version:          Version,
		File:             file,
		Title:            m.Title,
		Style:            string(render.MapStyle(m)), // as drawn
		CustomStages:     m.CustomStages,
		EvolutionHidden:  m.EvolutionHidden,
		ValueChainHidden: m.ValueChainHidden,
		Anchors:          []Anchor{},
		Components:       []Component{},
		Links:            []Link{},
		Evolutions:       []Evolution{},
		Pipelines:        []Pipeline{},
		Notes:            []Note{},
		Annotations:      []Annotation{},
		Areas:            []Area{},
		Accelerators:     []Accelerator{},
		URLs:             []URL{},
	}
	if m.Width > 0 || m.Height > 0 {
		d.Size = &Size{Width: m.Width, Height: m.Height}
	}
	for _, s := range m.Stages {
		d.Stages = append(d.Stages, Stage{Label: s.Label, Second: s.Second, Start: s.Start})
	}
	urls := map[string]string{}
	for _, u := range m.URLs {
		if _, seen := urls[u.Ref]; !seen {
			urls[u.Ref] = u.Address
		}
		d.URLs = append(d.URLs, URL{Ref: u.Ref, Address: u.Address, Line: u.Range.Start.Line})
	}
	for _, a := range m.Anchors {
		d.Anchors = append(d.Anchors, Anchor{Name: a.Name, Visibility: a.Coords.Visibility.Value,
			Maturity: a.Coords.Maturity.Value, Line: a.Range.Start.Line})
	}
	for _, c := range m.Components {
		d.Components = append(d.Components, component(c, urls[c.URLRef]))
	}
	for _, l := range m.Links {
		kind := "dependency"
		if l.Kind == mapdsl.LinkFlow {
			kind = "flow"
		}
		d.Links = append(d.Links, Link{From: l.From, To: l.To, Kind: kind, Operator: l.Operator,
			Past: l.Past, Future: l.Future, FlowLabel: l.FlowLabel, Context: l.Context,
			Line: l.Range.Start.Line})
	}
	for _, e := range m.Evolves {
		d.Evolutions = append(d.Evolutions, Evolution{Name: e.Name, NewName: e.NewName,
			Maturity: e.Maturity.Value, Label: labelOffset(e.Label),
			Decorators: Decorators(e.Decorators), Line: e.Range.Start.Line})
	}
	for _, p := range m.Pipelines {
		jp := Pipeline{Name: p.Name, Start: p.Start.Value, End: p.End.Value, Hidden: p.Hidden,
			Children: []string{}, Line: p.Range.Start.Line}
		for _, ch := range p.Children {
			jp.Children = append(jp.Children, ch.Name)
		}
		d.Pipelines = append(d.Pipelines, jp)
	}
	for _, n := range m.Notes {
		d.Notes = append(d.Notes, Note{Text: n.Text, Visibility: n.Coords.Visibility.Value,
			Maturity: n.Coords.Maturity.Value, Line: n.Range.Start.Line})
	}
	for _, a := range m.Annotations {
		ja := Annotation{Number: a.Number, Text: a.Text, Positions: []Position{}, Line: a.Range.Start.Line}
		for _, p := range a.Positions {
			ja.Positions = append(ja.Positions, position(p))
		}
		d.Annotations = append(d.Annotations, ja)
	}
	if m.AnnotationsAt.Present {
		p := position(m.AnnotationsAt)
		d.AnnotationsAt = &p
	}
	for _, a := range m.Areas {
		d.Areas = append(d.Areas, Area{Kind: a.Kind.String(),
			TopLeft:     Position{Visibility: a.Nums[0].Value, Maturity: a.Nums[1].Value},
			BottomRight: Position{Visibility: a.Nums[2].Value, Maturity: a.Nums[3].Value},
			Line:        a.Range.Start.Line})
	}
	for _, a := range m.Accelerators {
		kind := "accelerator"
		if a.Deaccelerator {
			kind = "deaccelerator"
		}
		d.Accelerators = append(d.Accelerators, Accelerator{Name: a.Name, Kind: kind,
			Visibility: a.Coords.Visibility.Value, Maturity: a.Coords.Maturity.Value,
			Line: a.Range.Start.Line})
	}
	return d
}

// ComponentKind spells a component kind as the schema does.
func ComponentKind(k mapdsl.ComponentKind) string {
	switch k {
	case mapdsl.KindSubmap:
		return "submap"
	case mapdsl.KindPipelineChild:
		return "pipeline-child"
	}
	return "component"
}

// Decorators lists the decorators that are set, in a fixed order: the method first, then
// market and ecosystem. It never returns nil.
func Decorators(d mapdsl.Decorators) []string {
	out := []string{}
	if d.Method != mapdsl.MethodNone {
		out = append(out, d.Method.String())
	}
	if d.Market {
		out = append(out, "market")
	}
	if d.Ecosystem {
		out = append(out, "ecosystem")
	}
	return out
}

func labelOffset(o mapdsl.Offset) *LabelOffset {
	if !o.Present {
		return nil
	}
	return &LabelOffset{DX: o.DX.Value, DY: o.DY.Value}
}

func position(c mapdsl.Coords) Position {
	return Position{Visibility: c.Visibility.Value, Maturity: c.Maturity.Value}
}

// Encode writes documents as indented JSON: one object for one document, an array for several.
func Encode(w io.Writer, docs ...*Document) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if len(docs) == 1 {
		return enc.Encode(docs[0])
	}
	return enc.Encode(docs)
}
