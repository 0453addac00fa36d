package lint

import (
	"hash/maphash"
	"math/rand/v2"
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
// The rule compares each name with the names before it. It looks each near spelling of the
// name up among them, in a fixed order (the name itself, the plurals, the singulars, the swaps,
// the doublings, the undoublings, each from the left), and reports the earlier name of the first
// spelling found. The spellings are never built: each is a few pieces of the folded name, its
// hash is computed from the hashes of the name's prefixes in constant time, and only a name
// whose hash matches is compared, piece by piece. The rule so costs time linear in the length
// of the names (at most 2 x maxTypoRunes + 5 look-ups per name), and allocates nothing per name.
//
// Most names have no near duplicate, so the swaps and the doublings are looked up only when an
// earlier name could be one: a swap keeps the bytes of a name (in another order) and its
// digits in their places, and a letter doubled or undoubled keeps its squeezed form (each run
// of one letter written once). The index keeps these two fingerprints of the names added; a
// name whose fingerprints it has not seen costs a handful of look-ups, most of which a Bloom
// filter answers without touching the table.

// fold appends the folded spelling of s to dst: its letters and digits, lower-cased (what
// strings.ToLower gives), every other ASCII character and the spaces and punctuation of
// isSpaceOrPunct dropped.
func fold(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			dst = append(dst, c)
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		case c >= utf8.RuneSelf:
			r, w := utf8.DecodeRuneInString(s[i:])
			if r = unicode.ToLower(r); r >= 'a' && r <= 'z' || r > 127 && !isSpaceOrPunct(r) {
				dst = utf8.AppendRune(dst, r)
			}
			i += w - 1
		}
	}
	return dst
}

