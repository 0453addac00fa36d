package edit

import (
	"fmt"

	"mapwright/mapdsl"
)

// findEvolve returns the first evolve statement of the component called name (OWM draws one
// evolved copy per component; later evolve lines for the same name are extras).
func findEvolve(m *mapdsl.Map, name string) (*mapdsl.Evolve, error) {
	for _, e := range m.Evolves {
		if e.Name == name {
			return e, nil
		}
	}
	names := make([]string, len(m.Evolves))
	for i, e := range m.Evolves {
		names[i] = e.Name
	}
	if best := closest(name, names); best != "" {
		return nil, fmt.Errorf("%q is not evolved (did you mean %q?)", name, best)
	}
	return nil, fmt.Errorf("%q is not evolved: there is no evolve line for it", name)
}

// SetEvolve sets the maturity the component called name evolves to: it rewrites the number of
// its (first) evolve line, or appends "evolve Name mat" when the component has none yet.
// Dragging the evolved copy calls this.
func SetEvolve(src []byte, m *mapdsl.Map, name string, mat float64) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := checkFinite("the maturity", mat); err != nil {
		return Splice{}, err
	}
	for _, e := range m.Evolves {
		if e.Name == name {
			return setEvolve(src, e, mat)
		}
	}
	_, c, err := findComponent(m, name)
	if err != nil {
		return Splice{}, err
	}
	if c.Kind == mapdsl.KindPipelineChild {
		return Splice{}, fmt.Errorf("%q is a pipeline child, and OWM does not draw evolved pipeline children; move it along its pipeline instead", name)
	}
	problem := linkProblem(name)
	if problem == "" {
		problem = evolveProblem(name)
	}
	if problem != "" {
		return Splice{}, fmt.Errorf("cannot write an evolve line for %q: %s; rename it first", name, problem)
	}
	return insertStatement(src, "evolve "+writeName(name, inEvolve)+" "+formatCoord(mat), mapdsl.StmtEvolve)
}

// SetEvolveAt rewrites the maturity of the evolve statement at index i of m.Evolves (the index
// render.Scene reports for an evolved copy).
func SetEvolveAt(src []byte, m *mapdsl.Map, i int, mat float64) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := indexed("evolve line", i, len(m.Evolves)); err != nil {
		return Splice{}, err
	}
	if err := checkFinite("the maturity", mat); err != nil {
		return Splice{}, err
	}
	return setEvolve(src, m.Evolves[i], mat)
}

func setEvolve(src []byte, e *mapdsl.Evolve, mat float64) (Splice, error) {
	if !e.Maturity.Set || !e.Maturity.Range.Valid() {
		return Splice{}, fmt.Errorf("the evolve line of %q (line %d) has no maturity; write one after the name, as in \"evolve %s 0.80\"",
			e.Name, e.Range.Start.Line, writeName(e.Name, inEvolve))
	}
	if err := checkRange(src, "evolve maturity", e.Maturity.Range); err != nil {
		return Splice{}, err
	}
	return numberEdit(e.Maturity, mat, formatCoord), nil
}

// SetPipelineEnds sets the maturity span [start, end] of the pipeline of the component called
// name, rewriting pipeline Name [start, end] or adding the brackets to a bare pipeline line.
// A block pipeline takes its span from its children, so it is refused with that advice.
func SetPipelineEnds(src []byte, m *mapdsl.Map, name string, start, end float64) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := checkFinite("a pipeline end", start, end); err != nil {
		return Splice{}, err
	}
	for _, p := range m.Pipelines {
		if p.Name == name {
			return setPipelineEnds(src, p, start, end)
		}
	}
	names := make([]string, len(m.Pipelines))
	for i, q := range m.Pipelines {
		names[i] = q.Name
	}
	return Splice{}, unknown("pipeline", name, names)
}

// SetPipelineEndsAt is SetPipelineEnds for the pipeline at index i of m.Pipelines (the index
// render.Scene reports for the pipeline and its end handles).
func SetPipelineEndsAt(src []byte, m *mapdsl.Map, i int, start, end float64) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := indexed("pipeline", i, len(m.Pipelines)); err != nil {
		return Splice{}, err
	}
	if err := checkFinite("a pipeline end", start, end); err != nil {
		return Splice{}, err
	}
	return setPipelineEnds(src, m.Pipelines[i], start, end)
}

func setPipelineEnds(src []byte, p *mapdsl.Pipeline, start, end float64) (Splice, error) {
	name := p.Name
	if len(p.Children) > 0 {
		return Splice{}, fmt.Errorf("pipeline %q spans its children (line %d onwards); move its first or last child instead", name, p.Range.Start.Line)
	}
	if p.Bracketed && p.Start.Set && p.End.Set {
		if err := checkRange(src, "pipeline start", p.Start.Range); err != nil {
			return Splice{}, err
		}
		if err := checkRange(src, "pipeline end", p.End.Range); err != nil {
			return Splice{}, err
		}
		return join(src, []Splice{numberEdit(p.Start, start, formatCoord), numberEdit(p.End, end, formatCoord)}), nil
	}
	if p.Bracketed {
		return Splice{}, fmt.Errorf("the brackets of pipeline %q (line %d) do not hold two numbers; write them as [start, end]", name, p.Range.Start.Line)
	}
	if err := checkRange(src, "pipeline", p.NameRange); err != nil {
		return Splice{}, err
	}
	at := p.NameRange.End.Offset
	return Splice{Start: at, End: at, Text: " [" + formatCoord(start) + ", " + formatCoord(end) + "]"}, nil
}
