package ui

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"mapwright/mapdsl"
	"mapwright/mapdsl/edit"
	"mapwright/mapdsl/mermaid"
	"mapwright/render"
	"mapwright/ui/mapcanvas"
)

// Map gestures become splices of the text. Every edit is computed on the parse of the current
// text and applied through the text pane as one range replacement, so it is one undo step.

func (e *Editor) wireCanvas() {
	c := e.canvas
	c.OnSelected = e.elementSelected
	c.OnMoved = e.elementMoved
	c.OnDragPreview = e.previewMove
	c.OnAddRequested = e.addComponentAt
	c.OnLinkRequested = e.link
	c.OnContextMenu = e.contextMenu
	c.OnDeleteRequested = e.deleteElement
	c.OnNudged = e.elementMoved
	c.OnActivated = func(ref render.Ref) {
		if name, ok := e.nameOf(ref); ok {
			e.renameAt(ref, name)
		}
	}
}

// errTextHasErrors refuses an export while the text has errors: an export is a deliverable.
var errTextHasErrors = errors.New("the text has errors; fix them before exporting (the map shows every line that reads cleanly)")

// errMapBehind refuses a map edit while the map on show was drawn from another text.
var errMapBehind = errors.New("the map is being redrawn; try again")

// errLineBroken refuses an edit of an element whose own line has an error.
func errLineBroken(line int) error {
	return fmt.Errorf("line %d has an error, so its element cannot be changed on the map; correct the line in the text", line)
}

// lineBroken reports whether the element's own line has an error: only those elements are
// locked while the text has errors.
func (e *Editor) lineBroken(ref render.Ref) bool {
	if ref.Line <= 0 {
		return false
	}
	for _, d := range e.parseDiags.Errors() {
		if d.Range.Start.Line <= ref.Line && ref.Line <= max(d.Range.End.Line, d.Range.Start.Line) {
			return true
		}
	}
	return false
}

// editable returns the parse the map was drawn from when it matches the current text.
func (e *Editor) editable() (*mapdsl.Map, []byte, error) {
	e.redraw.flush()
	if e.parsedText != e.pane.Text() {
		e.refreshMap() // a background redraw is still on its way
	}
	if !e.drawnIsLive || e.parsed == nil {
		return nil, nil, errMapBehind
	}
	return e.parsed, []byte(e.parsedText), nil
}

// apply splices one edit into the text and redraws at once (no debounce: the user is looking
// at the element they just moved).
func (e *Editor) apply(s edit.Splice, err error) {
	if err != nil {
		e.canvas.CancelDrag()
		e.setStatus("%v", err)
		return
	}
	if s.IsNoop() {
		e.canvas.CancelDrag()
		return
	}
	// The map keeps its own selection (a label stays selected, not its component), so the
	// redraw and the cursor move below must not re-select by line.
	e.cursorFromCanvas = true
	e.pane.ReplaceRange(s.Start, s.End, s.Text)
	e.redraw.flush()
	// Show the edited line: a new component or evolve line is appended out of sight.
	at := e.pane.PositionAt(s.Start + len(s.Text) - len(strings.TrimLeft(s.Text, "\r\n")))
	e.pane.SetCursor(at.Line, 1)
	e.pane.ScrollToCursor()
	e.cursorFromCanvas = false
	if _, ok := e.canvas.Selected(); !ok {
		e.cursorMoved(at.Line, 1) // a new element: highlight it
	}
}

func clamp01(v float64) float64 { return math.Round(math.Max(0, math.Min(1, v))*100) / 100 }

// elementMoved turns a finished drag into the edit of the element's numbers.
func (e *Editor) elementMoved(mv mapcanvas.Move) {
	if e.lineBroken(mv.Ref) {
		e.apply(edit.Splice{}, errLineBroken(mv.Ref.Line))
		return
	}
	m, src, err := e.editable()
	if err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	e.apply(e.moveSplice(m, src, mv))
}

