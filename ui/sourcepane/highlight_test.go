package sourcepane

import (
	"testing"
)

func TestDefaultHighlighter(t *testing.T) {
	tests := []struct {
		line string
		want map[string]TokenKind // text of a span -> its kind
	}{
		{"component Cup of Tea [0.79, 0.61] label [19, -4]", map[string]TokenKind{
			"component": Keyword, "Cup": Name, "[": Punctuation, "0.79": Number, "label": Keyword, "-4": Number}},
		{"Cup of Tea->Hot Water", map[string]TokenKind{"Cup": Name, "->": Operator, "Hot": Name}},
		{"A+'fast'>B", map[string]TokenKind{"+": Operator, "'fast'": String, ">": Operator}},
		{"component Kettle (build) // old", map[string]TokenKind{"(build)": Decorator, "// old": Comment}},
		{"url x [https://example.com/a]", map[string]TokenKind{"url": Keyword}},
		{"Tea->Cup; context here", map[string]TokenKind{";": Punctuation, " context here": String}},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			got := map[string]TokenKind{}
			prevEnd := 0
			for _, s := range DefaultHighlighter(tc.line) {
				if s.Start < prevEnd || s.End <= s.Start || s.End > len(tc.line) {
					t.Fatalf("bad span %+v", s)
				}
				prevEnd = s.End
				got[tc.line[s.Start:s.End]] = s.Kind
			}
			for text, kind := range tc.want {
				if got[text] != kind {
					t.Errorf("%q: kind %v, want %v (spans %v)", text, got[text], kind, got)
				}
			}
			if tc.line[:3] == "url" {
				if _, ok := got["//example.com/a]"]; ok {
					t.Errorf("the // of a url was coloured as a comment")
				}
			}
		})
	}
}
