package edit

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"mapwright/mapdsl"
)

// ToggleInertia adds " inertia" to the line of the component, submap or pipeline child r points
// to, or removes the inertia it has (the word, or the item of a decorator group).
func ToggleInertia(src []byte, m *mapdsl.Map, r Ref) (Splice, error) {
	m, c, err := component(src, m, r)
	if err != nil {
		return Splice{}, err
	}
	return checked(src, m, c, func(f *flags) { f.inertia = !f.inertia })(toggleInertia(src, c))
}

func toggleInertia(src []byte, c *mapdsl.Component) (Splice, error) {
	name := c.Name
	if !c.Inertia {
		return appendModifier(src, c, "inertia")
	}
	r := c.InertiaRange
	if !r.Valid() || r == c.NameRange {
		return Splice{}, fmt.Errorf("the inertia of %q comes from its name (OWM marks any line containing \"inertia\"); rename it to remove the inertia", name)
	}
	if err := checkRange(src, "inertia of "+name, r); err != nil {
		return Splice{}, err
	}
	if word := rangeText(src, r); word != "inertia" && word != "(inertia)" {
		return Splice{}, fmt.Errorf("the inertia of %q comes from %q on line %d; edit that by hand", name, word, r.Start.Line)
	}
	for _, b := range []mapdsl.Range{c.Coords.Range, c.Label.Range} {
		if b.Valid() && b.Start.Offset <= r.Start.Offset && r.End.Offset <= b.End.Offset {
			// "[0inertia1": taking the word out would join the numbers around it.
			return Splice{}, fmt.Errorf("the inertia of %q comes from the word inside its brackets on line %d; edit that by hand", name, r.Start.Line)
		}
	}
	if g, ok := groupAround(src, c.Decorators.Range, r.Start.Offset); ok {
		for k, it := range g.items {
			if it.start <= r.Start.Offset && r.Start.Offset < max(it.end, it.start+1) {
				return removeItem(src, g, k), nil
			}
		}
	}
	return removeWord(src, r.Start.Offset, r.End.Offset), nil
}

// SetMethod sets how the component r points to is sourced: mapdsl.MethodBuild, MethodBuy,
// MethodOutsource, or MethodNone to remove the decorator. It rewrites the word in the
// decorator group, adds one (" (buy)" or ", buy" inside an existing group), or rewrites a
// legacy standalone "build Name" line.
func SetMethod(src []byte, m *mapdsl.Map, r Ref, method mapdsl.Method) (Splice, error) {
	m, c, err := component(src, m, r)
	if err != nil {
		return Splice{}, err
	}
	if m.Mermaid && method != mapdsl.MethodNone && c.Decorators.Method == mapdsl.MethodNone && c.Decorators.Market {
		return Splice{}, oneDecorator(c, "market")
	}
	return checked(src, m, c, func(f *flags) { f.method = method })(setMethod(src, c, method))
}

// oneDecorator is the refusal of a second decorator in a Mermaid diagram.
func oneDecorator(c *mapdsl.Component, has string) error {
	return fmt.Errorf("a Mermaid component takes one decorator, and %q has (%s); remove it first", c.Name, has)
}

func setMethod(src []byte, c *mapdsl.Component, method mapdsl.Method) (Splice, error) {
	name := c.Name
	if c.Decorators.Method == method {
		return Splice{}, nil
	}
	g, hasGroup := groupAround(src, c.Decorators.Range, -1)
	if c.Decorators.Method != mapdsl.MethodNone {
		if hasGroup {
			if k := g.find(c.Decorators.Method.String()); k >= 0 {
				if method == mapdsl.MethodNone {
					return removeItem(src, g, k), nil
				}
				it := g.items[k]
				return minimize(src, Splice{Start: it.start, End: it.end, Text: method.String()}), nil
			}
		}
		if s, ok := legacyMethodLine(src, name, method); ok {
			return s, nil
		}
		return Splice{}, fmt.Errorf("could not find where %q is marked (%s); change it by hand", name, c.Decorators.Method)
	}
	if hasGroup {
		return addItem(g, method.String()), nil
	}
	if err := parenthesesInName(c); err != nil {
		return Splice{}, err
	}
	return appendModifier(src, c, "("+method.String()+")")
}

// ToggleMarket adds or removes the (market) decorator of the component r points to.
func ToggleMarket(src []byte, m *mapdsl.Map, r Ref) (Splice, error) {
	m, c, err := component(src, m, r)
	if err != nil {
		return Splice{}, err
	}
	if m.Mermaid && !c.Decorators.Market && c.Decorators.Method != mapdsl.MethodNone {
		return Splice{}, oneDecorator(c, c.Decorators.Method.String())
	}
	return checked(src, m, c, func(f *flags) { f.market = !f.market })(toggleFlag(src, c, "market", c.Decorators.Market))
}

