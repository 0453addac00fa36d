package ui

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"

	"mapwright/mapdsl"
	"mapwright/mapdsl/edit"
	"mapwright/mapdsl/mermaid"
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
	case render.ElemEvolved:
		e.apply(edit.SetEvolveAt(src, m, ref.Index, mat))
	case render.ElemComponent, render.ElemSubmap:
		if ref.Index < len(m.Components) {
			e.apply(edit.SetEvolve(src, m, m.Components[ref.Index].Name, mat))
		}
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

// groupDeleted removes several elements (and the links that name them) as one undo step. The
// deletions are made one after the other on the text, each on the parse of the text before it
// (two deleted components may share a link line), and the result is applied as one splice.
func (e *Editor) groupDeleted(refs []render.Ref) {
	m, src, err := e.editable()
	if err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	// Named elements are found again by name; the others by index, the highest first so that
	// deleting one does not shift the index of the next.
	type target struct {
		kind  render.ElementKind
		index int
		name  string
	}
	var targets []target
	for _, r := range refs {
		if e.lineBroken(r) {
			e.apply(edit.Splice{}, errLineBroken(r.Line))
			return
		}
		t := target{kind: r.Kind, index: r.Index}
		switch r.Kind {
		case render.ElemComponent, render.ElemSubmap:
			if r.Index < len(m.Components) {
				t.name = m.Components[r.Index].Name
			}
		case render.ElemAnchor:
			if r.Index < len(m.Anchors) {
				t.name = m.Anchors[r.Index].Name
			}
		}
		targets = append(targets, t)
	}
	sort.SliceStable(targets, func(i, j int) bool {
		if targets[i].kind != targets[j].kind {
			return targets[i].kind < targets[j].kind
		}
		return targets[i].index > targets[j].index
	})
	text := src
	for _, t := range targets {
		cur, _ := mermaid.ParseAny(e.doc.Name(), text)
		var s edit.Splice
		var err error
		switch t.kind {
		case render.ElemComponent, render.ElemSubmap:
			s, err = edit.DeleteComponent(text, cur, t.name)
		case render.ElemAnchor:
			s, err = edit.DeleteAnchor(text, cur, t.name)
		case render.ElemNote:
			s, err = edit.DeleteNote(text, cur, t.index)
		case render.ElemAnnotation:
			s, err = edit.DeleteAnnotation(text, cur, t.index)
		case render.ElemAccelerator:
			s, err = edit.DeleteAccelerator(text, cur, t.index)
		case render.ElemArea:
			s, err = edit.DeleteArea(text, cur, t.index)
		default:
			err = fmt.Errorf("a %s cannot be deleted with the others; delete it on its own", t.kind)
		}
		if err != nil {
			e.apply(edit.Splice{}, err)
			return
		}
		text = edit.Apply(text, s)
	}
	e.apply(edit.Merge(src, edit.Splice{Start: 0, End: len(src), Text: string(text)}), nil)
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
	i := ref.Index
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Context Text…", ask("Link context", "Context", l.Context, func(src []byte, m *mapdsl.Map, text string) (edit.Splice, error) {
			return edit.SetLinkContext(src, m, i, text)
		})),
		fyne.NewMenuItem("Flow Text…", ask("Flow text", "Flow text", l.FlowLabel, func(src []byte, m *mapdsl.Map, text string) (edit.Splice, error) {
			return edit.SetFlowLabel(src, m, i, text)
		})),
		fyne.NewMenuItemSeparator(), del,
	}
}