// previewMove lays out the map as it would be after the drag in progress, without touching
// the text, so the canvas can show links, labels and boxes following the element exactly.
func (e *Editor) previewMove(mv mapcanvas.Move) *render.Scene {
	if !e.drawnIsLive || e.parsed == nil || e.parsedText != e.pane.Text() {
		return nil
	}
	src := []byte(e.parsedText)
	s, err := e.moveSplice(e.parsed, src, mv)
	if err != nil || s.IsNoop() {
		return nil
	}
	m, _ := mermaid.ParseAny(e.doc.Name(), edit.Apply(src, s))
	return render.Layout(m, render.Options{Style: e.effectiveStyle(m)})
}

func (e *Editor) moveSplice(m *mapdsl.Map, src []byte, mv mapcanvas.Move) (edit.Splice, error) {
	i, r := mv.Ref.Index, editRef(mv.Ref)
	in := func(n int) bool { return i >= 0 && i < n }
	shift := func(c mapdsl.Coords) (float64, float64) {
		return clamp01(c.Visibility.Value + mv.DVis), clamp01(c.Maturity.Value + mv.DMat)
	}
	switch mv.Ref.Kind {
	case render.ElemComponent, render.ElemSubmap:
		if in(len(m.Components)) {
			v, mt := shift(m.Components[i].Coords)
			return edit.Move(src, m, r, v, mt)
		}
	case render.ElemAnchor:
		if in(len(m.Anchors)) {
			v, mt := shift(m.Anchors[i].Coords)
			return edit.Move(src, m, r, v, mt)
		}
	case render.ElemEvolved:
		if in(len(m.Evolves)) {
			ev := m.Evolves[i]
			return edit.SetEvolve(src, m, r, clamp01(ev.Maturity.Value+mv.DMat))
		}
	case render.ElemLabel:
		if in(len(m.Components)) {
			dx, dy, ok := labelOffsetAfterDrag(e.canvas.Scene(), mv.Ref, render.ElemComponent, mv.DX, mv.DY)
			if ok {
				return edit.MoveLabel(src, m, r, dx, dy)
			}
		}
	case render.ElemEvolvedLabel:
		if in(len(m.Evolves)) {
			dx, dy, ok := labelOffsetAfterDrag(e.canvas.Scene(), mv.Ref, render.ElemEvolved, mv.DX, mv.DY)
			if ok {
				return edit.MoveLabel(src, m, r, dx, dy)
			}
		}
	case render.ElemNote:
		if in(len(m.Notes)) {
			v, mt := shift(m.Notes[i].Coords)
			return edit.Move(src, m, r, v, mt)
		}
	case render.ElemAnnotation:
		if in(len(m.Annotations)) {
			a := m.Annotations[i]
			pos := nearestPosition(a.Positions, mv.FromVis, mv.FromMat)
			if pos >= 0 {
				v, mt := shift(a.Positions[pos])
				return edit.MoveAnnotation(src, m, r, pos, v, mt)
			}
		}
	case render.ElemAnnotationList:
		v, mt := shift(m.AnnotationsAt)
		return edit.MoveAnnotationsLegend(src, m, v, mt)
	case render.ElemAccelerator:
		if in(len(m.Accelerators)) {
			v, mt := shift(m.Accelerators[i].Coords)
			return edit.Move(src, m, r, v, mt)
		}
	case render.ElemArea:
		if in(len(m.Areas)) {
			n := m.Areas[i].Nums
			return edit.MoveArea(src, m, r, clamp01(n[0].Value+mv.DVis), clamp01(n[1].Value+mv.DMat),
				clamp01(n[2].Value+mv.DVis), clamp01(n[3].Value+mv.DMat))
		}
	case render.ElemPipeline, render.ElemPipelineStart, render.ElemPipelineEnd:
		if in(len(m.Pipelines)) {
			return pipelineMove(src, m, r, mv)
		}
	}
	return edit.Splice{}, fmt.Errorf("this element cannot be moved by dragging")
}

