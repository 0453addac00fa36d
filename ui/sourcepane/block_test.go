package sourcepane

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// blockComments is a small BlockHighlighter: /* ... */ comments, everything else Name.
func blockComments(line string, in bool) ([]Span, bool) {
	var spans []Span
	i := 0
	for i < len(line) {
		if in {
			end := strings.Index(line[i:], "*/")
			if end < 0 {
				return append(spans, Span{i, len(line), Comment}), true
			}
			spans = append(spans, Span{i, i + end + 2, Comment})
			i += end + 2
			in = false
			continue
		}
		start := strings.Index(line[i:], "/*")
		if start < 0 {
			return append(spans, Span{i, len(line), Name}), false
		}
		spans = append(spans, Span{i, i + start, Name})
		i += start + 2
		in = true
		spans = append(spans, Span{i - 2, i, Comment})
	}
	return spans, in
}

func TestBlockCommentState(t *testing.T) {
	e, _ := newTestEditor(t, "a\nb /* c\nd\ne */ f\ng")
	e.SetBlockHighlighter(blockComments)
	want := []bool{false, false, true, true, false}
	for i, w := range want {
		if got := e.blockStateAt(i); got != w {
			t.Errorf("line %d: in block = %v, want %v", i+1, got, w)
		}
	}
	// remove the opener: the following lines leave the comment
	e.SetCursor(2, 3)
	ctrl(e, fyne.KeyDelete, false) // deletes "/*"
	if got := e.Line(2); got != "b  c" {
		t.Fatalf("line 2 = %q", got)
	}
	for i := 2; i < 5; i++ {
		if e.blockStateAt(i) {
			t.Errorf("line %d still in a block comment", i+1)
		}
	}
}

func TestBlockCommentFarDown(t *testing.T) {
	lines := make([]string, 20_000)
	for i := range lines {
		lines[i] = "component X [0.5, 0.5]"
	}
	lines[100] = "/* opened and never closed"
	e, _ := newTestEditor(t, strings.Join(lines, "\n"))
	e.SetBlockHighlighter(blockComments)
	e.ScrollToLine(15_000)
	if !e.blockStateAt(15_000) {
		t.Error("line 15,001 is not inside the comment opened on line 101")
	}
	e.SetCursor(101, 1)
	key(e, fyne.KeyDelete) // "* opened": no longer an opener
	if e.blockStateAt(15_000) {
		t.Error("the state did not follow the edit")
	}
}
