package ui

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"mapwright/render"
)

// presentedTexts are the texts drawn by the present view's map, sorted, the map's title and its
// axes' captions left out: the names of what is shown.
func presentedTexts(t *testing.T, e *Editor) []string {
	t.Helper()
	if e.present == nil {
		t.Fatal("not presenting")
	}
	sc := e.present.canvas.Scene()
	if sc == nil {
		return nil
	}
	var out []string
	for _, it := range sc.Items {
		switch it.Ref.Kind {
		case render.ElemTitle, render.ElemAxis, render.ElemStage:
			continue
		}
		if it.Shape == render.ShapeText && it.Text != "" {
			out = append(out, it.Text)
		}
	}
	slices.Sort(out)
	return out
}

// windowState is what leaving present mode must put back.
type windowState struct {
	content    fyne.CanvasObject
	fullScreen bool
	size       fyne.Size
	focused    fyne.Focusable
	menu       *fyne.MainMenu
	text       string
	cursor     string
}

func stateOf(e *Editor) windowState {
	c := e.pane.CursorPosition()
	return windowState{e.win.Content(), e.win.FullScreen(), e.win.Canvas().Size(), e.win.Canvas().Focused(),
		e.win.MainMenu(), e.Text(), strings.Repeat("|", c.Line) + strings.Repeat(".", c.Col)}
}

// TestPresentModeEntersAndLeaves: F5, typed while the text, the map or nothing has the focus,
// puts the window full screen with the map alone on it, the menus gone and the keys going to
// the present view; Escape puts back the window as it was (content, size, full-screen state,
// menus), the focus in the text, and the text byte for byte.
func TestPresentModeEntersAndLeaves(t *testing.T) {
	for _, from := range []string{"text", "map", "nothing", "menu", "find bar"} {
		t.Run(from, func(t *testing.T) {
			e, _ := openMap(t, teaText)
			e.redraw.flush()
			e.pane.SetCursor(4, 7)
			c := e.win.Canvas()
			switch from {
			case "find bar":
				e.pane.ShowFind()
				if c.Focused() == nil || c.Focused() == fyne.Focusable(e.pane) {
					t.Fatalf("the find bar did not take the keys (%T has them)", c.Focused())
				}
			case "text":
				c.Focus(e.pane)
			case "map":
				c.Focus(e.canvas)
			case "nothing":
				c.Unfocus()
			}
			before := stateOf(e.Editor)
			if from == "menu" {
				menuItem(t, e.Editor, "View", "Present").Action()
			} else {
				pressKey(c, fyne.KeyF5)
			}
			if !e.Presenting() {
				t.Fatal("F5 did not start present mode")
			}
			if !e.win.FullScreen() || e.win.MainMenu() != nil || e.win.Content() != e.present.root {
				t.Errorf("present mode: full screen %v, menu %v, content is the present view %v",
					e.win.FullScreen(), e.win.MainMenu() != nil, e.win.Content() == e.present.root)
			}
			if c.Focused() != fyne.Focusable(e.present.input) {
				t.Errorf("the keys go to %T, want the present view", c.Focused())
			}
			pressKey(c, fyne.KeyEnd) // the last step shows the whole map
			got := presentedTexts(t, e.Editor)
			for _, name := range []string{"Public", "Cup of Tea", "Kettle", "Tea"} {
				if !slices.Contains(got, name) {
					t.Errorf("the presented map lacks %q: %q", name, got)
				}
			}
			pressKey(c, fyne.KeyEscape)
			if e.Presenting() {
				t.Fatal("Escape did not leave present mode")
			}
			after := stateOf(e.Editor)
			if after.focused != fyne.Focusable(e.pane) {
				t.Errorf("after present mode the focus is on %T, want the text", after.focused)
			}
			before.focused, after.focused = nil, nil
			if before != after {
				t.Errorf("the window is not as it was:\nbefore %+v\nafter  %+v", before, after)
			}
			sameText(t, e.Editor, teaText, "after a present session")
		})
	}
}

