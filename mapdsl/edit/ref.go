package edit

import (
	"fmt"

	"mapwright/mapdsl"
)

// Ref is the element an edit changes: one of the Map's lists and the element's index in it,
// the index render.Scene reports in its Ref.Index. Every edit of an existing element takes
// one, so an element is found the same way however it is named (two components may share a
// name, a component may share one with an anchor, notes and links have none).
type Ref struct {
	List  List
	Index int
}

// List is one of the Map's lists of elements.
type List int

const (
	Components   List = iota + 1 // m.Components: components, submaps, pipeline children
	Anchors                      // m.Anchors
	Evolves                      // m.Evolves: evolve lines, drawn as evolved copies
	Pipelines                    // m.Pipelines
	Links                        // m.Links
	Notes                        // m.Notes
	Annotations                  // m.Annotations
	Accelerators                 // m.Accelerators: accelerators and deaccelerators
	Areas                        // m.Areas: pioneers, settlers and townplanners areas
)

func (l List) String() string {
	switch l {
	case Components:
		return "component"
	case Anchors:
		return "anchor"
	case Evolves:
		return "evolve line"
	case Pipelines:
		return "pipeline"
	case Links:
		return "link"
	case Notes:
		return "note"
	case Annotations:
		return "annotation"
	case Accelerators:
		return "accelerator"
	case Areas:
		return "area"
	}
	return "element"
}

// at returns the element r points to in items, the list want of the Map.
func at[T any](r Ref, want List, items []T) (T, error) {
	var zero T
	if r.List != want {
		return zero, fmt.Errorf("this edit is for %ss, not %ss", want, r.List)
	}
	if r.Index < 0 || r.Index >= len(items) {
		return zero, fmt.Errorf("there is no %s number %d: the map has %d (the text may have changed since it was drawn)", want, r.Index, len(items))
	}
	return items[r.Index], nil
}

// unsupported refuses an edit of an element of a list the edit does not apply to.
func unsupported(r Ref, what string) error {
	return fmt.Errorf("the %s cannot be %s", r.List, what)
}

// nameOf is the name a link uses for the element r points to: a component's, an anchor's, an
// evolved copy's (its new name when it has one).
func nameOf(m *mapdsl.Map, r Ref) (string, error) {
	switch r.List {
	case Components:
		c, err := at(r, Components, m.Components)
		if err != nil {
			return "", err
		}
		return c.Name, nil
	case Anchors:
		a, err := at(r, Anchors, m.Anchors)
		if err != nil {
			return "", err
		}
		return a.Name, nil
	case Evolves:
		e, err := at(r, Evolves, m.Evolves)
		if err != nil {
			return "", err
		}
		if e.NewName != "" {
			return e.NewName, nil
		}
		return e.Name, nil
	}
	return "", unsupported(r, "linked")
}

// component parses src when m is nil and returns the component r points to.
func component(src []byte, m *mapdsl.Map, r Ref) (*mapdsl.Map, *mapdsl.Component, error) {
	m = mapOf(src, m)
	c, err := at(r, Components, m.Components)
	return m, c, err
}
