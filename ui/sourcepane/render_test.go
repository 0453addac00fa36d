package sourcepane

import (
	"cmp"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// fixedVariant is a theme that draws in one variant whatever the settings ask for.
type fixedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (f fixedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}

func renderer(e *Editor) *editorRenderer { return test.WidgetRenderer(e).(*editorRenderer) }

// visibleTexts returns the texts of the visible canvas.Text objects of the editor.
func visibleTexts(e *Editor) []*canvas.Text {
	var out []*canvas.Text
	for _, o := range renderer(e).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Visible() && t.Text != "" {
			out = append(out, t)
		}
	}
	return out
}

// TestDiagnosticRangesOnMultiByteText places markers by rune column on lines with é, emoji and
// CJK text and checks that each underline starts and ends at the x of those columns.
func TestDiagnosticRangesOnMultiByteText(t *testing.T) {
	text := "component Thé [0.5, 0.5]\nnote 😀 fête 中文字 ok\nTea->Cup"
	e, _ := newTestEditor(t, text)
	markers := []Marker{
		{StartLine: 1, StartCol: 11, EndLine: 1, EndCol: 14, Severity: SeverityError, Message: "unknown Thé"},
		{StartLine: 2, StartCol: 8, EndLine: 2, EndCol: 12, Severity: SeverityWarning, Message: "fête"},
		{StartLine: 2, StartCol: 13, EndLine: 2, EndCol: 16, Severity: SeverityInfo, Message: "CJK"},
		{StartLine: 2, StartCol: 6, EndLine: 2, EndCol: 7, Severity: SeverityInfo, Message: "emoji"},
	}
	e.SetDiagnostics(markers)
	r := renderer(e)
	m := e.m()
	if got := visibleRects(&r.underlines); got != len(markers) {
		t.Fatalf("%d underlines drawn, want %d", got, len(markers))
	}
	for i, mk := range e.Diagnostics() { // drawn in position order
		line := e.Line(mk.StartLine)
		wantX0 := e.textLeft() + m.xOf(line, mk.StartCol-1)
		wantW := m.xOf(line, mk.EndCol-1) - m.xOf(line, mk.StartCol-1)
		u := r.underlines.items[i]
		if u.Position().X != wantX0 || u.Size().Width != wantW {
			t.Errorf("%s: underline x=%v w=%v, want x=%v w=%v", mk.Message, u.Position().X, u.Size().Width, wantX0, wantW)
		}
		if wantY := e.lineY(mk.StartLine - 1); u.Position().Y < wantY || u.Position().Y > wantY+m.lineH {
			t.Errorf("%s: underline y=%v not on line %d", mk.Message, u.Position().Y, mk.StartLine)
		}
	}
	// the wide runes really are wider than ASCII, so rune columns and x differ
	if w := m.runeWidth('中'); w <= m.charW {
		t.Logf("CJK advance %v is not wider than ASCII %v in this font", w, m.charW)
	}
	// one gutter marker per line with diagnostics, coloured by the worst severity
	if got := visibleRects(&r.markers); got != 2 {
		t.Errorf("%d gutter markers, want 2", got)
	}
	col := e.colours()
	for _, x := range r.markers.items[:2] {
		switch {
		case x.Position().Y < e.lineY(1) && x.FillColor != col.sev(SeverityError):
			t.Errorf("line 1 marker colour %v, want the error colour", x.FillColor)
		case x.Position().Y > e.lineY(1) && x.FillColor != col.sev(SeverityWarning):
			t.Errorf("line 2 marker colour %v, want the warning colour", x.FillColor)
		}
	}
}

func TestDiagnosticHover(t *testing.T) {
	e, _ := newTestEditor(t, "component Thé [0.5, 0.5]\nTea->Cup")
	e.SetDiagnostics([]Marker{{StartLine: 1, StartCol: 11, EndLine: 1, EndCol: 14, Severity: SeverityError, Message: "unknown component"}})
	r := renderer(e)
	move := func(p fyne.Position) { e.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}}) }

	move(pointAt(e, at(1, 12)))
	if !r.tipText.Visible() || r.tipText.Text != "error: unknown component" {
		t.Fatalf("hovering the underline shows %q (visible %v)", r.tipText.Text, r.tipText.Visible())
	}
	move(pointAt(e, at(2, 2)))
	if r.tipText.Visible() {
		t.Error("the message stayed after leaving the range")
	}
	move(fyne.NewPos(gutterPadL+gutterMarkerW/2, pointAt(e, at(1, 1)).Y)) // the gutter marker
	if !r.tipText.Visible() {
		t.Error("hovering the gutter marker shows no message")
	}
	e.MouseOut()
	if r.tipText.Visible() {
		t.Error("the message stayed after the pointer left")
	}
}

