package svg_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"mapwright/render"
	"mapwright/render/svg"
)

// hostileScene holds texts and links written to break out of the SVG.
func hostileScene() *render.Scene {
	texts := []string{
		`<script>alert(1)</script>`,
		`]]><![CDATA[<script>alert(2)</script>]]>`,
		`&amp; &lt; & "double" 'single'`,
		"control \x00\x01\x08\x0b\x0c\x1b\x7f\u0085 chars",
		"invalid \xff\xfe\xc3 utf8",
		"newline\nand\ttab",
		"surrogate-free \uFFFE\uFFFF end",
		`" onmouseover="alert(3)`,
		`</text><script>alert(4)</script><text>`,
		"emoji 🫖 and RTL \u202e reversed",
	}
	links := []string{
		"javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\nscript:alert(1)", "\x01javascript:alert(1)",
		"data:image/svg+xml,<svg onload=alert(1)>", "vbscript:x", "file:///etc/passwd",
		`https://example.com/"><script>alert(1)</script>`, "https://example.com/ok?a=1&b=2", "mailto:a@b.c", "other.svg",
	}
	s := &render.Scene{Width: 400, Height: 300, Background: render.RGB(255, 255, 255),
		Title: `<script>alert("title")</script>`, Desc: "desc ]]> & <b>bold</b>"}
	for i, tx := range texts {
		s.Items = append(s.Items, render.Item{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemLabel, Index: i},
			X: 10, Y: float64(20 + 20*i), Text: tx, Font: render.Font{Family: render.FontSans, Size: 12}, Fill: render.RGB(0, 0, 0)})
	}
	for i, u := range links {
		s.Items = append(s.Items, render.Item{Shape: render.ShapeCircle, Ref: render.Ref{Kind: render.ElemSubmap, Index: i},
			X: 300, Y: float64(20 + 20*i), R: 5, Stroke: render.RGB(0, 0, 0), StrokeWidth: 1, Fill: render.RGB(0, 0, 0), Link: u})
	}
	s.Items = append(s.Items, render.Item{Shape: render.ShapeRect, Ref: render.Ref{Kind: "evil\"kind onload=x"}, X: 1, Y: 1, W: 2, H: 2, Fill: render.RGB(1, 2, 3)})
	return s
}

func encode(t *testing.T, s *render.Scene) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := svg.Encode(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestSafety parses the SVG of hostile texts and links and checks it is well-formed, has no
// script element, no event-handler attribute and no link other than safe ones.
func TestSafety(t *testing.T) {
	out := encode(t, hostileScene())
	d := xml.NewDecoder(bytes.NewReader(out))
	var hrefs []string
	var texts []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch strings.ToLower(tok.Name.Local) {
			case "script", "foreignobject", "iframe", "object", "embed", "use", "image":
				t.Errorf("active element <%s>", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					t.Errorf("event attribute %s=%q", a.Name.Local, a.Value)
				}
				if a.Name.Local == "href" {
					hrefs = append(hrefs, a.Value)
					if !render.SafeURL(a.Value) {
						t.Errorf("unsafe link %q", a.Value)
					}
				}
			}
		case xml.CharData:
			texts = append(texts, string(tok))
		}
	}
	want := map[string]bool{"https://example.com/ok?a=1&b=2": true, "mailto:a@b.c": true, "other.svg": true}
	for _, h := range hrefs {
		if !want[h] {
			t.Errorf("unexpected link %q", h)
		}
	}
	if len(hrefs) != 2*len(want) { // href and xlink:href on each safe link
		t.Errorf("links %q, want each of %v twice", hrefs, want)
	}
	all := strings.Join(texts, "|")
	for _, s := range []string{`<script>alert(1)</script>`, `&amp; &lt; & "double" 'single'`, "emoji 🫖"} {
		if !strings.Contains(all, s) {
			t.Errorf("text %q lost in %q", s, all)
		}
	}
}

