package ui

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"mapwright/mapdsl"
	"mapwright/mapdsl/edit"
	"mapwright/ui/mapcanvas"
)

// The palette: a strip of tools beside the map, one per kind of element, each drawn like the
// map draws that element. A click arms the tool; the next click on the map places the element
// there (an area is dragged out as a rectangle). The same kinds are offered by the right-click
// menu on empty map.

// paletteTool is one tool of the palette and of the empty-map menu.
type paletteTool struct {
	name string    // as the user reads it: "component", "pioneers area"
	kind edit.Kind // what edit.Add writes; ignored for the link and pipeline-child tools
	// prompt is the label of the name question ("" for areas, which have no name).
	prompt string
	// suggest is the name offered, with a number added when the map already has it.
	suggest string
	tip     string
	icon    string // SVG drawing of the symbol, 24×24
	area    bool
	link    bool
	child   bool // a component added into the pipeline under the pointer
	// mermaidLacks says why a Mermaid diagram cannot have the element ("" when it can): the
	// tool is off while the map is a diagram (edit.Add would refuse it).
	mermaidLacks string
}

const svgHead = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">`

var paletteTools = []paletteTool{
	{name: "component", kind: edit.AddComponent, prompt: "Name", suggest: "Component",
		tip:  "Component: click on the map to place one (or double-click empty map)",
		icon: `<circle cx="12" cy="12" r="6" fill="white" stroke="black" stroke-width="2"/>`},
	{name: "anchor", kind: edit.AddAnchor, prompt: "Name", suggest: "User",
		tip:  "Anchor: a user or need at the top of the map; click to place",
		icon: `<path d="M4 21 L12 3 L20 21 M7.5 14 L16.5 14" fill="none" stroke="black" stroke-width="3"/>`},
	{name: "market", kind: edit.AddMarket, prompt: "Name", suggest: "Market",
		tip:  "Market: a component marked (market); click to place",
		icon: `<circle cx="12" cy="12" r="9" fill="white" stroke="black" stroke-width="1.5"/><path d="M12 7 L7.5 15 L16.5 15 Z" fill="none" stroke="black" stroke-width="1"/><circle cx="12" cy="7" r="2" fill="white" stroke="black"/><circle cx="7.5" cy="15" r="2" fill="white" stroke="black"/><circle cx="16.5" cy="15" r="2" fill="white" stroke="black"/>`},
	{name: "ecosystem", mermaidLacks: `Mermaid has no ecosystems`, kind: edit.AddEcosystem, prompt: "Name", suggest: "Ecosystem",
		tip:  "Ecosystem: a component marked (ecosystem); click to place",
		icon: `<circle cx="12" cy="12" r="10" fill="white" stroke="black" stroke-width="1.5"/><circle cx="12" cy="12" r="6.5" fill="#bbbbbb" stroke="black" stroke-width="1"/><circle cx="12" cy="12" r="3" fill="white" stroke="black" stroke-width="1.5"/>`},
	{name: "submap", mermaidLacks: `Mermaid has no submaps`, kind: edit.AddSubmap, prompt: "Name", suggest: "Submap",
		tip:  "Submap: a component that stands for another map; click to place",
		icon: `<circle cx="14" cy="12" r="6" fill="black" stroke="black" stroke-width="2"/><rect x="1" y="9" width="5" height="3" rx="1.5" fill="none" stroke="black"/><rect x="4" y="12" width="5" height="3" rx="1.5" fill="none" stroke="black"/>`},
	{name: "pipeline", mermaidLacks: `a Mermaid pipeline lists its components: write "pipeline Name {" with them in the text`, kind: edit.AddPipeline, prompt: "Name", suggest: "Pipeline",
		tip:  "Pipeline: a component with a box for its variants; click to place",
		icon: `<rect x="1.5" y="9" width="21" height="9" fill="white" stroke="black" stroke-width="1.5"/><rect x="8.5" y="5" width="7" height="7" fill="white" stroke="black" stroke-width="2"/>`},
	{name: "component in a pipeline", prompt: "Name", suggest: "Variant", child: true,
		tip:  "Component in a pipeline: click inside a pipeline's box",
		icon: `<rect x="1.5" y="8" width="21" height="10" fill="white" stroke="black" stroke-width="1.5"/><circle cx="15" cy="13" r="3.5" fill="white" stroke="black" stroke-width="1.5"/><path d="M5 13 H9 M7 11 V15" stroke="black" stroke-width="1.5"/>`},
	{name: "link", link: true,
		tip:  "Link: drag from a component to the one it depends on (or Ctrl+drag any time)",
		icon: `<path d="M7 6 L17 18" stroke="black" stroke-width="1.5"/><circle cx="7" cy="6" r="3.5" fill="white" stroke="black" stroke-width="1.5"/><circle cx="17" cy="18" r="3.5" fill="white" stroke="black" stroke-width="1.5"/>`},
	{name: "note", kind: edit.AddNote, prompt: "Text", suggest: "Note",
		tip:  "Note: free text on the map; click to place",
		icon: `<path d="M3 6 H21 M3 11 H21 M3 16 H14" stroke="black" stroke-width="2.5"/>`},
	{name: "annotation", kind: edit.AddAnnotation, prompt: "Text", suggest: "Annotation",
		tip:  "Annotation: a numbered marker explained in the legend (numbered for you); click to place",
		icon: `<circle cx="12" cy="12" r="9" fill="white" stroke="#595959" stroke-width="1.5"/><path d="M9.5 9 L12.5 6.5 V17.5 M9.5 17.5 H15.5" fill="none" stroke="black" stroke-width="1.8"/>`},
	{name: "pioneers area", mermaidLacks: `Mermaid has no areas`, kind: edit.AddPioneers, area: true,
		tip:  "Pioneers: drag a rectangle on the map",
		icon: `<rect x="2" y="5" width="20" height="14" fill="#3ccaf8" fill-opacity="0.4" stroke="#3490dd" stroke-opacity="0.7" stroke-width="2"/>`},
	{name: "settlers area", mermaidLacks: `Mermaid has no areas`, kind: edit.AddSettlers, area: true,
		tip:  "Settlers: drag a rectangle on the map",
		icon: `<rect x="2" y="5" width="20" height="14" fill="#599afa" fill-opacity="0.4" stroke="#396dc0" stroke-opacity="0.7" stroke-width="2"/>`},
	{name: "town planners area", mermaidLacks: `Mermaid has no areas`, kind: edit.AddTownPlanners, area: true,
		tip:  "Town planners: drag a rectangle on the map",
		icon: `<rect x="2" y="5" width="20" height="14" fill="#936ff9" fill-opacity="0.4" stroke="#4768c8" stroke-opacity="0.7" stroke-width="2"/>`},
	{name: "accelerator", kind: edit.AddAccelerator, prompt: "Name", suggest: "Accelerator",
		tip:  "Accelerator: a force that speeds evolution; click to place",
		icon: `<defs><linearGradient id="g"><stop offset="0" stop-color="white"/><stop offset="1" stop-color="#808080"/></linearGradient></defs><path d="M2 8 H13 V3 L22 12 L13 21 V16 H2 Z" fill="url(#g)" stroke="#333333" stroke-width="1.2"/>`},
	{name: "deaccelerator", kind: edit.AddDeaccelerator, prompt: "Name", suggest: "Inertia",
		tip:  "Deaccelerator: a force that slows evolution; click to place",
		icon: `<defs><linearGradient id="g"><stop offset="0" stop-color="#808080"/><stop offset="1" stop-color="white"/></linearGradient></defs><path d="M22 8 H11 V3 L2 12 L11 21 V16 H22 Z" fill="url(#g)" stroke="#333333" stroke-width="1.2"/>`},
}

