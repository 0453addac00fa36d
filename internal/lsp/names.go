package lsp

import (
	"fmt"
	"strings"

	glsp "github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/mapdsl"
	"mapwright/mapdsl/edit"
)

// mention is one place in the text where an element's name is written: where it is declared, or
// a link end, an evolve line or a pipeline line that refers to it.
type mention struct {
	r    mapdsl.Range
	name string // the declared name it refers to ("" when it refers to nothing)
	decl bool
}

// mentions lists every written name of the map in text order.
func mentions(m *mapdsl.Map) []mention {
	if m == nil {
		return nil
	}
	var out []mention
	for _, a := range m.Anchors {
		out = append(out, mention{a.NameRange, a.Name, true})
	}
	for _, c := range m.Components {
		out = append(out, mention{c.NameRange, c.Name, true})
	}
	for _, l := range m.Links {
		out = append(out, mention{l.FromRange, declared(m, l.From), false},
			mention{l.ToRange, declared(m, l.To), false})
	}
	for _, e := range m.Evolves {
		out = append(out, mention{e.NameRange, declared(m, e.Name), false})
	}
	for _, p := range m.Pipelines {
		name := ""
		if p.Component != nil {
			name = p.Component.Name
		}
		out = append(out, mention{p.NameRange, name, false})
	}
	return out
}

// declared returns the name of the element that a written name refers to: the exact name first,
// then one that differs only in case and spacing (as OWM resolves names), or "".
func declared(m *mapdsl.Map, written string) string {
	if c := component(m, written); c != nil {
		return c.Name
	}
	if a := anchor(m, written); a != nil {
		return a.Name
	}
	loose := mapdsl.NormalizeName(written)
	for _, c := range m.Components {
		if mapdsl.NormalizeName(c.Name) == loose {
			return c.Name
		}
	}
	for _, a := range m.Anchors {
		if mapdsl.NormalizeName(a.Name) == loose {
			return a.Name
		}
	}
	return ""
}

func component(m *mapdsl.Map, name string) *mapdsl.Component {
	for _, c := range m.Components {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func anchor(m *mapdsl.Map, name string) *mapdsl.Anchor {
	for _, a := range m.Anchors {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// mentionAt returns the written name under the byte offset off (a cursor just after a name still
// counts, as editors place it there after a double click).
func (d *document) mentionAt(off int) (mention, bool) {
	for _, mt := range mentions(d.m) {
		if mt.r.Valid() && mt.r.Start.Offset <= off && off <= mt.r.End.Offset && mt.r.End.Offset > mt.r.Start.Offset {
			return mt, true
		}
	}
	return mention{}, false
}

// mentionsOf returns every place the element called name is written, its declaration first.
func mentionsOf(m *mapdsl.Map, name string) []mention {
	var decl, refs []mention
	for _, mt := range mentions(m) {
		switch {
		case mt.name != name || !mt.r.Valid():
		case mt.decl:
			decl = append(decl, mt)
		default:
			refs = append(refs, mt)
		}
	}
	return append(decl, refs...)
}

func (s *Server) definition(_ *glsp.Context, p *protocol.DefinitionParams) (any, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (any, error) {
		mt, ok := d.mentionAt(d.offset(p.Position))
		if !ok || mt.name == "" {
			return nil, nil
		}
		var out []protocol.Location
		for _, x := range mentionsOf(d.m, mt.name) {
			if x.decl {
				out = append(out, protocol.Location{URI: d.uri, Range: d.rangeOf(x.r)})
			}
		}
		return out, nil
	})
}

func (s *Server) references(_ *glsp.Context, p *protocol.ReferenceParams) ([]protocol.Location, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) ([]protocol.Location, error) {
		mt, ok := d.mentionAt(d.offset(p.Position))
		if !ok || mt.name == "" {
			return nil, nil
		}
		var out []protocol.Location
		for _, x := range mentionsOf(d.m, mt.name) {
			if x.decl && !p.Context.IncludeDeclaration {
				continue
			}
			out = append(out, protocol.Location{URI: d.uri, Range: d.rangeOf(x.r)})
		}
		return out, nil
	})
}

func (s *Server) documentHighlight(_ *glsp.Context, p *protocol.DocumentHighlightParams) ([]protocol.DocumentHighlight, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) ([]protocol.DocumentHighlight, error) {
		mt, ok := d.mentionAt(d.offset(p.Position))
		if !ok || mt.name == "" {
			return nil, nil
		}
		var out []protocol.DocumentHighlight
		for _, x := range mentionsOf(d.m, mt.name) {
			kind := protocol.DocumentHighlightKindRead
			if x.decl {
				kind = protocol.DocumentHighlightKindWrite
			}
			out = append(out, protocol.DocumentHighlight{Range: d.rangeOf(x.r), Kind: &kind})
		}
		return out, nil
	})
}

func (s *Server) prepareRename(_ *glsp.Context, p *protocol.PrepareRenameParams) (any, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (any, error) {
		mt, ok := d.mentionAt(d.offset(p.Position))
		if !ok || mt.name == "" {
			return nil, fmt.Errorf("only the names of components, submaps and anchors can be renamed")
		}
		return protocol.RangeWithPlaceholder{Range: d.rangeOf(mt.r), Placeholder: mt.name}, nil
	})
}

// rename renames the element under the cursor everywhere it is written, as the desktop editor's
// rename does (edit.Rename), refusing a name another element already has.
func (s *Server) rename(_ *glsp.Context, p *protocol.RenameParams) (*protocol.WorkspaceEdit, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (*protocol.WorkspaceEdit, error) {
		mt, ok := d.mentionAt(d.offset(p.Position))
		if !ok || mt.name == "" {
			return nil, fmt.Errorf("only the names of components, submaps and anchors can be renamed")
		}
		newName := strings.TrimSpace(p.NewName)
		if newName == "" {
			return nil, fmt.Errorf("give the new name")
		}
		sp, err := edit.Rename([]byte(d.text), d.m, mt.name, newName)
		if err != nil {
			return nil, err
		}
		return d.workspaceEdit(sp), nil
	})
}

// workspaceEdit turns a splice into the edit a client applies to this document.
func (d *document) workspaceEdit(sp edit.Splice) *protocol.WorkspaceEdit {
	edits := []protocol.TextEdit{}
	if !sp.IsNoop() {
		edits = append(edits, protocol.TextEdit{Range: d.span(sp.Start, sp.End), NewText: sp.Text})
	}
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{d.uri: edits}}
}
