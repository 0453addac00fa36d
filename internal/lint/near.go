package lint

import (
	"hash/maphash"
	"iter"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Near duplicates.
//
// Two names probably mean the same thing when their folded spellings (letters and digits only,
// lower-cased) are equal ("Hot Water", "hot-water"), singular and plural ("Server", "Servers"),
// or one slip of the keyboard apart: two neighbouring letters swapped ("Kettle", "Kettel") or a
// letter doubled or undoubled ("Adress", "Address"). A different letter alone is not enough:
// "employer" and "employee" are different things, and digits are not letters a finger slips on
// ("Server 12" and "Server 21", "Node 1" and "Node 11" are different numbered things). Names
// shorter than four letters, or longer than maxTypoRunes, only match when equal.
//
// The rule compares each name with the names before it: it writes the near spellings of the
// name (spellings) and looks each up among the folded spellings of the earlier names, so it
// costs time linear in the number of names (at most 2 x maxTypoRunes + 5 look-ups per name).
// Most names have no near duplicate, so the swaps are written only when an earlier name has the
// same letters between the same digits, and the doublings and undoublings only when an earlier
// name has the same squeezed spelling (each run of one letter written once): a swap keeps the
// first, a doubling or an undoubling the second.

// fold appends the folded spelling of s to dst: its letters and digits, lower-cased, every
// other ASCII character and the spaces and punctuation of isSpaceOrPunct dropped.
func fold(dst []byte, s string) []byte {
	for _, r := range s {
		if r = unicode.ToLower(r); r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && !isSpaceOrPunct(r) {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
}

func isSpaceOrPunct(r rune) bool {
	return strings.ContainsRune("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026", r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// nearIndex holds the folded spellings of the names seen so far, each filed under a value.
type nearIndex struct {
	seen map[string]int32
	// The hashes of the sorted letters and of the squeezed spellings of the names seen.
	sorted, squeezed map[uint64]bool
	// Scratch memory: the folded name, where its runes start, and a spelling.
	folded, spelling []byte
	at               []int
}

// reset empties the index.
func (x *nearIndex) reset() {
	if x.seen == nil {
		x.seen, x.sorted, x.squeezed = map[string]int32{}, map[uint64]bool{}, map[uint64]bool{}
	}
	clear(x.seen)
	clear(x.sorted)
	clear(x.squeezed)
}

var nearSeed = maphash.MakeSeed()

// keys returns the hashes of the sorted letters and of the squeezed spelling of the folded f.
// Digits stay in place in both, since no swap, doubling or undoubling touches them: the bytes
// between two digits are sorted, and runs of one digit are kept.
func (x *nearIndex) keys(f []byte) (sorted, squeezed uint64) {
	k := append(x.spelling[:0], f...)
	start := 0
	for i := 0; i <= len(k); i++ {
		if i == len(k) || isDigit(rune(k[i])) {
			slices.Sort(k[start:i])
			start = i + 1
		}
	}
	sorted = maphash.Bytes(nearSeed, k)
	k = k[:0]
	prev := rune(-1)
	for _, r := range string(f) {
		if r != prev || isDigit(r) {
			k = utf8.AppendRune(k, r)
		}
		prev = r
	}
	x.spelling = k
	return sorted, maphash.Bytes(nearSeed, k)
}

// addAndMatch folds name and returns the value filed under the earlier spelling it nearly
// duplicates (the first near spelling, in the rule's order, that was added before), or false.
// It then files the folded spelling under value unless the same spelling was added before. A
// name that folds to nothing is neither matched nor added.
func (x *nearIndex) addAndMatch(name string, value int32) (int32, bool) {
	x.folded = fold(x.folded[:0], name)
	if len(x.folded) == 0 {
		return 0, false
	}
	v, ok := x.seen[string(x.folded)]
	if ok {
		return v, true
	}
	sorted, squeezed := x.keys(x.folded)
	for s := range x.spellings(x.folded, x.sorted[sorted], x.squeezed[squeezed]) {
		if v, ok = x.seen[string(s)]; ok {
			break
		}
	}
	x.seen[string(x.folded)] = value
	x.sorted[sorted], x.squeezed[squeezed] = true, true
	return v, ok
}

// spellings yields the near spellings of the folded name f other than f, in the order the rule
// tries them: the plurals, the singulars, the swaps (if swaps), the doublings and the
// undoublings (if doubles), each from the left. Each spelling is valid until the next.
func (x *nearIndex) spellings(f []byte, swaps, doubles bool) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		if len(f) > 4*maxTypoRunes {
			return
		}
		at := x.at[:0] // where each rune starts, and the end
		for i := range string(f) {
			at = append(at, i)
		}
		at = append(at, len(f))
		x.at = at
		n := len(at) - 1
		if n < 4 || n > maxTypoRunes {
			return
		}
		runeAt := func(i int) rune {
			r, _ := utf8.DecodeRune(f[at[i]:])
			return r
		}
		write := func(pieces ...[]byte) []byte {
			x.spelling = x.spelling[:0]
			for _, p := range pieces {
				x.spelling = append(x.spelling, p...)
			}
			return x.spelling
		}
		s, es := []byte("s"), []byte("es")
		if !yield(write(f, s)) || !yield(write(f, es)) {
			return
		}
		if n-2 >= 4 && strings.HasSuffix(string(f), "es") && !yield(f[:len(f)-2]) {
			return
		}
		if n-1 >= 4 && f[len(f)-1] == 's' && !yield(f[:len(f)-1]) {
			return
		}
		for i := 0; i+1 < n && swaps; i++ { // neighbouring letters swapped
			a, b, c := at[i], at[i+1], at[i+2]
			if ri, rj := runeAt(i), runeAt(i+1); ri != rj && !isDigit(ri) && !isDigit(rj) && !yield(write(f[:a], f[b:c], f[a:b], f[c:])) {
				return
			}
		}
		if !doubles {
			return
		}
		for i := range n { // a letter doubled
			a, b := at[i], at[i+1]
			if !isDigit(runeAt(i)) && !yield(write(f[:b], f[a:b], f[b:])) {
				return
			}
		}
		for i := 1; i < n && n > 4; i++ { // a doubled letter undoubled
			a, b := at[i], at[i+1]
			if r := runeAt(i); r == runeAt(i-1) && !isDigit(r) && !yield(write(f[:a], f[b:])) {
				return
			}
		}
	}
}
