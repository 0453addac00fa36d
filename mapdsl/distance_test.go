package mapdsl

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// plainDistance is the Levenshtein distance by the whole table: the reference for
// boundedDistance, which computes only the cells near the diagonal and stops early.
func plainDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
		}
	}
	return d[len(a)][len(b)]
}

// TestBoundedDistanceAgreesWithThePlainTable compares boundedDistance with the whole table on
// random words over a small alphabet (so that they share letters), for every limit up to their
// length, with one distance value reused across calls as suggestions reuse it.
func TestBoundedDistanceAgreesWithThePlainTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		w := make([]rune, r.IntN(12))
		for i := range w {
			w[i] = []rune("abcé")[r.IntN(4)]
		}
		return w
	}
	var d distance
	for range 20000 {
		a, b := word(), word()
		want := plainDistance(a, b)
		for limit := 0; limit <= max(len(a), len(b))+1; limit++ {
			if got := d.bounded(a, b, limit); got != min(want, limit+1) {
				t.Fatalf("distance(%q, %q) with limit %d = %d, want %d", string(a), string(b), limit, got, min(want, limit+1))
			}
		}
	}
}

// TestClosestWordAgreesWithThePlainSearch compares closestWord, which rules names out by their
// rune counts before computing distances, with a search that computes every distance in full.
func TestClosestWordAgreesWithThePlainSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		w := make([]rune, 1+r.IntN(14))
		for i := range w {
			w[i] = []rune("abcdAB é!")[r.IntN(9)]
		}
		return string(w)
	}
	for range 3000 {
		w := word()
		candidates := make([]string, r.IntN(30))
		for i := range candidates {
			candidates[i] = word()
		}
		lw := []rune(strings.ToLower(w))
		want, bestD := "", max(2, len(lw)/3)+1
		for _, c := range candidates {
			lc := []rune(strings.ToLower(c))
			d := plainDistance(lw, lc)
			if !strings.HasPrefix(string(lc), string(lw)) && d >= len(lw) {
				continue
			}
			if d < bestD {
				want, bestD = c, d
			}
		}
		if got := closestWord(w, candidates); got != want {
			t.Fatalf("closestWord(%q, %q) = %q, want %q", w, candidates, got, want)
		}
	}
}

// TestLowerRunesAgreeWithStrings: the names are folded for suggestions by appendLowerRunes, in one
// block of memory; it must give the runes of strings.ToLower, invalid UTF-8 and the runes whose
// lower case differs in length included.
func TestLowerRunesAgreeWithStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", "Z", " ", "é", "É", "ß", "ẞ", "İ", "ı", "Σ", "ς", "ǅ", "Ⱥ", "\u212a", "日", "\ufffd", "\xff", "\xc3", "\xe2\x82"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := appendLowerRunes(nil, s), []rune(strings.ToLower(s)); string(got) != string(want) || len(got) != len(want) {
			t.Fatalf("appendLowerRunes(%q) = %q, want %q", s, string(got), string(want))
		}
	}
}

// TestNoSuggestionReplacesEveryLetter: a suggestion is nearer to a name than the name is long,
// unless the name begins it (a word being typed), so that a two-letter name is not "a typo of" an
// unrelated short one (mapwright check said "Us" might mean "x" and "mo" might mean "gov").
func TestNoSuggestionReplacesEveryLetter(t *testing.T) {
	for _, tc := range []struct {
		w          string
		candidates []string
		want       string
	}{
		{"Us", []string{"x", "Web"}, ""},
		{"mo", []string{"gov", "Power"}, ""},
		{"Te", []string{"Tea", "Kettle"}, "Tea"},
		{"Cux", []string{"Cup", "Tea"}, "Cup"},
		{"Ketle", []string{"Kettle"}, "Kettle"},
		{"x", []string{"y"}, ""},
		{"da", []string{"plain", "dark"}, "dark"},
		{"ou", []string{"build", "buy", "outsource"}, ""},
	} {
		if got := closestWord(tc.w, tc.candidates); got != tc.want {
			t.Errorf("closestWord(%q, %q) = %q, want %q", tc.w, tc.candidates, got, tc.want)
		}
	}
}

// TestNormaliseNameShortcut checks that every name normaliseName returns as it is, without
// building it again, is one it would build the same.
func TestNormaliseNameShortcut(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		w := make([]rune, r.IntN(8))
		for i := range w {
			w[i] = []rune("aB \t\nz1é")[r.IntN(8)]
		}
		s := string(w)
		if isNormalised(s) && normaliseSlow(s) != s {
			t.Fatalf("%q is taken as normalised, but normalises to %q", s, normaliseSlow(s))
		}
	}
}

// TestUnknownNameMessageAgreesWithFmt: the message about an unknown name is built without fmt and
// quotes most names without strconv; it must read exactly as fmt's %q would write it, for names
// of every kind (quotes, backslashes, control and non-ASCII characters, invalid UTF-8, long).
func TestUnknownNameMessageAgreesWithFmt(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "Z", " ", "\"", "\\", "\t", "\n", "\x00", "\x7f", "~", "é", "日", "\u200b", "\xff", strings.Repeat("x", 90)}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		name, suggestion := b.String(), ""
		if r.IntN(2) == 0 {
			suggestion = pieces[r.IntN(len(pieces))] + "b"
		}
		want := fmt.Sprintf("unknown component %q in %s, so OWM does not draw it", clipQuoted(name), "link")
		if suggestion != "" {
			want = fmt.Sprintf("unknown component %q in %s (did you mean %q?)", name, "link", suggestion)
		}
		if got := unknownNameMessage(name, "link", suggestion); got != want {
			t.Fatalf("unknownNameMessage(%q, %q) = %q, want %q", name, suggestion, got, want)
		}
	}
}
