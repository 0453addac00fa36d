package ui

import (
	"cmp"
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mapwright/mapdsl"
	"mapwright/mapdsl/steps"
	"mapwright/render"
	"mapwright/ui/mapcanvas"
)

// Present mode (View > Present, F5): the window goes full screen and shows the map's build-up
// one step at a time. Right, Down, Space, PageDown, Enter or a click step forward; Left, Up,
// PageUp, Backspace, a right-click or Shift+click step back; Home and End jump to the first and
// last step; Escape (or F5 again) leaves and puts the window back as it was, with the focus in
// the text and the lines of the step last shown tinted in it. Present in Window (Ctrl+F5) shows
// the steps in place of the map instead, the text beside them, tinting each step's lines.
//
// Present mode only shows: it never changes the text. It draws the newest parse of the text
// (a map with errors is drawn as the editor draws it, without the broken lines), and follows the
// text if it changes meanwhile (an edit beside the steps in the window, the file reloaded).

// slide is one page of present mode: a step of the map's build-up.
type slide struct {
	title string
	// scene draws the step; it is laid out the first time the step is shown.
	layout func() *render.Scene
	scene  *render.Scene
	// lines are the lines of the text the step stands for (1-based, sorted): its section when
	// the map marks its steps, else the lines of what it adds; none for the whole map.
	lines []int
}

func (s *slide) picture() *render.Scene {
	if s.scene == nil && s.layout != nil {
		s.scene = s.layout()
	}
	return s.scene
}

// mapIsEmpty reports whether m has nothing to draw (the editor's hint shows then).
func mapIsEmpty(m *mapdsl.Map) bool {
	return len(m.Components)+len(m.Anchors)+len(m.Notes)+len(m.Annotations)+len(m.Areas)+len(m.Accelerators) == 0
}

// slidesOf is the build-up of m, parsed from text: one slide per step (mapdsl/steps), what the
// step adds emphasised, every step on the page and with the labels of the whole map, so that
// what is on show stands still as the steps add to it.
// An empty map has none.
func (e *Editor) slidesOf(text string, m *mapdsl.Map) []slide {
	if m == nil || mapIsEmpty(m) {
		return nil
	}
	opts := render.Options{Style: e.effectiveStyle(m)}
	var whole *render.Scene
	deck := steps.Split([]byte(text), m)
	out := make([]slide, len(deck))
	for k, st := range deck {
		s := slide{title: st.Title}
		if s.title == "" { // the opening step of a map with markers: what comes before the first
			s.title = cmp.Or(m.Title, e.doc.Name())
		}
		if st.Section.Valid() {
			for l := st.Section.Start.Line; l <= st.Section.End.Line; l++ {
				s.lines = append(s.lines, l)
			}
		} else {
			s.lines = st.Lines
		}
		o := opts
		o.Emphasis = st.Emphasis
		s.layout = func() *render.Scene {
			if whole == nil {
				whole = render.Layout(m, opts)
			}
			o.Whole = whole // labels and page where the whole map has them: nothing shown moves
			return render.Layout(st.Map, o)
		}
		out[k] = s
	}
	return out
}

// presenter is present mode while it is on.
type presenter struct {
	e      *Editor
	slides []slide
	at     int

	root    *fyne.Container
	bg      *canvas.Rectangle
	canvas  *mapcanvas.Canvas
	input   *presentInput
	title   *canvas.Text
	counter *canvas.Text
	message *fyne.Container

	// inWindow: the present view stands in the window for the map (mapObjects), the window
	// otherwise as it was.
	inWindow   bool
	mapObjects []fyne.CanvasObject
	// The window as it was before, put back on leaving.
	content    fyne.CanvasObject
	fullScreen bool
	padded     bool
	size       fyne.Size
}

// Presenting reports whether present mode is on.
func (e *Editor) Presenting() bool { return e.present != nil }

// Present turns present mode on: the window full screen, the map's first step on show.
func (e *Editor) Present() { e.startPresenting(false) }

// PresentInWindow is present mode in place of the map, the window and the text left as they are
// (View > Present in Window, Ctrl+F5): a rehearsal, with the step's lines tinted in the text as
// it goes, and the text still open to edits, which the steps follow.
func (e *Editor) PresentInWindow() { e.startPresenting(true) }

// togglePresenting is F5: present mode on, or off when it is on (in the window, the text may
// have the keyboard, and it keeps Escape for itself).
func (e *Editor) togglePresenting() {
	if e.present != nil {
		e.StopPresenting()
		return
	}
	e.Present()
}

