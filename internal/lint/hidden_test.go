package lint

import (
	"strings"
	"testing"

	"mapwright/mapdsl"
)

func TestHiddenCharacters(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // "" for no finding
	}{
		{"right-to-left override", "component \u202eevil [0.5, 0.5]", "U+202E (RIGHT-TO-LEFT OVERRIDE)"},
		{"zero-width space", "anchor User\u200b [0.9, 0.5]", "U+200B (ZERO WIDTH SPACE)"},
		{"isolate in a note", "note a \u2066b\u2069 [0.5, 0.5]", "U+2066"},
		{"evolved name", "component A [0.5, 0.2]\nevolve A->B\u200f 0.8", "U+200F"},
		{"control character", "component bell\x07 [0.5, 0.5]", "a control character"},
		{"emoji with joiners", "component 👩‍💻 dev [0.5, 0.5]", ""},
		{"Persian with ZWNJ", "component می\u200cخواهم [0.5, 0.5]", ""},
		{"plain", "component Kettle [0.5, 0.5]", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := mapdsl.Parse("", []byte(tc.src))
			var got []string
			for _, d := range Run(Input{Map: m, Source: []byte(tc.src)}, Config{}) {
				if d.Code == "hidden-characters" {
					got = append(got, d.Message)
				}
			}
			switch {
			case tc.want == "" && len(got) != 0:
				t.Errorf("unexpected findings %q", got)
			case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
				t.Errorf("findings %q, want one saying %q", got, tc.want)
			}
		})
	}
}