// ToggleEcosystem adds or removes the (ecosystem) decorator of the component r points to.
func ToggleEcosystem(src []byte, m *mapdsl.Map, r Ref) (Splice, error) {
	m, c, err := component(src, m, r)
	if err != nil {
		return Splice{}, err
	}
	if m.Mermaid && !c.Decorators.Ecosystem {
		return Splice{}, errors.New("a Mermaid diagram cannot have it: Mermaid has no ecosystems (an .owm map can)")
	}
	return checked(src, m, c, func(f *flags) { f.ecosystem = !f.ecosystem })(toggleFlag(src, c, "ecosystem", c.Decorators.Ecosystem))
}

func toggleFlag(src []byte, c *mapdsl.Component, word string, set bool) (Splice, error) {
	name := c.Name
	g, hasGroup := groupAround(src, c.Decorators.Range, -1)
	if !set {
		if hasGroup {
			return addItem(g, word), nil
		}
		if err := parenthesesInName(c); err != nil {
			return Splice{}, err
		}
		return appendModifier(src, c, "("+word+")")
	}
	if hasGroup {
		if k := g.find(word); k >= 0 {
			return removeItem(src, g, k), nil
		}
	}
	// The legacy statement "market Name [v, m]" is a component with the flag: turning the flag
	// off turns the statement into a plain component.
	if err := checkRange(src, word+" "+name, c.Range); err != nil {
		return Splice{}, err
	}
	at := c.Range.Start.Offset
	if bytes.HasPrefix(src[at:], []byte(word+" ")) {
		return Splice{Start: at, End: at + len(word), Text: "component"}, nil
	}
	return Splice{}, fmt.Errorf("could not find where %q is marked %s; change it by hand", name, word)
}

// flags are the marks a decorator edit may change.
type flags struct {
	method            mapdsl.Method
	market, ecosystem bool
	inertia           bool
	url               string // must not change
}

func flagsOf(c *mapdsl.Component) flags {
	return flags{c.Decorators.Method, c.Decorators.Market, c.Decorators.Ecosystem, c.Inertia, c.URLRef}
}

// checked reads the edited text back and keeps the edit only if the component ends up with
// exactly the marks intended: OWM's substring rules (a submap's url(market), words in the
// name, several parentheses) can make a well-placed word mean something else. Use it as
// checked(src, m, c, change)(edit(...)).
func checked(src []byte, m *mapdsl.Map, c *mapdsl.Component, change func(*flags)) func(s Splice, err error) (Splice, error) {
	return func(s Splice, err error) (Splice, error) {
		if err != nil || s.IsNoop() {
			return s, err
		}
		i := slices.Index(m.Components, c)
		after, _ := mapdsl.Parse("", Apply(src, s))
		want := flagsOf(c)
		change(&want)
		if i < 0 || i >= len(after.Components) || after.Components[i].Name != c.Name || flagsOf(after.Components[i]) != want {
			return Splice{}, fmt.Errorf("OWM would not read the change on line %d the way you mean (its words in parentheses are ambiguous there); edit that line by hand", c.Range.Start.Line)
		}
		return s, nil
	}
}

// appendModifier adds " text" at the end of a component's statement (before any trailing
// comment; a decorator group goes before a submap's url(ref)). A line without coordinates first gets the position the component has now: OWM
// reads a bare name up to " [" and would take the modifier into the name.
func appendModifier(src []byte, c *mapdsl.Component, text string) (Splice, error) {
	if err := checkRange(src, "line of "+c.Name, c.Range); err != nil {
		return Splice{}, err
	}
	if _, err := nameEnd(src, "component", c.NameRange, c.Range); err != nil {
		return Splice{}, err
	}
	if err := nameClear(fmt.Sprintf("component %q", c.Name), c.NameRange, c.Coords.Range); err != nil {
		return Splice{}, err
	}
	if c.Coords.Present {
		if err := plainBrackets(src, "component "+c.Name, c.Coords.Range); err != nil {
			return Splice{}, err
		}
	}
	var parts []Splice
	if !c.Coords.Present {
		at, err := nameEnd(src, "name of "+c.Name, c.NameRange, c.Range)
		if err != nil {
			return Splice{}, err
		}
		coords := coordsText(c.Coords.Visibility.Value, c.Coords.Maturity.Value)
		if c.Kind == mapdsl.KindPipelineChild {
			coords = "[" + formatCoord(c.Coords.Maturity.Value) + "]"
		}
		parts = append(parts, Splice{Start: at, End: at, Text: " " + coords})
	}
	at := max(contentEnd(src, c.Range), c.NameRange.End.Offset)
	if c.NameRange.Valid() && !balanced(src[c.NameRange.End.Offset:at]) {
		return Splice{}, fmt.Errorf("line %d has an unclosed bracket or parenthesis after the name %q; close it first", c.Range.Start.Line, c.Name)
	}
	if strings.HasPrefix(text, "(") && c.NameRange.Valid() {
		// OWM reads decorators in the first parentheses of the line: a submap's url(ref)
		// would hide a group written after it, so the group goes before it.
		if u := bytes.Index(src[c.NameRange.End.Offset:at], []byte("url(")); u >= 0 {
			u += c.NameRange.End.Offset
			return join(src, append(parts, Splice{Start: u, End: u, Text: text + " "})), nil
		}
	}
	parts = append(parts, Splice{Start: at, End: at, Text: " " + text})
	return join(src, parts), nil
}

