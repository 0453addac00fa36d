package edit

import (
	"bytes"
	"fmt"
	"strings"

	"mapwright/mapdsl"
)

// linkStatement returns the link r points to and its statement.
func linkStatement(src []byte, m *mapdsl.Map, r Ref) (*mapdsl.Link, *mapdsl.Statement, error) {
	l, err := at(r, Links, m.Links)
	if err != nil {
		return nil, nil, err
	}
	if err := checkRange(src, "link", l.Range); err != nil {
		return nil, nil, err
	}
	f, _ := mapdsl.ParseFile("", src)
	for _, st := range f.Statements {
		if st.Kind == mapdsl.StmtLink && st.Range.Start.Offset == l.Range.Start.Offset {
			return l, st, nil
		}
	}
	return nil, nil, fmt.Errorf("the link on line %d is not where the map says (was the map parsed from this text?)", l.Range.Start.Line)
}

// SetLinkContext sets the text written after "; " on the link r points to (OWM shows it along
// the line); an empty text removes it.
func SetLinkContext(src []byte, m *mapdsl.Map, r Ref, text string) (Splice, error) {
	l, st, err := linkStatement(src, mapOf(src, m), r)
	if err != nil {
		return Splice{}, err
	}
	text = strings.TrimSpace(text)
	if strings.ContainsAny(text, "\r\n") || strings.Contains(text, "//") || strings.Contains(text, "/*") {
		return Splice{}, fmt.Errorf("a link's context must fit on one line without // or /*")
	}
	end := contentEnd(src, l.Range)
	start := end
	if semi := bytes.IndexByte(src[st.OperatorRange.End.Offset:end], ';'); semi >= 0 {
		start = st.OperatorRange.End.Offset + semi
		for start > l.Range.Start.Offset && (src[start-1] == ' ' || src[start-1] == '\t') {
			start--
		}
	}
	written := ""
	if text != "" {
		written = "; " + text
	}
	s := minimize(src, Splice{Start: start, End: end, Text: written})
	after, _ := mapdsl.Parse("", Apply(src, s))
	if i := r.Index; i >= len(after.Links) || after.Links[i].Context != text || after.Links[i].From != l.From || after.Links[i].To != l.To {
		return Splice{}, fmt.Errorf("could not write the context %q on line %d; edit the line by hand", text, l.Range.Start.Line)
	}
	return s, nil
}

// SetFlowLabel sets the flow text of the link r points to: "A+'$5'>B". A plain link becomes a
// flow link ("A->B" gives "A+'label'>B"); an empty label keeps the flow without text.
func SetFlowLabel(src []byte, m *mapdsl.Map, r Ref, label string) (Splice, error) {
	l, st, err := linkStatement(src, mapOf(src, m), r)
	if err != nil {
		return Splice{}, err
	}
	if strings.ContainsAny(label, "'\r\n") {
		return Splice{}, fmt.Errorf("a flow's text cannot hold ' or a line break")
	}
	op := st.Operator
	direction := ">"
	switch {
	case strings.HasPrefix(op, "+'"):
		direction = op[strings.LastIndexByte(op, '\'')+1:]
	case strings.HasPrefix(op, "+"):
		direction = op[1:]
	}
	written := "+" + direction
	if label != "" {
		written = "+'" + label + "'" + direction
	}
	s := minimize(src, Splice{Start: st.OperatorRange.Start.Offset, End: st.OperatorRange.End.Offset, Text: written})
	after, _ := mapdsl.Parse("", Apply(src, s))
	if i := r.Index; i >= len(after.Links) || after.Links[i].FlowLabel != label || after.Links[i].From != l.From || after.Links[i].To != l.To {
		return Splice{}, fmt.Errorf("could not write the flow text %q on line %d; edit the line by hand", label, l.Range.Start.Line)
	}
	return s, nil
}