// TestPresentModeKeepsFullScreen: a window that was full screen before stays full screen after.
func TestPresentModeKeepsFullScreen(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.win.SetFullScreen(true)
	e.Present()
	e.present.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !e.win.FullScreen() {
		t.Error("a full-screen window left present mode windowed")
	}
}

// TestPresentModeNotUnderADialog: F5 does nothing while a question is on screen.
func TestPresentModeNotUnderADialog(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.askDialog("Question", "Really?", []string{"Yes", answerCancel}, func(string) {})
	pressKey(e.win.Canvas(), fyne.KeyF5)
	if e.Presenting() {
		t.Error("F5 started present mode under a dialog")
	}
}

// TestPresentEmptyMap: an empty map shows a friendly message instead of a blank screen.
func TestPresentEmptyMap(t *testing.T) {
	e, _ := openMap(t, "title Nothing yet\n// component Tea [0.5, 0.5]\n")
	e.Present()
	p := e.present
	if len(p.slides) != 0 || !p.message.Visible() || p.canvas.Scene() != nil || p.counter.Text != "" {
		t.Errorf("empty map: %d slides, message shown %v, scene %v, counter %q", len(p.slides), p.message.Visible(), p.canvas.Scene() != nil, p.counter.Text)
	}
	for _, k := range []fyne.KeyName{fyne.KeyRight, fyne.KeyLeft, fyne.KeyEnd, fyne.KeyHome} {
		p.input.TypedKey(&fyne.KeyEvent{Name: k}) // nothing to step through, and no panic
	}
	test.Tap(p.input)
	p.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Presenting() {
		t.Error("Escape did not leave present mode")
	}
}

// TestPresentMapWithErrors: a map with a broken line is presented as the editor draws it,
// everything but the broken line.
func TestPresentMapWithErrors(t *testing.T) {
	text := teaText + "compnent Broken\n"
	e, _ := openMap(t, text)
	e.Present()
	e.present.show(len(e.present.slides) - 1)
	got := presentedTexts(t, e.Editor)
	if !slices.Contains(got, "Kettle") || slices.Contains(got, "Broken") {
		t.Errorf("a map with errors presented %q, want every clean line and not the broken one", got)
	}
	e.StopPresenting()
	sameText(t, e.Editor, text, "after presenting a map with errors")
}

// TestPresentFollowsTheNewestText: F5 right after typing shows what was typed, before the
// pause after typing ran out; and a reload from disk while presenting shows the new text.
func TestPresentFollowsTheNewestText(t *testing.T) {
	e, path := openMap(t, teaText)
	e.redraw.flush()
	typeAtEnd(e.Editor, "component Kettle Two [0.2, 0.5]")
	typed := e.Text()
	e.Present()
	e.present.show(len(e.present.slides) - 1)
	if got := presentedTexts(t, e.Editor); !slices.Contains(got, "Kettle Two") {
		t.Errorf("present mode drew an older text: %q", got)
	}
	e.StopPresenting()
	sameText(t, e.Editor, typed, "after presenting")

	e.pane.SetText(teaText)
	e.Present()
	os.WriteFile(path, []byte(teaText+"component Pulled [0.3, 0.3]\n"), 0o644)
	e.CheckDisk()
	e.present.show(len(e.present.slides) - 1)
	if got := presentedTexts(t, e.Editor); !slices.Contains(got, "Pulled") {
		t.Errorf("present mode did not follow a reload: %q", got)
	}
}

// TestPresentMenuShowsF5: View > Present names its key.
func TestPresentMenuShowsF5(t *testing.T) {
	e := newTestEditor(t, "")
	it := menuItem(t, e.Editor, "View", "Present")
	if sc, ok := it.Shortcut.(*desktop.CustomShortcut); !ok || sc.KeyName != fyne.KeyF5 || sc.Modifier != 0 {
		t.Errorf("View > Present shortcut %#v, want F5", it.Shortcut)
	}
}

