package ui

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"mapwright/internal/export"
	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/ui/document"
	"mapwright/ui/mapcanvas"
)

const teaText = `title Tea
// a comment that must survive
anchor Public [0.95, 0.60]
component Cup of Tea [0.80, 0.62]
component Cup [0.72, 0.78] (buy)
component Tea [0.63, 0.82]
component Kettle [0.43, 0.34]
evolve Kettle 0.62
Public->Cup of Tea
Cup of Tea->Cup
Cup of Tea->Tea
`

// asked records one question the editor asked and answers it.
type asked struct {
	title   string
	buttons []string
}

type testEditor struct {
	*Editor
	questions []asked
	answer    string // the answer every question gets
	errs      []error
	prompted  string // the answer prompts get
}

func newTestEditor(t *testing.T, recoveryDir string) *testEditor {
	t.Helper()
	if recoveryDir == "" {
		recoveryDir = t.TempDir()
	}
	a := test.NewTempApp(t)
	e := NewEditorWithOptions(a, Options{RecoveryDir: recoveryDir, RedrawDelay: time.Hour,
		RecoveryDelay: time.Hour, PollInterval: -1})
	te := &testEditor{Editor: e, answer: answerCancel}
	e.ask = func(title, _ string, buttons []string, answer func(string)) {
		te.questions = append(te.questions, asked{title, buttons})
		answer(te.answer)
	}
	e.prompt = func(_, _, _ string, answer func(string, bool)) { answer(te.prompted, te.prompted != "") }
	e.nameAt = func(_ fyne.Position, _, _, _ string, answer func(string, bool)) {
		answer(te.prompted, te.prompted != "")
	}
	e.showError = func(err error) { te.errs = append(te.errs, err) }
	e.win.Resize(fyne.NewSize(1200, 800))
	t.Cleanup(func() { e.redraw.stop(); e.recoverySave.stop() })
	return te
}

func writeMap(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tea.owm")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func openMap(t *testing.T, text string) (*testEditor, string) {
	t.Helper()
	path := writeMap(t, text)
	e := newTestEditor(t, "")
	if err := e.Open(path); err != nil {
		t.Fatal(err)
	}
	return e, path
}

// circleOf finds the marker circle of component i in the scene on display.
func circleOf(t *testing.T, e *Editor, kind render.ElementKind, i int) render.Item {
	t.Helper()
	for _, it := range e.canvas.Scene().Items {
		if it.Ref.Kind == kind && it.Ref.Index == i && it.Shape == render.ShapeCircle {
			return it
		}
	}
	t.Fatalf("no circle for %s %d", kind, i)
	return render.Item{}
}

func sceneHasText(e *Editor, s string) bool {
	for _, it := range e.canvas.Scene().Items {
		if it.Shape == render.ShapeText && it.Text == s {
			return true
		}
	}
	return false
}

// typeAtEnd types text at the end of the document, as a user would.
func typeAtEnd(e *Editor, text string) {
	e.pane.SetCursor(e.pane.LineCount()+1, 1<<20)
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			e.pane.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}
		test.Type(e.pane, line)
	}
}

// dragOnCanvas presses at a page point of the map and drags by (dx, dy) screen units.
func dragOnCanvas(e *Editor, at render.Point, dx, dy float32) {
	pos := e.canvas.PageToScreen(at)
	e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
	e.canvas.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: pos.AddXY(dx, dy)}, Dragged: fyne.NewDelta(dx, dy)})
	e.canvas.DragEnd()
}

func TestStartsOnTheSampleMap(t *testing.T) {
	e := newTestEditor(t, "")
	e.OpenDefault()
	if e.Text() != defaultMap || e.Dirty() {
		t.Fatalf("the editor did not start clean on the sample map")
	}
	if !sceneHasText(e.Editor, "Cup of Tea") {
		t.Error("the sample map is not drawn")
	}
	if got := e.win.Title(); got != "Untitled — Mapwright" {
		t.Errorf("title %q", got)
	}
}

func TestDefaultMapIsTheTeaShopSample(t *testing.T) {
	want, err := os.ReadFile("../samples/tea-shop.owm")
	if err != nil {
		t.Skip("samples/tea-shop.owm not found:", err)
	}
	if string(want) != defaultMap {
		t.Error("ui/default_map.owm differs from samples/tea-shop.owm; copy the sample over it")
	}
}

func TestTypingChangesTheCanvas(t *testing.T) {
	e, _ := openMap(t, teaText)
	before := e.canvas.Scene()
	if sceneHasText(e.Editor, "Milk") {
		t.Fatal("Milk is on the map before it was typed")
	}
	typeAtEnd(e.Editor, "component Milk [0.5, 0.9]\nCup of Tea->Milk\n")
	e.redraw.flush()
	if e.canvas.Scene() == before || !sceneHasText(e.Editor, "Milk") {
		t.Fatal("typing a component did not draw it")
	}
	if !strings.HasPrefix(e.win.Title(), "• tea.owm") {
		t.Errorf("title %q has no unsaved marker", e.win.Title())
	}
}

