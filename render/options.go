package render

import (
	"math"
	"net/url"
	"strings"
)

// Default size of the drawing area (the axes box) when neither the map's `size [w, h]` nor
// Options give one. OWM fills the browser panel; real maps' label offsets were tuned at widths
// of about 1000 to 1400 px, so a fixed 1000 x 700 keeps hand-placed labels where their authors
// put them while fitting a landscape slide.
const (
	DefaultWidth  = 1000
	DefaultHeight = 700
)

// Limits of the drawing area's width and height: sizes outside are clamped, so that a hostile
// `size` cannot ask for a page no encoder could draw.
const (
	MinSize = 100
	MaxSize = 20000
)

// Margins is the space around the drawing area, in page units before scaling.
type Margins struct {
	Top, Right, Bottom, Left float64
}

// DefaultMargins leave room for the title above, the "Value Chain" caption on the left and the
// two rows of stage labels plus the "Evolution" caption below (OWM's export uses 35/45).
var DefaultMargins = Margins{Top: 45, Right: 35, Bottom: 50, Left: 40}

// Options control Layout. The zero value draws the map as its text asks.
type Options struct {
	// Style overrides the map's `style`; "" keeps the map's own, unknown names mean plain.
	Style Style
	// Width and Height override the drawing area's size in page units; 0 keeps the map's
	// `size [w, h]` or, failing that, DefaultWidth x DefaultHeight.
	Width, Height float64
	// Scale multiplies every coordinate, stroke width and font size of the Scene (default 1).
	Scale float64
	// Margins around the drawing area; nil means DefaultMargins. The page always grows to
	// contain content that would fall outside it (a label pushed past the right edge).
	Margins *Margins
	// Emphasis lists source lines (1-based, as in Ref.Line) whose elements are drawn emphasised:
	// every mark Layout draws for the statement on such a line (a component with its label and
	// decorations, a link, an evolve's arrow and copy, a note...) gets a highlight beneath it, in
	// a colour that suits the style; everything else is drawn as usual. The build-up steps of
	// package mapdsl/steps name the lines of what each step adds. Nil or empty: no emphasis.
	Emphasis map[int]bool
	// Whole is the scene of the whole map when the map being laid out is one of its build-up
	// steps (package mapdsl/steps), laid out with the same options: labels that Layout places
	// itself go where Whole has them (matched by kind and source line), and the page takes
	// Whole's size and position (MatchPage), so that nothing already shown moves as later
	// elements arrive. Nil: the map is laid out on its own.
	Whole *Scene
	// Caption is drawn after the map's title, on the same line in regular weight: the title of
	// a build-up step on its slide. Empty: none.
	Caption string
}

// SafeURL reports whether a link may be emitted as a clickable link: http, https and mailto
// addresses and relative references. Anything else (javascript:, data:, vbscript:, file:,
// unknown schemes) and anything containing whitespace or control characters (which browsers
// strip before reading the scheme, "java\tscript:") is refused. Every encoder checks it.
func SafeURL(s string) bool {
	if s == "" || len(s) > 4096 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ', c == 0x7f:
			return false
		case c == '\\', c == '"', c == '\'', c == '<', c == '>', c == '`':
			// Never needed unescaped in a real address; refusing them keeps links inert even
			// for an encoder that forgets to escape.
			return false
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		// A relative reference: refuse anything whose first segment still looks like a
		// scheme to a lenient browser.
		if i := strings.IndexAny(s, ":/?#"); i >= 0 && s[i] == ':' {
			return false
		}
		return true
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}

// finite replaces NaN and infinities (possible in hand-built or hostile maps) by def.
func finite(v, def float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return def
	}
	return v
}
