// Package typeset lays out one line of text for the encoders that draw glyphs themselves (PNG,
// PDF, the editor canvas): in the Go font a Scene names and, for each character that font lacks,
// in a system font that has it, shaped with go-text/typesetting (a port of HarfBuzz) so that
// Arabic letters join, Hebrew and Arabic run right to left and Devanagari clusters form.
//
// System fonts are found with go-text/typesetting's fontscan, which reads fontconfig's font
// folders where present and the usual font folders of Linux, Windows and macOS, and keeps an
// index of them in the user's cache folder. Nothing is scanned until a text needs a character
// the Go fonts lack, so maps in Latin, Greek and Cyrillic never pay for it.
//
// Same text, same Go font and same installed fonts give the same layout.
package typeset

import (
	"bytes"
	"io"
	"log"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"github.com/go-text/typesetting/unicodedata"
	"golang.org/x/image/math/fixed"
)

// Face is a font that draws some glyphs of a line.
type Face struct {
	// Key names the face uniquely: the Go font's key, or a font file and its index in it.
	Key string
	// Name is the face's family and style without spaces, e.g. NotoSansArabic-Bold, as PDF
	// names a font.
	Name string
	// Font is the parsed face. go-text faces are not safe for concurrent use: read glyphs with
	// GlyphData, which serialises.
	Font *font.Face
	// Upem is the number of font units to the em.
	Upem float64
	// Fallback is set on system fonts, clear on the Go font the text asked for.
	Fallback bool
	// Color is set when the face draws glyphs as colour bitmaps (Noto Color Emoji).
	Color bool
}

// mu serialises every use of go-text faces, font maps and shapers in the process. Shaping is
// rare (only text the Go fonts cannot draw alone) and its results are cached.
var mu sync.Mutex

// GlyphData returns how to draw the glyph: an outline in font units (y up), or a bitmap.
func (f *Face) GlyphData(id font.GID) font.GlyphData {
	mu.Lock()
	defer mu.Unlock()
	return f.Font.GlyphData(id)
}

// Advance returns the glyph's advance in font units.
func (f *Face) Advance(id font.GID) float64 {
	mu.Lock()
	defer mu.Unlock()
	return float64(f.Font.HorizontalAdvance(id))
}

// Extents returns the glyph's box in font units (y up).
func (f *Face) Extents(id font.GID) (font.GlyphExtents, bool) {
	mu.Lock()
	defer mu.Unlock()
	return f.Font.GlyphExtents(id)
}

// Glyph is one glyph of a shaped line.
type Glyph struct {
	ID font.GID
	// X and Y place the glyph's origin, in em of the text size, from the line's start on the
	// baseline; y grows downwards.
	X, Y float64
	// Advance is how far the glyph moves the pen, in em.
	Advance float64
	// Text is the characters the glyph stands for: the whole cluster on its first glyph, empty
	// on the others of the cluster.
	Text string
}

// Run is a stretch of glyphs of one face, in visual order (left to right).
type Run struct {
	Face   *Face
	Glyphs []Glyph
	// RTL is set on a run shaped right to left (its clusters' characters still read in logical
	// order in Glyph.Text).
	RTL bool
}

// Line is a shaped line of text.
type Line struct {
	Runs []Run
	// Width is the advance of the whole line in em.
	Width float64
	// Ascent and Descent are how far the glyphs' ink reaches above and below the baseline, in
	// em (both positive when the ink is on that side).
	Ascent, Descent float64
	// Missing lists, once each and in order of appearance, the characters no installed font
	// has; they are drawn as the Go font's missing-glyph box.
	Missing []rune
}

// Primary is a Go font and the fallbacks found for the characters it lacks.
type Primary struct {
	face   *Face
	aspect font.Aspect
	mono   bool

	lines map[string]*Line
}

// The state every primary shares, under mu: the shaper, and the maps of system fonts (nil until
// the first character the Go fonts lack), queried for the primary of the last call.
var (
	seg       shaping.Segmenter
	shaper    shaping.HarfbuzzShaper
	fonts     *fontscan.FontMap
	emoji     *fontscan.FontMap
	queried   *Primary
	fallbacks = map[*font.Face]*Face{}
)

// maxCachedLines bounds each primary's cache of shaped lines; it is emptied when full.
const maxCachedLines = 4096