// TestTextWithErrorsDrawsTheRestAndStaysEditable: a broken line is marked and left out, the
// map shows every other line at once, and those elements can still be dragged and linked;
// only an element of the broken line is locked.
func TestTextWithErrorsDrawsTheRestAndStaysEditable(t *testing.T) {
	e, _ := openMap(t, teaText)
	good := e.canvas.Scene()
	typeAtEnd(e.Editor, "compnent Broken\ncomponent Milk [0.5, 0.9]\n")
	e.redraw.flush()
	if e.canvas.Scene() == good || !sceneHasText(e.Editor, "Milk") || !sceneHasText(e.Editor, "Kettle") {
		t.Fatal("the map did not follow the text that has an error")
	}
	if !strings.Contains(e.status.Text, "1 error") || !strings.Contains(e.status.Text, "line 12") {
		t.Errorf("status %q does not name the broken line", e.status.Text)
	}
	if len(e.diags.items) == 0 || e.diags.items[0].Range.Start.Line != 12 {
		t.Errorf("diagnostics %v, want one on line 12", e.diags.items)
	}
	e.goToDiagnostic(e.diags.items[0])
	if e.pane.CursorPosition().Line != 12 {
		t.Errorf("clicking the diagnostic put the cursor on line %d", e.pane.CursorPosition().Line)
	}
	// Drag Cup: only its numbers change, the broken line stays as typed.
	cup := circleOf(t, e.Editor, render.ElemComponent, 1)
	sc := e.canvas.Scene()
	z := float32(e.canvas.Zoom())
	before := e.Text()
	dragOnCanvas(e.Editor, render.Point{X: cup.X, Y: cup.Y}, float32(0.10*sc.PlotW)*z, 0)
	if got, want := e.Text(), strings.Replace(before, "component Cup [0.72, 0.78] (buy)", "component Cup [0.72, 0.88] (buy)", 1); got != want {
		t.Fatalf("drag with an error elsewhere gave\n%s\nwant\n%s", got, want)
	}
	// Link Milk to Tea with Ctrl+click.
	for _, i := range []int{4, 2} {
		c := circleOf(t, e.Editor, render.ElemComponent, i)
		e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: e.canvas.PageToScreen(render.Point{X: c.X, Y: c.Y})},
			Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierControl})
	}
	if !strings.HasSuffix(e.Text(), "Cup of Tea->Tea\nMilk->Tea\ncompnent Broken\ncomponent Milk [0.5, 0.9]\n") {
		t.Fatalf("link with an error elsewhere gave\n%s", e.Text())
	}
	// An element of the broken line is locked (here a made-up one: the line draws nothing).
	before = e.Text()
	e.elementMoved(mapcanvas.Move{Ref: render.Ref{Kind: render.ElemComponent, Index: 0, Line: 13}, DMat: 0.1})
	if e.Text() != before || !strings.Contains(e.status.Text, "line 13 has an error") {
		t.Errorf("an element of the broken line moved, or the status %q does not say why not", e.status.Text)
	}
}

func TestDragComponentChangesExactlyItsNumbers(t *testing.T) {
	e, _ := openMap(t, teaText)
	cup := circleOf(t, e.Editor, render.ElemComponent, 1) // Cup [0.72, 0.78]
	sc := e.canvas.Scene()
	z := float32(e.canvas.Zoom())
	// +0.10 maturity, -0.20 visibility, in screen units.
	dragOnCanvas(e.Editor, render.Point{X: cup.X, Y: cup.Y}, float32(0.10*sc.PlotW)*z, float32(0.20*sc.PlotH)*z)

	want := strings.Replace(teaText, "component Cup [0.72, 0.78] (buy)", "component Cup [0.52, 0.88] (buy)", 1)
	if got := e.Text(); got != want {
		t.Fatalf("text after the drag:\n%s\nwant:\n%s", got, want)
	}
	if c := circleOf(t, e.Editor, render.ElemComponent, 1); c.X <= cup.X || c.Y <= cup.Y {
		t.Error("the map was not redrawn with the component at its new place")
	}

	e.pane.Undo()
	if e.Text() != teaText {
		t.Fatalf("undo gave:\n%s", e.Text())
	}
	e.redraw.flush()
	if e.Dirty() {
		t.Error("undoing back to the saved text left the map dirty")
	}
	e.pane.Redo()
	if e.Text() != want {
		t.Error("redo did not bring the drag back")
	}
}

func TestUndoCoversTypingAndDragging(t *testing.T) {
	e, _ := openMap(t, teaText)
	typeAtEnd(e.Editor, "note hello [0.3, 0.3]\n")
	e.redraw.flush()
	typed := e.Text()
	kettle := circleOf(t, e.Editor, render.ElemEvolved, 0)
	sc := e.canvas.Scene()
	dragOnCanvas(e.Editor, render.Point{X: kettle.X, Y: kettle.Y}, float32(0.1*sc.PlotW*e.canvas.Zoom()), 40)
	if !strings.Contains(e.Text(), "evolve Kettle 0.72\n") {
		t.Fatalf("dragging the evolved copy (horizontal only) gave:\n%s", e.Text())
	}
	e.pane.Undo()
	if e.Text() != typed {
		t.Fatalf("first undo should undo the drag, got:\n%s", e.Text())
	}
	for e.pane.CanUndo() {
		e.pane.Undo()
	}
	if e.Text() != teaText {
		t.Errorf("undoing everything gave:\n%s", e.Text())
	}
}