// teaSteps is a map whose text marks three steps: lines 2-5, 6-10 and 11-14.
const teaSteps = `title Tea
// step: The customer
anchor Public [0.95, 0.60]
component Cup of Tea [0.80, 0.62]
Public->Cup of Tea
// step: What goes into it
component Cup [0.72, 0.78]
component Tea [0.63, 0.82]
Cup of Tea->Cup
Cup of Tea->Tea
// step: Boiling water
component Kettle [0.43, 0.34]
Tea->Kettle
evolve Kettle 0.62
`

// stepShown is what the present view and the text show at one step.
type stepShown struct {
	title, counter string
	names          []string // the element names drawn (presentedTexts)
	emphasised     []int    // the source lines whose marks are emphasised, sorted
	band           []int    // the lines tinted in the text
}

func shownStep(t *testing.T, e *Editor) stepShown {
	t.Helper()
	p := e.present
	s := stepShown{title: p.title.Text, counter: p.counter.Text, band: e.pane.Band(), names: presentedTexts(t, e)}
	for _, it := range p.canvas.Scene().Items {
		if it.Ref.Kind == render.ElemEmphasis && !slices.Contains(s.emphasised, it.Ref.Line) {
			s.emphasised = append(s.emphasised, it.Ref.Line)
		}
	}
	slices.Sort(s.emphasised)
	return s
}

func lineRange(a, b int) []int {
	var out []int
	for l := a; l <= b; l++ {
		out = append(out, l)
	}
	return out
}

// TestPresentStepsThroughTheBuildUp: every key and click of present mode, one after the other,
// and what each step shows: its title and number, exactly the elements declared up to it (a
// link once both ends exist), what it adds emphasised, and its section tinted in the text.
// Leaving shows the text unchanged, with the last step's lines tinted, until it is edited.
func TestPresentStepsThroughTheBuildUp(t *testing.T) {
	e, _ := openMap(t, teaSteps)
	e.redraw.flush()
	c := e.win.Canvas()
	c.Focus(e.pane)
	pressKey(c, fyne.KeyF5)
	in := e.present.input
	steps := []stepShown{
		{"The customer", "1 / 3", []string{"Cup of Tea", "Public"}, []int{3, 4, 5}, lineRange(2, 5)},
		{"What goes into it", "2 / 3", []string{"Cup", "Cup of Tea", "Public", "Tea"}, []int{7, 8, 9, 10}, lineRange(6, 10)},
		{"Boiling water", "3 / 3", []string{"Cup", "Cup of Tea", "Kettle", "Kettle", "Public", "Tea"}, []int{12, 13, 14}, lineRange(11, 14)},
	}
	key := func(k fyne.KeyName) func() { return func() { pressKey(c, k) } }
	shiftClick := func() {
		in.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift})
		test.Tap(in)
	}
	for _, tc := range []struct {
		do   string
		act  func()
		want int
	}{
		{"F5", func() {}, 0},
		{"Left on the first step", key(fyne.KeyLeft), 0},
		{"Right", key(fyne.KeyRight), 1},
		{"Left", key(fyne.KeyLeft), 0},
		{"Down", key(fyne.KeyDown), 1},
		{"Up", key(fyne.KeyUp), 0},
		{"Space", key(fyne.KeySpace), 1},
		{"Page Up", key(fyne.KeyPageUp), 0},
		{"Page Down", key(fyne.KeyPageDown), 1},
		{"Page Down", key(fyne.KeyPageDown), 2},
		{"Right on the last step", key(fyne.KeyRight), 2},
		{"Home", key(fyne.KeyHome), 0},
		{"End", key(fyne.KeyEnd), 2},
		{"right-click", func() { test.TapSecondary(in) }, 1},
		{"Shift+click", shiftClick, 0},
		{"click", func() { test.Tap(in) }, 1},
		{"click", func() { test.Tap(in) }, 2},
		{"Shift+click", shiftClick, 1},
	} {
		tc.act()
		got := shownStep(t, e.Editor)
		if want := steps[tc.want]; !reflect.DeepEqual(got, want) {
			t.Errorf("after %s:\n got %+v\nwant %+v", tc.do, got, want)
		}
	}
	pressKey(c, fyne.KeyEscape)
	sameText(t, e.Editor, teaSteps, "after a present session")
	if got := e.pane.Band(); !slices.Equal(got, lineRange(6, 10)) || c.Focused() != fyne.Focusable(e.pane) {
		t.Errorf("after leaving on step 2: lines %v tinted, focus on %T; want lines 6-10 and the text", got, c.Focused())
	}
	typeAtEnd(e.Editor, "x")
	if got := e.pane.Band(); got != nil {
		t.Errorf("an edit left lines %v tinted", got)
	}
}