// balanced reports whether every "[" and "(" in text is closed, so that text appended after it
// stands on its own.
func balanced(text []byte) bool {
	brackets, parens := 0, 0
	for _, ch := range text {
		switch ch {
		case '[':
			brackets++
		case ']':
			brackets--
		case '(':
			parens++
		case ')':
			parens--
		}
		if brackets < 0 || parens < 0 {
			return false
		}
	}
	return brackets == 0 && parens == 0
}

// parenthesesInName refuses to add a decorator group to a line whose name holds parentheses:
// OWM reads decorators only between the first "(" and the first ")" of a line, so it would
// never see the new group.
func parenthesesInName(c *mapdsl.Component) error {
	if !strings.Contains(c.Name, "(") {
		return nil
	}
	return fmt.Errorf("OWM reads decorators only in the first parentheses of a line, and the name %q has some; rename it (or add coordinates and move the decorator after them) first", c.Name)
}

// group is a parenthesised decorator group "(buy, market)" as written.
type group struct {
	open, close int // offsets of '(' and ')'
	items       []item
}

// item is one word of a group; start == end for an empty group "()".
type item struct {
	start, end int
	word       string
}

func (g group) find(word string) int {
	for k, it := range g.items {
		if it.word == word {
			return k
		}
	}
	return -1
}

// groupAround reads the decorator group at r. With at >= 0 it only succeeds when at lies
// inside the group.
func groupAround(src []byte, r mapdsl.Range, at int) (group, bool) {
	if !r.Valid() || r.Start.Offset < 0 || r.End.Offset > len(src) || r.End.Offset-r.Start.Offset < 2 {
		return group{}, false
	}
	open, close := r.Start.Offset, r.End.Offset-1
	if src[open] != '(' || src[close] != ')' || (at >= 0 && (at <= open || at >= close)) {
		return group{}, false
	}
	g := group{open: open, close: close}
	start := open + 1
	for i := open + 1; i <= close; i++ {
		if i == close || src[i] == ',' {
			s, e := trimBlanks(src, start, i)
			g.items = append(g.items, item{start: s, end: e, word: strings.ToLower(string(src[s:e]))})
			start = i + 1
		}
	}
	return g, true
}

// removeItem removes item k of a group with its comma, or the whole group with the blank
// before it when k is the only item.
func removeItem(src []byte, g group, k int) Splice {
	if len(g.items) == 1 {
		return removeWord(src, g.open, g.close+1)
	}
	if k > 0 {
		return Splice{Start: g.items[k-1].end, End: g.items[k].end}
	}
	return Splice{Start: g.items[0].start, End: g.items[1].start}
}

// addItem adds a word at the end of a group: "(market)" becomes "(market, buy)".
func addItem(g group, word string) Splice {
	last := g.items[len(g.items)-1]
	if len(g.items) == 1 && last.word == "" {
		return Splice{Start: last.start, End: last.start, Text: word}
	}
	return Splice{Start: last.end, End: last.end, Text: ", " + word}
}

// removeWord removes src[start:end] and the blanks before it (or after it, at the start of a
// line), so that no double space is left behind.
func removeWord(src []byte, start, end int) Splice {
	s := start
	for s > 0 && (src[s-1] == ' ' || src[s-1] == '\t') {
		s--
	}
	if s == 0 || src[s-1] == '\n' {
		s = start
		for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
			end++
		}
	}
	return Splice{Start: s, End: end}
}

// legacyMethodLine rewrites the keyword of a standalone "build Name" line (the pre-2025 form),
// or deletes the line for MethodNone.
func legacyMethodLine(src []byte, name string, method mapdsl.Method) (Splice, bool) {
	sts := legacyMethods(src, name)
	if len(sts) == 0 {
		return Splice{}, false
	}
	st := sts[0]
	if method == mapdsl.MethodNone {
		start, end := lineSpan(src, st.Range)
		return Splice{Start: start, End: end}, true
	}
	return Splice{Start: st.KeywordRange.Start.Offset, End: st.KeywordRange.End.Offset, Text: method.String()}, true
}