func TestDragLabelWritesItsOffset(t *testing.T) {
	e, _ := openMap(t, teaText)
	var label render.Item
	for _, it := range e.canvas.Scene().Items {
		if it.Ref.Kind == render.ElemLabel && it.Ref.Index == 3 && it.Shape == render.ShapeText {
			label = it
			break
		}
	}
	dragOnCanvas(e.Editor, render.Point{X: label.X + 3, Y: label.Y - 3}, 0, 0.0001)
	e.canvas.CancelDrag()
	before := e.Text()
	dragOnCanvas(e.Editor, render.Point{X: label.X + 3, Y: label.Y - 3}, float32(20*e.canvas.Zoom()), float32(10*e.canvas.Zoom()))
	line := strings.Split(e.Text(), "\n")[6]
	if !strings.HasPrefix(line, "component Kettle [0.43, 0.34] label [") {
		t.Fatalf("label drag wrote %q (text before:\n%s)", line, before)
	}
	// Drawn where it was dropped: the first text of the label moved by (20, 10).
	for _, it := range e.canvas.Scene().Items {
		if it.Ref.Kind == render.ElemLabel && it.Ref.Index == 3 && it.Shape == render.ShapeText {
			left := func(it render.Item) float64 {
				w := render.MeasureText(it.Font, it.Text)
				switch it.Anchor {
				case render.AnchorMiddle:
					return it.X - w/2
				case render.AnchorEnd:
					return it.X - w
				}
				return it.X
			}
			if dx, dy := left(it)-left(label), it.Y-label.Y; abs(dx-20) > 1 || abs(dy-10) > 1 {
				t.Errorf("label moved by (%.1f, %.1f), want (20, 10)", dx, dy)
			}
			break
		}
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestClickElementMovesCursorAndCursorSelectsElement(t *testing.T) {
	e, _ := openMap(t, teaText)
	tea := circleOf(t, e.Editor, render.ElemComponent, 2)
	e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: e.canvas.PageToScreen(render.Point{X: tea.X, Y: tea.Y})},
		Button: desktop.MouseButtonPrimary})
	if line := e.pane.CursorPosition().Line; line != 6 {
		t.Errorf("clicking Tea put the cursor on line %d, want 6", line)
	}
	if e.status.Text != "Tea: component on line 6" {
		t.Errorf("status %q", e.status.Text)
	}
	e.pane.SetCursor(5, 3)
	if ref, ok := e.canvas.Selected(); !ok || ref.Kind != render.ElemComponent || ref.Index != 1 {
		t.Errorf("cursor on Cup's line selected %+v (%v), want component 1", ref, ok)
	}
}

func TestDoubleClickAddsComponent(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.prompted = "Milk"
	sc := e.canvas.Scene()
	at := render.Point{X: sc.PlotX + 0.10*sc.PlotW, Y: sc.PlotY + (1-0.20)*sc.PlotH}
	e.canvas.DoubleTapped(&fyne.PointEvent{Position: e.canvas.PageToScreen(at)})
	want := strings.Replace(teaText, "component Kettle [0.43, 0.34]\n", "component Kettle [0.43, 0.34]\ncomponent Milk [0.20, 0.10]\n", 1)
	if e.Text() != want {
		t.Fatalf("double-click added:\n%s\nwant\n%s", e.Text(), want)
	}
	if !sceneHasText(e.Editor, "Milk") {
		t.Error("the new component is not drawn")
	}
	if ref, ok := e.canvas.Selected(); !ok || ref.Kind != render.ElemComponent || ref.Index != 4 {
		t.Errorf("the new component is not selected: %+v %v", ref, ok)
	}
}

func TestCtrlClickLinksTwoComponents(t *testing.T) {
	e, _ := openMap(t, teaText)
	for _, i := range []int{3, 1} { // Kettle, then Cup
		c := circleOf(t, e.Editor, render.ElemComponent, i)
		e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: e.canvas.PageToScreen(render.Point{X: c.X, Y: c.Y})},
			Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierControl})
	}
	if !strings.HasSuffix(e.Text(), "Kettle->Cup\n") {
		t.Fatalf("Ctrl+click link gave:\n%s", e.Text())
	}
}

func TestContextMenuActions(t *testing.T) {
	e, _ := openMap(t, teaText)
	ref := render.Ref{Kind: render.ElemComponent, Index: 2, Line: 6} // Tea
	labels := func() []string {
		var out []string
		for _, it := range e.contextItems(ref) {
			if !it.IsSeparator {
				out = append(out, it.Label)
			}
		}
		return out
	}
	want := "Rename…,Evolve,Inertia,Build,Buy,Outsource,Market,Ecosystem,Delete"
	if got := strings.Join(labels(), ","); got != want {
		t.Fatalf("menu %s, want %s", got, want)
	}
	run := func(label string) {
		for _, it := range e.contextItems(ref) {
			if it.Label == label {
				it.Action()
				return
			}
		}
		t.Fatalf("no %q item", label)
	}
	lineOf := func() string { return strings.Split(e.Text(), "\n")[5] }
	run("Inertia")
	if lineOf() != "component Tea [0.63, 0.82] inertia" {
		t.Errorf("inertia gave %q", lineOf())
	}
	run("Outsource")
	if !strings.Contains(lineOf(), "(outsource)") {
		t.Errorf("outsource gave %q", lineOf())
	}
	run("Evolve")
	if !strings.Contains(e.Text(), "evolve Tea ") {
		t.Errorf("evolve added nothing:\n%s", e.Text())
	}
	e.prompted = "Green Tea"
	run("Rename…")
	if !strings.Contains(e.Text(), "Cup of Tea->Green Tea") {
		t.Errorf("rename did not follow the link:\n%s", e.Text())
	}
	run("Delete")
	if strings.Contains(e.Text(), "Green Tea") {
		t.Errorf("delete left the component or its links:\n%s", e.Text())
	}
	if !strings.Contains(e.Text(), "// a comment that must survive") {
		t.Error("a comment was lost")
	}
}

