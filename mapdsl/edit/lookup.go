package edit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"mapwright/mapdsl"
)

// mapOf returns m, or the parse of src when m is nil.
func mapOf(src []byte, m *mapdsl.Map) *mapdsl.Map {
	if m == nil {
		m, _ = mapdsl.Parse("", src)
	}
	return m
}

// allNames lists the names links can refer to: components, submaps, pipeline children, anchors.
func allNames(m *mapdsl.Map) []string {
	names := make([]string, 0, len(m.Components)+len(m.Anchors))
	for _, c := range m.Components {
		names = append(names, c.Name)
	}
	for _, a := range m.Anchors {
		names = append(names, a.Name)
	}
	return names
}

// unknown reports a name that matches nothing, suggesting the closest known name.
func unknown(what, name string, known []string) error {
	if best := closest(name, known); best != "" {
		return fmt.Errorf("no %s named %q (did you mean %q?)", what, name, best)
	}
	return fmt.Errorf("no %s named %q in the map", what, name)
}

// closest returns the known name nearest to name when it is near enough to be a likely typo.
func closest(name string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if normalize(k) == normalize(name) {
			return k
		}
		if d := mapdsl.EditDistance(strings.ToLower(name), strings.ToLower(k)); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// normalize is how OWM HEAD compares link ends when no name matches exactly: lower case, line
// breaks as spaces, runs of blanks collapsed.
func normalize(name string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(name), unicode.IsSpace), " ")
}

// refersTo reports whether a link end written as end refers to the element called name: an
// exact match, or (as OWM HEAD resolves links) a normalised match when no element has exactly
// the written name.
func refersTo(m *mapdsl.Map, end, name string) bool {
	if end == name {
		return true
	}
	if !looselyEqual(end, name) {
		return false
	}
	for _, n := range allNames(m) {
		if n == end {
			return false
		}
	}
	return true
}

// looselyEqual is normalize(a) == normalize(b) without building the normalised strings: lower
// case, blanks and line breaks collapsed, none at either end.
func looselyEqual(a, b string) bool {
	next := func(s string, i int) (rune, int) {
		// Skip a run of blanks; report it as one space unless it ends the string.
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r) {
				break
			}
			j += n
		}
		if j > i && i > 0 && j < len(s) {
			return ' ', j
		}
		if j >= len(s) {
			return -1, j
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		return unicode.ToLower(r), j + n
	}
	i, j := 0, 0
	for {
		ra, ni := next(a, i)
		rb, nj := next(b, j)
		if ra != rb {
			return false
		}
		if ra == -1 {
			return true
		}
		i, j = ni, nj
	}
}

// rangeText returns the source text of r.
func rangeText(src []byte, r mapdsl.Range) string {
	return string(src[r.Start.Offset:r.End.Offset])
}

// checkRange guards against a model that does not belong to src, so that a stale model gives
// an error instead of a corrupted text.
func checkRange(src []byte, what string, r mapdsl.Range) error {
	if !r.Valid() || r.Start.Offset < 0 || r.End.Offset > len(src) || r.Start.Offset > r.End.Offset {
		return fmt.Errorf("the %s has no usable position in the text (was the map parsed from this text?)", what)
	}
	return nil
}
