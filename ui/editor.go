// Package ui is the Mapwright desktop editor: one window with the map text on the left, the
// live map on the right, the diagnostics under the text, and menus for files, editing, viewing
// and exporting.
//
// The text is the single source of truth. Typing re-parses and redraws the map after a short
// pause; a drag, a double-click or a context-menu action on the map becomes an in-place splice
// of the text (mapdsl/edit) applied through the text pane, so typing and map edits share one
// undo history. The file side (atomic saves, recovery copies, external changes, recent files)
// lives in ui/document; the map widget in ui/mapcanvas; the text widget in ui/sourcepane.
package ui

import (
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"mapwright/mapdsl"
	"mapwright/render"
	"mapwright/ui/document"
	"mapwright/ui/mapcanvas"
	"mapwright/ui/sourcepane"
	"mapwright/ui/sourcepane/maplang"
)

// defaultMap is the map shown when the editor starts with no file: a copy of
// samples/tea-shop.owm (go:embed cannot reach outside this folder; a test keeps them equal).
//
//go:embed default_map.owm
var defaultMap string

// appIcon is the Mapwright icon (drawn by the samples/docs work), shown by the window manager.
//
//go:embed icon.png
var appIcon []byte

// newMapText is the text of File > New.
const newMapText = "title Untitled map\n\n// anchor User [0.95, 0.50]\n// component Need [0.80, 0.40]\n// User->Need\n"

// Editor is one editor window and everything it edits.
type Editor struct {
	app    fyne.App
	win    fyne.Window
	pane   *sourcepane.Editor
	canvas *mapcanvas.Canvas
	diags  *diagnosticsList
	status *widget.Label
	// position shows the text cursor's line and column.
	position *widget.Label
	// textSplit holds the text above the problems list; the list opens when there are problems.
	textSplit *container.Split

	doc      *document.Document
	recovery *document.Recovery
	recent   *document.Recent
	session  string

	// The last parse of the text (edits are computed on it) and the last map without errors
	// (the one drawn while the text has errors).
	parsed      *mapdsl.Map
	parsedText  string
	parseDiags  mapdsl.Diagnostics
	drawn       *mapdsl.Map
	drawnIsLive bool // the drawn map is the parse of the current text
	style       render.Style
	// trails are View > Show Trails; historyWin is the View > History window last opened.
	trails     trails
	historyWin *historyView
	// present is present mode while it is on (present.go); mapArea holds the map and the
	// empty map's hint, or the present view while presenting in the window.
	present *presenter
	mapArea *fyne.Container
	// generation counts map refreshes, so a background parse that a newer one overtook is
	// dropped.
	generation int
	// bgBusy is set while a background parse runs; bgAgain when the text changed meanwhile.
	bgBusy, bgAgain bool

	// dialogs are the dialogs on screen, newest last (dialogs.go).
	dialogs []*openDialog

	redraw       *debouncer
	recoverySave *debouncer
	stopPolling  func()

	// closed is set once the user closed the window after answering about unsaved changes.
	closed bool
	// loading is set while the editor replaces the whole text (open, reload), so the change
	// is not taken for an edit.
	loading bool
	// cursorFromCanvas is set while a map click or a map edit moves the text cursor, so the
	// cursor move does not replace the map's selection (a label, say) by the line's element.
	cursorFromCanvas bool

	menu      *fyne.MainMenu
	undoItems []*fyne.MenuItem
	redoItems []*fyne.MenuItem
	recentMnu *fyne.MenuItem
	styleMnu  *fyne.MenuItem

	// ask shows a question with one button per answer and calls answer with the chosen one.
	// Tests replace it to answer without a dialog.
	ask func(title, message string, buttons []string, answer func(string))
	// prompt asks for one line of text (a component's name).
	prompt func(title, label, initial string, answer func(text string, ok bool))
	// nameAt asks for a name in a field over the map at an absolute window position, with
	// initial selected (inline.go). Tests replace it.
	nameAt func(at fyne.Position, title, label, initial string, answer func(text string, ok bool))
	// palette is the strip of tools beside the map (hidden while the steps stand in for the
	// map in Present in Window).
	palette *fyne.Container
	// paletteButtons are the palette's tools; paletteMermaid tells whether those a Mermaid
	// diagram cannot have are off (the map is a diagram).
	paletteButtons []*paletteButton
	paletteMermaid bool
	// tip is the palette's tooltip, inline the layer of the inline name field.
	tip    *tooltip
	inline *inlineLayer
	// hint tells how to start while the map is empty.
	hint *emptyHint
	// offer is a rename typed in the text that other lines do not follow yet; renameBtn
	// offers to rename them too (renameoffer.go).
	offer     *renameOffer
	renameBtn *widget.Button
	// showError reports a failure to the user.
	showError func(err error)
	// background runs work off the UI goroutine (tests run it in step with themselves).
	background func(func())
	// exports counts the exports under way in the background (export.go); exporting holds
	// them by file, so that a newer export of a file stops an older one.
	exports   sync.WaitGroup
	exporting map[string]*exportRun
}

