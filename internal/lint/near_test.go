package lint

import (
	"math/rand"
	"slices"
	"strings"
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

// nearSpellings lists the near spellings of the folded name f, f first, in the rule's order.
func nearSpellings(f string) []string {
	var x nearIndex
	out := []string{f}
	for s := range x.spellings([]byte(f)) {
		out = append(out, string(s))
	}
	return out
}

// TestNearIndexAgreesWithSpellings runs the near-duplicate search on random lists of names,
// many of them near copies of earlier ones, and compares every answer with looking up every
// near spelling (nearSpellings), so that the index's filters are seen to hide no match.
func TestNearIndexAgreesWithSpellings(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	letters := []string{"a", "a", "b", "s", "e", "es", "1", "É", "é", "ß", "日", " ", "-", "K", "\u212a", "\xff"}
	var x nearIndex // one index for every list, as a pass keeps it from run to run
	for range 5000 {
		var list []string
		for range 1 + r.Intn(30) {
			name := randomText(r, letters, 9)
			if len(list) > 0 && r.Intn(2) == 0 {
				name = nearCopy(r, list[r.Intn(len(list))])
			}
			if r.Intn(50) == 0 { // long names only match when equal
				name = strings.Repeat(name+"x", 130)
			}
			list = append(list, name)
		}
		checkNearIndex(t, &x, list)
	}
}

// TestNearIndexAtTheLengthLimits compares the near-duplicate search with looking up every near
// spelling on names around the longest that have near spellings (maxTypoRunes runes,
// 4 x maxTypoRunes bytes), where their spellings and the names they may equal meet.
func TestNearIndexAtTheLengthLimits(t *testing.T) {
	r := rand.New(rand.NewSource(9))
	var x nearIndex
	for _, wide := range []string{"a", "é", "日", "𝔞"} {
		for runes := maxTypoRunes - 3; runes <= maxTypoRunes+3; runes++ {
			for range 8 {
				base := strings.Repeat(wide, runes)
				if r.Intn(2) == 0 {
					base = strings.Repeat(wide, runes-2) + "ks"
				}
				var list []string
				for range 12 {
					name := base
					if len(list) > 0 && r.Intn(3) > 0 {
						name = nearCopy(r, list[r.Intn(len(list))])
					}
					list = append(list, name)
				}
				checkNearIndex(t, &x, list)
			}
		}
	}
}

// nearCopy changes a name the ways the near-duplicate rule forgives, and some it does not.
func nearCopy(r *rand.Rand, s string) string {
	rs := []rune(s)
	switch i := r.Intn(max(len(rs), 1)); r.Intn(7) {
	case 0:
		return s + "s"
	case 1:
		return s + "es"
	case 2:
		return strings.TrimSuffix(strings.TrimSuffix(s, "s"), "e")
	case 3:
		if i+1 < len(rs) {
			rs[i], rs[i+1] = rs[i+1], rs[i]
		}
	case 4:
		if i < len(rs) {
			rs = slices.Insert(rs, i, rs[i])
		}
	case 5:
		if i < len(rs) {
			rs = slices.Delete(rs, i, i+1)
		}
	default:
		return strings.ToUpper(s) + " "
	}
	return string(rs)
}

// checkNearIndex runs x on list and compares every answer with nearMatchesUnfiltered.
func checkNearIndex(t *testing.T, x *nearIndex, list []string) {
	t.Helper()
	want := nearMatchesUnfiltered(list)
	x.reset()
	for j, name := range list {
		i, ok := x.addAndMatch(name, int32(j))
		if got := map[bool]int{true: int(i), false: -1}[ok]; got != want[j] {
			t.Fatalf("names %q: name %d matched %d, want %d", list, j, got, want[j])
		}
	}
}

// nearMatchesUnfiltered returns, per name, the index of the earlier name it nearly duplicates
// (the first of its near spellings that an earlier name folds to), or -1.
func nearMatchesUnfiltered(list []string) []int {
	out := make([]int, len(list))
	seen := map[string]int{}
	for j, name := range list {
		out[j] = -1
		f := string(fold(nil, name))
		if f == "" {
			continue
		}
		for _, v := range nearSpellings(f) {
			if i, ok := seen[v]; ok {
				out[j] = i
				break
			}
		}
		if _, ok := seen[f]; !ok {
			seen[f] = j
		}
	}
	return out
}
