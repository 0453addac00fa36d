package lsp

import (
	"slices"
	"strings"

	glsp "github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"mapwright/mapdsl"
)

// linkOperators are the operators after which a link's second name follows, longest first so
// that "+<>" is not read as "+<".
var linkOperators = []string{"+<>", "+<", "+>", "->"}

// completion offers what can be typed at the cursor: statement keywords at the start of a line,
// element names after a link operator and in evolve and pipeline lines, decorators inside
// parentheses, style names after "style", and the modifiers that may follow a position.
func (s *Server) completion(_ *glsp.Context, p *protocol.CompletionParams) (any, error) {
	return withDoc(s, p.TextDocument.URI, func(d *document) (any, error) {
		off := d.offset(p.Position)
		line := int(p.Position.Line)
		if line >= len(d.lineStarts) {
			return []protocol.CompletionItem{}, nil
		}
		lineStart := d.lineStarts[line]
		before := d.text[lineStart:off]
		return nonNil(d.complete(before, lineStart)), nil
	})
}

// complete lists the items for a line whose text before the cursor is before; lineStart is the
// offset of the line, for the ranges the items replace.
func (d *document) complete(before string, lineStart int) []protocol.CompletionItem {
	if strings.Contains(before, "//") {
		return nil // in a comment
	}
	indent := len(before) - len(strings.TrimLeft(before, " \t"))
	code := before[indent:]
	cursor := lineStart + len(before)
	// replace covers the text typed since from, so a name with spaces is replaced whole.
	replace := func(from int) protocol.Range { return d.span(lineStart+from, cursor) }

	// Inside an open parenthesised group: decorators.
	if open := strings.LastIndexByte(code, '('); open >= 0 && !strings.Contains(code[open:], ")") {
		from := indent + open + 1
		if c := strings.LastIndexByte(code[open:], ','); c >= 0 {
			from = indent + open + c + 1
		}
		for from < len(before) && before[from] == ' ' {
			from++
		}
		return wordItems(mapdsl.DecoratorWords, protocol.CompletionItemKindEnumMember, "decorator", replace(from))
	}
	keyword, rest, hasSpace := strings.Cut(code, " ")
	if !hasSpace {
		// The first word: a keyword, or the first name of a link.
		items := wordItems(mapdsl.Keywords(), protocol.CompletionItemKindKeyword, "keyword", replace(indent))
		return append(items, d.nameItems(replace(indent), true)...)
	}
	if keyword == "evolve" && strings.Contains(rest, "->") {
		return nil // the evolved copy's new name is free text
	}
	// After a link operator: the second name.
	for _, op := range linkOperators {
		if i := strings.LastIndex(code, op); i >= 0 && !strings.Contains(code[i:], ";") {
			return d.nameItems(replace(indent+i+len(op)), true)
		}
	}
	if i := strings.LastIndex(code, "'>"); i >= 0 && strings.Contains(code[:i], "+'") && !strings.Contains(code[i:], ";") {
		return d.nameItems(replace(indent+i+2), true) // A+'label'>B
	}
	switch keyword {
	case "style":
		return wordItems(mapdsl.Styles, protocol.CompletionItemKindEnumMember, "style", replace(indent+len("style ")))
	case "evolve", "pipeline":
		if !strings.ContainsAny(rest, "[-") {
			return d.nameItems(replace(indent+len(keyword)+1), false)
		}
	}
	// After a position: the modifiers of a component line.
	if strings.HasSuffix(strings.TrimRight(code, " "), "]") {
		from := len(strings.TrimRight(before, " "))
		if from < len(before) {
			from++
		}
		items := []protocol.CompletionItem{}
		for _, w := range []struct{ label, insert, doc string }{
			{"label", "label [-10, -10]", "moves the component's label by [dx, dy] pixels"},
			{"inertia", "inertia", "draws an inertia bar: the component resists evolving"},
			{"(build)", "(build)", "built in-house"},
			{"(buy)", "(buy)", "bought as a product"},
			{"(outsource)", "(outsource)", "outsourced"},
		} {
			r := replace(from)
			items = append(items, protocol.CompletionItem{Label: w.label, Kind: ptr(protocol.CompletionItemKindProperty),
				Detail: ptr(w.doc), TextEdit: protocol.TextEdit{Range: r, NewText: w.insert}})
		}
		return items
	}
	if !slices.Contains(mapdsl.Keywords(), keyword) && !strings.ContainsAny(code, "[(") {
		return d.nameItems(replace(indent), true) // the first name of a link, with spaces in it
	}
	return nil
}

// nameItems offers the names of the map's components (and anchors, where links may name them).
func (d *document) nameItems(r protocol.Range, anchors bool) []protocol.CompletionItem {
	if d.m == nil {
		return nil
	}
	var items []protocol.CompletionItem
	seen := map[string]bool{}
	add := func(name, detail string, kind protocol.CompletionItemKind) {
		if name == "" || seen[name] || strings.Contains(name, "\n") {
			return
		}
		seen[name] = true
		items = append(items, protocol.CompletionItem{Label: name, Kind: ptr(kind), Detail: ptr(detail),
			TextEdit: protocol.TextEdit{Range: r, NewText: name}})
	}
	for _, c := range d.m.Components {
		add(c.Name, "component", protocol.CompletionItemKindClass)
	}
	if anchors {
		for _, a := range d.m.Anchors {
			add(a.Name, "anchor", protocol.CompletionItemKindInterface)
		}
	}
	return items
}

func wordItems(words []string, kind protocol.CompletionItemKind, detail string, r protocol.Range) []protocol.CompletionItem {
	items := make([]protocol.CompletionItem, len(words))
	for i, w := range words {
		items[i] = protocol.CompletionItem{Label: w, Kind: ptr(kind), Detail: ptr(detail),
			TextEdit: protocol.TextEdit{Range: r, NewText: w}}
	}
	return items
}

func ptr[T any](v T) *T { return &v }
