package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/render"
	"mapwright/render/internal/scenetest"
)

// runesFrom returns n consecutive characters from first on.
func runesFrom(first rune, n int) string {
	var b strings.Builder
	for r := first; r < first+rune(n); r++ {
		b.WriteRune(r)
	}
	return b.String()
}

// goRunesFrom is the first n characters from first that the Go font draws itself (others are
// drawn from system fonts, in fonts of their own).
func goRunesFrom(first rune, n int) string {
	var b strings.Builder
	f := render.Font{Family: render.FontSans, Size: 10}
	for r := first; n > 0; r++ {
		if render.Shaped(f, string(r)) == nil {
			b.WriteRune(r)
			n--
		}
	}
	return b.String()
}

// TestLabelsBeyondOneFont draws a face with more characters beyond ASCII than one simple font
// can hold (128), so the face is embedded as several fonts and labels mixing them are drawn as
// runs. The text must still read as one label, runs placed edge to edge.
func TestLabelsBeyondOneFont(t *testing.T) {
	labels := []string{
		"Latin " + runesFrom(0x100, 128), // Latin Extended-A: a whole font on its own
		"Greek " + runesFrom(0x391, 17) + " and " + runesFrom(0x3B1, 25),
		"Cyrillic " + runesFrom(0x400, 96),
		"mixed Āα Жz ſ ω я end", // characters of all three fonts in one label, underlined
		"turned ĀαЖzſωя end",    // and rotated
	}
	s := &render.Scene{Width: 1200, Height: 300, Title: "blocks"}
	beyondASCII := map[rune]bool{}
	for i, l := range labels {
		it := scenetest.Text(10, 40+float64(i)*50, l, 10, render.AnchorStart)
		it.Underline = i >= 3
		if i == 4 {
			it.Rotate = 5
		}
		s.Items = append(s.Items, it)
		for _, r := range l {
			beyondASCII[r] = r >= 0x7F
		}
	}
	distinct := 0
	for _, beyond := range beyondASCII {
		if beyond {
			distinct++
		}
	}
	doc := encode(t, []*render.Scene{s}, Options{})
	fonts, err := readFonts(doc)
	if err != nil {
		t.Fatal(err)
	}
	if want := (distinct + 127) / 128; len(fonts) != want || want < 3 {
		t.Errorf("%d fonts for %d characters beyond ASCII, want %d (at least 3 for this test)", len(fonts), distinct, want)
	}
	pages, err := pageTexts(doc)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(pages[0]), "\n")
	if len(lines) != len(labels) {
		t.Fatalf("the page reads as %d lines, want %d labels:\n%s", len(lines), len(labels), pages[0])
	}
	for i, want := range labels {
		if lines[i] != want {
			t.Errorf("label %d reads %q, want %q", i+1, lines[i], want)
		}
	}
	if text := pdftotext(t, doc); !strings.Contains(text, labels[3]) {
		t.Errorf("pdftotext does not find %q in:\n%s", labels[3], text)
	}
}

// TestFontsEmbeddedAsSubsets asks poppler's pdffonts about every font of a document with all
// faces: each must be embedded, and be a subset.
func TestFontsEmbeddedAsSubsets(t *testing.T) {
	bin, err := exec.LookPath("pdffonts")
	if err != nil {
		t.Skip("pdffonts (poppler-utils) is not installed")
	}
	doc := encode(t, []*render.Scene{scenetest.FeatureScene("Tea Shop")}, Options{})
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, f).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	if len(rows) < 4 {
		t.Fatalf("pdffonts lists %d fonts, want the 4 faces of the scene:\n%s", len(rows), out)
	}
	for _, row := range rows {
		fields := strings.Fields(row)
		// name type... encoding emb sub uni object ID
		if n := len(fields); n < 7 || fields[n-5] != "yes" || fields[n-4] != "yes" {
			t.Errorf("font not embedded as a subset: %s", row)
		}
	}
}

func TestEncodeRuns(t *testing.T) {
	s := &render.Scene{Width: 100, Height: 100, Items: []render.Item{
		scenetest.Text(0, 0, goRunesFrom(0x100, 130)+" tail", 10, render.AnchorStart),
	}}
	df, _, err := collectFonts([]*render.Scene{s})
	if err != nil {
		t.Fatal(err)
	}
	ff := df["goregular"]
	ff.families = []string{"goregular", "goregular-2"}     // what register names the two blocks
	second := string([]rune(goRunesFrom(0x100, 130))[128]) // the first character of the second block
	tests := []struct {
		text string
		want []string // family of each run
	}{
		{"plain ASCII", []string{"goregular"}},
		{"", nil},
		{"Ā and ā", []string{"goregular"}},
		{second + " alone", []string{"goregular-2"}},
		{"a Ā b " + second + " c ā", []string{"goregular", "goregular-2", "goregular"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			runs := ff.encode(tc.text, nil)
			var families []string
			width, n := 0, 0
			for _, r := range runs {
				families = append(families, r.family)
				width += r.width
				n += len(r.text)
			}
			if strings.Join(families, " ") != strings.Join(tc.want, " ") {
				t.Errorf("runs in %v, want %v", families, tc.want)
			}
			want := 0
			for _, r := range tc.text {
				want += ff.face.runeWidth(r)
			}
			if width != want || n != len([]rune(tc.text)) {
				t.Errorf("runs hold %d codes %d wide, want %d codes %d wide", n, width, len([]rune(tc.text)), want)
			}
		})
	}
}

// TestEachLabelInItsFont checks the font every label is drawn in, following the page's font
// through q/Q as a viewer does: the encoder selects a font only when it changes, and a rotated
// label's font is selected inside the rotation's q/Q, which the Q then undoes.
func TestEachLabelInItsFont(t *testing.T) {
	type label struct {
		text            string
		bold, mono, und bool
		rotate          float64
		family          string
	}
	labels := []label{
		{text: "one", family: "goregular"},
		{text: "two", bold: true, rotate: -90, family: "gobold"},
		{text: "three", bold: true, family: "gobold"},
		{text: "four", bold: true, rotate: 30, family: "gobold"},
		{text: "five", family: "goregular"},
		{text: "six", und: true, family: "goregular"},
		{text: "seven", rotate: 10, family: "goregular"},
		{text: "eight", family: "goregular"},
		{text: "nine", mono: true, family: "gomono"},
		{text: "ten", family: "goregular"},
	}
	s := &render.Scene{Width: 600, Height: 600}
	for i, l := range labels {
		it := scenetest.Text(50+float64(i%2)*200, 40+float64(i)*50, l.text, 12, render.AnchorStart)
		it.Font.Bold, it.Underline, it.Rotate = l.bold, l.und, l.rotate
		if l.mono {
			it.Font.Family = render.FontMono
		}
		s.Items = append(s.Items, it)
	}
	doc := encode(t, []*render.Scene{s}, Options{})
	contents, err := pageContents(doc)
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := readFonts(doc)
	if err != nil {
		t.Fatal(err)
	}
	shown, err := showText(contents[0], fonts)
	if err != nil {
		t.Fatal(err)
	}
	if len(shown) != len(labels) {
		t.Fatalf("%d labels shown, want %d: %v", len(shown), len(labels), shown)
	}
	for i, l := range labels {
		if shown[i].text != l.text || len(shown[i].fonts) != 1 || !strings.HasSuffix(shown[i].fonts[0], "+"+l.family) {
			t.Errorf("label %d is %q in %v, want %q in %s", i+1, shown[i].text, shown[i].fonts, l.text, l.family)
		}
	}
}
