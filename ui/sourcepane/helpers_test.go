package sourcepane

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// newTestEditor shows an editor holding text in an 800x600 test window and focuses it.
func newTestEditor(t testing.TB, text string) (*Editor, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	e := New()
	e.SetHighlighter(wordKinds)
	w := test.NewTempWindow(t, e)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 600))
	e.SetText(text)
	w.Canvas().Focus(e)
	return e, w
}

func key(e *Editor, name fyne.KeyName) { e.TypedKey(&fyne.KeyEvent{Name: name}) }

// shiftKey presses name with Shift held, as the GLFW driver reports it.
func shiftKey(e *Editor, name fyne.KeyName) {
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	key(e, name)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
}

// ctrl sends Ctrl+name (Ctrl+Shift+name with shift) as the driver does: a CustomShortcut.
func ctrl(e *Editor, name fyne.KeyName, shift bool) {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: name, Modifier: mod})
}

func at(line, col int) Position { return Position{Line: line, Col: col} }

func wantCursor(t *testing.T, e *Editor, want Position) {
	t.Helper()
	if got := e.CursorPosition(); got != want {
		t.Fatalf("cursor at %v, want %v", got, want)
	}
}

func wantText(t *testing.T, e *Editor, want string) {
	t.Helper()
	if got := e.Text(); got != want {
		t.Fatalf("text = %q, want %q", got, want)
	}
}

// pointAt returns the widget coordinates of the middle of the character cell at p.
func pointAt(e *Editor, p Position) fyne.Position {
	m := e.m()
	ip := p.internal()
	x := e.textLeft() - e.scrollX + m.xOf(e.buf.line(ip.line), ip.col) + 1
	return fyne.NewPos(x, e.lineY(ip.line)+m.lineH/2)
}

// wordKinds is a small Highlighter for the pane's own tests (the pane knows no language; the
// map language's colours are maplang's, tested there): "//" starts a comment, the first word is
// a keyword, a word starting with a digit or '-' is a number, "->" an operator, one of "[],"
// punctuation, and any other word a name.
func wordKinds(line string) []Span {
	var out []Span
	first := true
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '\t':
			i++
		case strings.HasPrefix(line[i:], "//"):
			return append(out, Span{i, len(line), Comment})
		case strings.HasPrefix(line[i:], "->"):
			out = append(out, Span{i, i + 2, Operator})
			i += 2
		case strings.IndexByte("[],", c) >= 0:
			out = append(out, Span{i, i + 1, Punctuation})
			i++
		default:
			j := i
			for j < len(line) && strings.IndexByte(" \t[],", line[j]) < 0 && !strings.HasPrefix(line[j:], "->") {
				j++
			}
			k := Name
			switch {
			case first:
				k = Keyword
			case c == '-' || c >= '0' && c <= '9':
				k = Number
			}
			out = append(out, Span{i, j, k})
			first, i = false, j
		}
	}
	return out
}
