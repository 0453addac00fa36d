package maplang

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"mapwright/mapdsl"
	"mapwright/ui/sourcepane"
)

func TestSeveritiesAgree(t *testing.T) {
	pairs := map[mapdsl.Severity]sourcepane.Severity{
		mapdsl.SeverityError:   sourcepane.SeverityError,
		mapdsl.SeverityWarning: sourcepane.SeverityWarning,
		mapdsl.SeverityInfo:    sourcepane.SeverityInfo,
	}
	for m, s := range pairs {
		if sourcepane.Severity(m) != s {
			t.Errorf("mapdsl %v converts to %v, want %v", m, sourcepane.Severity(m), s)
		}
	}
}

// TestMarkersFromParser parses a map with a bad line after multi-byte text and checks the
// marker lands on the same runes as the diagnostic's byte range.
func TestMarkersFromParser(t *testing.T) {
	test.NewTempApp(t)
	src := "title Thé 😀 中文\ncomponent Café [0.5, 0.5]\nCafé->Nowhere\n"
	e := sourcepane.New()
	e.SetText(src)
	_, ds := mapdsl.Parse("m.owm", []byte(src))
	if len(ds) == 0 {
		t.Skip("the parser reports nothing for this map; nothing to convert")
	}
	ms := Markers(e, ds)
	for i, d := range ds {
		m := ms[i]
		if !d.Range.Valid() {
			continue
		}
		if m.StartLine != d.Range.Start.Line || m.StartCol != d.Range.Start.Column {
			t.Errorf("%s: marker starts at %d:%d, diagnostic at %d:%d", d.Message, m.StartLine, m.StartCol, d.Range.Start.Line, d.Range.Start.Column)
		}
		if got := e.OffsetOf(sourcepane.Position{Line: m.EndLine, Col: m.EndCol}); got != d.Range.End.Offset {
			t.Errorf("%s: marker ends at byte %d, diagnostic at %d", d.Message, got, d.Range.End.Offset)
		}
	}
}

func TestHighlightKinds(t *testing.T) {
	spans, open := Highlight("component Tea [0.5, 0.7] /* start", false)
	if !open {
		t.Error("an unclosed /* should leave a block comment open")
	}
	var kinds []sourcepane.TokenKind
	for _, s := range spans {
		kinds = append(kinds, s.Kind)
	}
	if len(kinds) == 0 || kinds[0] != sourcepane.Keyword || kinds[len(kinds)-1] != sourcepane.Comment {
		t.Errorf("kinds %v: want a keyword first and a comment last", kinds)
	}
	spans, open = Highlight("still comment */ Tea->Cup", true)
	if open || spans[0].Kind != sourcepane.Comment {
		t.Errorf("closing line: open=%v spans=%v", open, spans)
	}
}
