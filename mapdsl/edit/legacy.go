package edit

import (
	"bytes"
	"fmt"
	"strings"

	"mapwright/mapdsl"
)

// legacyMethods returns the standalone "build Name" / "buy Name" / "outsource Name" statements
// (the pre-2025 way of marking a component) that name the component. The Map does not keep
// them, so the text is read again, but only when such a line can exist at all.
func legacyMethods(src []byte, name string) []*mapdsl.Statement {
	if !bytes.Contains(src, []byte("build ")) && !bytes.Contains(src, []byte("buy ")) && !bytes.Contains(src, []byte("outsource ")) {
		return nil
	}
	f, _ := mapdsl.ParseFile("", src)
	var out []*mapdsl.Statement
	for _, st := range f.Statements {
		if st.Kind == mapdsl.StmtMethod && st.Name == name {
			out = append(out, st)
		}
	}
	return out
}

// nameEnd returns where coordinates go when a line has none: right after its name. A line
// that names nothing ("component" alone) is refused: OWM would read the coordinates as the name.
func nameEnd(src []byte, what string, name, statement mapdsl.Range) (int, error) {
	if !name.Valid() {
		return 0, fmt.Errorf("the %s on line %d has no name; name it first, as in \"component Name [0.50, 0.50]\"",
			strings.SplitN(what, " ", 2)[0], statement.Start.Line)
	}
	if err := checkRange(src, what, name); err != nil {
		return 0, err
	}
	return name.End.Offset, nil
}
