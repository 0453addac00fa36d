package edit

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"mapwright/mapdsl"
)

// The helpers below build model pieces by hand, finding their ranges by searching the test
// text. They let the splice logic be tested on exactly the ranges a test wants, independent of
// the parser.

// posAt converts a byte offset of src to a Pos.
func posAt(src string, off int) mapdsl.Pos {
	line := 1 + strings.Count(src[:off], "\n")
	lineStart := strings.LastIndexByte(src[:off], '\n') + 1
	return mapdsl.Pos{Offset: off, Line: line, Column: 1 + utf8.RuneCountInString(src[lineStart:off])}
}

// find returns the range of the nth (0-based) occurrence of needle in src.
func find(t *testing.T, src, needle string, nth int) mapdsl.Range {
	t.Helper()
	from := 0
	for i := 0; ; i++ {
		k := strings.Index(src[from:], needle)
		if k < 0 {
			t.Fatalf("test text has no occurrence %d of %q", nth, needle)
		}
		if i == nth {
			return mapdsl.Range{Start: posAt(src, from+k), End: posAt(src, from+k+len(needle))}
		}
		from += k + len(needle)
	}
}

// lineOf returns the range of the statement on the line containing the nth occurrence of
// needle: from its first to its last non-blank byte, a trailing // comment excluded.
func lineOf(t *testing.T, src, needle string, nth int) mapdsl.Range {
	t.Helper()
	r := find(t, src, needle, nth)
	start := strings.LastIndexByte(src[:r.Start.Offset], '\n') + 1
	end := strings.IndexByte(src[start:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += start
	}
	if c := strings.Index(src[start:end], "//"); c >= 0 {
		end = start + c
	}
	for start < end && strings.ContainsRune(" \t", rune(src[start])) {
		start++
	}
	for end > start && strings.ContainsRune(" \t\r", rune(src[end-1])) {
		end--
	}
	return mapdsl.Range{Start: posAt(src, start), End: posAt(src, end)}
}

// pair returns Coords for the nth bracket group spelled exactly as bracket ("[0.45, 0.57]").
func pair(t *testing.T, src, bracket string, nth int) mapdsl.Coords {
	t.Helper()
	r := find(t, src, bracket, nth)
	c := mapdsl.Coords{Present: true, Range: r}
	inner := bracket[1 : len(bracket)-1]
	pieces := strings.Split(inner, ",")
	off := r.Start.Offset + 1
	var nums []mapdsl.Number
	for _, p := range pieces {
		lead := len(p) - len(strings.TrimLeft(p, " "))
		raw := strings.TrimSpace(p)
		n := mapdsl.Number{Raw: raw}
		if raw != "" {
			v, err := strconv.ParseFloat(raw, 64)
			if err != nil {
				t.Fatalf("bad number %q in %q", raw, bracket)
			}
			n.Value, n.Set = v, true
			n.Range = mapdsl.Range{Start: posAt(src, off+lead), End: posAt(src, off+lead+len(raw))}
		}
		nums = append(nums, n)
		off += len(p) + 1
	}
	c.Visibility, c.Maturity = mapdsl.Number{Value: 0.9}, mapdsl.Number{Value: 0.1}
	if len(nums) > 0 && nums[0].Set {
		c.Visibility = nums[0]
	}
	if len(nums) > 1 && nums[1].Set {
		c.Maturity = nums[1]
	}
	return c
}

// label returns the Offset for the nth "label [dx, dy]" spelled exactly as written.
func label(t *testing.T, src, written string, nth int) mapdsl.Offset {
	t.Helper()
	r := find(t, src, written, nth)
	bracket := written[strings.IndexByte(written, '['):]
	c := pair(t, src[:r.End.Offset], bracket, strings.Count(src[:r.Start.Offset], bracket))
	return mapdsl.Offset{DX: c.Visibility, DY: c.Maturity, Present: true, Range: r}
}

func inf() float64 { return math.Inf(1) }

func nan() float64 { return math.NaN() }

// named returns the Ref of the first component, anchor or evolved copy (list l) that a link
// would call name in m (the parse of src when m is nil), or a Ref with index -1, which every
// edit refuses, when there is none.
func named(src []byte, m *mapdsl.Map, l List, name string) Ref {
	m = mapOf(src, m)
	for i := 0; ; i++ {
		n, err := nameOf(m, Ref{l, i})
		if err != nil {
			return Ref{l, -1}
		}
		if n == name {
			return Ref{l, i}
		}
	}
}

// end returns the Ref of the component, or else the anchor, called name, as a link end.
func end(src []byte, m *mapdsl.Map, name string) Ref {
	if r := named(src, m, Components, name); r.Index >= 0 {
		return r
	}
	return named(src, m, Anchors, name)
}
