package edit

import (
	"fmt"

	"mapwright/mapdsl"
)

// SetEvolve sets the maturity an element evolves to. For an evolve line it rewrites the line's
// number (dragging the evolved copy). For a component it rewrites the number of its (first)
// evolve line, or appends "evolve Name mat" when it has none yet.
func SetEvolve(src []byte, m *mapdsl.Map, r Ref, mat float64) (Splice, error) {
	m = mapOf(src, m)
	if r.List == Evolves {
		e, err := at(r, Evolves, m.Evolves)
		if err != nil {
			return Splice{}, err
		}
		if err := checkFinite("the maturity", mat); err != nil {
			return Splice{}, err
		}
		return setEvolve(src, e, mat)
	}
	c, err := at(r, Components, m.Components)
	if err != nil {
		return Splice{}, err
	}
	if err := checkFinite("the maturity", mat); err != nil {
		return Splice{}, err
	}
	name := c.Name
	for _, e := range m.Evolves {
		if e.Name == name {
			return setEvolve(src, e, mat)
		}
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
	return insertStatement(src, "evolve "+spell(m, name, inEvolve)+" "+formatCoord(mat), mapdsl.StmtEvolve)
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

// SetPipelineEnds sets the maturity span [start, end] of the pipeline r points to, rewriting
// pipeline Name [start, end] or adding the brackets to a bare pipeline line. A block pipeline
// takes its span from its children, so it is refused with that advice.
func SetPipelineEnds(src []byte, m *mapdsl.Map, r Ref, start, end float64) (Splice, error) {
	p, err := at(r, Pipelines, mapOf(src, m).Pipelines)
	if err != nil {
		return Splice{}, err
	}
	if err := checkFinite("a pipeline end", start, end); err != nil {
		return Splice{}, err
	}
	return setPipelineEnds(src, p, start, end)
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