func TestSaveThenOpenRoundTrips(t *testing.T) {
	e := newTestEditor(t, "")
	e.New()
	typeAtEnd(e.Editor, "component Ünïcode ✓ [0.4, 0.6]\n")
	path := filepath.Join(t.TempDir(), "new.owm")
	if err := e.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if e.Dirty() || e.win.Title() != "new.owm — Mapwright" {
		t.Errorf("after save: dirty %v, title %q", e.Dirty(), e.win.Title())
	}
	saved := e.Text()
	other := newTestEditor(t, "")
	if err := other.Open(path); err != nil {
		t.Fatal(err)
	}
	if other.Text() != saved || other.Dirty() {
		t.Errorf("reopened text %q (dirty %v), want %q", other.Text(), other.Dirty(), saved)
	}
	if got := other.recent.List(); len(got) == 0 || got[0] != path {
		t.Errorf("recent files %v, want %s first", got, path)
	}
}

func TestOpenMissingFileCreatesItOnSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fresh.owm")
	e := newTestEditor(t, "")
	if err := e.Open(path); err != nil {
		t.Fatal(err)
	}
	typeAtEnd(e.Editor, "title Fresh\n")
	e.Save(nil)
	if data, err := os.ReadFile(path); err != nil || string(data) != "title Fresh\n" {
		t.Fatalf("file %q, %v", data, err)
	}
}

// A map with CR LF line ends opens clean, edits as usual, and is saved with CR LF again.
func TestCRLFMapKeepsItsLineEnds(t *testing.T) {
	crlf := strings.ReplaceAll(teaText, "\n", "\r\n")
	e, path := openMap(t, crlf)
	if e.Dirty() || strings.Contains(e.Text(), "\r") {
		t.Fatalf("opened a CRLF map: dirty %v, CR in the pane %v", e.Dirty(), strings.Contains(e.Text(), "\r"))
	}
	typeAtEnd(e.Editor, "component Milk [0.5, 0.5]\n")
	e.Save(nil)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.ReplaceAll(e.Text(), "\n", "\r\n"); string(data) != want {
		t.Errorf("saved %q, want the text with CR LF line ends %q", data, want)
	}
	if e.Dirty() {
		t.Error("dirty after saving")
	}
}

func TestClosingWithUnsavedChangesAsks(t *testing.T) {
	e, _ := openMap(t, teaText)
	closed := 0
	e.RequestClose(func() { closed++ })
	if closed != 1 || len(e.questions) != 0 {
		t.Fatalf("a clean map: closed %d, asked %v", closed, e.questions)
	}

	e, path := openMap(t, teaText)
	typeAtEnd(e.Editor, "component Milk\n")
	closed = 0
	e.answer = answerCancel
	e.RequestClose(func() { closed++ })
	if len(e.questions) != 1 || e.questions[0].title != "Unsaved changes" ||
		strings.Join(e.questions[0].buttons, "|") != "Save|Don't Save|Cancel" {
		t.Fatalf("asked %+v", e.questions)
	}
	if closed != 0 {
		t.Fatal("Cancel closed the window")
	}
	e.answer = answerSave
	e.RequestClose(func() { closed++ })
	data, _ := os.ReadFile(path)
	if closed != 1 || !strings.Contains(string(data), "component Milk") {
		t.Errorf("Save: closed %d, file %q", closed, data)
	}

	// Don't Save closes, and the quit hook that follows keeps no recovery copy.
	e, path = openMap(t, teaText)
	typeAtEnd(e.Editor, "component Thrown Away\n")
	e.answer = answerDiscard
	closed = 0
	e.RequestClose(func() { closed++ })
	e.stopped()
	if snaps, _ := e.recovery.Find(path, "another session"); closed != 1 || len(snaps) != 0 {
		t.Errorf("Don't Save: closed %d, recovery copies %d", closed, len(snaps))
	}

	// Opening another file and New ask too.
	e, _ = openMap(t, teaText)
	typeAtEnd(e.Editor, "component Milk\n")
	e.answer = answerCancel
	e.New()
	if len(e.questions) != 1 || !strings.Contains(e.Text(), "Milk") {
		t.Errorf("New with unsaved changes: asked %d times, text kept %v", len(e.questions), strings.Contains(e.Text(), "Milk"))
	}
}

func TestCloseQuestionIsADialog(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.ask = e.askDialog // the real dialog
	typeAtEnd(e.Editor, "component Milk\n")
	e.RequestClose(nil)
	if e.win.Canvas().Overlays().Top() == nil {
		t.Fatal("closing with unsaved changes showed no dialog")
	}
}

func TestRecoveryFileIsOfferedBack(t *testing.T) {
	recoveryDir := t.TempDir()
	path := writeMap(t, teaText)

	crashed := newTestEditor(t, recoveryDir)
	if err := crashed.Open(path); err != nil {
		t.Fatal(err)
	}
	typeAtEnd(crashed.Editor, "component Unsaved Work [0.5, 0.5]\n")
	crashed.recoverySave.flush()
	lost := crashed.Text()
	// The editor dies here: no save, no close.

	next := newTestEditor(t, recoveryDir)
	next.answer = answerRecover
	if err := next.Open(path); err != nil {
		t.Fatal(err)
	}
	if len(next.questions) != 1 || next.questions[0].title != "Recover unsaved changes" {
		t.Fatalf("asked %+v", next.questions)
	}
	if next.Text() != lost || !next.Dirty() {
		t.Fatalf("recovered text %q (dirty %v), want %q", next.Text(), next.Dirty(), lost)
	}
	next.pane.Undo()
	if next.Text() != teaText {
		t.Error("the recovery is not an undoable edit")
	}

	// After a save and a clean close nothing is offered any more.
	next.pane.Redo()
	next.Save(nil)
	next.RequestClose(nil)
	third := newTestEditor(t, recoveryDir)
	if err := third.Open(path); err != nil {
		t.Fatal(err)
	}
	if len(third.questions) != 0 {
		t.Errorf("a recovery was offered after a clean save: %+v", third.questions)
	}
}

