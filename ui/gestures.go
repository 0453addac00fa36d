package ui

import (
	"fyne.io/fyne/v2"

	"mapwright/mapdsl"
	"mapwright/mapdsl/edit"
	"mapwright/render"
	"mapwright/ui/mapcanvas"
)

// The editor's side of the canvas gestures of mapcanvas/gestures.go that change the text:
// dragging an evolution target out of a component, moving and deleting several elements at
// once, and the texts of a link.

func (e *Editor) wireGestures() {
	c := e.canvas
	c.OnEvolveDragged = e.evolveDragged
	c.OnGroupMoved = e.groupMoved
	c.OnGroupDeleteRequested = e.groupDeleted
}

// evolveDragged sets where the component (or the evolved copy's component) evolves to.
func (e *Editor) evolveDragged(ref render.Ref, mat float64) {
	if e.lineBroken(ref) {
		e.apply(edit.Splice{}, errLineBroken(ref.Line))
		return
	}
	m, src, err := e.editable()
	if err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	switch ref.Kind {
	case render.ElemEvolved, render.ElemComponent, render.ElemSubmap:
		e.apply(edit.SetEvolve(src, m, editRef(ref), mat))
	}
}

// groupMoved moves several elements by the same amount: one splice per line, merged into one
// replacement so that the move is one undo step.
func (e *Editor) groupMoved(moves []mapcanvas.Move) {
	m, src, err := e.editable()
	if err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	parts := make([]edit.Splice, 0, len(moves))
	for _, mv := range moves {
		if e.lineBroken(mv.Ref) {
			e.apply(edit.Splice{}, errLineBroken(mv.Ref.Line))
			return
		}
		s, err := e.moveSplice(m, src, mv)
		if err != nil {
			e.apply(s, err)
			return
		}
		parts = append(parts, s)
	}
	e.apply(edit.Merge(src, parts...), nil)
}

// groupDeleted removes several elements (and the links that name them) as one undo step: one
// edit.Delete of them all.
func (e *Editor) groupDeleted(refs []render.Ref) {
	m, src, err := e.editable()
	if err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	targets := make([]edit.Ref, len(refs))
	for k, r := range refs {
		if e.lineBroken(r) {
			e.apply(edit.Splice{}, errLineBroken(r.Line))
			return
		}
		targets[k] = editRef(r)
	}
	s, err := edit.Delete(src, m, targets...)
	e.apply(s, err)
	if err != nil {
		return
	}
	e.canvas.Select(renderRefNone)
	e.setStatus("Deleted %d elements", len(refs))
}

// linkItems are the context-menu actions of a link: its context text, its flow text, delete.
func (e *Editor) linkItems(ref render.Ref, del *fyne.MenuItem) []*fyne.MenuItem {
	m := e.drawn
	if ref.Index >= len(m.Links) {
		return []*fyne.MenuItem{del}
	}
	l := m.Links[ref.Index]
	ask := func(title, label, initial string, f func(src []byte, m *mapdsl.Map, text string) (edit.Splice, error)) func() {
		return func() {
			e.nameAt(e.absOfRef(ref), title, label, initial, func(text string, ok bool) {
				if !ok {
					return
				}
				m, src, err := e.editable()
				if err != nil {
					e.apply(edit.Splice{}, err)
					return
				}
				e.apply(f(src, m, text))
			})
		}
	}
	r := editRef(ref)
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Context Text…", ask("Link context", "Context", l.Context, func(src []byte, m *mapdsl.Map, text string) (edit.Splice, error) {
			return edit.SetLinkContext(src, m, r, text)
		})),
		fyne.NewMenuItem("Flow Text…", ask("Flow text", "Flow text", l.FlowLabel, func(src []byte, m *mapdsl.Map, text string) (edit.Splice, error) {
			return edit.SetFlowLabel(src, m, r, text)
		})),
		fyne.NewMenuItemSeparator(), del,
	}
}
