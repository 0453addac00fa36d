// Package svg writes a render.Scene as a standalone SVG document.
//
// The output is meant to be published: it is well-formed XML whatever the map's names contain
// (every text is escaped, characters XML cannot carry are dropped), it carries no active content
// (no script, no event attributes, links only for render.SafeURL addresses), it is accessible
// (<title> and <desc>), every element has a CSS class naming the kind of map element it draws
// (so a stylesheet can restyle components, links, labels ...), fonts are named with fallbacks,
// and the same Scene always gives the same bytes.
package svg

import (
	"bufio"
	"context"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"mapwright/internal/cancel"
	"mapwright/render"
	"mapwright/render/typeset"
)

// Font stacks. Each names first the Go font that PNG and PDF draw with (Debian's fonts-go, for
// viewers that have it), then the fonts OWM names for its sans and monospaced text, then the
// system fonts PNG and PDF take for the scripts and emoji the Go fonts lack, in their order
// (render/typeset: Noto Sans first, so that a viewer without the Go fonts draws Latin letters
// and digits in it rather than in a script's face), and a generic family last. A viewer looks
// each character up along the stack and shapes the text itself. The colour emoji font is not
// named: viewers take the system's emoji font for emoji of themselves (browsers prefer a colour
// one), and librsvg, which looks the whole stack up through fontconfig, would draw digits and
// spaces with Noto Color Emoji's glyphs if the stack named it.
//
// Handwritten text is drawn in Go Italic by PNG and PDF, so the SVG names the sans stack in
// italics: a handwriting font (OWM names Gloria Hallelujah) would differ from PNG and PDF and
// run much wider than the boxes drawn around the text. Boxes leave room for the widest font
// these stacks may end in (render.BoxTextWidth).
var (
	sansStack = `Go, "Helvetica Neue", Helvetica, Arial, ` + families(false) + `, sans-serif`
	monoStack = `"Go Mono", Consolas, "Lucida Console", ` + families(true) + `, monospace`
)

// families quotes the fallback families for CSS.
func families(mono bool) string {
	var b strings.Builder
	for i, f := range typeset.FallbackFamilies(mono) {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"` + f + `"`)
	}
	return b.String()
}

// Encode writes s to w as SVG.
func Encode(w io.Writer, s *render.Scene) error {
	e := &encoder{w: bufio.NewWriterSize(w, 32<<10)}
	e.scene(s)
	return e.w.Flush()
}

// EncodeContext is Encode that stops when ctx is done and returns ctx's error; what was
// written to w by then is incomplete.
func EncodeContext(ctx context.Context, w io.Writer, s *render.Scene) (err error) {
	e := &encoder{w: bufio.NewWriterSize(w, 32<<10), stop: cancel.New(ctx)}
	defer e.stop.Recover(&err)
	e.scene(s)
	return e.w.Flush()
}

type encoder struct {
	stop *cancel.Check // nil unless the encoding can be cancelled (EncodeContext)
	w    *bufio.Writer
	num  []byte
	grad int
}

func (e *encoder) str(s string) { e.w.WriteString(s) }

// f writes a number with at most two decimals and no exponent: stable and compact.
func (e *encoder) f(v float64) {
	e.num = formatNum(e.num[:0], v)
	e.w.Write(e.num)
}

func formatNum(buf []byte, v float64) []byte {
	if v != v || v > 1e9 || v < -1e9 { // NaN or absurd: draw nothing sensible rather than fail
		v = 0
	}
	// Round to hundredths and print as an integer with up to two decimals, trailing zeros cut:
	// exact, stable across platforms, and much cheaper than shortest-float formatting.
	c := int64(math.Round(v * 100))
	if c < 0 {
		buf = append(buf, '-')
		c = -c
	}
	buf = strconv.AppendInt(buf, c/100, 10)
	if frac := c % 100; frac != 0 {
		buf = append(buf, '.', byte('0'+frac/10))
		if frac%10 != 0 {
			buf = append(buf, byte('0'+frac%10))
		}
	}
	return buf
}

// attr writes ` name="value"` with the value escaped.
func (e *encoder) attr(name, value string) {
	e.str(" ")
	e.str(name)
	e.str(`="`)
	e.escape(value)
	e.str(`"`)
}

func (e *encoder) numAttr(name string, v float64) {
	e.str(" ")
	e.str(name)
	e.str(`="`)
	e.f(v)
	e.str(`"`)
}

// escape writes text safe for XML character data and attribute values: markup characters
// become entities, control characters become spaces (tab, newline) or are dropped, and
// invalid UTF-8 and characters XML 1.0 forbids are dropped.
func (e *encoder) escape(s string) {
	if plain(s) {
		e.str(s)
		return
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			// invalid UTF-8: drop
		case r == '&':
			e.str("&amp;")
		case r == '<':
			e.str("&lt;")
		case r == '>':
			e.str("&gt;")
		case r == '"':
			e.str("&quot;")
		case r == '\'':
			e.str("&#39;")
		case r == '\t' || r == '\n' || r == '\r':
			e.str(" ")
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// control characters: drop
		case r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
			// not XML characters: drop
		default:
			e.w.WriteRune(r)
		}
	}
}

