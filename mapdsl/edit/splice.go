package edit

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Splice replaces src[Start:End] with Text. Start and End are byte offsets into the text the
// edit was computed from.
type Splice struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// IsNoop reports whether applying the splice leaves any text unchanged.
func (s Splice) IsNoop() bool { return s.Start == s.End && s.Text == "" }

// Apply returns a copy of src with the splices applied. The splices are offsets into src (not
// into each other's results); they must lie inside src and must not overlap, except that
// several insertions (Start == End) at the same offset are applied in argument order. Apply
// panics on splices that break these rules, as slicing would: they are programming errors.
func Apply(src []byte, splices ...Splice) []byte {
	ordered := make([]Splice, 0, len(splices))
	for _, s := range splices {
		if !s.IsNoop() {
			ordered = append(ordered, s)
		}
	}
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].Start < ordered[j].Start })
	out := make([]byte, 0, len(src)+64)
	at := 0
	for _, s := range ordered {
		if s.Start < at || s.End < s.Start || s.End > len(src) {
			panic(fmt.Sprintf("edit.Apply: splice [%d,%d) overlaps another or lies outside the %d-byte text", s.Start, s.End, len(src)))
		}
		out = append(out, src[at:s.Start]...)
		out = append(out, s.Text...)
		at = s.End
	}
	return append(out, src[at:]...)
}

// Merge combines splices computed on the same text (for example a pipeline drag that moves
// its component and its ends) into the one splice that spans them, so that the editor applies
// them as one replacement and one undo step. They must not overlap.
func Merge(src []byte, splices ...Splice) Splice { return join(src, splices) }

// join merges non-overlapping replacements into the one splice that spans them all, carrying
// the untouched text between them over unchanged, and then trims what the splice would
// rewrite to itself. Insertions at the same offset keep their order.
func join(src []byte, parts []Splice) Splice {
	var live []Splice
	for _, p := range parts {
		if !p.IsNoop() {
			live = append(live, p)
		}
	}
	if len(live) == 0 {
		return Splice{}
	}
	sort.SliceStable(live, func(i, j int) bool { return live[i].Start < live[j].Start })
	start, end := live[0].Start, live[0].End
	var text strings.Builder
	at := start
	for _, p := range live {
		if p.Start < at || p.End < p.Start || p.End > len(src) {
			panic(fmt.Sprintf("edit: splice [%d,%d) overlaps another or lies outside the %d-byte text", p.Start, p.End, len(src)))
		}
		text.Write(src[at:p.Start])
		text.WriteString(p.Text)
		at = p.End
		end = max(end, p.End)
	}
	return minimize(src, Splice{Start: start, End: end, Text: text.String()})
}

// minimize drops the common prefix and suffix of the replaced text and its replacement, on
// rune boundaries (an editor widget that counts runes never sees half a character), so the
// splice covers only the bytes that really change. A replacement by identical text becomes
// the zero Splice.
func minimize(src []byte, s Splice) Splice {
	old := string(src[s.Start:s.End])
	text := s.Text
	for len(old) > 0 && len(text) > 0 {
		r1, n1 := utf8.DecodeRuneInString(old)
		r2, n2 := utf8.DecodeRuneInString(text)
		if r1 != r2 || n1 != n2 || old[:n1] != text[:n2] {
			break
		}
		old, text = old[n1:], text[n2:]
		s.Start += n1
	}
	for len(old) > 0 && len(text) > 0 {
		r1, n1 := utf8.DecodeLastRuneInString(old)
		r2, n2 := utf8.DecodeLastRuneInString(text)
		if r1 != r2 || n1 != n2 || old[len(old)-n1:] != text[len(text)-n2:] {
			break
		}
		old, text = old[:len(old)-n1], text[:len(text)-n2]
		s.End -= n1
	}
	if old == "" && text == "" {
		return Splice{}
	}
	s.Text = text
	return s
}
