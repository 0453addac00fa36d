package render

// How Layout draws a map, and where it knowingly differs from OnlineWardleyMaps (OWM).
//
// Page geometry. The drawing area (the axes box) is the map's `size [w, h]`, or
// Options.Width/Height, or DefaultWidth x DefaultHeight (1000 x 700). Maturity m and visibility
// v become x = PlotX + m*PlotW and y = PlotY + (1-v)*PlotH. DefaultMargins leave room for the
// title, the rotated "Value Chain" caption and the two rows of stage labels; the page then
// grows (never shrinks) so that content outside the drawing area, such as a label pushed past
// the right edge, is not cut off. Options.Scale multiplies everything at the very end.
//
// Labels. An explicit `label [dx, dy]` puts the first baseline exactly dx, dy pixels from the
// element, as OWM does; OWM 2026's silent post-adjustment of small offsets on evolving and
// decorated components is not copied, so what the text says is what is drawn. Multi-line names
// given an explicit offset are centred on the label point, as OWM centres them. Labels without
// an offset are placed automatically (labels.go), starting from OWM's default (5, -10), which
// decorated components scale x2 and ecosystems x3.
//
// Pioneers/settlers/town-planner areas are drawn shifted up and left by (AreaShiftX,
// AreaShiftY) from where their coordinates say, because OWM draws them so (in the frame of its
// outer margins rather than of the map) and real maps were tuned against that: their notes and
// legends sit on the shifted boxes (see corpus maps 07 and 13 beside OWM's pictures).
//
// Deliberate differences from OWM's drawing:
//   - Accelerators and deaccelerators carry their names beneath the arrow (OWM draws none).
//   - A flow label sits on its link, 30% of the way from the end component, instead of on top
//     of that component's own label.
//   - Pipeline children can be evolved (OWM's classic renderer drew them, 2026 does not).
//   - A link that names an evolved copy's new name attaches to the copy and is drawn in the
//     evolved colour, as OWM's "show evolved links" does; other links attach to the originals.
//
// Styles follow the dialect reference §3.5. The handwritten style keeps every mark but draws
// its strokes with a deterministic wobble (hand.go) and its text in FontHand, so a
// handwritten picture is byte-identical between runs.
