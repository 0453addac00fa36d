// Package mapdsl reads Wardley maps written in the OnlineWardleyMaps (OWM) dialect.
//
// The text is the single source of truth. Parse turns it into a syntax tree (one statement per
// line, every node carrying its byte range, line and column) and then into a Map: the resolved
// model that the renderer, the command line and the editor share. Parsing is tolerant, as OWM
// is: a bad line becomes a diagnostic and the rest of the map still loads; it never panics.
//
// Coordinates follow OWM: every pair is written [visibility, maturity], that is [y, x], both in
// map units 0..1 (visibility 1 is the top of the map, maturity 1 is the commodity end). They stay
// float64 in map units, with their original spelling, until render.Layout converts them to page
// units. Label offsets are in pixels, x to the right and y down, as OWM writes them.
package mapdsl

// Pos is a position in the source text. Offset is a byte offset from the start of the text;
// Line and Column start at 1, and Column counts runes (what an editor shows).
type Pos struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Range is the half-open byte range [Start.Offset, End.Offset) of a piece of source text.
type Range struct {
	Start Pos `json:"start"`
	End   Pos `json:"end"`
}

// Valid reports whether the range points into real text (a zero Range does not).
func (r Range) Valid() bool { return r.Start.Line > 0 }

// Number is a number as written in the text: its value, its original spelling and where it is.
// Set is false when the number was missing and Value holds OWM's default.
type Number struct {
	Value float64 `json:"value"`
	Raw   string  `json:"raw,omitempty"`
	Set   bool    `json:"set"`
	Range Range   `json:"-"`
}

// Coords is a bracketed position [visibility, maturity]. Present is false when the statement had
// no brackets at all (both values then hold OWM's defaults, 0.9 and 0.1).
type Coords struct {
	Visibility Number `json:"visibility"`
	Maturity   Number `json:"maturity"`
	Present    bool   `json:"present"`
	Range      Range  `json:"-"` // from '[' to ']' inclusive
}

// Offset is a label offset `label [dx, dy]` in pixels. Present is false when the statement did
// not give one (the renderer then places the label itself).
type Offset struct {
	DX      Number `json:"dx"`
	DY      Number `json:"dy"`
	Present bool   `json:"present"`
	Range   Range  `json:"-"` // from "label" to ']' inclusive
}

// Method is how a component is sourced: the (build), (buy) and (outsource) decorators.
type Method int

const (
	MethodNone Method = iota
	MethodBuild
	MethodBuy
	MethodOutsource
)

func (m Method) String() string {
	switch m {
	case MethodBuild:
		return "build"
	case MethodBuy:
		return "buy"
	case MethodOutsource:
		return "outsource"
	}
	return ""
}

// Decorators are the parenthesised flags of a component, submap or evolve line.
type Decorators struct {
	Method    Method `json:"method,omitempty"`
	Market    bool   `json:"market,omitempty"`
	Ecosystem bool   `json:"ecosystem,omitempty"`
	Range     Range  `json:"-"` // the parenthesised group, when written
	// LegacyMethod tells that Method comes from a standalone "build X" (buy, outsource) line,
	// which OWM no longer reads: it is drawn, but leaves the label where OWM puts it.
	LegacyMethod bool `json:"-"`
}

// ComponentKind tells apart the statements that make a component-like node.
type ComponentKind int

const (
	KindComponent     ComponentKind = iota // component X [v, m]
	KindSubmap                             // submap X [v, m] url(ref)
	KindPipelineChild                      // component X [m] inside a pipeline { } block
)

// Component is a component, a submap or a child of a pipeline block.
type Component struct {
	Kind         ComponentKind `json:"kind"`
	Name         string        `json:"name"` // unquoted, with \n escapes resolved
	NameRange    Range         `json:"-"`
	Coords       Coords        `json:"coords"` // a pipeline child's visibility is its parent's
	Label        Offset        `json:"label"`
	Inertia      bool          `json:"inertia,omitempty"`
	InertiaRange Range         `json:"-"`
	Decorators   Decorators    `json:"decorators"`
	URLRef       string        `json:"urlRef,omitempty"` // submap url(ref)
	// Pipeline is set on a component that heads a pipeline; Parent on a pipeline block child.
	Pipeline *Pipeline `json:"-"`
	Parent   *Pipeline `json:"-"`
	// Evolve is the evolve statement that moves this component, if any (the first one).
	Evolve *Evolve `json:"-"`
	Range  Range   `json:"-"` // the whole statement
}

// Anchor is a user or need at the top of the value chain, drawn as text only.
type Anchor struct {
	Name      string `json:"name"`
	NameRange Range  `json:"-"`
	Coords    Coords `json:"coords"`
	Range     Range  `json:"-"`
}

// LinkKind separates plain dependencies from flows of value.
type LinkKind int

const (
	LinkDependency LinkKind = iota // A->B
	LinkFlow                       // A+>B, A+<B, A+<>B, A+'label'>B ...
)

// Link joins two named elements (components, anchors, submaps, pipeline children).
// From and To hold the name of the element each end resolved to (an exact match first, then one
// that ignores case and runs of whitespace, as OWM does); an end that matches nothing keeps the
// name as written. FromRange and ToRange cover the names as written.
type Link struct {
	From      string   `json:"from"`
	To        string   `json:"to"`
	FromRange Range    `json:"-"`
	ToRange   Range    `json:"-"`
	Kind      LinkKind `json:"kind"`
	Operator  string   `json:"operator"` // as written: "->", "+>", "+<", "+<>", "+'x'>", ...
	Past      bool     `json:"past,omitempty"`
	Future    bool     `json:"future,omitempty"`
	FlowLabel string   `json:"flowLabel,omitempty"`
	Context   string   `json:"context,omitempty"` // text after ';'
	Range     Range    `json:"-"`
}

