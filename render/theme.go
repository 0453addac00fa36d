package render

import (
	"slices"
	"strings"

	"mapwright/mapdsl"
)

// Style names a look of the map: the five styles of OWM's `style` statement.
type Style string

const (
	StylePlain       Style = "plain"
	StyleWardley     Style = "wardley"
	StyleColour      Style = "colour"
	StyleDark        Style = "dark"
	StyleHandwritten Style = "handwritten"
)

// Styles lists every style, in the order menus should offer them.
var Styles = []Style{StylePlain, StyleWardley, StyleColour, StyleDark, StyleHandwritten}

// ParseStyle turns a style name as written in a map or on a command line into a Style.
// "color" is accepted for "colour"; unknown names fall back to plain, as OWM does.
func ParseStyle(name string) Style {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "wardley":
		return StyleWardley
	case "colour", "color":
		return StyleColour
	case "dark":
		return StyleDark
	case "handwritten":
		return StyleHandwritten
	}
	return StylePlain
}

// MapStyle is the style a map's own text names, read as OWM reads it: one of the five names
// exactly as written, or "color" for "colour", else plain, as OWM draws an
// unknown or differently capitalised name (the parser warns about it). ParseStyle is for a
// style a person chooses, on a command line or in a menu, where any capitalisation will do.
func MapStyle(m *mapdsl.Map) Style {
	switch s := Style(m.Style); {
	case slices.Contains(Styles, s):
		return s
	case s == "color": // a Map made by other means than Parse
		return StyleColour
	}
	return StylePlain
}

// theme holds every colour, size and font choice of one style (dialect reference §3.5).
type theme struct {
	style Style

	background Color          // page background (None = transparent)
	plotFill   []GradientStop // wardley's grey side gradient over the drawing area

	textFont   FontFamily // labels, notes, anchors
	axisFont   FontFamily // title, axes and stage captions
	text       Color      // title, anchors, notes, captions
	anchorText Color      // anchor names
	labelSize  float64    // component label size
	noteSize   float64
	hand       bool // draw lines and circles as wobbly hand-drawn strokes

	axis        Color
	axisWidth   float64
	divider     Color
	captions    bool // wardley's Uncharted / Industrialised
	compR       float64
	compStroke  Color
	compWidth   float64
	compFill    Color
	labelColour Color
	evolved     Color // evolved copy stroke, label and arrow
	evolvedFill Color
	link        Color
	evolvedLink Color
	evolveWidth float64 // evolve arrows' and evolved links' line width
	flowBand    Color
	flowText    Color
	contextText Color

	annotFill    Color
	annotStroke  Color
	annotText    Color
	legendFill   Color
	legendStroke float64
	legendText   Color
	areaLabel    Color
	// outsourceEdge rings the dark outsource disc: its own grey on light paper, lighter on
	// dark paper, where the disc would otherwise all but vanish.
	outsourceEdge Color
}

var (
	black = RGB(0, 0, 0)
	white = RGB(255, 255, 255)
	red   = RGB(255, 0, 0)
	grey  = RGB(128, 128, 128)
)

// themeFor returns the theme of a style.
func themeFor(s Style) theme {
	t := theme{
		style:         StylePlain,
		background:    white,
		textFont:      FontSans,
		axisFont:      FontSans,
		text:          black,
		anchorText:    black,
		labelSize:     14,
		noteSize:      12,
		axis:          black,
		axisWidth:     1,
		divider:       black,
		compR:         5,
		compStroke:    black,
		compWidth:     1,
		compFill:      white,
		labelColour:   black,
		evolved:       red,
		evolvedFill:   white,
		link:          grey,
		evolvedLink:   red,
		evolveWidth:   1,
		flowBand:      Color{0x99, 0xc5, 0xee, 0x9e},
		flowText:      black, // OWM writes flow values in the text colour
		contextText:   RGB(0x40, 0x40, 0x40),
		annotFill:     white,
		annotStroke:   RGB(0x59, 0x59, 0x59),
		annotText:     black,
		legendFill:    white,
		legendStroke:  1,
		outsourceEdge: RGB(0x44, 0x44, 0x44),
		legendText:    black,
		areaLabel:     white,
	}
	switch s {
	case StyleWardley:
		t.style = StyleWardley
		t.textFont = FontMono
		t.labelSize = 12
		t.noteSize = 14
		t.divider = RGB(0xb8, 0xb8, 0xb8)
		t.captions = true
		t.plotFill = []GradientStop{
			{0, RGB(196, 196, 196)}, {0.3, white}, {0.7, white}, {1, RGB(196, 196, 196)},
		}
	case StyleColour:
		t.style = StyleColour
		t.noteSize = 14
		t.axis = RGB(0xc2, 0x36, 0x67)
		t.axisWidth = 3
		t.divider = RGB(0xb8, 0xb8, 0xb8)
		t.compR = 7
		t.compStroke = RGB(0x8c, 0xb3, 0x58)
		t.compWidth = 2
		t.anchorText = RGB(0x48, 0x6b, 0x1a) // as OWM draws it: anchors green, component names black
		t.evolved = RGB(0xea, 0x7f, 0x5b)
		t.link = RGB(0x5c, 0x5c, 0x5c)
		t.evolvedLink = RGB(0xea, 0x7f, 0x5b)
		t.evolveWidth = 2 // OWM's colour style leaves its evolved-link width at the 2 px default
		t.annotFill = RGB(0x99, 0xc5, 0xee)
		t.annotStroke = RGB(0x01, 0x5f, 0xa5)
		t.legendFill = RGB(0x99, 0xc5, 0xee) // OWM fills the annotations box too
		t.legendStroke = 2
		t.flowBand = None // flows are thin lines in OWM's colour style
	case StyleDark:
		t.style = StyleDark
		t.background = RGB(0x35, 0x33, 0x47)
		t.text = white
		t.anchorText = white
		t.labelSize = 13
		t.axis = white
		t.divider = white
		t.compStroke = white
		t.compFill = Color{255, 255, 255, 204}
		t.labelColour = Color{255, 255, 255, 204}
		t.evolved = RGB(0x90, 0xca, 0xf9)
		t.evolvedFill = RGB(0x35, 0x33, 0x47)
		t.link = white
		t.evolvedLink = RGB(0x90, 0xca, 0xf9)
		t.flowText = white
		t.contextText = RGB(0xd0, 0xd0, 0xd0)
		// OWM's dark style keeps the annotations light: whitish fill, grey border, black text.
		t.annotFill = Color{255, 255, 255, 204}
		t.annotText = black
		t.legendFill = Color{255, 255, 255, 204}
		t.legendText = black
		t.outsourceEdge = RGB(0xd6, 0xd6, 0xd6)
	case StyleHandwritten:
		t.style = StyleHandwritten
		t.textFont = FontHand
		t.axisFont = FontHand
		t.labelSize = 12
		t.noteSize = 14
		t.hand = true
	}
	return t
}
