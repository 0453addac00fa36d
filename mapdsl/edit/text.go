package edit

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"mapwright/mapdsl"
	"mapwright/mapdsl/mermaid"
)

// formatCoord writes a map position (visibility or maturity) with two decimals, as OWM does
// when you drag: 0.7 becomes "0.70". Negative zero is written "0.00".
func formatCoord(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

// formatOffset writes a label offset in pixels rounded to two decimals, without trailing
// zeros: 12 becomes "12", -9.5 stays "-9.5".
func formatOffset(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	if s == "-0" {
		s = "0"
	}
	return s
}

// checkFinite rejects NaN and infinities, which have no spelling in a map.
func checkFinite(what string, values ...float64) error {
	for _, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s must be a finite number, not %v", what, v)
		}
	}
	return nil
}

// numberEdit replaces a written number by v, written with format, unless v is the value
// already written (or rounds to it), in which case the original spelling is kept. Text written
// after the number that OWM ignores as part of it ("inertia" in "[0.4, 0.6inertia") stays, since
// the line may read something from it.
func numberEdit(n mapdsl.Number, v float64, format func(float64) string) Splice {
	text := format(v)
	if v == n.Value {
		return Splice{}
	}
	if parsed, err := strconv.ParseFloat(text, 64); err == nil && parsed == n.Value {
		return Splice{}
	}
	if tail := mapdsl.NumberTail(n.Raw); tail != "" && mapdsl.NumberTail(text+tail) == tail {
		text += tail // unless the tail would run on the new number ("0.2.5" moved to 1)
	}
	return Splice{Start: n.Range.Start.Offset, End: n.Range.End.Offset, Text: text}
}

// lineEnding returns the line break the text uses: "\r\n" when its first line ends so,
// otherwise "\n".
func lineEnding(src []byte) string {
	if i := bytes.IndexByte(src, '\n'); i > 0 && src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// appendLine returns the splice that adds line (without a line break) as the last line of src,
// first ending the current last line if it has no line break.
func appendLine(src []byte, line string) Splice {
	eol := lineEnding(src)
	text := line + eol
	if len(src) > 0 && src[len(src)-1] != '\n' {
		text = eol + text
	}
	return Splice{Start: len(src), End: len(src), Text: text}
}

// lineSpan returns the byte span of the whole lines that r touches, including the final line
// break, so deleting the span removes those lines and nothing else.
func lineSpan(src []byte, r mapdsl.Range) (start, end int) {
	start = r.Start.Offset
	for start > 0 && src[start-1] != '\n' {
		start--
	}
	end = max(r.End.Offset, r.Start.Offset)
	if end > r.Start.Offset && src[end-1] == '\n' {
		return start, end
	}
	for end < len(src) && src[end] != '\n' {
		end++
	}
	if end < len(src) {
		end++
	}
	return start, end
}

// contentEnd returns where the statement at r really ends: before a trailing comment and
// trailing blanks. New modifiers (inertia, decorators, label) are inserted there.
func contentEnd(src []byte, r mapdsl.Range) int {
	start, end := r.Start.Offset, r.End.Offset
	if lineEnd := bytes.IndexByte(src[start:end], '\n'); lineEnd >= 0 {
		end = start + lineEnd
	}
	inQuote := false
	for i := start; i < end; i++ {
		switch {
		case src[i] == '\\' && inQuote:
			i++
		case src[i] == '"':
			inQuote = !inQuote
		case !inQuote && src[i] == '/' && i+1 < end && (src[i+1] == '/' || src[i+1] == '*'):
			end = i
		}
	}
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
		end--
	}
	return end
}