// Evolve moves a component to a new maturity, drawing an evolved copy and a red arrow.
type Evolve struct {
	Name       string     `json:"name"`              // the component evolved
	NewName    string     `json:"newName,omitempty"` // the copy's label after ->NewName
	NameRange  Range      `json:"-"`
	Maturity   Number     `json:"maturity"`
	Label      Offset     `json:"label"`
	Decorators Decorators `json:"decorators"`
	Range      Range      `json:"-"`
}

// Pipeline is drawn as a box at its component's visibility spanning maturity Start..End.
// In the block form the span is that of its children.
type Pipeline struct {
	Name       string       `json:"name"`
	NameRange  Range        `json:"-"`
	Start      Number       `json:"start"`
	End        Number       `json:"end"`
	Bracketed  bool         `json:"bracketed"`          // [start, end] written on the pipeline line
	Hidden     bool         `json:"hidden,omitempty"`   // no brackets and no children: no box
	Component  *Component   `json:"-"`                  // the component it belongs to, if found
	Children   []*Component `json:"children,omitempty"` // block form
	Range      Range        `json:"-"`                  // the pipeline line
	BlockRange Range        `json:"-"`                  // from '{' to '}' when a block follows
}

// Note is free text at a position.
type Note struct {
	Text   string `json:"text"`
	Coords Coords `json:"coords"`
	Range  Range  `json:"-"`
}

// Annotation is a numbered marker drawn at one or more positions, listed in the legend.
type Annotation struct {
	Number    int      `json:"number"`
	Positions []Coords `json:"positions"`
	Text      string   `json:"text"`
	Range     Range    `json:"-"`
}

// AreaKind is one of the pioneers, settlers and town planners areas.
type AreaKind int

const (
	AreaPioneers AreaKind = iota
	AreaSettlers
	AreaTownPlanners
)

func (k AreaKind) String() string {
	return [...]string{"pioneers", "settlers", "townplanners"}[k]
}

// Area is a pioneers/settlers/townplanners rectangle: [V1, M1, V2, M2], the first pair the
// top-left corner.
type Area struct {
	Kind  AreaKind  `json:"kind"`
	Nums  [4]Number `json:"nums"`
	Range Range     `json:"-"`
}

// Accelerator is an accelerator (pointing right) or a deaccelerator (pointing left).
type Accelerator struct {
	Name          string `json:"name"`
	NameRange     Range  `json:"-"`
	Deaccelerator bool   `json:"deaccelerator,omitempty"`
	Coords        Coords `json:"coords"`
	Range         Range  `json:"-"`
}

// URL defines a reference used by submaps: url ref [address].
type URL struct {
	Ref     string `json:"ref"`
	Address string `json:"address"`
	Range   Range  `json:"-"`
}

// Stage is one evolution stage: its label and the maturity at which it starts.
type Stage struct {
	Label  string  `json:"label"`
	Second string  `json:"second,omitempty"` // the default second row: "(+rental)", "(+utility)"
	Start  float64 `json:"start"`
}

// DefaultStageStarts are OWM's stage boundaries: Genesis at 0, then dividers at 0.175, 0.40, 0.70.
var DefaultStageStarts = [4]float64{0, 0.175, 0.40, 0.70}

// Map is the resolved model of one map text.
type Map struct {
	Title       string        `json:"title"` // "Untitled Map" when absent
	TitleRange  Range         `json:"-"`
	Anchors     []*Anchor     `json:"anchors"`
	Components  []*Component  `json:"components"` // components, submaps and pipeline children, in text order
	Links       []*Link       `json:"links"`
	Evolves     []*Evolve     `json:"evolves"`
	Pipelines   []*Pipeline   `json:"pipelines"`
	Notes       []*Note       `json:"notes"`
	Annotations []*Annotation `json:"annotations"`
	// AnnotationsAt is the top-left of the annotation legend (annotations [v, m]).
	AnnotationsAt    Coords         `json:"annotationsAt"`
	AnnotationsRange Range          `json:"-"`
	Areas            []*Area        `json:"areas"`
	Accelerators     []*Accelerator `json:"accelerators"`
	URLs             []*URL         `json:"urls"`
	// Stages always holds four stages, defaulted as OWM does; CustomStages is true when an
	// evolution line set them.
	Stages           [4]Stage `json:"stages"`
	CustomStages     bool     `json:"customStages,omitempty"`
	EvolutionHidden  bool     `json:"evolutionHidden,omitempty"`
	ValueChainHidden bool     `json:"valueChainHidden,omitempty"`
	Style            string   `json:"style"` // plain, wardley, handwritten, colour, dark
	// Width and Height come from size [w, h], in pixels of the drawing area; 0 means not set.
	Width      float64 `json:"width,omitempty"`
	Height     float64 `json:"height,omitempty"`
	SizeRange  Range   `json:"-"`
	StyleRange Range   `json:"-"`
	// Mermaid is true for a map read from Mermaid's wardley-beta dialect (mapdsl/mermaid):
	// edits write their new lines in that dialect.
	Mermaid bool `json:"-"`
}