func TestUntitledRecovery(t *testing.T) {
	recoveryDir := t.TempDir()
	crashed := newTestEditor(t, recoveryDir)
	typeAtEnd(crashed.Editor, "component Scratch [0.5, 0.5]\n")
	crashed.recoverySave.flush()

	next := newTestEditor(t, recoveryDir)
	next.answer = answerRecover
	next.OpenDefault()
	if !strings.Contains(next.Text(), "component Scratch") {
		t.Fatalf("untitled work was not recovered: asked %+v", next.questions)
	}
}

func TestExternalChangeIsNoticed(t *testing.T) {
	e, path := openMap(t, teaText)
	pulled := strings.Replace(teaText, "Kettle [0.43, 0.34]", "Kettle [0.45, 0.40]", 1)
	os.WriteFile(path, []byte(pulled), 0o644)
	e.CheckDisk()
	if e.Text() != pulled || e.Dirty() || len(e.questions) != 0 {
		t.Fatalf("clean buffer: text reloaded %v, dirty %v, asked %v", e.Text() == pulled, e.Dirty(), e.questions)
	}

	typeAtEnd(e.Editor, "component Mine\n")
	mine := e.Text()
	os.WriteFile(path, []byte(teaText+"component Theirs\n"), 0o644)
	e.answer = answerKeep
	e.CheckDisk()
	if len(e.questions) != 1 || e.questions[0].title != "File changed on disk" {
		t.Fatalf("dirty buffer: asked %+v", e.questions)
	}
	if e.Text() != mine || !e.Dirty() {
		t.Fatal("keeping my version lost it")
	}
	e.CheckDisk()
	if len(e.questions) != 1 {
		t.Error("the same change was asked about twice")
	}

	os.WriteFile(path, []byte("title Third version\n"), 0o644)
	e.answer = answerReload
	e.CheckDisk()
	if e.Text() != "title Third version\n" || e.Dirty() {
		t.Errorf("reload gave %q (dirty %v)", e.Text(), e.Dirty())
	}
	e.pane.Undo()
	if e.Text() != mine {
		t.Error("the text from before the reload is not in Undo")
	}
}

func TestSaveRefusesToOverwriteUnseenChange(t *testing.T) {
	e, path := openMap(t, teaText)
	typeAtEnd(e.Editor, "component Mine\n")
	os.WriteFile(path, []byte("title Theirs\n"), 0o644)
	e.answer = answerCancel
	e.Save(nil)
	data, _ := os.ReadFile(path)
	if string(data) != "title Theirs\n" || len(e.questions) != 1 || !e.Dirty() {
		t.Fatalf("save over an unseen change: file %q, asked %v, dirty %v", data, e.questions, e.Dirty())
	}
	e.answer = answerOverwite
	e.Save(nil)
	data, _ = os.ReadFile(path)
	if !strings.Contains(string(data), "component Mine") || e.Dirty() {
		t.Errorf("overwrite: file %q, dirty %v", data, e.Dirty())
	}
}

func TestFailedSaveKeepsBufferDirtyWithMessage(t *testing.T) {
	tests := []struct {
		name    string
		target  func(t *testing.T) string
		message string
	}{
		{"path is a folder", func(t *testing.T) string { return t.TempDir() }, "it is a folder"},
		{"folder missing", func(t *testing.T) string { return filepath.Join(t.TempDir(), "gone", "map.owm") }, "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEditor(t, "")
			e.New()
			typeAtEnd(e.Editor, "component Precious\n")
			if err := e.SaveAs(tc.target(t)); err == nil {
				t.Fatal("save succeeded")
			}
			if !e.Dirty() || !strings.HasPrefix(e.win.Title(), "• ") {
				t.Error("the buffer is not dirty after a failed save")
			}
			if len(e.errs) != 1 || !strings.Contains(e.errs[0].Error(), tc.message) {
				t.Errorf("error shown %v, want one saying %q", e.errs, tc.message)
			}
			if !strings.Contains(e.status.Text, "Not saved") {
				t.Errorf("status %q", e.status.Text)
			}
		})
	}
}

func TestFailedSaveOnInjectedFaults(t *testing.T) {
	// The document tests inject a full disk and a read-only folder below the editor; here the
	// same faults go through the editor's Save to show the buffer stays dirty with a message.
	for name, fault := range map[string]document.FileSystem{
		"full disk":        fullDisk{document.OS},
		"read-only folder": readOnly{document.OS},
	} {
		t.Run(name, func(t *testing.T) {
			path := writeMap(t, teaText)
			e := newTestEditor(t, "")
			doc, text, err := document.OpenFS(fault, path)
			if err != nil {
				t.Fatal(err)
			}
			e.load(doc, text)
			typeAtEnd(e.Editor, "component Precious\n")
			e.Save(nil)
			if !e.Dirty() || len(e.errs) != 1 {
				t.Fatalf("dirty %v, errors %v", e.Dirty(), e.errs)
			}
			if data, _ := os.ReadFile(path); string(data) != teaText {
				t.Errorf("the file was damaged: %q", data)
			}
		})
	}
}

