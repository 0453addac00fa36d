package ui

import (
	_ "embed"

	"fyne.io/fyne/v2"

	"mapwright/ui/document"
)

// Templates for File > New from Template.

//go:embed templates/value-chain.owm
var valueChainTemplate string

// template is a starting text for a new map.
type template struct {
	name, text string
}

// templates are offered in File > New from Template: the blank map of File > New, the Tea Shop
// (the classic first map, the sample shown at start) and a value chain without evolution.
func templates() []template {
	return []template{
		{"Blank", newMapText},
		{"The Tea Shop", defaultMap},
		{"Value Chain (no evolution yet)", valueChainTemplate},
	}
}

// NewFromTemplate starts an untitled map from a template's text, after asking about unsaved
// changes.
func (e *Editor) NewFromTemplate(text string) {
	e.confirmDiscard(func() {
		e.load(document.New(text), text)
	})
}

func (e *Editor) templateMenu() *fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, t := range templates() {
		t := t
		items = append(items, fyne.NewMenuItem(t.name, func() { e.NewFromTemplate(t.text) }))
	}
	it := fyne.NewMenuItem("New from Template", nil)
	it.ChildMenu = fyne.NewMenu("", items...)
	return it
}