func (t paletteTool) resource() fyne.Resource {
	return fyne.NewStaticResource(strings.ReplaceAll(t.name, " ", "-")+".svg", []byte(svgHead+t.icon+"</svg>"))
}

// fadedResource is the symbol of a tool that is off: Fyne greys only its theme's own icons.
func (t paletteTool) fadedResource() fyne.Resource {
	return fyne.NewStaticResource(strings.ReplaceAll(t.name, " ", "-")+"-off.svg", []byte(svgHead+`<g opacity="0.25">`+t.icon+"</g></svg>"))
}

func (t paletteTool) canvasTool() mapcanvas.Tool {
	return mapcanvas.Tool{Name: t.name, Area: t.area, Link: t.link}
}

func toolNamed(name string) (paletteTool, bool) {
	for _, t := range paletteTools {
		if t.name == name {
			return t, true
		}
	}
	return paletteTool{}, false
}

// paletteButton is a tool button that shows its tooltip while the pointer is over it.
type paletteButton struct {
	widget.Button
	tool paletteTool
	tip  string
	show func(tip string, over fyne.CanvasObject)
	// off: the map cannot have the tool's element (a Mermaid diagram); a tap says why. Not
	// Fyne's Disable, which greys only its theme's icons and would leave these black.
	off bool
}