func TestEmptyRangeMarksOneCell(t *testing.T) {
	e, _ := newTestEditor(t, "Tea->")
	e.SetDiagnostics([]Marker{{StartLine: 1, StartCol: 6, EndLine: 1, EndCol: 6, Message: "missing name"}})
	u := renderer(e).underlines.items[0]
	if !u.Visible() || u.Size().Width != e.m().charW {
		t.Errorf("empty range underline visible=%v width=%v", u.Visible(), u.Size().Width)
	}
}

// TestSyntaxColouring checks that the segments drawn carry the token colours.
func TestSyntaxColouring(t *testing.T) {
	e, _ := newTestEditor(t, "component Tea [0.5, 0.7] // note")
	col := e.colours()
	want := map[string]color.Color{
		"component": col.token(Keyword),
		"0.5":       col.token(Number),
		"// note":   col.token(Comment),
	}
	found := 0
	for _, tx := range visibleTexts(e) {
		if c, ok := want[tx.Text]; ok {
			found++
			if tx.Color != c {
				t.Errorf("%q drawn in %v, want %v", tx.Text, tx.Color, c)
			}
			if !tx.TextStyle.Monospace {
				t.Errorf("%q not monospace", tx.Text)
			}
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d expected segments", found, len(want))
	}
}

func TestThemeVariants(t *testing.T) {
	e, _ := newTestEditor(t, "component Tea")
	test.ApplyTheme(t, fixedVariant{theme.DefaultTheme(), theme.VariantLight})
	if got := e.colours().token(Keyword); got != lightPalette[Keyword] {
		t.Errorf("light theme keyword colour %v", got)
	}
	test.ApplyTheme(t, fixedVariant{theme.DefaultTheme(), theme.VariantDark})
	if got := e.colours().token(Keyword); got != darkPalette[Keyword] {
		t.Errorf("dark theme keyword colour %v", got)
	}
}

// TestOnlyVisibleLinesAreDrawn counts the canvas objects for a 50,000-line document: they are
// as many as for a 100-line one, and they show the lines at the scroll position.
func TestOnlyVisibleLinesAreDrawn(t *testing.T) {
	objects := map[int]int{}
	for _, n := range []int{100, 50_000} {
		e, _ := newTestEditor(t, generatedMap(n))
		e.ScrollToLine(n / 2)
		objects[n] = len(renderer(e).Objects())
		first, last := e.visibleRange()
		if last-first > e.visibleLines()+1 {
			t.Errorf("%d lines: %d lines laid out", n, last-first+1)
		}
		numbers := map[string]bool{}
		for _, tx := range visibleTexts(e) {
			numbers[tx.Text] = true
		}
		if !numbers[fmt.Sprint(n/2)] || numbers["1"] && n > 100 {
			t.Errorf("%d lines: the line numbers drawn do not match the scroll position", n)
		}
		t.Logf("%d lines: %d canvas objects, %d visible texts", n, objects[n], len(visibleTexts(e)))
	}
	// The counts differ only by the number of tokens on the lines on screen (longer numbers).
	if float64(objects[50_000]) > 1.25*float64(objects[100]) || objects[50_000] > 1000 {
		t.Errorf("objects grow with the document: %d for 100 lines, %d for 50,000", objects[100], objects[50_000])
	}
}

// TestTabsAndControlCharactersDrawAsSpace checks the drawn text of a line with a tab.
func TestTabsAndControlCharactersDrawAsSpace(t *testing.T) {
	e, _ := newTestEditor(t, "a\tb")
	e.SetHighlighter(nil)
	texts := visibleTexts(e)
	var line string
	for _, tx := range texts {
		if strings.HasPrefix(tx.Text, "a") {
			line = tx.Text
		}
	}
	if line != "a   b" {
		t.Errorf("tab drawn as %q, want %q", line, "a   b")
	}
}

// generatedMap returns n lines of realistic map text.
func generatedMap(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&sb, "component Component %d [0.%02d, 0.%02d] label [-12, 8]\n", i, i%97, (i*7)%97)
		case 1:
			fmt.Fprintf(&sb, "Component %d->Component %d\n", i-1, i+3)
		case 2:
			fmt.Fprintf(&sb, "evolve Component %d 0.%02d // moves on\n", i-2, (i*3)%97)
		default:
			fmt.Fprintf(&sb, "note thoughts about %d [0.3, 0.4]\n", i)
		}
	}
	return sb.String()
}