func (e *Editor) startPresenting(inWindow bool) {
	if e.present != nil || e.closed {
		return
	}
	if e.parsed == nil || e.parsedText != e.pane.Text() {
		e.redraw.stop() // a redraw is pending: parse the newest text now
		e.refreshMap()
	}
	p := &presenter{e: e, inWindow: inWindow,
		content: e.win.Content(), fullScreen: e.win.FullScreen(), padded: e.win.Padded(),
		size: e.win.Canvas().Size(),
	}
	p.build()
	e.present = p
	p.setSlides(e.slidesOf(e.parsedText, e.parsed), 0)
	if inWindow {
		e.palette.Hide() // its tools place elements on the map, which the steps stand in for
		p.mapObjects = e.mapArea.Objects
		e.mapArea.Objects = []fyne.CanvasObject{p.root}
		e.mapArea.Refresh()
	} else {
		e.win.SetMainMenu(nil)
		e.win.SetPadded(false)
		e.win.SetContent(p.root)
		e.win.SetFullScreen(true)
	}
	e.win.Canvas().Focus(p.input)
}

// StopPresenting leaves present mode: the window as it was, the focus in the text, and the
// lines of the step last shown tinted there.
func (e *Editor) StopPresenting() {
	p := e.present
	if p == nil {
		return
	}
	e.present = nil
	if p.inWindow {
		e.palette.Show()
		e.mapArea.Objects = p.mapObjects
		e.mapArea.Refresh()
	} else {
		e.win.SetContent(p.content)
		e.win.SetMainMenu(e.menu)
		e.win.SetPadded(p.padded)
		e.win.SetFullScreen(p.fullScreen)
		if !p.fullScreen {
			e.win.Resize(p.size)
		}
	}
	if s := p.current(); s != nil && len(s.lines) > 0 {
		e.pane.ScrollToLine(s.lines[0]) // scrolls only when the line is out of view
	}
	e.win.Canvas().Focus(e.pane)
	e.CheckDisk() // a change on disk left for after present mode (see CheckDisk)
}

// presentTextChanged shows the newest parse in present mode, staying on the same step.
func (e *Editor) presentTextChanged() {
	if p := e.present; p != nil {
		p.setSlides(e.slidesOf(e.parsedText, e.parsed), p.at)
	}
}

func (p *presenter) build() {
	p.bg = canvas.NewRectangle(color.White)
	p.canvas = mapcanvas.New()
	p.canvas.NoPageEdge = true
	p.input = newPresentInput(p)
	p.title = canvas.NewText("", color.Black)
	p.counter = canvas.NewText("", color.Black)
	size := theme.CaptionTextSize() * 1.15
	p.title.TextSize, p.counter.TextSize = size, size
	p.counter.Alignment = fyne.TextAlignTrailing
	empty := canvas.NewText("Nothing to present yet: the map is empty.", theme.Color(theme.ColorNameForeground))
	empty.TextSize = theme.TextSize() * 1.6
	empty.TextStyle.Bold = true
	how := canvas.NewText("Press Escape to go back, add components in the text or on the map, then F5.", theme.Color(theme.ColorNamePlaceHolder))
	how.TextSize = theme.TextSize() * 1.1
	p.message = container.NewCenter(container.NewVBox(container.NewCenter(empty), container.NewCenter(how)))
	captions := container.New(&captionLayout{}, p.title, p.counter)
	p.root = container.NewStack(p.bg, p.canvas, p.message, captions, p.input)
}

func (p *presenter) current() *slide {
	if p.at < 0 || p.at >= len(p.slides) {
		return nil
	}
	return &p.slides[p.at]
}

// setSlides replaces the slides and shows slide at (kept within the new slides).
func (p *presenter) setSlides(ss []slide, at int) {
	p.slides = ss
	p.at = -1
	p.show(at)
}

// show puts slide i on screen (clamped to the first and last), its title and number in the
// corners, and tints its lines in the text.
func (p *presenter) show(i int) {
	i = max(0, min(i, len(p.slides)-1))
	if i == p.at && i >= 0 {
		return
	}
	p.at = i
	s := p.current()
	if s == nil {
		p.message.Show()
		p.canvas.SetScene(nil)
		p.title.Text, p.counter.Text = "", ""
		p.bg.FillColor = theme.Color(theme.ColorNameBackground)
		p.e.pane.SetBand()
	} else {
		p.message.Hide()
		sc := s.picture()
		p.canvas.SetScene(sc)
		p.canvas.Fit()
		p.bg.FillColor = pageColour(sc)
		ink := captionInk(p.bg.FillColor)
		p.title.Color, p.counter.Color = ink, ink
		p.title.Text = s.title
		p.counter.Text = fmt.Sprintf("%d / %d", i+1, len(p.slides))
		p.e.pane.SetBand(s.lines...)
	}
	p.bg.Refresh()
	p.title.Refresh()
	p.counter.Refresh()
}

// step moves n slides forward (negative: back).
func (p *presenter) step(n int) {
	if p.at >= 0 {
		p.show(p.at + n)
	}
}

