package render

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"mapwright/render/typeset"
)

// FontBytes returns the TrueType data of the Go font that draws f in PDF and PNG output. The
// slice is shared: callers that hand it to a library which may write to it (gofpdf) must copy it.
func FontBytes(f Font) []byte {
	switch {
	case f.Family == FontMono && f.Bold:
		return gomonobold.TTF
	case f.Family == FontMono:
		return gomono.TTF
	case f.Family == FontHand && f.Bold:
		return gobolditalic.TTF
	case f.Family == FontHand:
		return goitalic.TTF
	case f.Bold && f.Italic:
		return gobolditalic.TTF
	case f.Bold:
		return gobold.TTF
	case f.Italic:
		return goitalic.TTF
	}
	return goregular.TTF
}

// FontKey names the face FontBytes picks, for encoders that register fonts by name.
func FontKey(f Font) string {
	switch {
	case f.Family == FontMono && f.Bold:
		return "gomonobold"
	case f.Family == FontMono:
		return "gomono"
	case f.Family == FontHand && f.Bold, f.Bold && f.Italic:
		return "gobolditalic"
	case f.Family == FontHand, f.Italic:
		return "goitalic"
	case f.Bold:
		return "gobold"
	}
	return "goregular"
}

// metricsSize is the size at which advance widths are measured; widths scale linearly.
const metricsSize = 100

type faceMetrics struct {
	face    font.Face
	sfnt    *opentype.Font
	mu      sync.Mutex
	buf     sfnt.Buffer
	ascii   [128]float64     // advance at metricsSize of ASCII runes, 0 until measured
	cache   map[rune]float64 // advance at metricsSize of other runes
	lacks   map[rune]bool    // whether the Go font lacks a rune beyond ASCII
	primary *typeset.Primary // the font for shaping, nil until text needs it
}

var (
	metricsMu sync.Mutex
	metrics   = map[string]*faceMetrics{}
)

func metricsFor(f Font) *faceMetrics {
	key := FontKey(f)
	metricsMu.Lock()
	defer metricsMu.Unlock()
	if m := metrics[key]; m != nil {
		return m
	}
	m := &faceMetrics{cache: map[rune]float64{}, lacks: map[rune]bool{}}
	if fnt, err := opentype.Parse(FontBytes(f)); err == nil {
		m.sfnt = fnt
		m.face, _ = opentype.NewFace(fnt, &opentype.FaceOptions{Size: metricsSize, DPI: 72, Hinting: font.HintingNone})
	}
	metrics[key] = m
	return m
}

// MeasureText returns the advance width of s drawn in f, in page units. It is the one text
// measurement every stage uses (layout, label placement, encoders), so they agree.
func MeasureText(f Font, s string) float64 {
	if s == "" || f.Size <= 0 {
		return 0
	}
	if l := Shaped(f, s); l != nil {
		return l.Width * f.Size
	}
	m := metricsFor(f)
	m.mu.Lock()
	defer m.mu.Unlock()
	var w float64
	for _, r := range s {
		if r < 128 && m.ascii[r] != 0 {
			w += m.ascii[r]
			continue
		}
		adv, ok := m.cache[r]
		if !ok {
			if m.face != nil {
				if a, ok := m.face.GlyphAdvance(r); ok {
					adv = float64(a) / float64(fixed.I(1))
				} else if a, ok := m.face.GlyphAdvance('M'); ok {
					adv = float64(a) / float64(fixed.I(1)) // missing glyph: drawn as a box
				}
			} else {
				adv = metricsSize * 0.55
			}
			m.cache[r] = adv
			if r >= 0 && r < 128 {
				m.ascii[r] = adv
			}
		}
		w += adv
	}
	return w * f.Size / metricsSize
}

// BoxTextWidth is the width a box drawn around a line of text (the annotations legend) leaves
// for it, and the width a note's line may need before the page's edge: MeasureText's width with room for the fonts an SVG viewer may
// draw the line with instead of the Go font, which it has only where Debian's fonts-go is
// installed. The SVG names the Go font first, then Helvetica or Arial, Noto Sans and DejaVu
// Sans (render/svg): of these, and of the usual default sans-serif fonts, DejaVu Sans is the
// widest, 13% wider than Go Regular on English text (14% on digits), 12% than Go Italic, and
// DejaVu Sans Bold 25% wider than Go Bold; monospaced fonts advance Go Mono's 0.6 em or less.
// PNG and PDF draw with the Go font and leave the room empty, so every format draws the same
// box and the text stays inside it in each.
func BoxTextWidth(f Font, s string) float64 { return MeasureText(f, s) * boxRoom(f) }

// boxRoom is how much wider than MeasureText BoxTextWidth is.
func boxRoom(f Font) float64 {
	switch {
	case f.Family == FontMono:
		return 1.01
	case f.Bold:
		return 1.26
	}
	return 1.15
}

// Shaped returns the shaped line of text s in f when the Go font cannot draw s alone: s holds a
// character the Go font lacks (CJK, Arabic, Hebrew, Indic scripts, emoji), which a system font
// draws, shaped and in visual order. It returns nil for text the Go font draws alone (Latin,
// Greek, Cyrillic and the rest of its repertoire), which every encoder draws character by
// character as before, so such maps cost and look exactly as they did.
//
// The encoders that draw glyphs (PNG, PDF, the editor canvas) draw a shaped line's runs; its
// Width, times the font size, is the text's advance everywhere (MeasureText).
func Shaped(f Font, s string) *typeset.Line {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return nil // ASCII, which the Go fonts have: no font to look up
	}
	m := metricsFor(f)
	if !m.lacksAny(s[i:]) {
		return nil
	}
	m.mu.Lock()
	if m.primary == nil {
		m.primary = typeset.NewPrimary(FontKey(f), FontBytes(f), f.Bold, f.Italic || f.Family == FontHand, f.Family == FontMono)
	}
	p := m.primary
	m.mu.Unlock()
	if p == nil {
		return nil
	}
	return p.Shape(ShapingText(s))
}

