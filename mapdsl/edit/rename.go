package edit

import (
	"fmt"
	"strings"

	"mapwright/mapdsl"
)

// Rename renames the component, submap, pipeline child or anchor called old to new everywhere
// the name is written: its own line(s), evolve lines, pipeline lines, legacy "build Name" lines and link ends (including
// link ends that reach it through OWM's case- and space-insensitive matching). The new name is
// quoted where a line needs it, and wherever the old one was quoted. Evolve lines keep their "->NewName" label.
func Rename(src []byte, m *mapdsl.Map, old, new string) (Splice, error) {
	m = mapOf(src, m)
	if old == new {
		return Splice{}, nil
	}
	if strings.TrimSpace(old) == "" {
		return Splice{}, fmt.Errorf("only named elements can be renamed; give the element a name in the text first")
	}
	rn := &renamer{src: src, new: new, m: m}
	declared := false
	for _, c := range m.Components {
		if c.Name == old {
			declared = true
			if err := rn.replace("name of "+old, c.NameRange, inDeclaration); err != nil {
				return Splice{}, err
			}
		}
	}
	for _, a := range m.Anchors {
		if a.Name == old {
			declared = true
			if err := rn.replace("name of "+old, a.NameRange, inDeclaration); err != nil {
				return Splice{}, err
			}
		}
	}
	if !declared {
		return Splice{}, unknown("component or anchor", old, allNames(m))
	}
	// A rename that changes only case or spacing would trip over the old name itself.
	if normalize(old) != normalize(new) || strings.Contains(new, "\n") {
		if err := checkNewName(m, new); err != nil {
			return Splice{}, err
		}
	} else if problem := nameProblem(new); problem != "" {
		return Splice{}, fmt.Errorf("cannot use the name %q: %s", new, problem)
	}
	if err := rn.evolves(m, old); err != nil {
		return Splice{}, err
	}
	if err := rn.references(m, old); err != nil {
		return Splice{}, err
	}
	return join(src, rn.parts), nil
}

// renamer collects the splices of one rename.
type renamer struct {
	src   []byte
	new   string
	m     *mapdsl.Map // for the dialect the name is spelled in
	parts []Splice
}

// replace writes the new name over the name at r (what names it in errors), quoted where ctx
// needs it or where the old name was quoted.
func (rn *renamer) replace(what string, r mapdsl.Range, ctx nameContext) error {
	if err := checkRange(rn.src, what, r); err != nil {
		return err
	}
	start, end := trimBlanks(rn.src, r.Start.Offset, r.End.Offset)
	text := spell(rn.m, rn.new, ctx)
	if start < end && rn.src[start] == '"' && !strings.HasPrefix(text, `"`) {
		text = quote(rn.new) // the name was quoted: keep it so
	}
	rn.parts = append(rn.parts, Splice{Start: start, End: end, Text: text})
	return nil
}

// evolves renames old on the lines that evolve it, keeping their "->NewName" labels, or says
// why the new name cannot stand there.
func (rn *renamer) evolves(m *mapdsl.Map, old string) error {
	new := rn.new
	for _, e := range m.Evolves {
		if e.Name != old {
			continue
		}
		if problem := evolveProblem(new); problem != "" {
			return fmt.Errorf("cannot rename %q to %q: %s (line %d evolves it)", old, new, problem, e.Range.Start.Line)
		}
		// Mapwright also reads a whole number as an evolve maturity ("evolve Kettle 1"), so on a
		// line that gives no decimal one, a new name ending in a number would lend it its digits.
		if !strings.Contains(e.Maturity.Raw, ".") && endsInNumberWord(new) {
			return fmt.Errorf("cannot rename %q to %q: line %d evolves it without a decimal maturity, and the number at the end of the new name would be read as one; write the maturity with a decimal point (e.g. 0.85) first",
				old, new, e.Range.Start.Line)
		}
		r := e.NameRange
		if err := checkRange(rn.src, "evolve of "+old, r); err != nil {
			return err
		}
		// Keep "->NewName" should the range cover it.
		if arrow := strings.Index(rangeText(rn.src, r), "->"); arrow >= 0 && e.NewName != "" {
			r.End.Offset = r.Start.Offset + arrow
		}
		if err := rn.replace("evolve of "+old, r, inEvolve); err != nil {
			return err
		}
	}
	return nil
}

// references renames old where other lines name it: pipeline lines, legacy "build Name" lines
// and link ends (those that reach it through OWM's lenient matching too).
func (rn *renamer) references(m *mapdsl.Map, old string) error {
	for _, p := range m.Pipelines {
		if p.Name == old {
			if err := rn.replace("pipeline of "+old, p.NameRange, inDeclaration); err != nil {
				return err
			}
		}
	}
	for _, st := range legacyMethods(rn.src, old) {
		if err := rn.replace(st.Keyword+" "+old, st.NameRange, inDeclaration); err != nil {
			return err
		}
	}
	for _, l := range m.Links {
		if refersTo(m, l.From, old) {
			if err := rn.replace("link from "+old, l.FromRange, inLinkStart); err != nil {
				return err
			}
		}
		if refersTo(m, l.To, old) {
			if err := rn.replace("link to "+old, l.ToRange, inLinkEnd); err != nil {
				return err
			}
		}
	}
	return nil
}

// trimBlanks narrows [start, end) to exclude spaces and tabs at either end.
func trimBlanks(src []byte, start, end int) (int, int) {
	for start < end && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
		end--
	}
	return start, end
}

// endsInNumberWord reports whether the last blank-separated word of name starts with a digit,
// a sign or a point, which an evolve line could read as its maturity.
func endsInNumberWord(name string) bool {
	fields := strings.Fields(name)
	if len(fields) < 2 {
		return false
	}
	last := fields[len(fields)-1]
	return strings.IndexAny(last[:1], "0123456789.-+") == 0
}