func newPaletteButton(t paletteTool, tapped func(), show func(string, fyne.CanvasObject)) *paletteButton {
	b := &paletteButton{tool: t, tip: t.tip, show: show}
	b.Icon, b.OnTapped, b.Importance = t.resource(), tapped, widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn shows the tooltip.
func (b *paletteButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	b.show(b.tip, b)
}

// MouseOut hides the tooltip.
func (b *paletteButton) MouseOut() {
	b.Button.MouseOut()
	b.show("", nil)
}

// tooltip is a line of text drawn over the window next to a palette button. It is made of
// canvas primitives, which take no input, so it never steals a click.
type tooltip struct {
	layer *fyne.Container
	bg    *canvas.Rectangle
	text  *canvas.Text
}

func newTooltip() *tooltip {
	t := &tooltip{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)), text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.bg.StrokeColor, t.bg.StrokeWidth, t.bg.CornerRadius = theme.Color(theme.ColorNameSeparator), 1, 3
	t.text.TextSize = theme.TextSize()
	t.layer = container.NewWithoutLayout(t.bg, t.text)
	t.bg.Hide()
	t.text.Hide()
	return t
}

// buildPalette makes the palette strip and wires the canvas gestures it needs.
func (e *Editor) buildPalette() fyne.CanvasObject {
	e.tip = newTooltip()
	show := func(tip string, over fyne.CanvasObject) {
		if tip == "" || over == nil {
			e.tip.bg.Hide()
			e.tip.text.Hide()
			e.tip.layer.Refresh()
			return
		}
		e.tip.text.Text = tip
		size := e.tip.text.MinSize()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(over)
		pos = pos.AddXY(over.Size().Width+6, (over.Size().Height-size.Height)/2)
		e.tip.text.Move(pos.AddXY(6, 0))
		e.tip.text.Resize(size)
		e.tip.bg.Move(pos.AddXY(0, -2))
		e.tip.bg.Resize(size.AddWidthHeight(12, 4))
		e.tip.bg.Show()
		e.tip.text.Show()
		e.tip.layer.Refresh()
		e.setStatus("%s", tip)
	}
	var buttons []fyne.CanvasObject
	e.paletteButtons = nil
	for _, t := range paletteTools {
		t := t
		var b *paletteButton
		b = newPaletteButton(t, func() {
			if b.off {
				e.setStatus("%s", b.tip)
				return
			}
			e.armTool(t)
		}, show)
		e.paletteButtons = append(e.paletteButtons, b)
		buttons = append(buttons, b)
	}
	// The symbols are drawn as on the map, black on white, so the strip is white like the page
	// whatever the theme.
	page := canvas.NewRectangle(color.White)
	page.CornerRadius = 4
	e.palette = container.NewPadded(container.NewStack(page, container.NewVBox(buttons...)))
	return e.palette
}

// paletteForMermaid turns off the tools of what a Mermaid diagram cannot have while the map is
// one (and on again when it is not), saying why in their tooltips.
func (e *Editor) paletteForMermaid(diagram bool) {
	if diagram == e.paletteMermaid {
		return
	}
	e.paletteMermaid = diagram
	for _, b := range e.paletteButtons {
		if b.tool.mermaidLacks == "" {
			continue
		}
		if diagram {
			b.tip = fmt.Sprintf("%s%s: not in a Mermaid diagram (%s)", strings.ToUpper(b.tool.name[:1]), b.tool.name[1:], b.tool.mermaidLacks)
			b.SetIcon(b.tool.fadedResource())
		} else {
			b.tip = b.tool.tip
			b.SetIcon(b.tool.resource())
		}
		b.off = diagram
	}
	if pt, ok := toolNamed(e.canvas.ArmedTool().Name); ok && diagram && pt.mermaidLacks != "" {
		e.canvas.SetTool(mapcanvas.Tool{})
	}
}

// armTool makes the next click on the map place the tool's element.
func (e *Editor) armTool(t paletteTool) {
	e.canvas.SetTool(t.canvasTool())
	e.win.Canvas().Focus(e.canvas) // Escape reaches the map
}