// TestLongLineDrawsOnlyVisiblePart checks horizontal culling and scrolling on a 10,000-rune line.
func TestLongLineDrawsOnlyVisiblePart(t *testing.T) {
	long := strings.Repeat("component Tea [0.5, 0.5] ", 400)
	e, _ := newTestEditor(t, "title x\n"+long)
	drawn := func() (total int, texts []string) {
		for _, tx := range visibleTexts(e) {
			total += len(tx.Text)
			texts = append(texts, tx.Text)
		}
		return total, texts
	}
	if _, texts := drawn(); !containsText(texts, "component") {
		t.Fatalf("the start of the long line is not drawn: %q", texts)
	}
	maxCols := int(e.textWidth()/e.m().charW) + 16 // view width plus the margins and line numbers
	if n, _ := drawn(); n > maxCols+10 {
		t.Errorf("%d characters drawn for a view of about %d columns", n, maxCols)
	}
	e.SetCursor(2, 1)
	key(e, fyne.KeyEnd)
	if e.scrollX == 0 {
		t.Fatal("End on a long line did not scroll horizontally")
	}
	if n, _ := drawn(); n > maxCols+10 {
		t.Errorf("%d characters drawn after scrolling", n)
	}
	// the caret is on screen
	r := renderer(e)
	if !r.caret.Visible() || r.caret.Position().X > e.Size().Width || r.caret.Position().X < e.gutterWidth() {
		t.Errorf("caret at x=%v visible=%v", r.caret.Position().X, r.caret.Visible())
	}
}

func containsText(texts []string, s string) bool {
	for _, t := range texts {
		if t == s {
			return true
		}
	}
	return false
}

// TestRowsFollowScrolling scrolls through a document by odd amounts and checks that every
// visible line has exactly its own number drawn (rows are recycled by line number).
func TestRowsFollowScrolling(t *testing.T) {
	e, w := newTestEditor(t, generatedMap(2_000))
	for _, h := range []float32{600, 333, 47} {
		w.Resize(fyne.NewSize(800, h))
		for _, dy := range []float32{7, 180, 1, 2500, 19 * 13} {
			e.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -dy)})
			first, last := e.visibleRange()
			seen := map[string]int{}
			for _, rw := range renderer(e).rows {
				if rw.number.Visible() {
					seen[rw.number.Text]++
				}
			}
			for i := first; i <= last; i++ {
				if n := seen[fmt.Sprint(i+1)]; n != 1 {
					t.Fatalf("height %v, lines %d..%d: number %d drawn %d times", h, first+1, last+1, i+1, n)
				}
			}
			if len(seen) != last-first+1 {
				t.Fatalf("height %v: %d numbers drawn for %d lines", h, len(seen), last-first+1)
			}
		}
	}
}

// TestKeystrokeRefreshesOnce: a typed character refreshes the pane once, and the layout Fyne
// runs in the next frame because a text object's minimum size changed with its text refreshes
// nothing (it marked the window for a second frame of every keystroke, which Mesa's software
// OpenGL paints whole). A new size is laid out.
func TestKeystrokeRefreshesOnce(t *testing.T) {
	e, w := newTestEditor(t, "title Tea\ncomponent Cup [0.5, 0.5]\n")
	r := renderer(e)
	e.SetCursor(1, 10)
	before := r.refreshes
	e.TypedRune('s')
	wantText(t, e, "title Teas\ncomponent Cup [0.5, 0.5]\n")
	if n := r.refreshes - before; n != 1 {
		t.Errorf("a keystroke refreshed the pane %d times, want 1", n)
	}
	before = r.refreshes
	r.Layout(e.Size()) // what the frame's layout pass does after the text changed
	if n := r.refreshes - before; n != 0 {
		t.Errorf("the layout of the same size refreshed the pane %d times, want 0", n)
	}
	w.Resize(w.Canvas().Size().AddWidthHeight(40, 20))
	if r.placed != e.Size() {
		t.Errorf("after a resize the pane is placed for %v, want %v", r.placed, e.Size())
	}
}

