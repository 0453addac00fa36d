// Package sourcepane is the text pane of the Mapwright editor: a code-editor widget for Fyne
// built from canvas primitives, because Fyne's multi-line Entry re-lays out the whole text on
// every keystroke (quadratic) and has no gutter, colouring or selection API.
//
// The pieces:
//
//   - buffer: the document as a list of lines kept in blocks of about 512 lines. An edit touches
//     the lines it changes and one block; the block index (first line and byte of each block) is
//     rebuilt lazily in one pass over the block headers (about 100 for 50,000 lines), and line or
//     byte-offset lookups binary-search it. Positions are (line, rune column); byte offsets (what
//     the parser's ranges use) come from per-block byte counts.
//   - history: one document-level undo/redo list. Typing of one word is one step, a paste is one
//     step, a ReplaceRange (a canvas drag splicing numbers in) is one step.
//   - Editor: the widget. It lays out and draws only the visible lines, reusing a fixed set of
//     canvas objects per screen row, and measures text with a per-rune width cache instead of
//     canvas.Text.MinSize, so the cost of a keystroke does not depend on the document's length.
//
// Public positions are 1-based lines and 1-based rune columns, the convention of
// mapdsl.Pos and of file:line:col messages.
package sourcepane
