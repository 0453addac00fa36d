package lint

import (
	"math/rand"
	"slices"
	"testing"
)

// The functions below are a pairwise statement of the near-duplicate rule, kept as the
// reference that nearSpellings (which the rule uses, in linear time) must agree with.

// nearDuplicateFolded reports whether two folded names probably mean the same
// thing: equal once case, spacing and punctuation are ignored ("Hot Water", "hot-water"),
// singular and plural ("Server", "Servers"), or one slip of the keyboard apart: two neighbouring
// letters swapped ("Kettle", "Kettel") or a letter doubled or undoubled ("Adress", "Address").
// A different letter alone is not enough: "employer" and "employee" are different things.
func nearDuplicateFolded(fa, fb string) bool {
	if fa == "" || fb == "" {
		return false
	}
	if fa == fb {
		return true
	}
	if len([]rune(fa)) < 4 || len([]rune(fb)) < 4 {
		return false
	}
	for _, suffix := range []string{"s", "es"} {
		if fa+suffix == fb || fb+suffix == fa {
			return true
		}
	}
	return swapped(fa, fb) || doubled(fa, fb) || doubled(fb, fa)
}

// swapped reports whether b is a with two neighbouring letters exchanged.
func swapped(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:]) &&
		!isDigit(ra[i]) && !isDigit(ra[i+1])
}

// doubled reports whether long is short with one letter doubled.
func doubled(short, long string) bool {
	rs, rl := []rune(short), []rune(long)
	if len(rl) != len(rs)+1 {
		return false
	}
	i := 0
	for i < len(rs) && rs[i] == rl[i] {
		i++
	}
	return i > 0 && rl[i] == rl[i-1] && string(rs[i:]) == string(rl[i+1:]) && !isDigit(rl[i])
}

// TestNearSpellingsAgreeWithPairwiseRule compares the two statements of the rule on random
// names from a small alphabet (so that near duplicates are frequent).
func TestNearSpellingsAgreeWithPairwiseRule(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	word := func() string {
		b := make([]rune, 2+r.Intn(6))
		for i := range b {
			b[i] = []rune("aabse11")[r.Intn(7)]
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		want := nearDuplicateFolded(a, b)
		got := slices.Contains(nearSpellings(b), a)
		if got != want {
			t.Fatalf("%q vs %q: nearSpellings says %v, the pairwise rule %v", a, b, got, want)
		}
	}
}

// TestNumberedNamesAreNotTypos: digits swapped or doubled make a different numbered thing.
func TestNumberedNamesAreNotTypos(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		near bool
	}{
		{"server12", "server21", false},
		{"node1", "node11", false},
		{"part110", "part101", false},
		{"kettle", "kettel", true},
		{"adress", "address", true},
		{"server1", "servre1", true},
	} {
		if got := slices.Contains(nearSpellings(tc.b), tc.a); got != tc.near {
			t.Errorf("%q vs %q: near %v, want %v", tc.a, tc.b, got, tc.near)
		}
	}
}