// Options tune an editor; the zero value is what the application uses.
type Options struct {
	// RecoveryDir overrides the recovery folder (default <user cache>/mapwright/recovery).
	RecoveryDir string
	// RedrawDelay is the pause after typing before the map redraws (default 50 ms).
	RedrawDelay time.Duration
	// RecoveryDelay is the pause after typing before the recovery copy is written (1 s).
	RecoveryDelay time.Duration
	// PollInterval is how often the file on disk is checked for changes (1 s); negative
	// turns polling off (tests call CheckDisk themselves).
	PollInterval time.Duration
}

// NewEditor builds the editor window of app, showing the default sample map. Call Open to
// show a file instead, then ShowAndRun (or Window().Show()).
func NewEditor(app fyne.App) *Editor { return NewEditorWithOptions(app, Options{}) }

// NewEditorWithOptions is NewEditor with tuning (tests use it).
func NewEditorWithOptions(app fyne.App, o Options) *Editor {
	if o.RedrawDelay == 0 {
		o.RedrawDelay = 50 * time.Millisecond
	}
	if o.RecoveryDelay == 0 {
		o.RecoveryDelay = time.Second
	}
	if o.PollInterval == 0 {
		o.PollInterval = time.Second
	}
	if o.RecoveryDir == "" {
		if dir, err := document.DefaultRecoveryDir(); err == nil {
			o.RecoveryDir = dir
		} else {
			o.RecoveryDir = filepath.Join(os.TempDir(), "mapwright-recovery")
		}
	}
	e := &Editor{
		app:      app,
		win:      app.NewWindow("Mapwright"),
		pane:     sourcepane.New(),
		canvas:   mapcanvas.New(),
		status:   widget.NewLabel(""),
		recovery: document.NewRecovery(o.RecoveryDir),
		recent:   document.NewRecent(app.Preferences(), 10),
		session:  fmt.Sprintf("%d-%d", os.Getpid(), time.Now().UnixNano()),
	}
	app.SetIcon(fyne.NewStaticResource("mapwright.png", appIcon))
	e.ask, e.prompt, e.showError = e.askDialog, e.promptDialog, e.errorDialog
	e.nameAt = e.inlineName
	e.inline = newInlineLayer()
	e.hint = newEmptyHint()
	e.renameBtn = newRenameButton(e)
	e.background = func(f func()) { go f() }
	e.redraw = newDebouncer(o.RedrawDelay, e.refreshMap)
	e.redraw.onTimer = e.refreshMapInBackground
	e.recoverySave = newDebouncer(o.RecoveryDelay, e.writeRecovery)
	e.diags = newDiagnosticsList(e.goToDiagnostic)
	e.status.Truncation = fyne.TextTruncateEllipsis

	maplang.Attach(e.pane)
	e.pane.OnChanged = func(string) { e.textChanged() }
	e.pane.OnCursorMoved = func(line, col int) {
		e.position.SetText(fmt.Sprintf("Ln %d, Col %d", line, col))
		e.cursorMoved(line, col)
	}
	e.pane.OnHistoryChanged = e.historyChanged
	e.wireCanvas()
	e.wirePalette()
	e.wireGestures()
	e.buildMenus()

	e.textSplit = container.NewVSplit(e.pane, e.diags.container())
	e.textSplit.Offset = problemsClosed
	e.mapArea = container.NewStack(e.canvas, e.hint.box)
	split := container.NewHSplit(e.textSplit, container.NewBorder(nil, nil, e.buildPalette(), nil, e.mapArea))
	split.Offset = 0.38
	e.position = widget.NewLabel("")
	status := container.NewBorder(nil, nil, nil, container.NewHBox(e.renameBtn, e.position), e.status)
	e.win.SetContent(container.NewStack(container.NewBorder(nil, status, nil, nil, split), e.tip.layer, e.inline.layer))
	e.win.Resize(fyne.NewSize(1280, 800))
	e.win.SetMaster()
	e.win.SetCloseIntercept(func() { e.RequestClose(nil) })
	e.win.SetOnDropped(e.dropped)

	e.load(document.New(defaultMap), defaultMap)
	if o.PollInterval > 0 {
		e.stopPolling = startPolling(o.PollInterval, func() { fyne.Do(e.CheckDisk) })
	}
	e.app.Lifecycle().SetOnStopped(e.stopped)
	// A map that names no style follows the system's light or dark theme.
	e.app.Settings().AddListener(func(fyne.Settings) { e.SetStyle(e.style) })
	return e
}