func TestStructure(t *testing.T) {
	s := &render.Scene{Width: 200.5, Height: 100, Title: "A map", Desc: "two things",
		Items: []render.Item{
			{Shape: render.ShapeRect, Ref: render.Ref{Kind: render.ElemBackground}, X: 0, Y: 0, W: 200, H: 100,
				Gradient: []render.GradientStop{{Offset: 0, Color: render.RGB(196, 196, 196)}, {Offset: 1, Color: render.RGB(255, 255, 255)}}},
			{Shape: render.ShapeLine, Ref: render.Ref{Kind: render.ElemAxis}, Points: []render.Point{{X: 0, Y: 1.006}, {X: -0.001, Y: 2.499}},
				Stroke: render.RGB(0, 0, 0), StrokeWidth: 1, Dash: []float64{2, 2}},
			{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemAxis}, X: 5, Y: 50, Text: "Value Chain", Rotate: -90,
				Font: render.Font{Family: render.FontSans, Size: 13, Bold: true}, Anchor: render.AnchorEnd, Fill: render.RGB(0, 0, 0)},
			{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemAnnotationList}, X: 5, Y: 50, Text: "Annotations:", Underline: true,
				Font: render.Font{Family: render.FontMono, Size: 12}, Fill: render.Color{R: 255, A: 128}},
			{Shape: render.ShapeText, Ref: render.Ref{Kind: render.ElemLabel}, X: 5, Y: 50, Text: "hand",
				Font: render.Font{Family: render.FontHand, Size: 12, Italic: true}, Anchor: render.AnchorMiddle, Fill: render.RGB(0, 0, 0)},
			{Shape: render.ShapePath, Ref: render.Ref{Kind: render.ElemAccelerator}, Points: []render.Point{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 5, Y: 5}}, Closed: true,
				Gradient: []render.GradientStop{{Offset: 0, Color: render.RGB(255, 255, 255)}, {Offset: 1, Color: render.RGB(128, 128, 128)}}, Stroke: render.RGB(32, 32, 32), StrokeWidth: 2},
		}}
	out := string(encode(t, s))
	for _, want := range []string{
		`<title id="map-title">A map</title>`,
		`<desc id="map-desc">two things</desc>`,
		`width="200.5"`,
		`<linearGradient id="g0"`, `<linearGradient id="g1"`,
		`fill="url(#g0)"`, `fill="url(#g1)"`,
		`<line class="axis" x1="0" y1="1.01" x2="0" y2="2.5"`,
		`stroke-dasharray="2 2"`,
		`transform="rotate(-90 5 50)"`,
		`text-anchor="end"`, `text-anchor="middle"`,
		`text-decoration="underline"`,
		`fill="#ff0000" fill-opacity="0.5"`,
		`class="axis sans"`, `class="annotations mono"`, `class="label hand"`,
		`font-weight="bold"`, `font-style="italic"`,
		`d="M0 0L10 0L5 5Z"`,
		// The Go fonts PNG and PDF draw with first, then OWM's fonts, then the system fonts PNG
		// and PDF take for the characters the Go fonts lack, Noto Sans (Latin letters and digits)
		// before the script faces (for monospaced text Noto Sans Mono, or else Noto Sans Mono
		// CJK's monospaced Latin), then a generic family; handwriting in the sans stack's
		// italics, as PNG and PDF draw it (Go Italic).
		`text.sans{font-family:Go, "Helvetica Neue", Helvetica, Arial, "Noto Sans", "Noto Sans Arabic", `,
		`text.mono{font-family:"Go Mono", Consolas, "Lucida Console", "Noto Sans Mono", "Noto Sans Mono CJK JP", "Noto Sans Arabic", `,
		`text.hand{font-family:Go, "Helvetica Neue", Helvetica, Arial, "Noto Sans", "Noto Sans Arabic", `,
		`"Noto Sans CJK JP"`, `"Noto Sans Devanagari"`, `"DejaVu Sans", sans-serif}`, `"DejaVu Sans", monospace}`,
		`"DejaVu Sans", sans-serif;font-style:italic}`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	if strings.Contains(out, `"-0"`) || regexp.MustCompile(`[0-9]e[-+]?[0-9]`).MatchString(out) {
		t.Error("numbers printed as -0 or with exponents")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := encode(t, hostileScene()), encode(t, hostileScene())
	if !bytes.Equal(a, b) {
		t.Error("two encodings of one scene differ")
	}
}

// failingWriter fails every write, as a full disk does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

func TestWriteErrorReported(t *testing.T) {
	if err := svg.Encode(failingWriter{}, hostileScene()); err == nil {
		t.Error("a failing writer gave no error")
	}
}

// TestStacksLeaveOutTheEmojiFont: librsvg looks the whole stack up through fontconfig and, when
// it names Noto Color Emoji, draws digits and spaces with that font's glyphs ("1 . One"); viewers
// find the emoji font for emoji without it.
func TestStacksLeaveOutTheEmojiFont(t *testing.T) {
	out := string(encode(t, hostileScene()))
	if strings.Contains(out, "Emoji") {
		t.Error("a font stack names an emoji font")
	}
}
