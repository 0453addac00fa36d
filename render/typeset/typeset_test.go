package typeset

import (
	"strings"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

// TestVisualOrder checks the order shaping puts runs in: a line reads left to right (as SVG's
// default direction), right-to-left words inside it run right to left, and numbers inside
// right-to-left text keep their own order. It needs an installed Hebrew font.
func TestVisualOrder(t *testing.T) {
	p := NewPrimary("goregular", goregular.TTF, false, false, false)
	if len(p.Shape("שלום").Missing) > 0 {
		t.Skip("no installed font draws Hebrew (run scripts/install-deps.sh)")
	}
	tests := []struct{ in, want string }{
		{"Tea שלום", "Tea |םולש"},          // the Hebrew word after the Latin, letters right to left
		{"שלום Tea", "םולש| Tea"},          // the line still starts on the left; the space goes with Tea
		{"שלום 12 עולם", "םלוע |12| םולש"}, // words swap, the number reads 12
		// A number after a right-to-left word goes with it (to its left), and the space after the
		// number stays between it and the left-to-right word (it ran to the line's start).
		{"שלום 12 hot", "12| םולש| |hot"},
		{"Tea שלום 12", "Tea |12| םולש"},
	}
	for _, tc := range tests {
		l := p.Shape(tc.in)
		var runs []string
		for _, r := range l.Runs {
			var b strings.Builder
			for _, g := range r.Glyphs {
				b.WriteString(g.Text)
			}
			runs = append(runs, b.String())
		}
		if got := strings.Join(runs, "|"); got != tc.want {
			t.Errorf("%q: runs read %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSpaceAfterEmoji: a space after an emoji keeps its width. Noto Color Emoji keeps the space in
// its run and gives it none, so "🍵 and" read "🍵and" in PNG, PDF and the PDF's text.
func TestSpaceAfterEmoji(t *testing.T) {
	p := NewPrimary("goregular", goregular.TTF, false, false, false)
	if len(p.Shape("🍵").Missing) > 0 {
		t.Skip("no installed font draws emoji (run scripts/install-deps.sh)")
	}
	space := p.Shape("a b").Width - p.Shape("ab").Width
	for _, tc := range []struct{ with, without string }{
		{"🍵 and", "🍵and"},
		{"a 🍵 b", "a 🍵b"},
		{"👩\u200d🔬 science", "👩\u200d🔬science"},
	} {
		if got := p.Shape(tc.with).Width - p.Shape(tc.without).Width; got < space*0.9 {
			t.Errorf("%q is %.3f em wider than %q, want a space (%.3f em)", tc.with, got, tc.without, space)
		}
	}
}