func isSpaceOrPunct(r rune) bool {
	return strings.ContainsRune("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026", r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// The hash of a folded spelling s of up to maxPolyBytes bytes is the polynomial sum of
// s[k] * hashBase^(len(s)-1-k), modulo 2^64, so that the hash of a spelling made of pieces of
// another follows from the hashes of the other's prefixes. hashBase is an odd number drawn at
// random when the program starts: no map can be written to make its names collide (and a
// collision costs time, never a wrong answer: every hit is compared). Longer spellings, which
// have no near spellings to look up, are hashed with hash/maphash instead, whose seed also
// changes with every start: a polynomial hash modulo 2^64 has collisions that do not depend
// on the base, among strings thousands of bytes long.
var (
	hashBase = rand.Uint64() | 1
	hashSeed = maphash.MakeSeed()
	// hashPow holds hashBase^k for every k a near spelling can need.
	hashPow = func() []uint64 {
		p := make([]uint64, maxPolyBytes+1)
		p[0] = 1
		for k := 1; k < len(p); k++ {
			p[k] = p[k-1] * hashBase
		}
		return p
	}()
)

// maxPolyBytes is the longest spelling hashed polynomially: the longest name whose near
// spellings are looked up (4 x maxTypoRunes bytes), with a rune doubled or a plural's "es".
const maxPolyBytes = 4*maxTypoRunes + utf8.UTFMax

// nearIndex holds the folded spellings of the names seen so far, to look near spellings up in.
type nearIndex struct {
	arena []byte    // the folded spellings, one after the other
	keys  []nearKey // one per distinct folded spelling, in the order they were added
	slots []int32   // open addressing on the hash: 0 is empty, else an index in keys plus one
	// seen is a Bloom filter of the hashes of the spellings added and of two fingerprints of
	// each: a swap fingerprint depends only on which bytes a spelling holds, how many times
	// each, and on its digits and their places (no swap moves a digit), so it is the same for
	// every swap; a squeeze fingerprint depends only on the spelling with each run of one
	// letter written once (runs of digits are kept), so it is the same for every doubling and
	// undoubling. A spelling the filter has not seen is not looked up in the table: on a big
	// map most look-ups end in the filter, which is small enough to stay in the cache.
	seen  bloom
	pre   []uint64 // scratch: pre[k] is the hash of the current name's first k bytes
	runes []int32  // scratch: where each rune of the current name starts, and its end
}

type nearKey struct {
	hash       uint64
	start, end int32 // in arena
	value      int32 // what the caller filed the spelling under
}

type piece struct{ from, to int32 }

// reset empties the index for up to n names (more make it grow), keeping its memory.
func (x *nearIndex) reset(n int) {
	x.slots = resize(x.slots, tableSize(n))
	x.keys, x.arena = x.keys[:0], x.arena[:0]
	x.seen.reset(3 * n)
}

// tableSize is the number of slots of an open-addressing table for n entries: a power of two,
// at least twice n.
func tableSize(n int) int {
	size := 8
	for size < 2*n {
		size *= 2
	}
	return size
}

// addAndMatch folds name and returns the value filed under the earlier spelling it nearly
// duplicates (the first near spelling, in the rule's order, that was added before), or false.
// It then files the folded spelling under value unless the same spelling was added before. A
// name that folds to nothing is neither matched nor added.
func (x *nearIndex) addAndMatch(name string, value int32) (int32, bool) {
	start := len(x.arena)
	x.arena = fold(x.arena, name)
	f := x.arena[start:]
	if len(f) == 0 {
		return 0, false
	}
	// One walk over f: its prefix hashes, where its runes start, and its fingerprints.
	n := len(f)
	x.pre, x.runes = append(x.pre[:0], 0), x.runes[:0]
	h := uint64(0)
	var swapPrint, digitPrint uint64
	squeezePrint, prev := uint64(14695981039346656037), rune(-1)
	for i := 0; i < n; {
		r, w := rune(f[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRune(f[i:])
		}
		if isDigit(r) {
			digitPrint += mix(uint64(len(x.runes))<<8 | uint64(r))
		}
		if r != prev || isDigit(r) {
			squeezePrint = (squeezePrint ^ uint64(r)) * 1099511628211
		}
		prev = r
		x.runes = append(x.runes, int32(i))
		for _, c := range f[i : i+w] {
			h = h*hashBase + uint64(c)
			x.pre = append(x.pre, h)
			swapPrint += byteMix[c]
		}
		i += w
	}
	x.runes = append(x.runes, int32(n))
	swapPrint += mix(digitPrint)
	if n > maxPolyBytes {
		h = maphash.Bytes(hashSeed, f)
	}
	self, selfOK := x.lookupHash(h, int32(start), int32(start+n))
	if selfOK {
		x.arena = x.arena[:start] // already filed: forget this copy
		return self, true
	}
	swapPrint, squeezePrint = swapPrint^swapSalt, squeezePrint^squeezeSalt
	match, matched := x.matchVariants(int32(start), n, x.seen.has(swapPrint), x.seen.has(squeezePrint))
	x.add(h, int32(start), int32(start+n), value)
	x.seen.add(swapPrint)
	x.seen.add(squeezePrint)
	return match, matched
}

// matchVariants looks up every near spelling of the folded name at arena[base:base+n] (whose
// runes start at x.runes) but the name itself, in the rule's order, and returns the value of
// the first one filed. Swaps are
// looked up only if swaps may match, doublings and undoublings only if doubles may.
func (x *nearIndex) matchVariants(base int32, n int, swaps, doubles bool) (int32, bool) {
	if n > 4*maxTypoRunes {
		return 0, false
	}
	f := x.arena[base : int(base)+n]
	count := len(x.runes) - 1
	if count < 4 || count > maxTypoRunes {
		return 0, false
	}
	pre, pow, at := x.pre, hashPow, x.runes
	sub := func(a, b int32) uint64 { return pre[b] - pre[a]*pow[b-a] } // the hash of f[a:b]
	whole := piece{base, base + int32(n)}
	N := int32(n)
	// Plurals: f+"s", f+"es".
	if v, ok := x.lookupPieces(pre[n]*hashBase+'s', whole, piece{-'s', 0}); ok {
		return v, true
	}
	if v, ok := x.lookupPieces(pre[n]*pow[2]+'e'*hashBase+'s', whole, piece{-'e', 0}, piece{-'s', 0}); ok {
		return v, true
	}
	// Singulars: f without "es", then without "s", when four runes remain.
	if count-2 >= 4 && n >= 2 && f[n-2] == 'e' && f[n-1] == 's' {
		if v, ok := x.lookupPieces(pre[n-2], piece{base, base + N - 2}); ok {
			return v, true
		}
	}
	if count-1 >= 4 && f[n-1] == 's' {
		if v, ok := x.lookupPieces(pre[n-1], piece{base, base + N - 1}); ok {
			return v, true
		}
	}
	runeAt := func(i int) rune {
		r, _ := utf8.DecodeRune(f[at[i]:at[i+1]])
		return r
	}
	// Neighbouring letters swapped: f[:a] f[b:c] f[a:b] f[c:].
	for i := 0; i+1 < count && swaps; i++ {
		a, b, c := at[i], at[i+1], at[i+2]
		ri, rj := runeAt(i), runeAt(i+1)
		if ri == rj || isDigit(ri) || isDigit(rj) {
			continue
		}
		h := pre[a]*pow[N-a] + sub(b, c)*pow[(b-a)+(N-c)] + sub(a, b)*pow[N-c] + sub(c, N)
		if v, ok := x.lookupPieces(h, piece{base, base + a}, piece{base + b, base + c}, piece{base + a, base + b}, piece{base + c, base + N}); ok {
			return v, true
		}
	}
	if !doubles {
		return 0, false
	}
	// A letter doubled: f[:b] f[a:b] f[b:].
	for i := 0; i < count; i++ {
		if isDigit(runeAt(i)) {
			continue
		}
		a, b := at[i], at[i+1]
		h := pre[b]*pow[N-a] + sub(a, b)*pow[N-b] + sub(b, N)
		if v, ok := x.lookupPieces(h, piece{base, base + b}, piece{base + a, base + b}, piece{base + b, base + N}); ok {
			return v, true
		}
	}
	// A doubled letter undoubled: f[:a] f[b:].
	for i := 1; i < count && count > 4; i++ {
		if r := runeAt(i); r != runeAt(i-1) || isDigit(r) {
			continue
		}
		a, b := at[i], at[i+1]
		h := pre[a]*pow[N-b] + sub(b, N)
		if v, ok := x.lookupPieces(h, piece{base, base + a}, piece{base + b, base + N}); ok {
			return v, true
		}
	}
	return 0, false
}

// lookupHash finds the filed spelling equal to arena[from:to], whose hash is h.
func (x *nearIndex) lookupHash(h uint64, from, to int32) (int32, bool) {
	return x.lookupPieces(h, piece{from, to})
}

// lookupPieces finds the filed spelling whose hash is h and whose bytes are the pieces, one
// after the other. A piece is a range of the arena, or one literal byte c written {-c, 0}.
func (x *nearIndex) lookupPieces(h uint64, pieces ...piece) (int32, bool) {
	if !x.seen.has(h) {
		return 0, false
	}
	length := int32(0)
	for _, p := range pieces {
		length += p.len()
	}
	mask := uint64(len(x.slots) - 1)
	for s := mix(h) & mask; ; s = (s + 1) & mask {
		k := x.slots[s]
		if k == 0 {
			return 0, false
		}
		key := &x.keys[k-1]
		if key.hash == h && key.end-key.start == length && x.equal(key.start, pieces) {
			return key.value, true
		}
	}
}

func (p piece) len() int32 {
	if p.from < 0 {
		return 1
	}
	return p.to - p.from
}

// equal reports whether the arena from at holds the pieces one after the other (the caller has
// checked the length).
func (x *nearIndex) equal(at int32, pieces []piece) bool {
	for _, p := range pieces {
		if p.from < 0 {
			if x.arena[at] != byte(-p.from) {
				return false
			}
			at++
			continue
		}
		if string(x.arena[at:at+p.to-p.from]) != string(x.arena[p.from:p.to]) {
			return false
		}
		at += p.to - p.from
	}
	return true
}

// add files arena[from:to], whose hash is h, under value.
func (x *nearIndex) add(h uint64, from, to, value int32) {
	x.seen.add(h)
	x.keys = append(x.keys, nearKey{hash: h, start: from, end: to, value: value})
	if 2*len(x.keys) > len(x.slots) {
		x.grow()
		return
	}
	x.place(int32(len(x.keys)))
}

func (x *nearIndex) place(k int32) {
	mask := uint64(len(x.slots) - 1)
	s := mix(x.keys[k-1].hash) & mask
	for x.slots[s] != 0 {
		s = (s + 1) & mask
	}
	x.slots[s] = k
}

func (x *nearIndex) grow() {
	x.slots = make([]int32, 2*len(x.slots))
	for k := range x.keys {
		x.place(int32(k + 1))
	}
}

// byteMix gives each byte a random 64-bit value, for the swap fingerprint.
var byteMix = func() (m [256]uint64) {
	for i := range m {
		m[i] = rand.Uint64()
	}
	return m
}()

// swapSalt and squeezeSalt keep fingerprints apart from the hashes of spellings in the filter.
const (
	swapSalt    = 0x9e3779b97f4a7c15
	squeezeSalt = 0xc2b2ae3d27d4eb4f
)

// bloom is a blocked Bloom filter of 64-bit hashes: a hash sets two bits of one word, so that
// asking about it reads one word. It answers "maybe" or "no", never a wrong "no".
type bloom struct{ words []uint64 }

// reset empties the filter for about n hashes (8 to 16 bits each; more only make "maybe"
// likelier).
func (b *bloom) reset(n int) {
	size := 1
	for size < n/8 {
		size *= 2
	}
	b.words = resize(b.words, size)
}

func (b *bloom) bits(h uint64) (word uint64, bits uint64) {
	h = mix(h)
	return h & uint64(len(b.words)-1), 1<<(h>>52&63) | 1<<(h>>58&63)
}

func (b *bloom) add(h uint64) {
	w, bits := b.bits(h)
	b.words[w] |= bits
}

func (b *bloom) has(h uint64) bool {
	w, bits := b.bits(h)
	return b.words[w]&bits == bits
}

// mix spreads the bits of a hash over its low bits, where the sets take their slot.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}