// nameProblem explains why a new name cannot be written into a map line so that OWM and
// Mapwright read it back as the same name, or returns "".
func nameProblem(name string) string {
	if problem := linkProblem(name); problem != "" {
		return problem
	}
	switch {
	case strings.Contains(name, "label "):
		return `"label " introduces a label offset, so a name cannot contain it`
	case strings.Contains(name, "inertia"):
		return `OWM marks every line containing "inertia" with an inertia bar, so a name cannot contain it`
	case strings.Contains(name, "evolve "):
		return `OWM reads "evolve " inside a component line as the legacy inline evolve`
	case strings.Contains(name, "url("):
		return `"url(" introduces a submap reference, so a name cannot contain it`
	}
	if open := strings.IndexByte(name, '('); open >= 0 {
		for _, w := range []string{"build", "buy", "outsource", "market", "ecosystem"} {
			if strings.Contains(name[open:], w) {
				return fmt.Sprintf("OWM reads %q after a ( as the %s decorator, so a name cannot contain it there", w, w)
			}
		}
	}
	return ""
}

// linkProblem explains why a name cannot be written at the end of a link line, or returns "".
func linkProblem(name string) string {
	switch {
	case strings.TrimSpace(name) == "":
		return "a name needs at least one visible character"
	case !utf8.ValidString(name):
		return "a name must be valid UTF-8 text"
	case strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }):
		return "a name cannot hold control characters"
	case strings.ContainsAny(name, "[]"):
		return "brackets start the coordinates of a line, so a name cannot contain [ or ]"
	case strings.Contains(name, "//") || strings.Contains(name, "/*"):
		return "// and /* start a comment, so a name cannot contain them"
	case strings.ContainsAny(name, "{}"):
		return "braces open and close pipeline blocks, so a name cannot contain { or }"
	case strings.Contains(name, "->") || strings.Contains(name, "+>") || strings.Contains(name, "+<") ||
		strings.Contains(name, "+'") || strings.Contains(name, ";"):
		return "->, +>, +<, +' and ; are link operators, so a name containing them could never be linked"
	}
	return ""
}

// evolveProblem explains why a name cannot stand in an evolve line, or returns "": OWM takes the
// first " .5" or " 0.5" of the line as the maturity, even inside quotes.
func evolveProblem(name string) string {
	for i := 0; i+1 < len(name); i++ {
		if name[i] == ' ' && (name[i+1] == '.' || (isDigit(name[i+1]) && i+2 < len(name) && name[i+2] == '.')) {
			return fmt.Sprintf("OWM reads the first decimal number of an evolve line as the maturity, and %q holds one", name)
		}
	}
	return ""
}

// needsQuotes reports whether a name must be written in double quotes to survive: line breaks,
// tabs, quotes, backslashes and blanks at either end.
func needsQuotes(name string) bool {
	return strings.ContainsAny(name, "\n\r\t\"\\") || strings.TrimSpace(name) != name
}

// quote writes a name in double quotes with the escapes OWM HEAD reads.
func quote(name string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range name {
		switch r {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// nameContext is where a name is written; each place has its own ways of misreading a name.
type nameContext int

const (
	inDeclaration nameContext = iota // component, submap, anchor, pipeline lines
	inEvolve                         // evolve Name 0.8 (see evolveProblem)
	inLinkStart                      // Name->Other
	inLinkEnd                        // Other->Name
)

// linkReserved are the prefixes that keep a line away from OWM's link scanner: a link whose
// first name starts with one of them is silently ignored unless the name is quoted.
var linkReserved = []string{"evolution", "valuechain", "anchor", "evolve", "component", "style",
	"build", "buy", "outsource", "title", "annotation", "pipeline", "note", "pioneers", "settlers",
	"townplanners", "submap", "url", "accelerator", "deaccelerator", "size", "market", "ecosystem"}

// spell writes a name for the given place in the map's dialect: Mermaid's quoting in a Mermaid
// diagram (which checkNewName keeps free of double quotes), OWM's otherwise (writeName).
func spell(m *mapdsl.Map, name string, ctx nameContext) string {
	if m != nil && m.Mermaid {
		return mermaid.Name(name)
	}
	return writeName(name, ctx)
}

// writeName spells a name for the given place, quoting it only where that is needed.
func writeName(name string, ctx nameContext) string {
	if needsQuotes(name) {
		return quote(name)
	}
	switch ctx {
	case inLinkStart:
		for _, w := range linkReserved {
			if strings.HasPrefix(name, w) {
				return quote(name)
			}
		}
	}
	if strings.HasPrefix(name, `"`) {
		return quote(name)
	}
	return name
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
