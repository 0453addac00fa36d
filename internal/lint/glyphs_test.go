package lint

import (
	"slices"
	"strings"
	"testing"

	"mapwright/render"
)

// TestMissingGlyphAndLongName checks the two rules about how names draw: a character no font
// has (U+10FFFD, private use, is in none) is named, and the map still has its other findings;
// a name past maxNameRunes is reported; names in other scripts that some font draws are not.
func TestMissingGlyphAndLongName(t *testing.T) {
	cfg := Config{Disable: []string{"no-anchor", "unreachable-component"}}
	tests := []struct {
		name string
		want []finding
	}{
		{"Tea", nil},
		{"Tea \U0010FFFD", []finding{{"missing-glyph", 1}}},
		{strings.Repeat("very long name ", 5), []finding{{"long-name", 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := newBuilder().c(tc.name, 0.5, 0.5).input()
			got := findings(Run(in, cfg))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	f := render.Font{Family: render.FontSans, Size: 12}
	for _, name := range []string{"茶", "شاي", "चाय", "🫖"} {
		if len(render.MissingGlyphs(f, name)) > 0 {
			continue // the font that draws it is not installed here: the rule rightly reports it
		}
		in := newBuilder().c(name, 0.5, 0.5).input()
		if got := findings(Run(in, cfg)); len(got) > 0 {
			t.Errorf("%q: got %v, want no finding (an installed font draws it)", name, got)
		}
	}
	ds := Run(newBuilder().c("Tea \U0010FFFD", 0.5, 0.5).input(), cfg)
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "U+10FFFD") {
		t.Errorf("the finding does not name the character: %v", ds)
	}
}
