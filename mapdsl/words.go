package mapdsl

import "sort"

// The words of the language, for tools that offer them (the editor's colouring, completion in
// the language server). They are read off the lexer's own tables so that a keyword added there
// is offered everywhere.

// Keywords returns the statement keywords (component, anchor, evolve, ...), sorted.
func Keywords() []string {
	out := make([]string, 0, len(keywords))
	for k := range keywords {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Styles are the map styles a `style` line can name, in the order the docs list them.
var Styles = []string{"plain", "wardley", "handwritten", "colour", "dark"}

// DecoratorWords are the words a component's parenthesised group can hold.
var DecoratorWords = []string{"build", "buy", "outsource", "market", "ecosystem"}

// NormalizeName is how OWM compares element names when no element has exactly the written name:
// lower case, line breaks as spaces, runs of blanks collapsed to one space.
func NormalizeName(name string) string { return normaliseName(name) }