// pipelineMove stretches a pipeline by one end, or moves the whole box: up and down moves its
// component, left and right shifts both ends.
func pipelineMove(src []byte, m *mapdsl.Map, r edit.Ref, mv mapcanvas.Move) (edit.Splice, error) {
	p := m.Pipelines[r.Index]
	start, end := p.Start.Value, p.End.Value
	switch mv.End {
	case -1:
		return edit.SetPipelineEnds(src, m, r, clamp01(start+mv.DMat), clamp01(end))
	case 1:
		return edit.SetPipelineEnds(src, m, r, clamp01(start), clamp01(end+mv.DMat))
	}
	var parts []edit.Splice
	if p.Component != nil && math.Abs(mv.DVis) >= 0.005 {
		c := p.Component
		owner := edit.Ref{List: edit.Components, Index: slices.Index(m.Components, c)}
		s, err := edit.Move(src, m, owner, clamp01(c.Coords.Visibility.Value+mv.DVis), c.Coords.Maturity.Value)
		if err != nil {
			return s, err
		}
		parts = append(parts, s)
	}
	if p.Bracketed && math.Abs(mv.DMat) >= 0.005 {
		s, err := edit.SetPipelineEnds(src, m, r, clamp01(start+mv.DMat), clamp01(end+mv.DMat))
		if err != nil {
			return s, err
		}
		parts = append(parts, s)
	}
	return edit.Merge(src, parts...), nil
}