// pageColour is the colour of the map's page, which fills the screen around it.
func pageColour(sc *render.Scene) color.Color {
	if sc == nil || sc.Background.IsNone() {
		return color.White
	}
	return color.NRGBA{R: sc.Background.R, G: sc.Background.G, B: sc.Background.B, A: 0xff}
}

// captionInk is a discreet grey that reads on the page colour bg.
func captionInk(bg color.Color) color.Color {
	if isDarkColour(bg) {
		return color.NRGBA{R: 0xd0, G: 0xd4, B: 0xda, A: 0xa0}
	}
	return color.NRGBA{R: 0x40, G: 0x46, B: 0x4e, A: 0xa0}
}

func isDarkColour(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return (299*r+587*g+114*b)/1000 < 0x8000
}

// captionLayout puts the step's title in the bottom-left corner and its number in the
// bottom-right one, a little in from the edges.
type captionLayout struct{}

func (captionLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

func (captionLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding() * 3
	for k, o := range objs {
		t := o.(*canvas.Text)
		h := t.MinSize().Height
		w := size.Width/2 - 2*pad
		x := pad
		if k == 1 {
			x = size.Width/2 + pad
		}
		t.Move(fyne.NewPos(x, size.Height-h-pad))
		t.Resize(fyne.NewSize(w, h))
	}
}

// presentInput lies over the whole present view and takes its keys and clicks, so that the map
// beneath only shows (no selection, drag or zoom).
type presentInput struct {
	widget.BaseWidget
	p     *presenter
	shift bool // Shift was held at the last press: the click steps back
}

func newPresentInput(p *presenter) *presentInput {
	in := &presentInput{p: p}
	in.ExtendBaseWidget(in)
	return in
}

func (in *presentInput) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// TypedKey steps through the slides.
func (in *presentInput) TypedKey(ev *fyne.KeyEvent) {
	p := in.p
	if len(p.e.dialogs) > 0 && p.e.dialogOpen() {
		// A question on screen (Ctrl+S in present mode can ask one) has the keys a dialog
		// gets: Escape answers it rather than leaving present mode under it.
		p.e.windowKey(ev)
		return
	}
	switch ev.Name {
	case fyne.KeyRight, fyne.KeyDown, fyne.KeySpace, fyne.KeyPageDown, fyne.KeyReturn, fyne.KeyEnter:
		p.step(1)
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyBackspace:
		p.step(-1)
	case fyne.KeyHome:
		p.show(0)
	case fyne.KeyEnd:
		p.show(len(p.slides) - 1)
	case fyne.KeyEscape, fyne.KeyF5:
		p.e.StopPresenting()
	}
}

// TypedShortcut takes every shortcut, which would otherwise reach the window's own (Ctrl+Z
// undoes the text): present mode never changes the text. (In the window, the menus still work.)
// Two keep their meaning, since full screen hides the menus that carry them: Ctrl+S saves (which
// leaves the text as it is) and Ctrl+Q leaves present mode and asks to quit as the menu does.
func (in *presentInput) TypedShortcut(s fyne.Shortcut) {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || cs.Modifier != fyne.KeyModifierShortcutDefault {
		return
	}
	switch e := in.p.e; cs.KeyName {
	case fyne.KeyS:
		e.Save(nil)
	case fyne.KeyQ:
		e.StopPresenting()
		e.RequestClose(nil)
	}
}

func (in *presentInput) TypedRune(rune) {}
func (in *presentInput) FocusGained()   {}
func (in *presentInput) FocusLost()     {}

// MouseDown remembers Shift for the click that follows, and takes the keyboard back from the
// text (present mode in the window).
func (in *presentInput) MouseDown(ev *desktop.MouseEvent) {
	in.shift = ev.Modifier&fyne.KeyModifierShift != 0
	if c := fyne.CurrentApp().Driver().CanvasForObject(in); c != nil {
		c.Focus(in)
	}
}

func (in *presentInput) MouseUp(*desktop.MouseEvent) {}

// Tapped steps forward, or back with Shift held.
func (in *presentInput) Tapped(*fyne.PointEvent) {
	if in.shift {
		in.shift = false
		in.p.step(-1)
		return
	}
	in.p.step(1)
}

// TappedSecondary steps back.
func (in *presentInput) TappedSecondary(*fyne.PointEvent) { in.p.step(-1) }

// The wheel, drags and hovering are taken too, so that they do not zoom, pan or highlight the
// map beneath while presenting.
func (in *presentInput) Scrolled(*fyne.ScrollEvent)     {}
func (in *presentInput) Dragged(*fyne.DragEvent)        {}
func (in *presentInput) DragEnd()                       {}
func (in *presentInput) MouseIn(*desktop.MouseEvent)    {}
func (in *presentInput) MouseMoved(*desktop.MouseEvent) {}
func (in *presentInput) MouseOut()                      {}