// TestPresentDefaultOrder: a map without step markers builds up in the default order (anchors,
// then the value chain from the top, then evolution), each step tinting the lines it adds.
func TestPresentDefaultOrder(t *testing.T) {
	e, _ := openMap(t, teaText)
	e.Present()
	p := e.present
	var titles []string
	for range p.slides {
		titles = append(titles, p.title.Text)
		p.step(1)
	}
	if len(titles) < 3 || titles[0] != "Users and needs" || titles[len(titles)-1] != "Evolution" {
		t.Fatalf("default order %q, want Users and needs first and Evolution last", titles)
	}
	p.show(0)
	if got := shownStep(t, e.Editor); !slices.Equal(got.names, []string{"Public"}) || !slices.Equal(got.band, []int{3}) || !slices.Equal(got.emphasised, []int{3}) {
		t.Errorf("first step of the default order: %+v, want Public alone, its line 3 tinted and emphasised", got)
	}
	p.show(len(p.slides) - 1)
	if got := shownStep(t, e.Editor); !slices.Equal(got.band, []int{8}) || !slices.Equal(got.emphasised, []int{8}) {
		t.Errorf("the evolution step: %+v, want line 8 (evolve Kettle) tinted and emphasised", got)
	}
}

// TestPresentViewOnlyShows: dragging, scrolling and hovering over the presented map neither pan
// nor zoom it, nor change the step or the text.
func TestPresentViewOnlyShows(t *testing.T) {
	e, _ := openMap(t, teaSteps)
	e.Present()
	p := e.present
	c := e.win.Canvas()
	mid := fyne.NewPos(c.Size().Width/2, c.Size().Height/2)
	page, zoom := p.canvas.ScreenToPage(mid), p.canvas.Zoom()
	test.MoveMouse(c, mid)
	test.Drag(c, mid, 120, 60)
	test.Scroll(c, mid, 0, 250)
	if p.canvas.ScreenToPage(mid) != page || p.canvas.Zoom() != zoom || p.at != 0 {
		t.Errorf("the presented map moved: page point %v -> %v, zoom %v -> %v, step %d", page, p.canvas.ScreenToPage(mid), zoom, p.canvas.Zoom(), p.at+1)
	}
	p.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	sameText(t, e.Editor, teaSteps, "after dragging over the presented map")
}

