package edit

import (
	"fmt"

	"mapwright/mapdsl"
)

// AddComponent appends the line "component Name [vis, mat]". It refuses a name that is already
// taken by a component or anchor (links could no longer tell them apart) and a name that OWM
// would misread (see the error for why).
func AddComponent(src []byte, m *mapdsl.Map, name string, vis, mat float64) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := checkFinite("a position", vis, mat); err != nil {
		return Splice{}, err
	}
	if err := checkNewName(m, name); err != nil {
		return Splice{}, err
	}
	return appendStatement(src, "component "+writeName(name, inDeclaration)+" "+coordsText(vis, mat), mapdsl.StmtComponent)
}

// checkNewName refuses names that cannot be written or that another element already has.
func checkNewName(m *mapdsl.Map, name string) error {
	if problem := nameProblem(name); problem != "" {
		return fmt.Errorf("cannot use the name %q: %s", name, problem)
	}
	for _, c := range m.Components {
		if c.Name == name {
			return fmt.Errorf("there is already a component named %q (line %d); choose another name", name, c.Range.Start.Line)
		}
	}
	for _, a := range m.Anchors {
		if a.Name == name {
			return fmt.Errorf("there is already an anchor named %q (line %d); choose another name", name, a.Range.Start.Line)
		}
	}
	return nil
}

// AddLink appends the dependency link "From->To". Both ends must name a component, submap,
// pipeline child or anchor, and the two must not be linked already.
func AddLink(src []byte, m *mapdsl.Map, from, to string) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	known := allNames(m)
	for _, end := range []string{from, to} {
		found := false
		for _, n := range known {
			found = found || n == end
		}
		if !found {
			return Splice{}, unknown("component or anchor", end, known)
		}
		if problem := linkProblem(end); problem != "" {
			return Splice{}, fmt.Errorf("cannot link %q: %s; rename it first", end, problem)
		}
	}
	if from == to {
		return Splice{}, fmt.Errorf("cannot link %q to itself", from)
	}
	for _, l := range m.Links {
		if (refersTo(m, l.From, from) && refersTo(m, l.To, to)) || (refersTo(m, l.From, to) && refersTo(m, l.To, from)) {
			return Splice{}, fmt.Errorf("%q and %q are already linked on line %d", from, to, l.Range.Start.Line)
		}
	}
	return appendStatement(src, writeName(from, inLinkStart)+"->"+writeName(to, inLinkEnd), mapdsl.StmtLink)
}