// NewPrimary parses a Go font (TrueType bytes) for shaping, with the style the fallback fonts
// should match. It returns nil if the bytes are not a font.
func NewPrimary(key string, ttf []byte, bold, italic, mono bool) *Primary {
	f, err := font.ParseTTF(bytes.NewReader(ttf))
	if err != nil {
		return nil
	}
	p := &Primary{
		face:  &Face{Key: key, Name: key, Font: f, Upem: float64(f.Upem())},
		mono:  mono,
		lines: map[string]*Line{},
	}
	if bold {
		p.aspect.Weight = font.WeightBold
	}
	if italic {
		p.aspect.Style = font.StyleItalic
	}
	return p
}

// Shape lays out s. The result is shared: callers must not change it.
func (p *Primary) Shape(s string) *Line {
	mu.Lock()
	defer mu.Unlock()
	if l := p.lines[s]; l != nil {
		return l
	}
	l := p.shape(s)
	if len(p.lines) >= maxCachedLines {
		clear(p.lines)
	}
	p.lines[s] = l
	return l
}

// Missing returns the characters of s that no installed font has.
func (p *Primary) Missing(s string) []rune { return p.Shape(s).Missing }

var quiet = log.New(io.Discard, "", 0)

// systemFonts opens the index of system fonts once per process; it is nil when there are none
// or the index cannot be built (Mapwright then draws with the Go fonts alone).
var systemFonts = sync.OnceValue(func() []fontscan.Footprint {
	fps, err := fontscan.SystemFonts(quiet, "")
	if err != nil {
		return nil
	}
	return fps
})

// fontMaps opens the system font maps on first need and points them at the primary's style:
// sans (or mono) faces of its weight and slant, and colour emoji.
func (p *Primary) fontMaps() {
	if fonts == nil {
		fonts, emoji = fontscan.NewFontMap(quiet), fontscan.NewFontMap(quiet)
		if fps := systemFonts(); len(fps) > 0 {
			_ = fonts.UseSystemFonts("") // the index is already read: this only adds it
			_ = emoji.UseSystemFonts("")
		}
		fonts.SetRuneCacheSize(1 << 14)
	}
	if queried == p {
		return
	}
	queried = p
	fams := FallbackFamilies(p.mono)
	if p.mono {
		fams = append(fams, fontscan.Monospace)
	}
	fams = append(fams, fontscan.SansSerif)
	fonts.SetQuery(fontscan.Query{Families: fams, Aspect: p.aspect})
	// Emoji fonts come in one style: a bold label's emoji are the same pictures.
	emoji.SetQuery(fontscan.Query{Families: []string{"Noto Color Emoji", fontscan.Emoji, "Noto Emoji"},
		Aspect: font.Aspect{Style: font.StyleNormal, Weight: font.WeightNormal, Stretch: font.StretchNormal}})
}

// FallbackFamilies lists, in order, the system font families tried for a character the Go fonts
// lack (PNG, PDF and the canvas) and that an SVG names after the Go fonts: Noto's face for each
// script, where installed (Debian's fonts-noto-core and fonts-noto-cjk), draws it in the weight
// and style of the label; Noto Sans (Noto Sans Mono for monospaced text) first, for the Latin,
// Greek and Cyrillic letters and the digits an SVG viewer without the Go fonts draws (before any
// script face that has digits too), and DejaVu Sans, the usual default font of Linux, last.
// Pictographs are looked up in the colour emoji font (or a monochrome one) first, apart from
// these, which an SVG does not name: librsvg (pango) would then draw digits with it.
func FallbackFamilies(mono bool) []string {
	first, last := []string{"Noto Sans"}, []string{"DejaVu Sans"}
	if mono {
		// Debian's fonts-noto-cjk brings Noto Sans Mono CJK, whose Latin letters and digits are
		// monospaced: where Noto Sans Mono (fonts-noto-mono) is missing, they come from it.
		first = []string{"Noto Sans Mono", "Noto Sans Mono CJK JP"}
		last = []string{"DejaVu Sans Mono", "DejaVu Sans"}
	}
	fams := append(slices.Clip(first),
		"Noto Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali",
		"Noto Sans Gurmukhi", "Noto Sans Gujarati", "Noto Sans Tamil", "Noto Sans Telugu",
		"Noto Sans Kannada", "Noto Sans Malayalam", "Noto Sans Sinhala", "Noto Sans Thai",
		"Noto Sans Lao", "Noto Sans Khmer", "Noto Sans Myanmar", "Noto Sans Ethiopic",
		"Noto Sans Armenian", "Noto Sans Georgian", "Noto Sans CJK JP",
		"Noto Sans Symbols", "Noto Sans Symbols 2", "Noto Sans Math")
	return append(fams, last...)
}

// fontmap resolves each character to the primary face, or else a system face that has it.
type fontmap struct{ p *Primary }

