// Package edit changes map text in place, the way the desktop editor needs when a person drags
// an element or picks a context-menu action.
//
// The text is the single source of truth (DESIGN.md rule 1), so an edit never re-prints the
// map: every function here looks up the element in the parsed *mapdsl.Map, uses the source
// ranges the parser recorded, and returns a Splice that replaces only the bytes that must
// change. Comments, spacing, number spelling and every other line stay byte-identical. The
// editor applies the Splice to its text widget as one range replacement (so its undo history
// keeps working) and parses the new text again.
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
//     shortest exact form reads like the offsets people type and parses identically in both.
//   - A zero Splice (Start == End, Text == "") means "nothing to change"; applying it is a no-op.
//   - Errors read as advice ("no component named "Ketle" (did you mean "Kettle"?)").
//   - New lines (AddComponent, AddLink, SetEvolve) are appended at the end of the text, with
//     the file's own line ending (CRLF when the file uses it), after adding the missing final
//     line break if the text had none.
package edit
