package lint

import (
	"iter"
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
// Most names have no near duplicate, so the spellings are written and looked up only when an
// earlier name holds the same bytes, not counting e and s (letterSet): a swap, a doubling or an
// undoubling keeps the bytes a name holds, and a plural or a singular adds or drops only an s or
// an es.

// fold appends the folded spelling of s to dst: its letters and digits, lower-cased, every
// other ASCII character and the spaces and punctuation of isSpaceOrPunct dropped.
func fold(dst []byte, s string) []byte {
	for i, r := range s {
		if c := s[i]; c < utf8.RuneSelf { // ASCII, most names: lower-cased and kept as a byte
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
				dst = append(dst, c)
			}
			continue
		}
		if r = unicode.ToLower(r); r > 127 && !isSpaceOrPunct(r) || r >= 'a' && r <= 'z' {
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
	// sets holds the letterSet of every name seen.
	sets map[letterSet]bool
	// Scratch memory: the folded name, where its runes start, and a spelling.
	folded, spelling []byte
	at               []int
}

// letterSet is the set of the bytes of a folded name other than e and s, a bit per byte value.
// Two names one of which is a near spelling of the other have the same set.
type letterSet [4]uint64

func lettersOf(f []byte) letterSet {
	var set letterSet
	for _, c := range f {
		if c != 'e' && c != 's' {
			set[c/64] |= 1 << (c % 64)
		}
	}
	return set
}

// reset empties the index.
func (x *nearIndex) reset() {
	if x.seen == nil {
		x.seen, x.sets = map[string]int32{}, map[letterSet]bool{}
	}
	clear(x.seen)
	clear(x.sets)
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
	key := name // the key to file it under: the name itself if it is folded already (reset forgets it)
	if string(x.folded) != name {
		key = string(x.folded)
	}
	set := lettersOf(x.folded)
	if !x.sets[set] {
		x.sets[set] = true
		x.seen[key] = value
		return 0, false
	}
	v, ok := x.seen[key]
	if ok {
		return v, true
	}
	for s := range x.spellings(x.folded) {
		if v, ok = x.seen[string(s)]; ok {
			break
		}
	}
	x.seen[key] = value
	return v, ok
}

// spellings yields the near spellings of the folded name f other than f, in the order the rule
// tries them: the plurals, the singulars, the swaps, the doublings and the undoublings, each
// from the left. Each spelling is valid until the next.
func (x *nearIndex) spellings(f []byte) iter.Seq[[]byte] {
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
		for i := 0; i+1 < n; i++ { // neighbouring letters swapped
			a, b, c := at[i], at[i+1], at[i+2]
			if ri, rj := runeAt(i), runeAt(i+1); ri != rj && !isDigit(ri) && !isDigit(rj) && !yield(write(f[:a], f[b:c], f[a:b], f[c:])) {
				return
			}
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
