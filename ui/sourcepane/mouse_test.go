package sourcepane

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

const mouseText = "component Cup of Tea [0.79, 0.61]\nCup of Tea->Hot Water\nnote 中文 text"

func press(e *Editor, p fyne.Position, mod fyne.KeyModifier) {
	e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary, Modifier: mod})
	e.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary})
}

func TestTapPlacesCursor(t *testing.T) {
	e, _ := newTestEditor(t, mouseText)
	test.TapAt(e, pointAt(e, at(2, 5)))
	wantCursor(t, e, at(2, 5))
	// a point past the end of a line goes to its end; below the text to the end of the text
	test.TapAt(e, fyne.NewPos(700, pointAt(e, at(1, 1)).Y))
	wantCursor(t, e, at(1, 34))
	test.TapAt(e, fyne.NewPos(100, 500))
	wantCursor(t, e, at(3, 13))
}

func TestTapOnWideRunes(t *testing.T) {
	e, _ := newTestEditor(t, mouseText)
	test.TapAt(e, pointAt(e, at(3, 7)))
	wantCursor(t, e, at(3, 7))
	test.TapAt(e, pointAt(e, at(3, 8)))
	wantCursor(t, e, at(3, 8))
}

func TestMouseDownShiftExtends(t *testing.T) {
	e, _ := newTestEditor(t, mouseText)
	press(e, pointAt(e, at(1, 11)), 0)
	e.mouse.lastClick = time.Time{} // not a double click
	press(e, pointAt(e, at(1, 21)), fyne.KeyModifierShift)
	if got := e.SelectedText(); got != "Cup of Tea" {
		t.Errorf("shift+click selected %q", got)
	}
	e.Tapped(&fyne.PointEvent{Position: pointAt(e, at(1, 21))}) // delayed Tapped after MouseDown: ignored
	if got := e.SelectedText(); got != "Cup of Tea" {
		t.Errorf("the Tapped that follows MouseDown dropped the selection: %q", got)
	}
}

func TestDragSelects(t *testing.T) {
	t.Run("test.Drag", func(t *testing.T) {
		e, w := newTestEditor(t, mouseText)
		from, to := pointAt(e, at(1, 11)), pointAt(e, at(2, 4))
		test.Drag(w.Canvas(), from, to.X-from.X, to.Y-from.Y)
		if got := e.SelectedText(); got != "Cup of Tea [0.79, 0.61]\nCup" {
			t.Errorf("drag selected %q", got)
		}
	})
	t.Run("MouseDown then incremental drags", func(t *testing.T) {
		e, _ := newTestEditor(t, mouseText)
		from := pointAt(e, at(2, 1))
		e.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
		mid, to := pointAt(e, at(2, 5)), pointAt(e, at(2, 11))
		e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-from.X, 0)})
		e.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-mid.X, 0)})
		e.DragEnd()
		if got := e.SelectedText(); got != "Cup of Tea" {
			t.Errorf("drag selected %q", got)
		}
	})
}

func TestDoubleAndTripleClick(t *testing.T) {
	e, _ := newTestEditor(t, mouseText)
	p := pointAt(e, at(2, 14))
	e.DoubleTapped(&fyne.PointEvent{Position: p})
	if got := e.SelectedText(); got != "Hot" {
		t.Errorf("double tap selected %q, want Hot", got)
	}
	e.SetCursor(1, 1)
	press(e, p, 0)
	press(e, p, 0)
	if got := e.SelectedText(); got != "Hot" {
		t.Errorf("double click selected %q, want Hot", got)
	}
	press(e, p, 0)
	if got := e.SelectedText(); got != "Cup of Tea->Hot Water\n" {
		t.Errorf("triple click selected %q, want the line", got)
	}
	// double click on CJK text selects the run of letters
	e.mouse.lastClick = time.Time{}
	e.DoubleTapped(&fyne.PointEvent{Position: pointAt(e, at(3, 7))})
	if got := e.SelectedText(); got != "中文" {
		t.Errorf("double tap on CJK selected %q", got)
	}
}

func TestGutterClickSelectsLine(t *testing.T) {
	e, _ := newTestEditor(t, mouseText)
	press(e, fyne.NewPos(10, pointAt(e, at(2, 1)).Y), 0)
	if got := e.SelectedText(); got != "Cup of Tea->Hot Water\n" {
		t.Errorf("gutter click selected %q", got)
	}
}

func TestWheelAndScrollBar(t *testing.T) {
	lines := make([]string, 1000)
	for i := range lines {
		lines[i] = fmt.Sprintf("component C%d [0.5, 0.5]", i)
	}
	e, w := newTestEditor(t, strings.Join(lines, "\n"))
	lh := e.m().lineH
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, -10*lh)
	if first, _ := e.visibleRange(); first != 10 {
		t.Errorf("after wheel scroll first visible line = %d, want 10", first)
	}
	test.Scroll(w.Canvas(), fyne.NewPos(300, 300), 0, 1000*lh)
	if e.scrollY != 0 {
		t.Errorf("scrolled above the top: %v", e.scrollY)
	}
	// drag the thumb to the bottom of the track: the last lines come into view
	_, th := e.thumb()
	bar := fyne.NewPos(e.Size().Width-scrollBarW/2, th/2)
	test.Drag(w.Canvas(), bar, 0, e.Size().Height)
	if _, last := e.visibleRange(); last != 999 {
		t.Errorf("thumb drag to the bottom shows up to line %d, want 999", last)
	}
	// a click on the track below the thumb pages down... from the top
	e.ScrollToLine(1)
	press(e, fyne.NewPos(bar.X, e.Size().Height-5), 0)
	if first, _ := e.visibleRange(); first == 0 {
		t.Errorf("a click on the track did not page down")
	}
	// the cursor did not move: scroll bar clicks are not text clicks
	wantCursor(t, e, at(1, 1))
}