// plain reports whether s is printable ASCII with nothing to escape (the common case).
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c >= 0x7f, c == '&', c == '<', c == '>', c == '"', c == '\'':
			return false
		}
	}
	return true
}

func colour(c render.Color) string {
	if c.IsNone() {
		return "none"
	}
	const hex = "0123456789abcdef"
	b := []byte{'#', hex[c.R>>4], hex[c.R&15], hex[c.G>>4], hex[c.G&15], hex[c.B>>4], hex[c.B&15]}
	return string(b)
}

func (e *encoder) paint(name string, c render.Color) {
	e.str(" ")
	e.str(name)
	e.str(`="`)
	if c.IsNone() {
		e.str("none")
	} else {
		const hex = "0123456789abcdef"
		e.num = append(e.num[:0], '#', hex[c.R>>4], hex[c.R&15], hex[c.G>>4], hex[c.G&15], hex[c.B>>4], hex[c.B&15])
		e.w.Write(e.num)
	}
	e.str(`"`)
	if !c.IsNone() && c.A != 255 {
		e.numAttr(name+"-opacity", float64(c.A)/255)
	}
}

func (e *encoder) scene(s *render.Scene) {
	e.str(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	e.str(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1"`)
	e.numAttr("width", s.Width)
	e.numAttr("height", s.Height)
	e.str(` viewBox="0 0 `)
	e.f(s.Width)
	e.str(" ")
	e.f(s.Height)
	e.str(`" role="img" aria-labelledby="map-title map-desc">` + "\n")
	e.str(`<title id="map-title">`)
	e.escape(s.Title)
	e.str("</title>\n")
	e.str(`<desc id="map-desc">`)
	e.escape(s.Desc)
	e.str("</desc>\n")

	e.str("<defs>\n<style>\n")
	e.str("text.sans{font-family:" + sansStack + "}\n")
	e.str("text.mono{font-family:" + monoStack + "}\n")
	e.str("text.hand{font-family:" + sansStack + ";font-style:italic}\n")
	e.str("</style>\n")
	e.gradients(s)
	e.str("</defs>\n")

	if !s.Background.IsNone() {
		e.str(`<rect class="page"`)
		e.numAttr("x", 0)
		e.numAttr("y", 0)
		e.numAttr("width", s.Width)
		e.numAttr("height", s.Height)
		e.paint("fill", s.Background)
		e.str("/>\n")
	}
	e.grad = 0
	for i := range s.Items {
		e.stop.Point()
		e.item(&s.Items[i])
	}
	e.str("</svg>\n")
}

// gradients writes one <linearGradient> per item that has a gradient fill, numbered in item order.
func (e *encoder) gradients(s *render.Scene) {
	n := 0
	for i := range s.Items {
		it := &s.Items[i]
		if len(it.Gradient) == 0 {
			continue
		}
		e.str(`<linearGradient id="g`)
		e.str(strconv.Itoa(n))
		e.str(`" x1="0" y1="0" x2="1" y2="0">`)
		for _, st := range it.Gradient {
			e.str("<stop")
			e.numAttr("offset", st.Offset)
			e.attr("stop-color", colour(st.Color))
			if st.Color.A != 255 {
				e.numAttr("stop-opacity", float64(st.Color.A)/255)
			}
			e.str("/>")
		}
		e.str("</linearGradient>\n")
		n++
	}
}

func (e *encoder) item(it *render.Item) {
	link := it.Link != "" && render.SafeURL(it.Link)
	if link {
		e.str("<a")
		e.attr("href", it.Link)
		e.attr("xlink:href", it.Link)
		e.str(` target="_blank" rel="noopener noreferrer">`)
	}
	switch it.Shape {
	case render.ShapeRect:
		e.str("<rect")
		e.class(it)
		e.numAttr("x", it.X)
		e.numAttr("y", it.Y)
		e.numAttr("width", it.W)
		e.numAttr("height", it.H)
		e.fillStroke(it)
		e.str("/>")
	case render.ShapeCircle:
		e.str("<circle")
		e.class(it)
		e.numAttr("cx", it.X)
		e.numAttr("cy", it.Y)
		e.numAttr("r", it.R)
		e.fillStroke(it)
		if it.Tooltip != "" {
			e.str("><title>")
			e.escape(it.Tooltip)
			e.str("</title></circle>")
		} else {
			e.str("/>")
		}
	case render.ShapeLine:
		if len(it.Points) < 2 {
			break
		}
		e.str("<line")
		e.class(it)
		e.numAttr("x1", it.Points[0].X)
		e.numAttr("y1", it.Points[0].Y)
		e.numAttr("x2", it.Points[1].X)
		e.numAttr("y2", it.Points[1].Y)
		e.fillStroke(it)
		e.str("/>")
	case render.ShapePath:
		if len(it.Points) < 2 {
			break
		}
		e.str("<path")
		e.class(it)
		e.str(` d="`)
		for i, p := range it.Points {
			if i == 0 {
				e.str("M")
			} else {
				e.str("L")
			}
			e.f(p.X)
			e.str(" ")
			e.f(p.Y)
		}
		if it.Closed {
			e.str("Z")
		}
		e.str(`"`)
		e.fillStroke(it)
		e.str("/>")
	case render.ShapeText:
		e.text(it)
	}
	if link {
		e.str("</a>")
	}
	e.str("\n")
}

// class names the element kind (render.ElementKind doubles as the CSS class) plus, for text,
// the font family.
func (e *encoder) class(it *render.Item) {
	kind := cssName(string(it.Ref.Kind))
	if it.Shape == render.ShapeText {
		fam := "sans"
		switch it.Font.Family {
		case render.FontMono:
			fam = "mono"
		case render.FontHand:
			fam = "hand"
		}
		if kind != "" {
			kind += " "
		}
		kind += fam
	}
	if kind != "" {
		e.attr("class", kind)
	}
}

// cssName keeps only characters valid in a CSS class name.
func cssName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, s)
}