func TestExportWritesEveryFormat(t *testing.T) {
	e, _ := openMap(t, teaText)
	dir := t.TempDir()
	for _, tc := range []struct {
		f     export.Format
		magic string
	}{{export.SVG, "<svg"}, {export.PDF, "%PDF"}, {export.PNG, "\x89PNG"}} {
		path := filepath.Join(dir, "out."+string(tc.f))
		if err := e.Export(path, tc.f, ExportOptions{Style: render.StyleWardley, Paper: "a4"}); err != nil {
			t.Fatalf("%s: %v", tc.f, err)
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data[:min(len(data), 200)]), tc.magic) {
			t.Errorf("%s output does not start like one", tc.f)
		}
	}
	typeAtEnd(e.Editor, "compnent Broken\n")
	if err := e.Export(filepath.Join(dir, "x.svg"), export.SVG, ExportOptions{}); err == nil {
		t.Error("exported a map whose text has errors")
	}
}

// Exports go through the one atomic writer: a failure of the disk or of the encoder leaves the
// file that was there (or no file), never a part of a picture; a read-only picture is not
// replaced; a picture reached through a symbolic link is written into the file it names.
func TestExportIsAtomic(t *testing.T) {
	const old = "<svg>the picture before</svg>"
	tests := []struct {
		name    string
		fs      document.FileSystem
		mode    fs.FileMode
		opts    ExportOptions
		message string
	}{
		{name: "full disk", fs: fullDisk{document.OS}, mode: 0o644, message: "no space left on device"},
		{name: "read-only folder", fs: readOnly{document.OS}, mode: 0o644, message: "permission denied"},
		{name: "read-only picture", fs: document.OS, mode: 0o444, message: "the file is read-only"},
		{name: "encoder fails", fs: document.OS, mode: 0o644, opts: ExportOptions{Scale: -1}, message: "not a positive number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeMap(t, teaText)
			e := newTestEditor(t, "")
			doc, text, err := document.OpenFS(tc.fs, path)
			if err != nil {
				t.Fatal(err)
			}
			e.load(doc, text)
			dir := t.TempDir()
			for _, f := range export.Formats {
				out := filepath.Join(dir, "tea."+string(f))
				if err := os.WriteFile(out, []byte(old), tc.mode); err != nil {
					t.Fatal(err)
				}
				if f != export.PNG && tc.opts.Scale < 0 {
					continue // only the PNG encoder takes a scale
				}
				err := e.Export(out, f, tc.opts)
				if err == nil || !strings.Contains(err.Error(), tc.message) {
					t.Errorf("%s: error %v, want one saying %q", f, err, tc.message)
				}
				if data, _ := os.ReadFile(out); string(data) != old {
					t.Errorf("%s: the file was replaced by %d bytes", f, len(data))
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) != len(export.Formats) {
				t.Errorf("%d files in the folder, want only the %d pictures", len(entries), len(export.Formats))
			}
		})
	}
	t.Run("through a symbolic link", func(t *testing.T) {
		e, _ := openMap(t, teaText)
		dir := t.TempDir()
		real := filepath.Join(dir, "slides", "tea.svg")
		os.Mkdir(filepath.Dir(real), 0o755)
		os.WriteFile(real, []byte(old), 0o640)
		link := filepath.Join(dir, "tea.svg")
		if err := os.Symlink("slides/tea.svg", link); err != nil {
			t.Skip(err)
		}
		if err := e.Export(link, export.SVG, ExportOptions{}); err != nil {
			t.Fatal(err)
		}
		if info, _ := os.Lstat(link); info.Mode()&fs.ModeSymlink == 0 {
			t.Error("the link was replaced by a file")
		}
		if data, _ := os.ReadFile(real); !strings.Contains(string(data), "<svg") || string(data) == old {
			t.Error("the linked picture was not rewritten")
		}
		if info, _ := os.Stat(real); info.Mode().Perm() != 0o640 {
			t.Errorf("the picture's mode became %v", info.Mode().Perm())
		}
	})
}

// The editor saves a map opened through a symbolic link into the file the link names; the link
// stays a link. (It used to replace the link with a plain file and leave the target as it was.)
func TestSaveThroughSymbolicLinkKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real", "map.owm")
	os.Mkdir(filepath.Dir(real), 0o755)
	if err := os.WriteFile(real, []byte(teaText), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.owm")
	if err := os.Symlink("real/map.owm", link); err != nil {
		t.Skip(err)
	}
	e := newTestEditor(t, "")
	if err := e.Open(link); err != nil {
		t.Fatal(err)
	}
	typeAtEnd(e.Editor, "component Saved Through The Link [0.5, 0.5]\n")
	e.Save(nil)
	if len(e.errs) > 0 || e.Dirty() {
		t.Fatalf("save failed: %v", e.errs)
	}
	if info, _ := os.Lstat(link); info.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a plain file")
	}
	if data, _ := os.ReadFile(real); string(data) != e.Text() {
		t.Errorf("the linked file holds the old text:\n%s", data)
	}
	// Saving again (the document checks the disk first) does not see its own save as a change.
	typeAtEnd(e.Editor, "component Again [0.4, 0.4]\n")
	e.Save(nil)
	if len(e.questions) != 0 || e.Dirty() {
		t.Errorf("second save: asked %v, dirty %v", e.questions, e.Dirty())
	}
}

