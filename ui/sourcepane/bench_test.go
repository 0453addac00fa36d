package sourcepane

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

var benchSizes = []int{100, 1_000, 5_000, 50_000}

// BenchmarkKeystroke measures one typed character in the middle of the document: the edit, the
// history record and the refresh (layout of the visible lines, colouring, diagnostics) of the
// editor. Typing and Backspace alternate so the document keeps its size.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			e := benchEditor(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%2 == 0 {
					e.TypedRune('x')
				} else {
					e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				}
			}
		})
	}
}

// BenchmarkKeystrokeWithOnChanged adds what a host pays when it listens to OnChanged: the
// whole text is built for it on every change (O(document)).
func BenchmarkKeystrokeWithOnChanged(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			e := benchEditor(b, n)
			size := 0
			e.OnChanged = func(s string) { size = len(s) }
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%2 == 0 {
					e.TypedRune('x')
				} else {
					e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				}
			}
			_ = size
		})
	}
}

// BenchmarkKeystrokeWithOnEdited is the host that reads the text only after a pause: it pays
// nothing per keystroke.
func BenchmarkKeystrokeWithOnEdited(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			e := benchEditor(b, n)
			edits := 0
			e.OnEdited = func() { edits++ }
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%2 == 0 {
					e.TypedRune('x')
				} else {
					e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				}
			}
		})
	}
}

// BenchmarkScrollLine measures scrolling by one line (wheel notch), mid-document.
func BenchmarkScrollLine(b *testing.B) {
	for _, n := range []int{100, 50_000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			e := benchEditor(b, n)
			lh := e.m().lineH
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d := lh
				if (i/20)%2 == 1 {
					d = -lh
				}
				e.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, d)})
			}
		})
	}
}

// benchEditor shows a generated map of n lines with a few diagnostics, the cursor mid-document.
func benchEditor(b *testing.B, n int) *Editor {
	test.NewTempApp(b)
	e := New()
	w := test.NewTempWindow(b, e)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 700))
	e.SetText(generatedMap(n))
	w.Canvas().Focus(e)
	mid := n / 2
	e.SetDiagnostics([]Marker{
		{StartLine: mid, StartCol: 11, EndLine: mid, EndCol: 20, Severity: SeverityError, Message: "unknown"},
		{StartLine: mid + 3, StartCol: 1, EndLine: mid + 3, EndCol: 5, Severity: SeverityWarning, Message: "warn"},
	})
	e.SetCursor(mid+1, 12)
	return e
}

// BenchmarkKeystrokeManyDiagnostics types with a diagnostic on every fourth line: only the
// markers near the view are looked at.
func BenchmarkKeystrokeManyDiagnostics(b *testing.B) {
	for _, n := range []int{1_000, 50_000} {
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			e := benchEditor(b, n)
			var ms []Marker
			for l := 1; l <= n; l += 4 {
				ms = append(ms, Marker{StartLine: l, StartCol: 11, EndLine: l, EndCol: 20, Severity: SeverityWarning, Message: "w"})
			}
			e.SetDiagnostics(ms)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%2 == 0 {
					e.TypedRune('x')
				} else {
					e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				}
			}
		})
	}
}
