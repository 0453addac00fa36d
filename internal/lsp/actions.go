package lsp

import (
	"fmt"

	glsp "github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/mapdsl/edit"
)

// codeAction offers, for the findings in the range: the fix a finding suggests (did you mean
// ...?); for an unknown name, changing every place it is written to the suggested name (what is
// left to do after renaming a component in the text) and creating the missing component; and,
// for the whole map, running the formatter.
func (s *Server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (any, error) {
		start, end := d.offset(p.Range.Start), d.offset(p.Range.End)
		wanted := func(kind protocol.CodeActionKind) bool {
			if len(p.Context.Only) == 0 {
				return true
			}
			for _, k := range p.Context.Only {
				if k == kind || len(kind) > len(k) && kind[:len(k)] == k && kind[len(k)] == '.' {
					return true
				}
			}
			return false
		}
		actions := []protocol.CodeAction{}
		src := []byte(d.text)
		pd := d.protocolDiagnostics()
		created := map[string]bool{}
		for i, f := range d.diags {
			if !f.Range.Valid() || f.Range.End.Offset < start || f.Range.Start.Offset > end {
				continue
			}
			diag := []protocol.Diagnostic{pd[i]}
			if f.Suggestion != "" && wanted(protocol.CodeActionKindQuickFix) {
				actions = append(actions, protocol.CodeAction{
					Title: fmt.Sprintf("Change to %q", f.Suggestion), Kind: ptr(protocol.CodeActionKindQuickFix),
					Diagnostics: diag, IsPreferred: ptr(true),
					Edit: d.workspaceEdit(edit.Splice{Start: f.Range.Start.Offset, End: f.Range.End.Offset, Text: f.Suggestion}),
				})
			}
			if f.Code != "unknown-component" {
				continue
			}
			written := d.text[f.Range.Start.Offset:f.Range.End.Offset]
			if f.Suggestion != "" && wanted(protocol.CodeActionKindQuickFix) {
				if sp, n := d.replaceEverywhere(written, f.Suggestion); n > 1 {
					actions = append(actions, protocol.CodeAction{
						Title: fmt.Sprintf("Change all %d %q to %q", n, written, f.Suggestion),
						Kind:  ptr(protocol.CodeActionKindQuickFix), Diagnostics: diag, Edit: d.workspaceEdit(sp),
					})
				}
			}
			if !created[written] && wanted(protocol.CodeActionKindQuickFix) {
				created[written] = true
				if sp, err := edit.Add(src, d.m, edit.Element{Kind: edit.AddComponent, Name: written, Vis: 0.5, Mat: 0.5}); err == nil {
					actions = append(actions, protocol.CodeAction{
						Title: fmt.Sprintf("Create component %q", written), Kind: ptr(protocol.CodeActionKindQuickFix),
						Diagnostics: diag, Edit: d.workspaceEdit(sp),
					})
				}
			}
		}
		if mt, ok := d.mentionAt(start); ok && mt.name != "" && wanted(protocol.CodeActionKindRefactorRewrite) {
			// Renaming needs the new name, which only the client's rename prompt asks for.
			actions = append(actions, protocol.CodeAction{
				Title: fmt.Sprintf("Rename %q everywhere…", mt.name), Kind: ptr(protocol.CodeActionKindRefactorRewrite),
				Command: &protocol.Command{Title: "Rename", Command: "editor.action.rename"},
			})
		}
		if wanted(protocol.CodeActionKindSource) {
			if edits, err := d.formatEdits(0, len(d.lineStarts)); err == nil && len(edits) > 0 {
				actions = append(actions, protocol.CodeAction{
					Title: "Format the map (mapwright fmt)", Kind: ptr(protocol.CodeActionKindSource),
					Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{d.uri: edits}},
				})
			}
		}
		return actions, nil
	})
}

// replaceEverywhere writes name wherever an unknown-name finding reports written, and tells how
// many places that is: the fix for links left behind when a component is renamed in the text.
func (d *document) replaceEverywhere(written, name string) (edit.Splice, int) {
	var parts []edit.Splice
	for _, f := range d.diags {
		if f.Code == "unknown-component" && f.Range.Valid() && d.text[f.Range.Start.Offset:f.Range.End.Offset] == written {
			parts = append(parts, edit.Splice{Start: f.Range.Start.Offset, End: f.Range.End.Offset, Text: name})
		}
	}
	if len(parts) == 0 {
		return edit.Splice{}, 0
	}
	return edit.Merge([]byte(d.text), parts...), len(parts)
}