func TestStyleChooserRedrawsWithoutEditing(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.SetStyle(render.StyleDark)
	if bg := e.canvas.Scene().Background; bg.IsNone() || bg.R > 100 {
		t.Errorf("dark style background %+v", bg)
	}
	if e.Dirty() {
		t.Error("changing the view style changed the text")
	}
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Tea Shop":           "tea-shop",
		"../../etc/passwd":   "etc-passwd",
		"<script>":           "script",
		"":                   "map",
		"Ünïcode map v2.0 ✓": "ncode-map-v2-0",
	} {
		if got := safeFileName(in); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestQuitWithoutClosePromptKeepsRecoveryCopy(t *testing.T) {
	// SIGTERM and App.Quit bypass the close prompt; the quit hook keeps the buffer.
	e, path := openMap(t, teaText)
	typeAtEnd(e.Editor, "component Typed Before SIGTERM\n")
	e.stopped()
	snaps, _ := e.recovery.Find(path, "next session")
	if len(snaps) != 1 || !strings.Contains(snaps[0].Text, "Typed Before SIGTERM") {
		t.Fatalf("recovery copies %+v", snaps)
	}
}

func TestBackgroundRedrawDropsStaleResults(t *testing.T) {
	e, _ := openMap(t, teaText)
	var queued []func()
	e.background = func(f func()) { queued = append(queued, f) }

	typeAtEnd(e.Editor, "component Milk [0.5, 0.9]\n")
	e.refreshMapInBackground() // the parse of this text is still running...
	typeAtEnd(e.Editor, "component Sugar [0.4, 0.9]\n")
	e.refreshMapInBackground()
	queued[0]() // ...and finishes after a newer edit: dropped
	if sceneHasText(e.Editor, "Milk") {
		t.Fatal("a result for an older text was shown")
	}
	queued[1]()
	if !sceneHasText(e.Editor, "Milk") || !sceneHasText(e.Editor, "Sugar") {
		t.Fatal("the result for the current text was not shown")
	}
}

func TestUndoMenuFollowsHistoryAndProblemsListOpens(t *testing.T) {
	e, _ := openMap(t, teaText)
	if !e.undoItems[0].Disabled || !e.redoItems[0].Disabled {
		t.Error("Undo/Redo enabled on a freshly opened map")
	}
	if e.textSplit.Offset != problemsClosed {
		t.Errorf("problems list open (%g) on a clean map", e.textSplit.Offset)
	}
	typeAtEnd(e.Editor, "compnent Broken\n")
	e.redraw.flush()
	if e.undoItems[0].Disabled {
		t.Error("Undo disabled after typing")
	}
	if e.textSplit.Offset != problemsOpen {
		t.Errorf("problems list not opened (%g) for an error", e.textSplit.Offset)
	}
	for e.pane.CanUndo() {
		e.pane.Undo()
	}
	e.redraw.flush()
	if !e.undoItems[0].Disabled || e.redoItems[0].Disabled || e.textSplit.Offset != problemsClosed {
		t.Errorf("after undo: redo disabled %v, problems split %g", e.redoItems[0].Disabled, e.textSplit.Offset)
	}
	if got := e.position.Text; !strings.HasPrefix(got, "Ln ") {
		t.Errorf("cursor position shows %q", got)
	}
}

func TestCursorHighlightsNothingWhileTheMapIsStale(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.pane.SetCursor(5, 1)
	if _, ok := e.canvas.Selected(); !ok {
		t.Fatal("cursor on Cup's line selected nothing")
	}
	// A line inserted above Cup: until the map is redrawn its line numbers are the old ones.
	e.pane.SetCursor(2, 1)
	e.pane.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	e.pane.SetCursor(5, 1) // now "component Cup of Tea", drawn as line 4
	if ref, ok := e.canvas.Selected(); ok {
		t.Errorf("stale map highlighted %+v", ref)
	}
	e.redraw.flush()
	e.pane.SetCursor(6, 1)
	if ref, ok := e.canvas.Selected(); !ok || ref.Index != 1 {
		t.Errorf("after the redraw the cursor on Cup's new line selected %+v, %v", ref, ok)
	}
	// With an error elsewhere the map is still the parse of the text: the cursor highlights.
	typeAtEnd(e.Editor, "compnent Broken\n")
	e.redraw.flush()
	e.pane.SetCursor(6, 1)
	if ref, ok := e.canvas.Selected(); !ok || ref.Index != 1 {
		t.Errorf("with an error elsewhere the cursor on Cup's line selected %+v, %v", ref, ok)
	}
}

func TestStyleFollowsThemeOnlyWhenTheMapNamesNone(t *testing.T) {
	named, _ := mapdsl.Parse("a", []byte("title A\nstyle wardley\n"))
	unnamed, _ := mapdsl.Parse("b", []byte("title B\n"))
	tests := []struct {
		name   string
		chosen render.Style
		m      *mapdsl.Map
		dark   bool
		want   render.Style
	}{
		{"map's own style in dark mode", "", named, true, render.StyleWardley},
		{"no style, light mode", "", unnamed, false, render.StylePlain},
		{"no style, dark mode", "", unnamed, true, render.StyleDark},
		{"chosen in the View menu wins", render.StyleColour, named, true, render.StyleColour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := styleFor(tc.chosen, tc.m, tc.dark); got != tc.want {
				t.Errorf("styleFor = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestArrowKeysMoveTheSelectedElement(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.canvas.Select(render.Ref{Kind: render.ElemComponent, Index: 1})
	e.canvas.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	e.canvas.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if line := strings.Split(e.Text(), "\n")[4]; line != "component Cup [0.71, 0.79] (buy)" {
		t.Fatalf("nudged line %q", line)
	}
	if ref, ok := e.canvas.Selected(); !ok || ref.Kind != render.ElemComponent || ref.Index != 1 {
		t.Errorf("selection after nudging: %+v %v", ref, ok)
	}
	e.canvas.Select(render.Ref{Kind: render.ElemLabel, Index: 1})
	e.canvas.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if line := strings.Split(e.Text(), "\n")[4]; !strings.Contains(line, "label [") {
		t.Errorf("nudging the label wrote %q", line)
	}
	if ref, _ := e.canvas.Selected(); ref.Kind != render.ElemLabel {
		t.Errorf("the label lost the selection to %+v", ref)
	}
}

func TestHostileFilesOpenWithoutPanic(t *testing.T) {
	long := strings.Repeat("component X", 1) + " [0.5, 0.5] " + strings.Repeat("é", 300_000) + "\n"
	tests := map[string]string{
		"binary garbage":    "\x00\x01\x02\xff\xfe title \x00\n\x89PNG\r\n\x1a\n",
		"invalid UTF-8":     "title \xc3\x28 map\ncomponent \xff\xfe [0.5, 0.5]\n",
		"byte-order mark":   "\ufefftitle BOM\ncomponent A [0.5, 0.5]\n",
		"one long line":     long,
		"unclosed comment":  "title A\n/* never closed\ncomponent B [0.5, 0.5]\n",
		"numbers from hell": "component A [1e309, NaN]\ncomponent B [-0, 0x10]\ncomponent C [" + strings.Repeat("9", 400) + ", 0.5]\n",
		"script names":      "component <script>alert(1)</script> [0.5, 0.5]\ncomponent ]]>&amp; [0.4, 0.4]\n",
		"rtl and emoji":     "component \u202eevil\u202c 🫖 [0.5, 0.5]\ncomponent \u200b [0.4, 0.4]\n",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			e, _ := openMap(t, text)
			if e.canvas.Scene() == nil {
				t.Fatal("nothing drawn")
			}
			typeAtEnd(e.Editor, "component Z [0.2, 0.2]\n")
			e.redraw.flush()
			if e.status.Text == "" {
				t.Error("no status")
			}
		})
	}
}

func TestDeletingTheSelectedElementClearsTheSelection(t *testing.T) {
	e, _ := openMap(t, teaText)
	tea := circleOf(t, e.Editor, render.ElemComponent, 2)
	e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: e.canvas.PageToScreen(render.Point{X: tea.X, Y: tea.Y})},
		Button: desktop.MouseButtonPrimary})
	e.canvas.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if strings.Contains(e.Text(), "component Tea") {
		t.Fatalf("Delete left Tea:\n%s", e.Text())
	}
	if ref, ok := e.canvas.Selected(); ok {
		t.Errorf("after deleting Tea, %+v is selected (Kettle inherited its index)", ref)
	}
}

