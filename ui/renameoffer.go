package ui

import (
	"fmt"

	"fyne.io/fyne/v2/widget"

	"mapwright/mapdsl"
	"mapwright/mapdsl/edit"
)

// Renaming in the text: when the name on a component's (or anchor's) line is changed by typing
// while other lines still name it by its old name, the status bar offers a fix, "Rename
// everywhere", which renames those lines too in one undo step.

// renameOffer remembers the name a declaration had before the user started typing over it.
type renameOffer struct {
	line int
	old  string
	new  string
}

func newRenameButton(e *Editor) *widget.Button {
	b := widget.NewButton("", func() { e.renameEverywhere() })
	b.Importance = widget.HighImportance
	b.Hide()
	return b
}

// declaredNames maps the line of each component and anchor to its name.
func declaredNames(m *mapdsl.Map) map[int]string {
	names := make(map[int]string, len(m.Components)+len(m.Anchors))
	for _, c := range m.Components {
		names[c.Range.Start.Line] = c.Name
	}
	for _, a := range m.Anchors {
		names[a.Range.Start.Line] = a.Name
	}
	return names
}

// referenced reports whether a link or an evolve line names name.
func referenced(m *mapdsl.Map, name string) bool {
	for _, l := range m.Links {
		if l.From == name || l.To == name {
			return true
		}
	}
	for _, ev := range m.Evolves {
		if ev.Name == name {
			return true
		}
	}
	for _, p := range m.Pipelines {
		if p.Name == name {
			return true
		}
	}
	return false
}

// updateRenameOffer compares the new parse with the one before (same text but for typing) and
// shows or hides the offer.
func (e *Editor) updateRenameOffer(prev, m *mapdsl.Map) {
	now := declaredNames(m)
	declared := func(name string) bool {
		for _, n := range now {
			if n == name {
				return true
			}
		}
		return false
	}
	if o := e.offer; o != nil {
		name, ok := now[o.line]
		switch {
		case !ok: // the line does not read right now (the name is being retyped): wait
		case name == o.old || !referenced(m, o.old) || declared(o.old):
			e.offer = nil
		default:
			o.new = name
		}
	}
	if e.offer == nil && prev != nil {
		for line, old := range declaredNames(prev) {
			if name, ok := now[line]; ok && name != old && referenced(m, old) && !declared(old) {
				e.offer = &renameOffer{line: line, old: old, new: name}
				break
			}
		}
	}
	if e.offer == nil || e.offer.new == "" {
		e.renameBtn.Hide()
		return
	}
	e.renameBtn.SetText(fmt.Sprintf("Rename %q to %q everywhere", e.offer.old, e.offer.new))
	e.renameBtn.Show()
}

// renameEverywhere renames the lines that still name the old name: the text with the old name
// put back on its line is renamed by edit.Rename, and the difference from the current text is
// applied as one splice.
func (e *Editor) renameEverywhere() {
	o := e.offer
	m, src, err := e.editable()
	if o == nil || err != nil {
		return
	}
	var nameRange mapdsl.Range
	for _, c := range m.Components {
		if c.Range.Start.Line == o.line && c.Name == o.new {
			nameRange = c.NameRange
		}
	}
	for _, a := range m.Anchors {
		if a.Range.Start.Line == o.line && a.Name == o.new {
			nameRange = a.NameRange
		}
	}
	if !nameRange.Valid() {
		return
	}
	back := edit.Splice{Start: nameRange.Start.Offset, End: nameRange.End.Offset, Text: o.old}
	before := edit.Apply(src, back)
	s, err := edit.Rename(before, nil, o.old, o.new)
	if err != nil {
		e.setStatus("Cannot rename everywhere: %v", err)
		return
	}
	e.offer = nil
	e.renameBtn.Hide()
	e.apply(edit.Merge(src, edit.Splice{Start: 0, End: len(src), Text: string(edit.Apply(before, s))}), nil)
}