func (m fontmap) ResolveFace(r rune) *font.Face {
	p := m.p
	if _, ok := p.face.Font.NominalGlyph(r); ok || !drawable(r) {
		return p.face.Font
	}
	p.fontMaps()
	maps := []*fontscan.FontMap{fonts}
	if unicode.Is(unicodedata.Extended_Pictographic, r) {
		maps = []*fontscan.FontMap{emoji, fonts}
	}
	for _, fm := range maps {
		f := fm.ResolveFace(r)
		if f == nil {
			continue
		}
		if _, ok := f.NominalGlyph(r); ok {
			if fallbacks[f] == nil {
				fallbacks[f] = newFallback(fm, f)
			}
			return f
		}
	}
	return p.face.Font
}

// newFallback describes a system face found by fm.
func newFallback(fm *fontscan.FontMap, f *font.Face) *Face {
	loc := fm.FontLocation(f.Font)
	d := f.Describe()
	name := strings.ReplaceAll(d.Family, " ", "")
	if d.Aspect.Weight >= font.WeightBold {
		name += "-Bold"
	} else if d.Aspect.Style == font.StyleItalic {
		name += "-Italic"
	} else {
		name += "-Regular"
	}
	fc := &Face{Key: loc.File + "#" + itoa(int(loc.Index)), Name: name, Font: f, Upem: float64(f.Upem()), Fallback: true}
	if g, ok := f.NominalGlyph('☺'); ok { // colour fonts draw bitmaps; test one glyph they all have
		_, fc.Color = f.GlyphData(g).(font.GlyphBitmap)
	} else if g, ok := f.NominalGlyph('😀'); ok {
		_, fc.Color = f.GlyphData(g).(font.GlyphBitmap)
	}
	return fc
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// drawable reports runes that draw something: not spaces, controls or joiners, for which no
// font needs to be found.
func drawable(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r) &&
		!unicode.Is(unicode.Variation_Selector, r)
}

// shaping size: advances come back in 1/64 of 1/emUnits of an em.
const emUnits = 1000

// shape lays out one line of text: runs of one font and direction, shaped, put in visual order
// and set one after another.
func (p *Primary) shape(s string) *Line {
	text := []rune(s)
	l := &Line{}
	if len(text) == 0 {
		return l
	}
	runs := p.shapeRuns(text, l)
	bidiLevels(runs)
	visualOrder(runs)
	p.placeGlyphs(text, runs, l)
	return l
}

// shapedRun is a run of one font and direction, shaped, with its bidi class and level.
type shapedRun struct {
	out   shaping.Output
	class runClass
	level int
}

// shapeRuns splits the text into runs of one font and direction and shapes each, noting in l
// the characters the primary font has no glyph for.
func (p *Primary) shapeRuns(text []rune, l *Line) []shapedRun {
	// Lines read left to right, with right-to-left runs inside, as an SVG viewer lays out text
	// whose direction is not set (SVG's default is ltr), so that every format agrees.
	fm := fontmap{p}
	inputs := seg.Split(shaping.Input{Text: text, RunStart: 0, RunEnd: len(text), Direction: di.DirectionLTR, Size: fixed.I(emUnits)}, fm)
	// Spaces between a right-to-left word and the left-to-right text after it belong to the
	// line's direction (UAX #9, N1/N2): they go with the left-to-right run, so the gap stays
	// between the two.
	for i := 0; i+1 < len(inputs); i++ {
		in, next := &inputs[i], &inputs[i+1]
		if in.Direction.Progression() != di.TowardTopLeft || next.Direction.Progression() == di.TowardTopLeft ||
			weak(text[next.RunStart:next.RunEnd]) {
			continue
		}
		for in.RunEnd-1 > in.RunStart && unicode.IsSpace(text[in.RunEnd-1]) && next.RunStart == in.RunEnd {
			in.RunEnd--
			next.RunStart--
		}
	}
	runs := make([]shapedRun, 0, len(inputs))
	seen := map[rune]bool{}
	for _, in := range inputs {
		face := p.face
		if in.Face != p.face.Font {
			face = fallbacks[in.Face]
		}
		if face == nil {
			face = p.face
			in.Face = p.face.Font
		}
		if face == p.face {
			for _, r := range text[in.RunStart:in.RunEnd] {
				if _, ok := p.face.Font.NominalGlyph(r); !ok && drawable(r) && !seen[r] {
					seen[r] = true
					l.Missing = append(l.Missing, r)
				}
			}
		}
		in.Language = language.DefaultLanguage()
		out := shaper.Shape(in)
		runs = append(runs, shapedRun{out: out, class: classify(text[in.RunStart:in.RunEnd], in.Direction.Progression() == di.TowardTopLeft)})
	}
	return runs
}

