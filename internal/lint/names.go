package lint

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mapwright/mapdsl"
)

// names indexes the linkable names of a map: anchors, components (every kind) and the new names
// of evolved copies, each resolved first exactly and then leniently (OWM's link matching:
// lower-case, whitespace collapsed, newlines as spaces). Every distinct spelling gets a small
// integer, its index in all, so that the rules can work on slices instead of maps of strings.
// One index serves every rule of a run.
type names struct {
	id  map[string]int32 // exact spelling -> index in all
	all []string         // distinct spellings: anchors, then components, then evolved copies
	// firstComponent holds, per name, the index in Map.Components of the first component
	// spelled so, or -1 (evolves and dependency links refer to the first definition).
	firstComponent []int32
	// anchorID and componentID hold the index of the name of every anchor and component.
	anchorID, componentID []int32
	// lenient maps a normalised spelling to the first name that normalises to it; misses
	// remembers the answer for every spelling that is not a name exactly. Both are built on the
	// first such spelling: most maps never need them.
	lenient      map[string]int32
	misses       map[string]int32
	lenientBuilt bool
	// runes holds the length in runes of every name of all (computed on the first call of
	// closest); scratch is closest's working memory.
	runes      []int
	runesBuilt bool
	scratch    distanceScratch
	// suggested memoises closest; budget is what is left of the edit-distance work (cells of
	// the distance table) that "did you mean" may spend on one map, so that a hostile map (a
	// hundred thousand names, a megabyte-long name) cannot make check take quadratic time.
	suggested map[string]string
	budget    int
}

// suggestionBudget bounds the edit-distance work of "did you mean" per map: far more than a
// real map needs (40 names x 40 links x 20 x 20 letters is 640,000), small enough to stay in
// the milliseconds. Once spent, unknown names are reported without a suggestion.
const suggestionBudget = 20_000_000

// maxTypoRunes is the longest name for which typos are looked for: names longer than a line of
// text are not typed by hand, so only exact (and OWM's lenient) matches count for them.
const maxTypoRunes = 120

// build indexes the names of m.
func (n *names) build(m *mapdsl.Map) {
	if n.id == nil {
		n.id = make(map[string]int32, len(m.Anchors)+len(m.Components))
	}
	n.budget = suggestionBudget
	add := func(s string) int32 {
		if id, ok := n.id[s]; ok {
			return id
		}
		id := int32(len(n.all))
		n.id[s] = id
		n.all = append(n.all, s)
		n.firstComponent = append(n.firstComponent, -1)
		return id
	}
	n.anchorID, n.componentID = n.anchorID[:0], n.componentID[:0]
	for _, a := range m.Anchors {
		n.anchorID = append(n.anchorID, add(a.Name))
	}
	for i, c := range m.Components {
		id := add(c.Name)
		if n.firstComponent[id] < 0 {
			n.firstComponent[id] = int32(i)
		}
		n.componentID = append(n.componentID, id)
	}
	for _, e := range m.Evolves {
		if e.NewName != "" {
			add(e.NewName)
		}
	}
}

// forget empties the index for another map, keeping its memory.
func (n *names) forget() {
	clear(n.id)
	clear(n.all)
	n.all = n.all[:0]
	n.firstComponent = n.firstComponent[:0]
	clear(n.lenient)
	clear(n.misses)
	n.lenientBuilt = false
	n.runes = n.runes[:0]
	n.runesBuilt = false
	clear(n.suggested)
}

// lookup returns the index of the name a link end means (exactly, or else as OWM matches
// leniently), or -1 when the map defines no such name.
func (n *names) lookup(s string) int32 {
	if id, ok := n.id[s]; ok {
		return id
	}
	if id, ok := n.misses[s]; ok {
		return id
	}
	if !n.lenientBuilt {
		n.lenientBuilt = true
		if n.lenient == nil {
			n.lenient = make(map[string]int32, len(n.all))
			n.misses = map[string]int32{}
		}
		for i, d := range n.all {
			k := normalise(d)
			if _, ok := n.lenient[k]; !ok { // the first spelling wins
				n.lenient[k] = int32(i)
			}
		}
	}
	id, ok := n.lenient[normalise(s)]
	if !ok {
		id = -1
	}
	n.misses[s] = id
	return id
}

