package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"mapwright/render"
	"mapwright/render/internal/scenetest"
)

// scriptLabels are names in the scripts the Go fonts lack, with the family of the Noto font
// (Debian's fonts-noto-core, fonts-noto-cjk and fonts-noto-color-emoji) that draws each.
var scriptLabels = []struct{ text, font string }{
	{"茶の湯 tea", "NotoSansCJK"},
	{"شاي ساخن ملاحظة", "NotoSansArabic"}, // ملاحظة has the lam-alef ligature (لا), one glyph
	{"מים חמים", "NotoSansHebrew"},
	{"क्षत्रिय चाय", "NotoSansDevanagari"},
	{"Kettle 🫖 hot", "NotoColorEmoji"}, // the space after an emoji reads as one
}

func scriptScene(t *testing.T) *render.Scene {
	s := &render.Scene{Width: 400, Height: 300}
	f := render.Font{Family: render.FontSans, Size: 12}
	for i, l := range scriptLabels {
		if missing := render.MissingGlyphs(f, l.text); len(missing) > 0 {
			t.Skipf("no installed font draws %q (run scripts/install-deps.sh for the Noto fonts)", missing)
		}
		s.Items = append(s.Items, scenetest.Text(20, 40+float64(i)*40, l.text, 12, render.AnchorStart))
	}
	return s
}

// TestEveryScriptInThePDF checks a page of names in CJK, Arabic, Hebrew, Devanagari and emoji:
// pdffonts lists the system font that draws each, embedded as a subset with a ToUnicode map,
// and pdftotext reads every name back (shaped glyphs carry their characters). Before system
// fonts were used, these names were the Go font's missing-glyph boxes and emoji read as U+FFFD.
func TestEveryScriptInThePDF(t *testing.T) {
	doc := encode(t, []*render.Scene{scriptScene(t)}, Options{})
	bin, err := exec.LookPath("pdffonts")
	if err != nil {
		t.Skip("pdffonts (poppler-utils) is not installed")
	}
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, f).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")[2:]
	for _, l := range scriptLabels {
		if !strings.Contains(string(out), l.font) {
			t.Errorf("pdffonts does not list %s, which draws %q:\n%s", l.font, l.text, out)
		}
	}
	for _, row := range rows {
		fields := strings.Fields(row)
		// name type... encoding emb sub uni object ID
		if n := len(fields); n < 7 || fields[n-5] != "yes" || fields[n-4] != "yes" || fields[n-3] != "yes" {
			t.Errorf("font not embedded as a subset with a ToUnicode map: %s", row)
		}
	}
	// pdftotext marks right-to-left runs with embedding controls; the characters are what count.
	text := strings.Map(func(r rune) rune {
		if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
			return -1
		}
		return r
	}, pdftotext(t, doc))
	for _, l := range scriptLabels {
		if !strings.Contains(text, l.text) {
			t.Errorf("pdftotext does not read %q in:\n%s", l.text, text)
		}
	}
	if strings.ContainsRune(text, '\uFFFD') {
		t.Errorf("the text holds U+FFFD:\n%s", text)
	}
	// The colour emoji is a picture (and its alpha mask); nothing else is.
	if n := bytes.Count(doc, []byte("/Subtype /Image")); n != 2 {
		t.Errorf("%d pictures, want 2 (the colour emoji and its mask)", n)
	}
}