// nearestPosition is the index of the position closest to [vis, mat] (an annotation has one
// marker per position), or -1.
func nearestPosition(ps []mapdsl.Coords, vis, mat float64) int {
	best, bestD := -1, math.Inf(1)
	for k, c := range ps {
		d := math.Hypot(c.Visibility.Value-vis, c.Maturity.Value-mat)
		if d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// labelOffsetAfterDrag computes the `label [dx, dy]` that draws a label where it was dropped.
// The offset is from the marker's centre to the first line's text point: its start for a
// one-line label, its middle for a multi-line name (OWM centres those), which is how Layout
// reads it back. It works for labels placed automatically too (they had no offset yet).
func labelOffsetAfterDrag(sc *render.Scene, ref render.Ref, marker render.ElementKind, ddx, ddy float64) (dx, dy float64, ok bool) {
	if sc == nil {
		return 0, 0, false
	}
	var first *render.Item
	lines := 0
	var centre *render.Item
	for k := range sc.Items {
		it := &sc.Items[k]
		if it.Ref.Index != ref.Index {
			continue
		}
		switch {
		case it.Ref.Kind == ref.Kind && it.Shape == render.ShapeText:
			if first == nil {
				first = it
			}
			lines++
		case it.Ref.Kind == marker && it.Shape == render.ShapeCircle && centre == nil:
			centre = it
		}
	}
	if first == nil || centre == nil {
		return 0, 0, false
	}
	b := render.ItemBox(first)
	x := b.Left
	if lines > 1 {
		x += b.Width() / 2
	}
	return math.Round(x + ddx - centre.X), math.Round(first.Y + ddy - centre.Y), true
}

// editRef is the element of the Map that a drawn element stands for, as the edits take it.
func editRef(r render.Ref) edit.Ref {
	lists := map[render.ElementKind]edit.List{
		render.ElemComponent: edit.Components, render.ElemSubmap: edit.Components, render.ElemLabel: edit.Components,
		render.ElemAnchor:  edit.Anchors,
		render.ElemEvolved: edit.Evolves, render.ElemEvolveArrow: edit.Evolves, render.ElemEvolvedLabel: edit.Evolves,
		render.ElemPipeline: edit.Pipelines, render.ElemPipelineStart: edit.Pipelines, render.ElemPipelineEnd: edit.Pipelines,
		render.ElemLink: edit.Links, render.ElemFlow: edit.Links,
		render.ElemNote:        edit.Notes,
		render.ElemAnnotation:  edit.Annotations,
		render.ElemAccelerator: edit.Accelerators,
		render.ElemArea:        edit.Areas,
	}
	return edit.Ref{List: lists[r.Kind], Index: r.Index}
}

// nameOf is the name of a named element (component, submap, anchor, evolved copy).
func (e *Editor) nameOf(ref render.Ref) (string, bool) {
	m := e.drawn
	if m == nil {
		return "", false
	}
	i := ref.Index
	switch ref.Kind {
	case render.ElemComponent, render.ElemSubmap, render.ElemLabel:
		if i >= 0 && i < len(m.Components) {
			return m.Components[i].Name, true
		}
	case render.ElemAnchor:
		if i >= 0 && i < len(m.Anchors) {
			return m.Anchors[i].Name, true
		}
	case render.ElemEvolved, render.ElemEvolvedLabel:
		if i >= 0 && i < len(m.Evolves) {
			if m.Evolves[i].NewName != "" {
				return m.Evolves[i].NewName, true
			}
			return m.Evolves[i].Name, true
		}
	}
	return "", false
}

// addComponentAt asks for a name and adds a component where the map was double-clicked.
func (e *Editor) addComponentAt(vis, mat float64) {
	if _, _, err := e.editable(); err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	m, _, _ := e.editable()
	e.nameAt(e.absAt(vis, mat), "Add component", "Name", freeName(m, "Component"), func(name string, ok bool) {
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return
		}
		m, src, err := e.editable()
		if err != nil {
			e.apply(edit.Splice{}, err)
			return
		}
		e.apply(edit.Add(src, m, edit.Element{Kind: edit.AddComponent, Name: name, Vis: vis, Mat: mat}))
	})
}

// link adds a dependency between two elements Ctrl+clicked on the map.
func (e *Editor) link(from, to render.Ref) {
	for _, r := range []render.Ref{from, to} {
		if e.lineBroken(r) {
			e.apply(edit.Splice{}, errLineBroken(r.Line))
			return
		}
	}
	m, src, err := e.editable()
	if err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	e.apply(edit.AddLink(src, m, editRef(from), editRef(to)))
}

// renameAt renames an element inline: a field over its label with the old name selected. The
// rename updates every line that names it.
func (e *Editor) renameAt(ref render.Ref, old string) {
	e.nameAt(e.absOfRef(ref), "Rename", "New name for "+old, old, func(name string, ok bool) {
		name = strings.TrimSpace(name)
		if !ok || name == "" || name == old {
			return
		}
		m, src, err := e.editable()
		if err != nil {
			e.apply(edit.Splice{}, err)
			return
		}
		e.apply(edit.Rename(src, m, old, name))
	})
}

// deleteElement removes an element from the text and clears the map's selection (whatever
// inherits the deleted element's index is not what the user selected).
func (e *Editor) deleteElement(ref render.Ref) {
	e.apply(e.deleteSplice(ref))
	e.canvas.Select(renderRefNone)
}

// deleteSplice removes an element with the links that name it.
func (e *Editor) deleteSplice(ref render.Ref) (edit.Splice, error) {
	if e.lineBroken(ref) {
		return edit.Splice{}, errLineBroken(ref.Line)
	}
	m, src, err := e.editable()
	if err != nil {
		return edit.Splice{}, err
	}
	return edit.Delete(src, m, editRef(ref))
}

// contextMenu offers the actions that fit the element right-clicked.
func (e *Editor) contextMenu(ref render.Ref, at fyne.Position) {
	items := e.contextItems(ref)
	if len(items) == 0 {
		return
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), e.win.Canvas(), at)
}