// closest returns the defined name nearest to s when it is close enough to be a likely typo.
// Names whose lengths differ by more than a typo allows are skipped without comparing them, and
// the whole search is bounded by the map's suggestion budget.
func (n *names) closest(s string) string {
	if best, ok := n.suggested[s]; ok {
		return best
	}
	if !n.runesBuilt { // built on the first unknown name: most maps have none
		n.runesBuilt = true
		if n.suggested == nil {
			n.suggested = map[string]string{}
		}
		n.runes = n.runes[:0]
		for _, c := range n.all {
			n.runes = append(n.runes, utf8.RuneCountInString(c)) // as many as lower-cased: one rune for one
		}
	}
	best, bestD := "", -1
	ls := appendLowerRunes(n.scratch.word[:0], s)
	n.scratch.word = ls
	lr := len(ls)
	if lr > maxTypoRunes {
		n.suggested[s] = ""
		return ""
	}
	for i, cr := range n.runes {
		if cr > maxTypoRunes || cr-lr > 2 || lr-cr > 2 {
			continue // further apart than any typo distance
		}
		c := appendLowerRunes(n.scratch.other[:0], n.all[i])
		n.scratch.other = c
		if n.budget -= (lr + 1) * (cr + 1); n.budget < 0 {
			n.budget = 0
			return "" // spent: not memoised, so that every later name also goes without
		}
		d, ok := n.scratch.within(ls, c, typoDistance(lr, cr))
		if ok && (bestD < 0 || d < bestD) {
			best, bestD = n.all[i], d
		}
	}
	n.suggested[s] = best
	return best
}

// appendLowerRunes appends the runes of strings.ToLower(s) to dst.
func appendLowerRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, unicode.ToLower(r))
	}
	return dst
}

// typoDistance is the edit distance still counted as a typo between names of these lengths in
// runes.
func typoDistance(a, b int) int {
	n := min(a, b)
	switch {
	case n < 5:
		return 0
	case n < 12:
		return 1
	}
	return 2
}

// distanceScratch is the memory within works in, kept from one call to the next.
type distanceScratch struct {
	word, other []rune
	rows        []int
}

// within returns the edit distance between two rune strings, where swapping two neighbouring
// letters counts as one edit (optimal string alignment, as typos usually are), and true, when
// it is at most k; otherwise something above k and false. It fills only the band of the
// distance table within k of its diagonal (a path that leaves the band costs more than k) and
// stops at the first row whose band is all above k (every later cell costs at least as much),
// so telling a typo from a different word costs a few cells per letter.
func (sc *distanceScratch) within(a, b []rune, k int) (int, bool) {
	la, lb := len(a), len(b)
	over := k + 1
	if la-lb > k || lb-la > k {
		return over, false
	}
	w := lb + 1
	if cap(sc.rows) < 3*w {
		sc.rows = make([]int, 3*w)
	}
	rows := [3][]int{sc.rows[:w], sc.rows[w : 2*w], sc.rows[2*w : 3*w]}
	for j := 0; j <= min(lb, k); j++ {
		rows[0][j] = j
	}
	if k+1 <= lb {
		rows[0][k+1] = over
	}
	for i := 1; i <= la; i++ {
		cur, prev, prev2 := rows[i%3], rows[(i-1)%3], rows[(i+1)%3]
		lo, hi := max(0, i-k), min(lb, i+k)
		if lo > 0 {
			cur[lo-1] = over
		}
		rowMin := over
		for j := lo; j <= hi; j++ {
			v := i
			if j > 0 {
				cost := 1
				if a[i-1] == b[j-1] {
					cost = 0
				}
				v = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
				if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
					v = min(v, prev2[j-2]+1)
				}
			}
			v = min(v, over)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi+1 <= lb {
			cur[hi+1] = over
		}
		if rowMin > k {
			return over, false
		}
	}
	d := rows[la%3][lb]
	return d, d <= k
}

// normalise folds case, collapses whitespace and turns newlines into spaces: OWM's lenient
// spelling of a name. A name already in that form (most are) is returned as it is, without
// allocating.
func normalise(s string) string {
	if isNormalised(s) {
		return s
	}
	return string(appendNormalised(make([]byte, 0, len(s)), s))
}

// isNormalised reports whether normalise would return s unchanged, looking only at ASCII text:
// no capital letter, no whitespace but single spaces between words.
func isNormalised(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c >= 'A' && c <= 'Z', c >= '\t' && c <= '\r':
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}

// appendNormalised appends the normalised form of s to dst: each rune lower-cased as
// strings.ToLower does (an invalid byte becomes U+FFFD), words separated by single spaces,
// whitespace as unicode.IsSpace defines it, with none at either end.
func appendNormalised(dst []byte, s string) []byte {
	if t := strings.TrimSpace(s); isNormalised(t) {
		return append(dst, t...) // most text: copied as it is
	}
	start, space := len(dst), false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch asciiClass[c] {
			case asciiSpace:
				space = true
				continue
			case asciiUpper:
				c += 'a' - 'A'
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, c)
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if r = unicode.ToLower(r); unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// asciiClass sorts the ASCII bytes for appendNormalised.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c >= 'A' && c <= 'Z':
			t[c] = asciiUpper
		case unicode.IsSpace(rune(c)):
			t[c] = asciiSpace
		}
	}
	return t
}()

const (
	asciiOther = iota
	asciiUpper
	asciiSpace
)