func (e *encoder) fillStroke(it *render.Item) {
	if len(it.Gradient) > 0 && it.Shape != render.ShapeLine {
		e.str(` fill="url(#g`)
		e.str(strconv.Itoa(e.grad))
		e.str(`)"`)
		e.grad++
	} else if it.Shape == render.ShapeLine {
		e.str(` fill="none"`)
	} else {
		e.paint("fill", it.Fill)
	}
	if it.Stroke.IsNone() || it.StrokeWidth <= 0 {
		return
	}
	e.paint("stroke", it.Stroke)
	e.numAttr("stroke-width", it.StrokeWidth)
	if it.Shape == render.ShapePath {
		e.str(` stroke-linejoin="round"`)
	}
	if len(it.Dash) > 0 {
		e.str(` stroke-dasharray="`)
		for i, d := range it.Dash {
			if i > 0 {
				e.str(" ")
			}
			e.f(d)
		}
		e.str(`"`)
	}
}

func (e *encoder) text(it *render.Item) {
	e.str("<text")
	e.class(it)
	e.numAttr("x", it.X)
	e.numAttr("y", it.Y)
	e.numAttr("font-size", it.Font.Size)
	if it.Font.Bold {
		e.str(` font-weight="bold"`)
	}
	if it.Font.Italic {
		e.str(` font-style="italic"`)
	}
	switch it.Anchor {
	case render.AnchorMiddle:
		e.str(` text-anchor="middle"`)
	case render.AnchorEnd:
		e.str(` text-anchor="end"`)
	}
	if it.Underline {
		e.str(` text-decoration="underline"`)
	}
	if it.Rotate != 0 {
		e.str(` transform="rotate(`)
		e.f(it.Rotate)
		e.str(" ")
		e.f(it.X)
		e.str(" ")
		e.f(it.Y)
		e.str(`)"`)
	}
	e.paint("fill", it.Fill)
	e.str(` xml:space="preserve">`)
	e.escape(it.Text)
	e.str("</text>")
}
