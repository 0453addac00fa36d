// Package edit changes map text in place, the way the desktop editor needs when a person drags
// an element or picks a context-menu action.
//
// The text is the single source of truth (DESIGN.md rule 1), so an edit never re-prints the
// map: every function looks up the element in the parsed *mapdsl.Map, uses the source ranges
// the parser recorded, and returns one Splice that replaces only the bytes that must change.
// Comments, spacing, number spelling and every other line stay byte-identical. The editor
// applies the Splice to its text widget as one range replacement (so its undo history keeps
// working) and parses the new text again.
//
// The edits, grouped by what the editor does:
//
//   - Drags: Move (components, submaps, pipeline children, whose visibility is their
//     pipeline's so only the maturity is written; anchors, notes, accelerators), MoveAnnotation,
//     MoveAnnotationsLegend, MoveArea, MoveLabel (of a component or an evolved copy), SetEvolve
//     (the evolved copy), SetPipelineEnds.
//   - Canvas actions: Add (every kind of element the palette offers: anchor, component, market,
//     ecosystem, submap, note, pipeline, annotation, areas, accelerators), AddToPipeline,
//     AddLink, SetEvolve (dragging an evolve handle out of a component).
//   - Context menu: Rename, SetEvolve, SetMethod, ToggleInertia, ToggleMarket,
//     ToggleEcosystem, SetLinkContext, SetFlowLabel, Delete.
//   - Several edits of one gesture (a group move): Merge them into one splice. A group
//     deletion is one Delete of all the elements.
//
// Every edit of an existing element finds it by a Ref: one of the Map's lists and the index in
// it, the index render.Scene reports in its Ref.Index. Only Rename takes a name, because it
// changes a name wherever it is written (the language server knows only the name under the
// cursor).
//
// Conventions:
//
//   - The *mapdsl.Map passed in must be the parse of the same src. When it is nil the
//     function parses src itself.
//   - Map positions are written as OWM writes them when you drag: two decimals ("0.73",
//     "0.70"). A coordinate whose value does not change keeps its original spelling, so a
//     vertical drag leaves the maturity exactly as it was typed.
//   - Label offsets are pixels, rounded to two decimals with trailing zeros dropped ("12",
//     "-9.5", "3.25"). OWM HEAD writes them with two decimals and CLASSIC as integers; the
//     shortest exact form reads like the offsets people type and parses the same in both.
//   - Lines without coordinates get them where OWM looks for them: " [v, m]" right after the
//     name. Adding a label, inertia or a decorator to such a line writes its current
//     (default) position first, because OWM would otherwise read the addition as part of the
//     name.
//   - New decorators join the line's existing group ("(market)" becomes "(market, buy)"), or
//     are appended as a group, before a submap's url(ref) (OWM reads only the first
//     parentheses of a line).
//   - New lines (Add, AddLink, SetEvolve, MoveAnnotationsLegend) go where a person would write
//     them: after the last line of their kind, or after the group of lines that comes before
//     their kind in the usual order (title and settings, anchors, components, pipelines,
//     evolve, links, notes, annotations, areas, accelerators; place.go), with the file's own
//     line ending (CRLF when the file uses it). Each is read back before it is offered.
//   - Names are quoted only where a line needs it: line breaks, quotes, backslashes or blanks
//     at either end; a link's first name that starts with a keyword ("buyer"); an evolve name
//     holding a decimal number ("Web 2.0"). Names OWM cannot read back (brackets, link
//     operators, comment markers, "inertia", "label ", decorator words in parentheses) are
//     refused.
//   - A zero Splice (IsNoop) means there is nothing to change.
//   - Edits refuse, with an error that reads as advice, what they cannot do without touching
//     more than their target: unknown or ambiguous names, a name that runs into its brackets
//     ("Foo[0.5,0.5]", which OWM reads as the name), brackets holding more than numbers or
//     left unclosed, a block pipeline's ends (its children set them), decorators hidden by
//     parentheses in the name.
package edit
