package raster

import (
	"fmt"
	"image"
	"testing"

	"mapwright/mapdsl"
	"mapwright/render"
)

// drawMap lays out and draws a map's text as the export does.
func drawMap(t *testing.T, src string) (*render.Scene, *image.RGBA) {
	t.Helper()
	m, _ := mapdsl.Parse("t.owm", []byte(src))
	s := render.Layout(m, render.Options{})
	return s, Render(s, Options{})
}

// labelItem finds the text item that draws text.
func labelItem(t *testing.T, s *render.Scene, text string) *render.Item {
	t.Helper()
	for i := range s.Items {
		if s.Items[i].Shape == render.ShapeText && s.Items[i].Text == text {
			return &s.Items[i]
		}
	}
	t.Fatalf("no text item %q", text)
	return nil
}

// TestEveryScriptChangesItsLabel draws two maps that differ in one character of one name, in
// CJK, Arabic, Hebrew, Devanagari and emoji: the pictures must differ, and only inside that
// label's box. Before system fonts were used, both characters were the Go font's missing-glyph
// box and the pictures were the same. The characters must be drawn by a font that has them,
// so the test needs the fonts scripts/install-deps.sh installs, and skips without them.
func TestEveryScriptChangesItsLabel(t *testing.T) {
	for _, tc := range []struct{ script, a, b string }{
		{"CJK", "茶 shop", "葉 shop"},
		{"Arabic", "شاي ساخن", "شاي ساكن"},
		{"Hebrew", "מים חמים", "מים קמים"},
		{"Devanagari", "चाय", "काय"},
		{"emoji", "Kettle 🫖", "Kettle 🚀"},
		{"Latin, Go font", "Tea", "Tee"},
	} {
		t.Run(tc.script, func(t *testing.T) {
			f := render.Font{Family: render.FontSans, Size: 12}
			if missing := render.MissingGlyphs(f, tc.a+tc.b); len(missing) > 0 {
				t.Skipf("no installed font draws %q (run scripts/install-deps.sh for the Noto fonts)", missing)
			}
			src := "style plain\nanchor User [0.9, 0.5]\ncomponent %s [0.5, 0.5]\nUser->%s\n"
			sa, ia := drawMap(t, fmt.Sprintf(src, tc.a, tc.a))
			_, ib := drawMap(t, fmt.Sprintf(src, tc.b, tc.b))
			it := labelItem(t, sa, tc.a)
			box := render.ItemBox(it)
			k := 2.0                             // the default scale
			over := int(0.25*it.Font.Size*k) + 1 // ink may overhang the advance a little
			inside := image.Rect(int(box.Left*k)-over, int(box.Top*k)-2, int(box.Right*k)+over, int(box.Bottom*k)+2)
			in, out := 0, 0
			var outBox image.Rectangle
			for y := ia.Rect.Min.Y; y < ia.Rect.Max.Y; y++ {
				for x := ia.Rect.Min.X; x < ia.Rect.Max.X; x++ {
					if ia.RGBAAt(x, y) != ib.RGBAAt(x, y) {
						if image.Pt(x, y).In(inside) {
							in++
						} else {
							out++
							outBox = outBox.Union(image.Rect(x, y, x+1, y+1))
						}
					}
				}
			}
			if in < 20 {
				t.Errorf("the label %q and %q draw alike (%d pixels differ in its box)", tc.a, tc.b, in)
			}
			if out > 0 {
				t.Errorf("%d pixels differ outside the label's box %v, in %v", out, inside, outBox)
			}
		})
	}
}

// TestGoFontTextIsNotShaped checks that text the Go fonts draw alone keeps the fast path
// (glyph by glyph, no shaping), so Latin maps cost and look as they did.
func TestGoFontTextIsNotShaped(t *testing.T) {
	f := render.Font{Family: render.FontSans, Size: 12}
	for _, s := range []string{"Tea", "Café crème", "Ελληνικά", "Кириллица", "zero\u200bwidth", "bad \xff byte"} {
		if l := render.Shaped(f, s); l != nil {
			t.Errorf("Shaped(%q) = %d runs, want nil (the Go font has every character)", s, len(l.Runs))
		}
	}
	for _, s := range []string{"茶", "شاي", "चाय", "🚀"} {
		if render.Shaped(f, s) == nil {
			t.Errorf("Shaped(%q) = nil, want a shaped line", s)
		}
	}
}