// contextItems lists the context-menu actions for an element.
func (e *Editor) contextItems(ref render.Ref) []*fyne.MenuItem {
	if ref.Kind == "" || !e.drawnIsLive {
		return nil
	}
	if e.lineBroken(ref) {
		line := ref.Line
		it := fyne.NewMenuItem(fmt.Sprintf("Line %d has an error: correct it in the text", line), func() {
			e.pane.SetCursor(line, 1)
			e.win.Canvas().Focus(e.pane)
		})
		return []*fyne.MenuItem{it}
	}
	m := e.drawn
	run := func(f func(src []byte, m *mapdsl.Map) (edit.Splice, error)) func() {
		return func() {
			m, src, err := e.editable()
			if err != nil {
				e.apply(edit.Splice{}, err)
				return
			}
			e.apply(f(src, m))
		}
	}
	del := fyne.NewMenuItem("Delete", func() { e.deleteElement(ref) })
	switch ref.Kind {
	case render.ElemComponent, render.ElemSubmap, render.ElemLabel:
		if ref.Index >= len(m.Components) {
			return nil
		}
		c := m.Components[ref.Index]
		name, r := c.Name, editRef(ref)
		evolve := fyne.NewMenuItem("Evolve", run(func(src []byte, m *mapdsl.Map) (edit.Splice, error) {
			return edit.SetEvolve(src, m, r, clamp01(math.Min(c.Coords.Maturity.Value+0.2, 0.95)))
		}))
		if c.Evolve != nil {
			evolve = fyne.NewMenuItem("Remove Evolution", run(func(src []byte, m *mapdsl.Map) (edit.Splice, error) {
				return edit.Delete(src, m, edit.Ref{List: edit.Evolves, Index: slices.Index(m.Evolves, c.Evolve)})
			}))
		}
		inertia := fyne.NewMenuItem("Inertia", run(func(src []byte, m *mapdsl.Map) (edit.Splice, error) {
			return edit.ToggleInertia(src, m, r)
		}))
		inertia.Checked = c.Inertia
		method := func(label string, meth mapdsl.Method) *fyne.MenuItem {
			it := fyne.NewMenuItem(label, run(func(src []byte, m *mapdsl.Map) (edit.Splice, error) {
				if c.Decorators.Method == meth {
					meth = mapdsl.MethodNone
				}
				return edit.SetMethod(src, m, r, meth)
			}))
			it.Checked = c.Decorators.Method == meth
			return it
		}
		market := fyne.NewMenuItem("Market", run(func(src []byte, m *mapdsl.Map) (edit.Splice, error) {
			return edit.ToggleMarket(src, m, r)
		}))
		market.Checked = c.Decorators.Market
		ecosystem := fyne.NewMenuItem("Ecosystem", run(func(src []byte, m *mapdsl.Map) (edit.Splice, error) {
			return edit.ToggleEcosystem(src, m, r)
		}))
		ecosystem.Checked = c.Decorators.Ecosystem
		return []*fyne.MenuItem{
			fyne.NewMenuItem("Rename…", func() { e.renameAt(ref, name) }),
			evolve, inertia, fyne.NewMenuItemSeparator(),
			method("Build", mapdsl.MethodBuild), method("Buy", mapdsl.MethodBuy), method("Outsource", mapdsl.MethodOutsource),
			market, ecosystem, fyne.NewMenuItemSeparator(), del,
		}
	case render.ElemAnchor:
		name, _ := e.nameOf(ref)
		return []*fyne.MenuItem{fyne.NewMenuItem("Rename…", func() { e.renameAt(ref, name) }), del}
	case render.ElemEvolved, render.ElemEvolveArrow, render.ElemEvolvedLabel:
		return []*fyne.MenuItem{fyne.NewMenuItem("Remove Evolution", func() { e.deleteElement(ref) })}
	case render.ElemLink, render.ElemFlow:
		return e.linkItems(ref, del)
	}
	if _, err := e.deleteSplice(ref); err == nil {
		return []*fyne.MenuItem{del}
	}
	return nil
}

// absAt is the absolute window position of a map position, for a field or menu shown there.
func (e *Editor) absAt(vis, mat float64) fyne.Position {
	sc := e.canvas.Scene()
	if sc == nil {
		return fyne.Position{}
	}
	p := e.canvas.PageToScreen(sc.At(vis, mat))
	return p.Add(fyne.CurrentApp().Driver().AbsolutePositionForObject(e.canvas))
}

// absOfRef is the absolute window position of an element's name on the map (its label, or the
// element itself when it has none).
func (e *Editor) absOfRef(ref render.Ref) fyne.Position {
	p, _ := e.canvas.NamePosition(ref)
	return p.Add(fyne.CurrentApp().Driver().AbsolutePositionForObject(e.canvas))
}
