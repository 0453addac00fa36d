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