// TestPresentInWindow: View > Present in Window (Ctrl+F5) shows the steps in place of the map,
// the window, its menus and the text left as they are; the step's lines are tinted in the text
// as it goes; an edit of the text while presenting is followed at the same step; F5 typed in the
// text leaves, and the map is back.
func TestPresentInWindow(t *testing.T) {
	e, _ := openMap(t, teaSteps)
	e.redraw.flush()
	c := e.win.Canvas()
	content, size := e.win.Content(), c.Size()
	pressShortcut(e.Editor, ctrl(fyne.KeyF5))
	p := e.present
	if p == nil || e.win.FullScreen() || e.win.Content() != content || c.Size() != size || e.win.MainMenu() == nil {
		t.Fatalf("Present in Window: presenting %v, full screen %v, the window's content replaced %v, size %v (was %v)",
			p != nil, e.win.FullScreen(), e.win.Content() != content, c.Size(), size)
	}
	if len(e.mapArea.Objects) != 1 || e.mapArea.Objects[0] != fyne.CanvasObject(p.root) || c.Focused() != fyne.Focusable(p.input) {
		t.Fatalf("the present view does not stand for the map, or does not have the keyboard (%T)", c.Focused())
	}
	pressKey(c, fyne.KeyRight)
	if got := shownStep(t, e.Editor); got.counter != "2 / 3" || !slices.Equal(got.band, lineRange(6, 10)) {
		t.Errorf("step 2 in the window: %+v, want lines 6-10 tinted", got)
	}
	// An edit in the text: step 2 gains Sugar, and stays on show.
	c.Focus(e.pane)
	e.pane.SetCursor(10, 1<<20)
	e.pane.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(e.pane, "component Sugar [0.6, 0.7]")
	e.redraw.flush()
	if got := shownStep(t, e.Editor); got.counter != "2 / 3" || !slices.Contains(got.names, "Sugar") || !slices.Equal(got.band, lineRange(6, 11)) {
		t.Errorf("after typing in step 2: %+v, want Sugar drawn and lines 6-11 tinted", got)
	}
	typed := e.Text()
	// A click on the present view steps on and takes the keyboard back from the text.
	p.input.MouseDown(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
	test.Tap(p.input)
	if c.Focused() != fyne.Focusable(p.input) || p.at != 2 {
		t.Errorf("a click on the present view: focus %T, step %d; want the present view, step 3", c.Focused(), p.at+1)
	}
	c.Focus(e.pane)
	pressKey(c, fyne.KeyF5)
	if e.Presenting() || e.mapArea.Objects[0] != fyne.CanvasObject(e.canvas) || c.Focused() != fyne.Focusable(e.pane) {
		t.Errorf("F5 in the text: presenting %v, the map back %v, focus %T", e.Presenting(), e.mapArea.Objects[0] == fyne.CanvasObject(e.canvas), c.Focused())
	}
	sameText(t, e.Editor, typed, "after presenting in the window")
}

// TestPresentKeepsShortcutsOffTheText: while the map is presented full screen (no menus), the
// editing shortcuts the window itself knows (Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z) change nothing, in
// the text or in the present view.
func TestPresentKeepsShortcutsOffTheText(t *testing.T) {
	e, _ := openMap(t, teaSteps)
	typeAtEnd(e.Editor, "component Milk [0.5, 0.5]")
	typed := e.Text()
	e.Present()
	for _, sc := range []fyne.Shortcut{&fyne.ShortcutUndo{}, &fyne.ShortcutRedo{}, ctrl(fyne.KeyZ), ctrlShift(fyne.KeyZ), ctrl(fyne.KeyY), ctrl(fyne.KeyPlus)} {
		pressShortcut(e.Editor, sc)
		sameText(t, e.Editor, typed, "after "+sc.ShortcutName()+" in present mode")
	}
	if !e.Presenting() || e.present.at != 0 {
		t.Errorf("a shortcut left present mode or moved the step (%d)", e.present.at+1)
	}
	e.StopPresenting()
	sameText(t, e.Editor, typed, "after shortcuts in present mode")
}

// TestPresentedStepsStandStill: a label is where the whole map has it at every step, though
// later steps bring neighbours that push automatically placed labels about.
func TestPresentedStepsStandStill(t *testing.T) {
	crowded := "title Crowd\n// step: One\ncomponent Alpha [0.50, 0.50]\n// step: Crowd\n" +
		"component Beta [0.50, 0.56]\ncomponent Gamma [0.52, 0.53]\ncomponent Delta [0.48, 0.56]\ncomponent Epsilon [0.50, 0.60]\n" +
		"Alpha->Beta\nAlpha->Gamma\nAlpha->Delta\n"
	e, _ := openMap(t, crowded)
	e.Present()
	p := e.present
	where := func(name string) (render.Point, bool) {
		for _, it := range p.canvas.Scene().Items {
			if it.Shape == render.ShapeText && it.Text == name {
				return render.Point{X: it.X, Y: it.Y}, true
			}
		}
		return render.Point{}, false
	}
	p.show(len(p.slides) - 1)
	final := map[string]render.Point{}
	for _, n := range []string{"Alpha"} {
		final[n], _ = where(n)
	}
	for i := range p.slides {
		p.show(i)
		for n, want := range final {
			if got, ok := where(n); ok && got != want {
				t.Errorf("step %d draws %q at %v, the whole map at %v", i+1, n, got, want)
			}
		}
	}
}

// TestPresentSavesAndQuits: full screen hides the menus, so Ctrl+S still saves (leaving present
// mode and the text as they are) and Ctrl+Q leaves present mode and asks about unsaved changes as
// File > Quit does.
func TestPresentSavesAndQuits(t *testing.T) {
	e, path := openMap(t, teaSteps)
	typeAtEnd(e.Editor, "component Milk [0.5, 0.5]")
	typed := e.Text()
	e.Present()
	pressShortcut(e.Editor, ctrl(fyne.KeyS))
	if data, _ := os.ReadFile(path); string(data) != typed {
		t.Errorf("Ctrl+S in present mode did not save the text: the file holds %q", data)
	}
	if !e.Presenting() || e.Dirty() {
		t.Errorf("after Ctrl+S: presenting %v, dirty %v", e.Presenting(), e.Dirty())
	}
	typeAtEnd(e.Editor, "\ncomponent Sugar [0.4, 0.4]")
	e.answer = answerCancel
	pressShortcut(e.Editor, ctrl(fyne.KeyQ))
	if e.Presenting() {
		t.Error("Ctrl+Q did not leave present mode")
	}
	if len(e.questions) != 1 || e.questions[0].title != "Unsaved changes" {
		t.Errorf("Ctrl+Q with unsaved changes asked %+v", e.questions)
	}
	sameText(t, e.Editor, typed+"\ncomponent Sugar [0.4, 0.4]", "after Ctrl+Q was cancelled")
}

// TestPresentLeavesDiskQuestionsForLater: a change on disk to a map with unsaved edits is asked
// about after full-screen present mode, not on the screen of a talk; in the window, at once.
func TestPresentLeavesDiskQuestionsForLater(t *testing.T) {
	for _, inWindow := range []bool{false, true} {
		t.Run(map[bool]string{false: "full screen", true: "in the window"}[inWindow], func(t *testing.T) {
			e, path := openMap(t, teaText)
			typeAtEnd(e.Editor, "component Mine\n")
			e.answer = answerKeep
			if inWindow {
				e.PresentInWindow()
			} else {
				e.Present()
			}
			if err := os.WriteFile(path, []byte(teaText+"component Theirs\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			e.CheckDisk()
			if asked := len(e.questions); inWindow != (asked == 1) {
				t.Fatalf("questions while presenting: %+v", e.questions)
			}
			e.StopPresenting()
			if len(e.questions) != 1 || e.questions[0].title != "File changed on disk" {
				t.Fatalf("questions after present mode: %+v, want the change on disk asked about once", e.questions)
			}
		})
	}
}

// TestPresentKeysAnswerAQuestion: a question shown in present mode (Ctrl+S can ask one) gets
// Escape and Enter as any dialog does; Escape used to leave present mode, the question still up.
func TestPresentKeysAnswerAQuestion(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		t.Run(string(key), func(t *testing.T) {
			e, _ := openMap(t, teaSteps)
			e.redraw.flush()
			e.Present()
			var got string
			e.askDialog("Question", "Really?", []string{"Yes", answerCancel}, func(a string) { got = a })
			e.present.input.TypedKey(&fyne.KeyEvent{Name: key})
			want := map[fyne.KeyName]string{fyne.KeyEscape: answerCancel, fyne.KeyReturn: "Yes"}[key]
			if !e.Presenting() {
				t.Fatalf("%s with a question up left present mode (answer %q)", key, got)
			}
			if got != want || e.present.at != 0 {
				t.Errorf("%s with a question up: answer %q (want %q), step %d (want 1)", key, got, want, e.present.at+1)
			}
		})
	}
}

// TestPresentInWindowHidesThePalette: the palette's tools place elements on the map, which the
// steps stand in for; it comes back with the map.
func TestPresentInWindowHidesThePalette(t *testing.T) {
	e, _ := openMap(t, teaSteps)
	e.PresentInWindow()
	if e.palette.Visible() {
		t.Error("the palette stays while the steps stand in for the map")
	}
	e.StopPresenting()
	if !e.palette.Visible() {
		t.Error("the palette did not come back with the map")
	}
}
