package mapdsl

import (
	"fmt"
	"strings"
	"testing"
)

// spans renders HighlightLine's output as "kind:text" pairs for readable expectations.
func spans(line string, toks []Token) string {
	var parts []string
	for _, t := range toks {
		parts = append(parts, fmt.Sprintf("%s:%s", t.Kind, line[t.Start:t.End]))
	}
	return strings.Join(parts, " ")
}

func TestHighlight(t *testing.T) {
	cases := []struct{ line, want string }{
		{"component Cup of Tea [0.79, 0.61] label [19, -4] (buy, market) // note",
			"keyword:component name:Cup of Tea punctuation:[ number:0.79 punctuation:, number:0.61 punctuation:] keyword:label punctuation:[ number:19 punctuation:, number:-4 punctuation:] punctuation:( decorator:buy punctuation:, decorator:market punctuation:) comment:// note"},
		{"Hot Water+'$0.10'>Kettle; context", "name:Hot Water operator:+'$0.10'> name:Kettle punctuation:; text:context"},
		{"evolve Tea->Premium Tea 0.9 inertia", "keyword:evolve name:Tea operator:-> name:Premium Tea number:0.9 keyword:inertia"},
		{`component "Two\nlines" [0.5, 0.5]`, `keyword:component string:"Two\nlines" punctuation:[ number:0.5 punctuation:, number:0.5 punctuation:]`},
		{"submap Site [0.2, 0.3] url(ref)", "keyword:submap name:Site punctuation:[ number:0.2 punctuation:, number:0.3 punctuation:] keyword:url punctuation:( name:ref punctuation:)"},
		{"url ref [https://example.com//x]", "keyword:url name:ref punctuation:[ text:https://example.com//x punctuation:]"},
		{"title Tea Shop ☕", "keyword:title text:Tea Shop ☕"},
		{"evolution Genesis@0.2 -> Custom", "keyword:evolution text:Genesis punctuation:@ number:0.2 operator:-> text:Custom"},
		{"style wardley", "keyword:style keyword:wardley"},
		{"  {", "punctuation:{"},
		{"gibberish here", "invalid:gibberish here"},
		{"", ""},
		{"/* open", "comment:/* open"},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			toks, _ := HighlightLine(tc.line, false)
			if got := spans(tc.line, toks); got != tc.want {
				t.Errorf("HighlightLine(%q, false)\n got: %s\nwant: %s", tc.line, got, tc.want)
			}
		})
	}
}

func TestHighlightLineCarriesBlockComments(t *testing.T) {
	lines := []string{"component A [0.5, 0.5] /* start", "component B [0.4, 0.4]", "end */ component C", "component D"}
	inBlock := false
	var got []string
	for _, line := range lines {
		var toks []Token
		toks, inBlock = HighlightLine(line, inBlock)
		got = append(got, spans(line, toks))
	}
	want := []string{
		"keyword:component name:A punctuation:[ number:0.5 punctuation:, number:0.5 punctuation:] comment:/* start",
		"comment:component B [0.4, 0.4]",
		"comment:end */ keyword:component name:C",
		"keyword:component name:D",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got: %s\nwant: %s", i+1, got[i], want[i])
		}
	}
}
