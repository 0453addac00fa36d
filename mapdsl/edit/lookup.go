package edit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"mapwright/mapdsl"
)

// mapOf returns m, or the parse of src when m is nil.
func mapOf(src []byte, m *mapdsl.Map) (*mapdsl.Map, error) {
	if m != nil {
		return m, nil
	}
	parsed, _ := mapdsl.Parse("", src)
	return parsed, nil
}

// findComponent returns the one component, submap or pipeline child called name.
func findComponent(m *mapdsl.Map, name string) (int, *mapdsl.Component, error) {
	var hits []int
	for i, c := range m.Components {
		if c.Name == name {
			hits = append(hits, i)
		}
	}
	switch len(hits) {
	case 0:
		return -1, nil, unknown("component", name, allNames(m))
	case 1:
		return hits[0], m.Components[hits[0]], nil
	}
	lines := make([]string, len(hits))
	for i, h := range hits {
		lines[i] = fmt.Sprint(m.Components[h].Range.Start.Line)
	}
	return -1, nil, fmt.Errorf("%d components are named %q (lines %s); rename one of them so that the edit knows which one you mean",
		len(hits), name, strings.Join(lines, ", "))
}

// byName parses src when m is nil and finds the one component called name.
func byName(src []byte, m *mapdsl.Map, name string) (*mapdsl.Map, *mapdsl.Component, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return nil, nil, err
	}
	_, c, err := findComponent(m, name)
	return m, c, err
}

// byIndex parses src when m is nil and returns the component at index i of m.Components.
func byIndex(src []byte, m *mapdsl.Map, i int) (*mapdsl.Map, *mapdsl.Component, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return nil, nil, err
	}
	c, err := componentAt(m, i)
	return m, c, err
}

// componentAt returns the component at index i of m.Components.
func componentAt(m *mapdsl.Map, i int) (*mapdsl.Component, error) {
	if i < 0 || i >= len(m.Components) {
		return nil, fmt.Errorf("there is no component number %d: the map has %d components (the text may have changed since it was drawn)", i, len(m.Components))
	}
	return m.Components[i], nil
}

// findAnchor returns the one anchor called name.
func findAnchor(m *mapdsl.Map, name string) (*mapdsl.Anchor, error) {
	var hits []*mapdsl.Anchor
	for _, a := range m.Anchors {
		if a.Name == name {
			hits = append(hits, a)
		}
	}
	switch len(hits) {
	case 0:
		names := make([]string, len(m.Anchors))
		for i, a := range m.Anchors {
			names[i] = a.Name
		}
		return nil, unknown("anchor", name, names)
	case 1:
		return hits[0], nil
	}
	return nil, fmt.Errorf("%d anchors are named %q (lines %d and %d); rename one of them so that the edit knows which one you mean",
		len(hits), name, hits[0].Range.Start.Line, hits[1].Range.Start.Line)
}

// indexed checks an index into one of the map's lists.
func indexed(what string, i, n int) error {
	if i < 0 || i >= n {
		return fmt.Errorf("there is no %s number %d: the map has %d (the text may have changed since it was drawn)", what, i, n)
	}
	return nil
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
