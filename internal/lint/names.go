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
}

// maxTypoRunes is the longest name for which near duplicates are looked for (near.go): names
// longer than a line of text are not typed by hand.
const maxTypoRunes = 120

// build indexes the names of m.
func (n *names) build(m *mapdsl.Map) {
	if n.id == nil {
		n.id = make(map[string]int32, len(m.Anchors)+len(m.Components))
	}
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
		if c := s[i]; byteClass[c] != byteOther && (c != ' ' || s[i+1] == ' ') {
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
			switch byteClass[c] {
			case byteSpace:
				space = true
				continue
			case byteUpper:
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

// byteClass sorts the bytes for isNormalised and appendNormalised.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = byteNonASCII
		case c >= 'A' && c <= 'Z':
			t[c] = byteUpper
		case unicode.IsSpace(rune(c)):
			t[c] = byteSpace
		}
	}
	return t
}()

const (
	byteOther = iota
	byteUpper
	byteSpace
	byteNonASCII
)