func TestDragPreviewMovesLinksWithoutEditingTheText(t *testing.T) {
	e, _ := openMap(t, teaText)
	cup := circleOf(t, e.Editor, render.ElemComponent, 1)
	sc := e.canvas.Scene()

	// The preview is a full layout of the edited text: the link Cup of Tea->Cup ends at Cup's
	// new place.
	preview := e.previewMove(mapcanvas.Move{Ref: render.Ref{Kind: render.ElemComponent, Index: 1, Line: 5},
		DVis: -0.1, DMat: -0.2})
	if preview == nil {
		t.Fatal("no preview")
	}
	var moved render.Item
	for _, it := range preview.Items {
		if it.Ref.Kind == render.ElemComponent && it.Ref.Index == 1 && it.Shape == render.ShapeCircle {
			moved = it
		}
	}
	wantX, wantY := cup.X-0.2*sc.PlotW, cup.Y+0.1*sc.PlotH
	if abs(moved.X-wantX) > 0.5 || abs(moved.Y-wantY) > 0.5 {
		t.Fatalf("preview draws Cup at (%.1f, %.1f), want (%.1f, %.1f)", moved.X, moved.Y, wantX, wantY)
	}
	linked := false
	for _, it := range preview.Items {
		if it.Ref.Kind == render.ElemLink && len(it.Points) > 1 {
			end := it.Points[len(it.Points)-1]
			linked = linked || (abs(end.X-moved.X) < 1 && abs(end.Y-moved.Y) < 1)
		}
	}
	if !linked {
		t.Error("no link ends at Cup's new place in the preview")
	}

	// Dragging shows previews but edits the text only when the drag ends.
	pos := e.canvas.PageToScreen(render.Point{X: cup.X, Y: cup.Y})
	e.canvas.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary})
	e.canvas.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(-60, 40)})
	if e.Text() != teaText || e.canvas.Scene() != sc {
		t.Fatal("the text or the committed map changed before the drag ended")
	}
	e.canvas.DragEnd()
	if e.Text() == teaText {
		t.Fatal("the drag did not edit the text")
	}
}

// A read-only map is not replaced unless the user says so; then it stays read-only.
func TestSaveAsksBeforeReplacingAReadOnlyMap(t *testing.T) {
	for _, answer := range []string{answerCancel, answerReplace} {
		t.Run(answer, func(t *testing.T) {
			e, path := openMap(t, teaText)
			if err := os.Chmod(path, 0o444); err != nil {
				t.Fatal(err)
			}
			typeAtEnd(e.Editor, "component Milk [0.5, 0.9]\n")
			e.answer = answer
			e.Save(nil)
			if len(e.questions) != 1 || e.questions[0].title != "Read-only map" {
				t.Fatalf("asked %+v", e.questions)
			}
			data, _ := os.ReadFile(path)
			if replaced := string(data) == e.Text(); replaced != (answer == answerReplace) || e.Dirty() == replaced {
				t.Errorf("answer %s: file replaced %v, buffer dirty %v", answer, replaced, e.Dirty())
			}
			if info, _ := os.Stat(path); info.Mode().Perm() != 0o444 {
				t.Errorf("the map's mode became %v", info.Mode().Perm())
			}
		})
	}
}