// lacksAny reports whether s holds a visible character the Go font lacks, or one beyond U+FFFF
// (which the Go fonts never have).
func (m *faceMetrics) lacksAny(s string) bool {
	if m.sfnt == nil {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range s {
		if r < utf8.RuneSelf || r == utf8.RuneError || invisible(r) || unicode.IsSpace(r) {
			continue
		}
		lacks, ok := m.lacks[r]
		if !ok {
			idx, err := m.sfnt.GlyphIndex(&m.buf, r)
			lacks = err != nil || idx == 0
			m.lacks[r] = lacks
		}
		if lacks {
			return true
		}
	}
	return false
}

// ShapingText returns s as text for shaping: like PrintableText, but it keeps the invisible
// characters that shaping needs (zero-width joiners in emoji and Indic text, variation
// selectors, bidi marks) and the characters beyond U+FFFF (emoji).
func ShapingText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7F || unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MissingGlyphs returns the characters of s, once each, that neither the Go font of f nor any
// installed font can draw; they are drawn as a box.
func MissingGlyphs(f Font, s string) []rune {
	if l := Shaped(f, s); l != nil {
		return l.Missing
	}
	return nil
}

// WrapEms is the width, in ems of its font, past which a name wraps at its spaces onto several
// lines, centred as OWM centres multi-line names (a name of about 45 characters); a word longer
// than that stays whole. `mapwright check` warns about names longer than 60 characters.
const WrapEms = 24

// wrapLines breaks every line of ls wider than WrapEms at spaces, filling each line as far as it
// fits.
func wrapLines(ls []string, f Font) []string { return wrapLinesAt(ls, f, WrapEms*f.Size) }

// wrapLinesAt breaks every line of ls wider than limit at spaces, filling each line as far as it
// fits.
func wrapLinesAt(ls []string, f Font, limit float64) []string {
	long := false
	for _, s := range ls {
		if len(s) > 20 && MeasureText(f, s) > limit {
			long = true
			break
		}
	}
	if !long {
		return ls
	}
	out := make([]string, 0, len(ls)+2)
	for _, s := range ls {
		if MeasureText(f, s) <= limit || !strings.Contains(s, " ") {
			out = append(out, s)
			continue
		}
		line := ""
		for _, w := range strings.Fields(s) {
			if line == "" {
				line = w
			} else if next := line + " " + w; MeasureText(f, next) <= limit {
				line = next
			} else {
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	return out
}

// Ascent and Descent of the sans font, as fractions of the font size; used to size text boxes.
const (
	AscentRatio  = 0.93
	DescentRatio = 0.22
)

// TextBox is the box one line of text occupies on the page: across its advance width, from
// AscentRatio of the font size above the baseline to DescentRatio below it. It is the one
// label-box measure: label placement avoids these boxes, the overlapping-labels check judges
// them, and the editor draws, hit-tests and drags text by them.
type TextBox struct {
	Left, Top, Right, Bottom float64
}

// LineBox returns the box of s drawn in f with its baseline at y and its anchor point at x.
// Text in other scripts gets room for its ink where that reaches further (Arabic descends
// deeper, Devanagari and emoji stand taller).
func LineBox(f Font, s string, x, y float64, anchor TextAnchor) TextBox {
	w := MeasureText(f, s)
	x += anchor.Offset(w)
	asc, desc := AscentRatio, DescentRatio
	if l := Shaped(f, s); l != nil {
		asc, desc = max(asc, l.Ascent), max(desc, l.Descent)
	}
	return TextBox{Left: x, Top: y - float64(asc*f.Size), Right: x + w, Bottom: y + float64(desc*f.Size)}
}

// ItemBox returns the box of a text item before its rotation (items turn about (X, Y)).
func ItemBox(it *Item) TextBox { return LineBox(it.Font, it.Text, it.X, it.Y, it.Anchor) }

// Width and Height of the box.
func (b TextBox) Width() float64  { return b.Right - b.Left }
func (b TextBox) Height() float64 { return b.Bottom - b.Top }

// PrintableText returns s as text every encoder can draw with the Go fonts, so that the PDF and
// PNG carry the same text (gofpdf v1.16.2 even panics on invalid UTF-8 and on runes above U+FFFF
// when it builds the font subset): invalid bytes and runes above U+FFFF (emoji) become U+FFFD,
// the replacement character. Control characters and invisible format characters (zero-width spaces,
// joiners, bidi marks, variation selectors) are dropped: the Go fonts have no glyph for them and
// would print a box; tabs and line breaks become spaces.
func PrintableText(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || r > 0xFFFF || r < 0x20 || invisible(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // ranging over a string yields utf8.RuneError for each invalid byte
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r == utf8.RuneError || r > 0xFFFF:
			b.WriteRune(unicode.ReplacementChar)
		case r < 0x20 || invisible(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// invisible reports runes that draw nothing visible: controls, format characters and variation
// selectors.
func invisible(r rune) bool {
	if r < 0x80 {
		return r < 0x20 || r == 0x7F
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r)
}