// bidiLevels gives each run its level (UAX #9, in a left-to-right line): right-to-left words 1,
// left-to-right words 0; numbers 2 after a right-to-left word (they read left to right inside
// it, W7 and I1), else 0; spaces and punctuation 1 between right-to-left words and numbers that
// follow them, else the line's 0 (N1, N2).
func bidiLevels(runs []shapedRun) {
	before := runL // the last word's direction, the line's at its start
	for i := range runs {
		switch runs[i].class {
		case runR:
			runs[i].level, before = 1, runR
		case runL:
			runs[i].level, before = 0, runL
		case runNumber:
			if before == runR {
				runs[i].level = 2
			}
		}
	}
	rtlSide := func(r shapedRun) bool { return r.class == runR || r.class == runNumber && r.level == 2 }
	for i := range runs {
		if runs[i].class != runNeutral {
			continue
		}
		j, k := i-1, i+1
		for j >= 0 && runs[j].class == runNeutral {
			j--
		}
		for k < len(runs) && runs[k].class == runNeutral {
			k++
		}
		if j >= 0 && k < len(runs) && rtlSide(runs[j]) && rtlSide(runs[k]) {
			runs[i].level = 1
		}
	}
}

// visualOrder puts the runs in the order they are drawn (UAX #9, L2): from the highest level
// down to 1, every stretch of runs at that level or higher is reversed.
func visualOrder(runs []shapedRun) {
	for lvl := 2; lvl >= 1; lvl-- {
		for i := 0; i < len(runs); {
			if runs[i].level < lvl {
				i++
				continue
			}
			j := i
			for j < len(runs) && runs[j].level >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				runs[a], runs[b] = runs[b], runs[a]
			}
			i = j
		}
	}
}

// placeGlyphs sets the runs' glyphs one after another from the left in em units, and the
// line's width, ascent and descent.
func (p *Primary) placeGlyphs(text []rune, runs []shapedRun, l *Line) {
	pen := 0.0
	const unit = 1.0 / (64 * emUnits)
	for _, r := range runs {
		face := p.face
		if r.out.Face != p.face.Font {
			face = fallbacks[r.out.Face]
		}
		run := Run{Face: face, Glyphs: make([]Glyph, 0, len(r.out.Glyphs)), RTL: r.out.Direction.Progression() == di.TowardTopLeft}
		lastCluster := -1
		for _, g := range r.out.Glyphs {
			gl := Glyph{
				ID:      g.GlyphID,
				X:       pen + float64(float64(g.XOffset)*unit),
				Y:       -float64(g.YOffset) * unit,
				Advance: float64(g.XAdvance) * unit,
			}
			if g.ClusterIndex != lastCluster {
				end := min(g.ClusterIndex+g.RuneCount, len(text))
				gl.Text = string(text[g.ClusterIndex:end])
				lastCluster = g.ClusterIndex
				// A space that a fallback font keeps in its run but gives no width (Noto Color
				// Emoji's, after an emoji) takes the Go font's, or the words either side join.
				if gl.Advance == 0 && face != p.face && strings.TrimSpace(gl.Text) == "" {
					if id, ok := p.face.Font.NominalGlyph(' '); ok {
						gl.Advance = float64(p.face.Font.HorizontalAdvance(id)) / p.face.Upem
					}
				}
			}
			if ext, ok := r.out.Face.GlyphExtents(g.GlyphID); ok && face != nil {
				k := 1 / face.Upem
				l.Ascent = max(l.Ascent, float64(float64(ext.YBearing)*k)-gl.Y)
				l.Descent = max(l.Descent, float64(-float64(ext.YBearing+ext.Height)*k)+gl.Y)
			}
			pen += gl.Advance
			run.Glyphs = append(run.Glyphs, gl)
		}
		l.Runs = append(l.Runs, run)
	}
	l.Width = pen
}

// runClass is what decides a run's bidi level.
type runClass int

const (
	runL       runClass = iota // holds a left-to-right letter
	runR                       // holds a right-to-left letter
	runNumber                  // digits, with no letter
	runNeutral                 // spaces and punctuation only
)

// classify tells what a run of text holds; rtl is its direction.
func classify(text []rune, rtl bool) runClass {
	c := runNeutral
	for _, r := range text {
		switch {
		case unicode.IsLetter(r):
			if rtl {
				return runR
			}
			return runL
		case unicode.IsDigit(r):
			c = runNumber
		}
	}
	return c
}

// weak reports a run with no letter: digits, punctuation and spaces.
func weak(text []rune) bool {
	for _, r := range text {
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
