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
// its evolve line, or appends "evolve Name mat" when the component has none yet. Dragging the
// evolved copy calls this.
func SetEvolve(src []byte, m *mapdsl.Map, name string, mat float64) (Splice, error) {
	m, err := mapOf(src, m)
	if err != nil {
		return Splice{}, err
	}
	if err := checkFinite("the maturity", mat); err != nil {
		return Splice{}, err
	}
	for _, e := range m.Evolves {
		if e.Name != name {
			continue
		}
		if !e.Maturity.Set {
			if err := checkRange(src, "evolve line", e.Range); err != nil {
				return Splice{}, err
			}
			at := contentEnd(src, e.Range)
			if e.Label.Present || e.Decorators.Range.Valid() {
				return Splice{}, fmt.Errorf("the evolve line of %q (line %d) has no maturity; write one after the name", name, e.Range.Start.Line)
			}
			return Splice{Start: at, End: at, Text: " " + formatCoord(mat)}, nil
		}
		if err := checkRange(src, "evolve maturity", e.Maturity.Range); err != nil {
			return Splice{}, err
		}
		return numberEdit(e.Maturity, mat, formatCoord), nil
	}
	_, c, err := findComponent(m, name)
	if err != nil {
		return Splice{}, err
	}
	if c.Kind == mapdsl.KindPipelineChild {
		return Splice{}, fmt.Errorf("%q is a pipeline child, and OWM does not draw evolved pipeline children; move it along its pipeline instead", name)
	}
	return appendLine(src, "evolve "+writeName(name, inEvolve)+" "+formatCoord(mat)), nil
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
	var p *mapdsl.Pipeline
	for _, q := range m.Pipelines {
		if q.Name == name {
			p = q
			break
		}
	}
	if p == nil {
		names := make([]string, len(m.Pipelines))
		for i, q := range m.Pipelines {
			names[i] = q.Name
		}
		return Splice{}, unknown("pipeline", name, names)
	}
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