// complexScriptText has words whose drawn width is not the sum of their characters' widths
// drawn one by one: Devanagari (vowel signs drawn alone get a dotted circle, conjuncts fuse),
// Arabic (joined letters), Hebrew, and CJK and emoji beside them.
const complexScriptText = "title خريطة الشاي\n" +
	"component चाय की दुकान [0.3, 0.7] label [5, 5]\n" +
	"component क्षमता [0.4, 0.4]\n" +
	"component شاي [0.5, 0.5]\n" +
	"component תה חם [0.6, 0.4]\n" +
	"شاي->תה חם\n" +
	"note 茶館 ☕ 😀 done [0.2, 0.2]\n" +
	"component Cafe\u0301 [0.1, 0.1]"

// TestComplexScriptRunsKeepTheirDrawnWidth: the caret before and after each run of text beyond
// the monospace grid sits where the run's drawn text begins and ends (its width as Fyne draws it,
// shaped, not the sum of its characters measured alone), so later columns do not drift; and a
// click at any caret place comes back to that place.
func TestComplexScriptRunsKeepTheirDrawnWidth(t *testing.T) {
	e, _ := newTestEditor(t, complexScriptText)
	m := e.m()
	runs := []struct {
		line int
		run  string
	}{
		{1, "خريطة الشاي"},
		{2, "चाय की दुकान"},
		{3, "क्षमता"},
		{4, "شاي"},
		{5, "תה חם"},
		{6, "شاي"},
		{6, "תה חם"},
		{7, "茶館 ☕ 😀"},
		{8, "e\u0301"},
	}
	for _, tc := range runs {
		line := e.Line(tc.line)
		i := strings.Index(line, tc.run)
		if i < 0 {
			t.Fatalf("line %d %q has no %q", tc.line, line, tc.run)
		}
		start := utf8.RuneCountInString(line[:i])
		end := start + utf8.RuneCountInString(tc.run)
		got := m.xOf(line, end) - m.xOf(line, start)
		want := fyne.MeasureText(tc.run, m.textSize, m.style).Width
		if d := got - want; d > 0.01 || d < -0.01 {
			t.Errorf("line %d, %q: columns %d-%d are %.2f wide, the run is drawn %.2f wide", tc.line, tc.run, start, end, got, want)
		}
	}
	for i := range e.buf.lineCount() {
		line := e.buf.line(i)
		for col := range utf8.RuneCountInString(line) + 1 {
			x := m.xOf(line, col)
			if col > 0 && m.xOf(line, col-1) >= x {
				continue // a rune drawn with no width of its own: its caret places coincide
			}
			if back := m.colAt(line, x); back != col {
				t.Errorf("line %d: colAt(xOf(%d)) = %d", i+1, col, back)
			}
		}
	}
}

// TestComplexScriptTextObjectsAreTheirDrawnSize: each text object of a line is given the box its
// text is drawn in, and the boxes follow each other without overlapping, so what is drawn lines
// up with the caret, the selection and the diagnostics' underlines. A right-to-left phrase is
// one object, so that its words are drawn in their order (right to left), not one by one; a
// combining mark is drawn with its letter.
func TestComplexScriptTextObjectsAreTheirDrawnSize(t *testing.T) {
	e, _ := newTestEditor(t, complexScriptText)
	byLine := map[float32][]*canvas.Text{}
	phrases := map[string]bool{"خريطة الشاي": false, "תה חם": false, "चाय की दुकान": false, "e\u0301": false}
	for _, tx := range visibleTexts(e) {
		if _, ok := phrases[tx.Text]; ok {
			phrases[tx.Text] = true
		}
		if tx.Position().X >= e.textLeft() {
			byLine[tx.Position().Y] = append(byLine[tx.Position().Y], tx)
		}
	}
	if len(byLine) != e.buf.lineCount() {
		t.Fatalf("text on %d lines, want %d", len(byLine), e.buf.lineCount())
	}
	for y, ts := range byLine {
		slices.SortFunc(ts, func(a, b *canvas.Text) int { return cmp.Compare(a.Position().X, b.Position().X) })
		for i, tx := range ts {
			drawn := fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width
			if d := tx.Size().Width - drawn; d > 0.01 || d < -0.01 {
				t.Errorf("y=%v: %q is given %.2f, drawn %.2f wide", y, tx.Text, tx.Size().Width, drawn)
			}
			if i > 0 && ts[i-1].Position().X+ts[i-1].Size().Width > tx.Position().X+0.01 {
				t.Errorf("y=%v: %q overlaps %q", y, ts[i-1].Text, tx.Text)
			}
		}
	}
	for p, seen := range phrases {
		if !seen {
			t.Errorf("%q is not drawn as one text object", p)
		}
	}
}