// wirePalette connects the canvas gestures that add elements.
func (e *Editor) wirePalette() {
	c := e.canvas
	c.OnPlace = func(t mapcanvas.Tool, vis, mat float64, at fyne.Position) {
		if pt, ok := toolNamed(t.Name); ok {
			e.place(pt, vis, mat, at)
		}
	}
	c.OnPlaceArea = func(t mapcanvas.Tool, v1, m1, v2, m2 float64) {
		if pt, ok := toolNamed(t.Name); ok {
			e.addElement(edit.Element{Kind: pt.kind, Vis: v1, Mat: m1, Vis2: v2, Mat2: m2})
		}
	}
	c.OnAddMenu = e.addMenu
	c.OnHint = func(h string) {
		if h != "" {
			e.setStatus("%s", h)
		}
	}
}

// addMenu is the right-click menu on empty map: every element, added where the click was.
func (e *Editor) addMenu(vis, mat float64, at fyne.Position) {
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", e.addMenuItems(vis, mat, at)...), e.win.Canvas(), at)
}

// addMenuItems lists the empty-map menu's actions for a click at [vis, mat].
func (e *Editor) addMenuItems(vis, mat float64, at fyne.Position) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, t := range paletteTools {
		t := t
		if t.link {
			continue
		}
		it := fyne.NewMenuItem("Add "+strings.ToUpper(t.name[:1])+t.name[1:], func() {
			if t.area {
				// A rectangle 0.2 wide and 0.2 high from the click, kept on the map.
				v1, m1 := vis, mat
				v2, m2 := math.Max(0, vis-0.2), math.Min(1, mat+0.2)
				e.addElement(edit.Element{Kind: t.kind, Vis: v1, Mat: m1, Vis2: v2, Mat2: m2})
				return
			}
			e.place(t, vis, mat, at)
		})
		it.Icon = t.resource()
		it.Disabled = e.paletteMermaid && t.mermaidLacks != ""
		items = append(items, it)
	}
	return items
}

// place asks for the name of a new element (offering one) and adds it at [vis, mat].
func (e *Editor) place(t paletteTool, vis, mat float64, at fyne.Position) {
	m, _, err := e.editable()
	if err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	pipeline := -1
	if t.child {
		if pipeline = pipelineAt(m, vis, mat); pipeline < 0 {
			e.setStatus("Click inside a pipeline's box to add a component to it")
			return
		}
	}
	suggest := freeName(m, t.suggest)
	e.nameAt(at, "Add "+t.name, t.prompt, suggest, func(name string, ok bool) {
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return
		}
		if t.child {
			m, src, err := e.editable()
			if err != nil {
				e.apply(edit.Splice{}, err)
				return
			}
			e.apply(edit.AddToPipeline(src, m, edit.Ref{List: edit.Pipelines, Index: pipeline}, name, mat))
			return
		}
		e.addElement(edit.Element{Kind: t.kind, Name: name, Vis: vis, Mat: mat})
	})
}

// addElement writes a new element into the text.
func (e *Editor) addElement(el edit.Element) {
	m, src, err := e.editable()
	if err != nil {
		e.apply(edit.Splice{}, err)
		return
	}
	e.apply(edit.Add(src, m, el))
}

// pipelineAt is the index of the pipeline whose box holds [vis, mat] (the nearest in
// visibility when several do), or -1.
func pipelineAt(m *mapdsl.Map, vis, mat float64) int {
	best, bestD := -1, 0.08 // map units: about the height of a pipeline box on a usual map
	for i, p := range m.Pipelines {
		if p.Component == nil || mat < p.Start.Value-0.05 || mat > p.End.Value+0.05 {
			continue
		}
		if d := math.Abs(p.Component.Coords.Visibility.Value - 0.03 - vis); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

// freeName is base, or base with the first number that makes it a name no element has.
func freeName(m *mapdsl.Map, base string) string {
	taken := map[string]bool{}
	for _, c := range m.Components {
		taken[c.Name] = true
	}
	for _, a := range m.Anchors {
		taken[a.Name] = true
	}
	for _, a := range m.Accelerators {
		taken[a.Name] = true
	}
	if !taken[base] {
		return base
	}
	for n := 2; ; n++ {
		if name := fmt.Sprintf("%s %d", base, n); !taken[name] {
			return name
		}
	}
}
