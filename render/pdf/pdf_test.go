package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"mapwright/render/internal/scenetest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"mapwright/render"
)

var keep = flag.String("keep", "", "write the PDFs made by the tests into this directory, to look at them")

func encode(t testing.TB, scenes []*render.Scene, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, scenes, opts); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	if *keep != "" {
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".pdf"
		if err := os.WriteFile(filepath.Join(*keep, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// pdftotext extracts the text of a PDF with poppler's pdftotext, or skips when it is absent.
func pdftotext(t *testing.T, doc []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", f, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func TestEncodePagesAndText(t *testing.T) {
	tests := []struct {
		name   string
		titles []string
	}{
		{"single map", []string{"Tea Shop"}},
		{"deck of three", []string{"Tea Shop one", "Tea Shop two", "Tea Shop three"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var scenes []*render.Scene
			for _, title := range tc.titles {
				scenes = append(scenes, scenetest.FeatureScene(title))
			}
			doc := encode(t, scenes, Options{})
			if got := pageCount(doc); got != len(tc.titles) {
				t.Fatalf("page count = %d, want %d", got, len(tc.titles))
			}
			pages, err := pageTexts(doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != len(tc.titles) {
				t.Fatalf("found %d page content streams, want %d", len(pages), len(tc.titles))
			}
			for i, page := range pages {
				for _, want := range append([]string{tc.titles[i]}, scenetest.FeatureLabels...) {
					if !strings.Contains(page, want) {
						t.Errorf("page %d text lacks %q:\n%s", i+1, want, page)
					}
				}
			}
			if !bytes.Contains(doc, []byte("/Title (")) {
				t.Error("document has no /Title")
			}
		})
	}
}

func TestPdftotextFindsLabels(t *testing.T) {
	doc := encode(t, []*render.Scene{scenetest.FeatureScene("Tea Shop"), scenetest.FeatureScene("Second map")}, Options{})
	got := pdftotext(t, doc)
	pages := strings.Split(got, "\f")
	if len(pages) < 2 {
		t.Fatalf("pdftotext found %d pages, want 2:\n%s", len(pages), got)
	}
	for i, title := range []string{"Tea Shop", "Second map"} {
		for _, want := range append([]string{title}, scenetest.FeatureLabels...) {
			if want == "Value Chain" || want == "Greek αβγ" || want == "Cyrillic Чай" {
				continue // rotated text and words pdftotext may reorder; checked by the pure-Go reader
			}
			if !strings.Contains(pages[i], want) {
				t.Errorf("pdftotext page %d lacks %q:\n%s", i+1, want, pages[i])
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	scenes := []*render.Scene{scenetest.FeatureScene("Tea Shop"), scenetest.BigScene(60)}
	first := encode(t, scenes, Options{Paper: "a4"})
	// Encode concurrently as well: the output must not depend on timing or on map order, and the
	// shared font bytes must not be written to (run with -race).
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if err := Encode(&buf, scenes, Options{Paper: "a4"}); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, out := range outs {
		if !bytes.Equal(out, first) {
			t.Errorf("encoding %d differs from the first (%d vs %d bytes)", i+2, len(out), len(first))
		}
	}
	if !bytes.Contains(first, []byte("/CreationDate (D:20000101000000")) {
		t.Error("creation date is not the fixed date")
	}
}

// TestDeckPagesStartClean checks that the graphics state of one page does not leak into the
// next: gofpdf re-emits the last dash pattern on a new page, so a solid first line after a
// dashed last line must reset it.
func TestDeckPagesStartClean(t *testing.T) {
	dashedLast := &render.Scene{Width: 100, Height: 100, Items: []render.Item{scenetest.Line(0, 0, 100, 100, scenetest.Black, 1, 5, 5)}}
	solidFirst := &render.Scene{Width: 100, Height: 100, Items: []render.Item{scenetest.Line(0, 100, 100, 0, scenetest.Black, 1)}}
	doc := encode(t, []*render.Scene{dashedLast, solidFirst}, Options{})
	pages, err := pageContents(doc)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 {
		t.Fatalf("%d pages, want 2", len(pages))
	}
	second := string(pages[1])
	stroke := strings.Index(second, "S")
	if stroke < 0 {
		t.Fatalf("no stroke on page 2:\n%s", second)
	}
	dashes := dashOpRE.FindAllString(second[:stroke], -1)
	if len(dashes) == 0 || !strings.HasPrefix(dashes[len(dashes)-1], "[]") {
		t.Errorf("the solid line on page 2 is drawn with dash state %q:\n%s", dashes, second)
	}
}

var dashOpRE = regexp.MustCompile(`\[[0-9. ]*\] [0-9.]+ d`)

var mediaBoxRE = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)

// pageSizes returns the MediaBox of every page object, in points.
func pageSizes(t *testing.T, doc []byte) [][2]float64 {
	t.Helper()
	var sizes [][2]float64
	for _, m := range mediaBoxRE.FindAllSubmatch(doc, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		sizes = append(sizes, [2]float64{w, h})
	}
	return sizes
}

func TestPageSizes(t *testing.T) {
	wide := scenetest.FeatureScene("wide")         // 900 x 650
	tall := &render.Scene{Width: 400, Height: 800} // taller than wide
	tall.Items = []render.Item{scenetest.Component(200, 400)}
	tests := []struct {
		name   string
		scene  *render.Scene
		opts   Options
		wW, wH float64
	}{
		{"fitted page follows the map", wide, Options{}, 675, 487.5},
		{"fitted page with margin", wide, Options{Margin: 10}, 695, 507.5},
		{"a4 wide map is landscape", wide, Options{Paper: "a4"}, 841.89, 595.28},
		{"a4 tall map is portrait", tall, Options{Paper: "A4"}, 595.28, 841.89},
		{"a4 forced portrait", wide, Options{Paper: "a4", Portrait: true}, 595.28, 841.89},
		{"letter forced landscape", tall, Options{Paper: "letter", Landscape: true}, 792, 612},
		{"letter auto", wide, Options{Paper: "Letter"}, 792, 612},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := encode(t, []*render.Scene{tc.scene}, tc.opts)
			sizes := pageSizes(t, doc)
			if len(sizes) == 0 {
				t.Fatal("no MediaBox in the document")
			}
			got := sizes[len(sizes)-1]
			if abs(got[0]-tc.wW) > 0.01 || abs(got[1]-tc.wH) > 0.01 {
				t.Errorf("page size = %.2f x %.2f pt, want %.2f x %.2f", got[0], got[1], tc.wW, tc.wH)
			}
		})
	}
}

func TestGeometryFitsAndCentres(t *testing.T) {
	s := scenetest.FeatureScene("x")
	g, err := Options{Paper: "a4"}.geometry(s)
	if err != nil {
		t.Fatal(err)
	}
	mapW, mapH := s.Width*g.scale, s.Height*g.scale
	m := defaultPaperMargin
	if mapW > g.size.Wd-2*m+1e-9 || mapH > g.size.Ht-2*m+1e-9 {
		t.Errorf("map %.1f x %.1f does not fit inside the margins of %.1f x %.1f", mapW, mapH, g.size.Wd, g.size.Ht)
	}
	if abs(g.ox-(g.size.Wd-mapW)/2) > 1e-9 || abs(g.oy-(g.size.Ht-mapH)/2) > 1e-9 {
		t.Errorf("map is not centred: offset %.2f,%.2f", g.ox, g.oy)
	}
	if abs(mapW-(g.size.Wd-2*m)) > 1e-6 && abs(mapH-(g.size.Ht-2*m)) > 1e-6 {
		t.Error("map does not fill the page in either direction")
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name   string
		scenes []*render.Scene
		opts   Options
		want   string
	}{
		{"no scenes", nil, Options{}, "no scenes"},
		{"nil scene", []*render.Scene{scenetest.FeatureScene("a"), nil}, Options{}, "scene 2 is nil"},
		{"empty size", []*render.Scene{{}}, Options{}, "not a positive size"},
		{"unknown paper", []*render.Scene{scenetest.FeatureScene("a")}, Options{Paper: "a0"}, `unknown paper "a0"`},
		{"margin eats the page", []*render.Scene{scenetest.FeatureScene("a")}, Options{Paper: "a4", Margin: 400}, "leaves no room"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Encode(&buf, tc.scenes, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", buf.Len())
			}
		})
	}
}

func TestVectorOnlyAndLinks(t *testing.T) {
	s := scenetest.FeatureScene("Tea Shop")
	for i := range s.Items { // colour emoji are pictures (TestEveryScriptInThePDF); the rest is vector
		s.Items[i].Text = strings.NewReplacer("🚀", "", "☕", "").Replace(s.Items[i].Text)
	}
	doc := encode(t, []*render.Scene{s}, Options{})
	if bytes.Contains(doc, []byte("/Subtype /Image")) {
		t.Error("the PDF embeds a raster image")
	}
	if !bytes.Contains(doc, []byte("/URI (https://example.com/maps/kettle)")) {
		t.Error("the safe submap link is missing")
	}
	if bytes.Contains(doc, []byte("javascript")) {
		t.Error("the unsafe javascript: link was written")
	}
	for _, font := range []string{"goregular", "gobold", "goitalic", "gomono"} {
		// gofpdf names embedded fonts after the family it was given.
		if !bytes.Contains(bytes.ToLower(doc), []byte(font)) {
			t.Errorf("font %s is not embedded", font)
		}
	}
}

// hostileStrings are texts that have crashed or corrupted PDF writers.
var hostileStrings = map[string]string{
	"emoji":           "rocket 🚀 and 👩‍👩‍👧 family",
	"only emoji":      "🚀🚀🚀",
	"invalid utf-8":   "bad \xff\xfe\xe2 end \xe2",
	"truncated rune":  "ends in \xe2\x82",
	"control chars":   "nul \x00 bell \x07 esc \x1b del \x7f c1 \u0085",
	"newlines":        "two\nlines\r\nand\ttab",
	"rtl":             "עברית العربية mixed ltr",
	"zero width":      "zero\u200bwidth\u200c\u200d\ufeff\u2066isolate\u2069",
	"pdf syntax":      `) Tj ET (evil) Tj \ ( \\ ) endstream endobj`,
	"long name":       strings.Repeat("Long component name ", 250),
	"noncharacters":   "\uffff\ufffe\ufdd0",
	"surrogate bytes": "\xed\xa0\x80 lone surrogate",
	"empty":           "",
}

func TestHostileStrings(t *testing.T) {
	for name, s := range hostileStrings {
		t.Run(name, func(t *testing.T) {
			sc := scenetest.FeatureScene(s)
			for i := range sc.Items {
				if sc.Items[i].Shape == render.ShapeText {
					sc.Items[i].Text = s + " " + sc.Items[i].Text
				}
				if sc.Items[i].Link != "" {
					sc.Items[i].Link = "https://example.com/" + s
				}
			}
			sc.Items = append(sc.Items, render.Item{Shape: render.ShapeText, X: 50, Y: 50, Text: s, Rotate: 30, Underline: true,
				Font: render.Font{Family: render.FontSans, Size: 12, Bold: true}, Anchor: render.AnchorMiddle, Fill: scenetest.Black})
			doc := encode(t, []*render.Scene{sc, scenetest.FeatureScene(s)}, Options{Paper: "letter"})
			if pageCount(doc) != 2 {
				t.Errorf("page count = %d, want 2", pageCount(doc))
			}
			if _, err := pageTexts(doc); err != nil {
				t.Errorf("the page content does not decompress: %v", err)
			}
		})
	}
}

func TestHostileGeometry(t *testing.T) {
	nan := func() float64 { var z float64; return z / z }()
	sc := scenetest.FeatureScene("geometry")
	sc.Items = append(sc.Items,
		render.Item{Shape: render.ShapeCircle, X: nan, Y: 1, R: 5, Fill: scenetest.Black},
		render.Item{Shape: render.ShapeRect, X: 1, Y: 1, W: -50, H: -20, Fill: scenetest.Black},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: 1, Y: 1}}, Stroke: scenetest.Black},
		render.Item{Shape: render.ShapePath, Points: nil, Fill: scenetest.Black},
		render.Item{Shape: render.ShapeText, Text: "no size", Fill: scenetest.Black},
		render.Item{Shape: render.ShapeText, Text: "huge", Font: render.Font{Size: 1e6}, Fill: scenetest.Black},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: 1, Y: 1}, {X: 9, Y: 9}}, Stroke: scenetest.Black, Dash: []float64{0, 0}},
		render.Item{Shape: render.ShapeLine, Points: []render.Point{{X: 1, Y: 1}, {X: 9, Y: 9}}, Stroke: scenetest.Black, Dash: []float64{-1, 2}},
		render.Item{Shape: render.ShapeRect, X: 1, Y: 1, W: 50, H: 20, Gradient: []render.GradientStop{{Offset: 2, Color: scenetest.Red}}},
		render.Item{Shape: "triangle", X: 1, Y: 1},
	)
	encode(t, []*render.Scene{sc}, Options{})
}

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Cup of Tea", "Cup of Tea"},
		{"Café Чай 日本語", "Café Чай 日本語"},
		{"rocket 🚀", "rocket \ufffd"},
		{"bad \xff end", "bad \ufffd end"},
		{"a\x00b\x07c", "abc"},
		{"two\nlines\ttab", "two lines tab"},
		{"zero\u200bwidth\ufeff", "zerowidth"},
		{"heart \u2764\ufe0f", "heart \u2764"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := render.PrintableText(tc.in); got != tc.want {
				t.Errorf("render.PrintableText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestLinkTarget(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"https://example.com/a?b=c#d", "https://example.com/a?b=c#d", true},
		{"HTTP://example.com", "HTTP://example.com", true},
		{"mailto:team@example.com", "mailto:team@example.com", true},
		{"maps/kettle.owm", "maps/kettle.owm", true},
		{"../up/one.owm", "../up/one.owm", true},
		{"#section", "#section", true},
		{"https://example.com/a(b)", "https://example.com/a%28b%29", true},
		{"https://example.com/a b", "", false},
		{"https://example.com/café", "https://example.com/caf%C3%A9", true},
		{"javascript:alert(1)", "", false},
		{"JavaScript:alert(1)", "", false},
		{" javascript:alert(1)", "", false},
		{"java\tscript:alert(1)", "", false},
		{"data:text/html,<script>", "", false},
		{"file:///etc/passwd", "", false},
		{"vbscript:x", "", false},
		{`https:\\evil`, "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := linkTarget(tc.in)
			if ok != tc.ok || got != tc.want {
				t.Errorf("linkTarget(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func Example() {
	scene := &render.Scene{Width: 200, Height: 100, Title: "Tea Shop"}
	scene.Items = append(scene.Items, render.Item{Shape: render.ShapeText, X: 10, Y: 50, Text: "Cup of Tea",
		Font: render.Font{Family: render.FontSans, Size: 14}, Fill: render.RGB(0, 0, 0)})
	var buf bytes.Buffer
	if err := Encode(&buf, []*render.Scene{scene}, Options{Paper: "a4"}); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")), pageCount(buf.Bytes()))
	// Output: true 1
}

var outlineTitleRE = regexp.MustCompile(`(?s)<</Title \((.*?)\)\n/Parent`)

// TestDeckBookmarks checks the outline of a deck: a bookmark per page titled after its map, in
// UTF-16 so that any title reads right, and "Map N" for a map without a title.
func TestDeckBookmarks(t *testing.T) {
	scenes := []*render.Scene{scenetest.FeatureScene("Café Чай (tea)"), {Width: 100, Height: 100}}
	doc := encode(t, scenes, Options{})
	var titles []string
	for _, m := range outlineTitleRE.FindAllSubmatch(doc, -1) {
		raw := strings.NewReplacer(`\(`, "(", `\)`, ")", `\\`, `\`, `\r`, "\r").Replace(string(m[1]))
		if !strings.HasPrefix(raw, "\xfe\xff") || len(raw)%2 != 0 {
			t.Errorf("bookmark title %q is not UTF-16 with a byte order mark", raw)
			continue
		}
		units := make([]uint16, 0, len(raw)/2)
		for i := 2; i < len(raw); i += 2 {
			units = append(units, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		titles = append(titles, string(utf16.Decode(units)))
	}
	if want := []string{"Café Чай (tea)", "Map 2"}; strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("bookmarks %q, want %q", titles, want)
	}
}