// ShowAndRun shows the window and runs the application until it quits.
func (e *Editor) ShowAndRun() { e.win.ShowAndRun() }

// Text is the map text in the editor.
func (e *Editor) Text() string { return e.pane.Text() }

// Dirty reports whether the text has unsaved changes.
func (e *Editor) Dirty() bool { return e.doc.Dirty(e.pane.Text()) }

// load shows a document whose text is text, replacing the current one without asking.
func (e *Editor) load(doc *document.Document, text string) {
	if e.doc != nil && e.doc.Path != doc.Path {
		e.recovery.Remove(e.doc.Path, e.session)
	}
	e.doc = doc
	e.loading = true
	e.pane.SetText(text)
	e.loading = false
	if normalised := e.pane.Text(); normalised != text && doc.SavedText() == text {
		doc.Rebase(normalised) // CRLF read as LF is the same file, not an edit
	}
	e.canvas.Select(renderRefNone)
	e.canvas.Fit()
	e.position.SetText("Ln 1, Col 1")
	e.parsed, e.offer = nil, nil // another text: no rename in progress
	e.refreshMap()
	e.updateTitle()
}

// Open loads the map file at path (a missing file opens empty and is created on save) and
// offers back a recovery copy left by an editor that crashed while editing it.
func (e *Editor) Open(path string) error {
	doc, text, err := document.Open(path)
	if err != nil {
		return err
	}
	e.load(doc, text)
	if doc.Exists {
		e.recent.Add(doc.Path)
		e.refreshRecentMenu()
	}
	e.offerRecovery()
	return nil
}

// OpenDefault shows the sample map, and offers back an untitled map left by a crash.
func (e *Editor) OpenDefault() {
	e.load(document.New(defaultMap), defaultMap)
	e.offerRecovery()
}

// setStatus shows a short message under the window.
func (e *Editor) setStatus(format string, args ...any) {
	e.status.SetText(fmt.Sprintf(format, args...))
}

// updateTitle shows "• name — Mapwright", the bullet marking unsaved changes.
func (e *Editor) updateTitle() {
	title := e.doc.Name() + " — Mapwright"
	if e.Dirty() {
		title = "• " + title
	}
	e.win.SetTitle(title)
}

// textChanged runs after every edit of the text, typed or spliced.
func (e *Editor) textChanged() {
	if e.loading {
		return
	}
	e.updateTitle()
	e.pane.SetBand() // the step shown last is another's lines now
	e.redraw.trigger()
	e.recoverySave.trigger()
}

// stopped runs when the application quits by any path (including ones that bypass the close
// prompt, like SIGTERM): a dirty buffer gets a last recovery copy, and the exports under way
// are written.
func (e *Editor) stopped() {
	e.redraw.stop()
	e.recoverySave.stop()
	if e.stopPolling != nil {
		e.stopPolling()
	}
	if e.Dirty() && !e.closed {
		e.writeRecovery()
	}
	e.exports.Wait()
}

func (e *Editor) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 || uris[0].Scheme() != "file" {
		return
	}
	path := uris[0].Path()
	e.confirmDiscard(func() { e.openOrReport(path) })
}

func (e *Editor) openOrReport(path string) {
	if err := e.Open(path); err != nil {
		e.recent.Remove(path)
		e.refreshRecentMenu()
		e.showError(err)
	}
}
