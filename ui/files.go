package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"mapwright/internal/atomicfile"
	"mapwright/ui/document"
)

// Answers of the questions the editor asks.
const (
	answerSave     = "Save"
	answerDiscard  = "Don't Save"
	answerCancel   = "Cancel"
	answerReload   = "Reload from Disk"
	answerKeep     = "Keep My Version"
	answerOverwite = "Overwrite"
	answerReplace  = "Replace It"
	answerRecover  = "Recover"
	answerDrop     = "Discard It"
)

// Save writes the text to its file, or asks for a name when the map has none. done (optional)
// runs after a successful save.
func (e *Editor) Save(done func()) {
	if e.doc.Path == "" {
		e.SaveAsDialog(done)
		return
	}
	err := e.doc.Save(e.pane.Text())
	if errors.Is(err, atomicfile.ErrReadOnly) {
		e.ask("Read-only map", fmt.Sprintf("%s is read-only.\nReplace it with your version anyway? It stays read-only.", e.doc.Name()),
			[]string{answerReplace, answerCancel}, func(a string) {
				if a == answerReplace {
					e.saveDone(e.doc.SaveReadOnly(e.pane.Text()), done)
				} else {
					e.setStatus("Not saved: %s is read-only; Save As saves a copy", e.doc.Name())
				}
			})
		return
	}
	if errors.Is(err, document.ErrChangedOnDisk) {
		e.ask("File changed on disk", err.Error()+".\nOverwrite it with your version?",
			[]string{answerOverwite, answerCancel}, func(a string) {
				if a == answerOverwite {
					e.saveDone(e.doc.SaveOver(e.pane.Text()), done)
				}
			})
		return
	}
	e.saveDone(err, done)
}

// SaveAs writes the text to path and makes it the map's file.
func (e *Editor) SaveAs(path string) error {
	old := e.doc.Path
	err := e.doc.SaveAs(path, e.pane.Text())
	if err == nil && old != e.doc.Path {
		e.recovery.Remove(old, e.session)
	}
	e.saveDone(err, nil)
	return err
}

// saveDone finishes a save: on success the map is clean, its recovery copy goes and the file
// joins the recent list; on failure the buffer stays dirty and the user reads why.
func (e *Editor) saveDone(err error, done func()) {
	if err != nil {
		e.setStatus("Not saved: %v", err)
		e.showError(err)
		e.updateTitle()
		return
	}
	e.recovery.Remove(e.doc.Path, e.session)
	e.recovery.Remove("", e.session)
	e.recent.Add(e.doc.Path)
	e.refreshRecentMenu()
	e.updateTitle()
	e.setStatus("Saved %s at %s", e.doc.Path, time.Now().Format("15:04:05"))
	if done != nil {
		done()
	}
}

// confirmDiscard runs then when there are no unsaved changes, or once the user chose to save
// them or to throw them away; Cancel runs nothing.
func (e *Editor) confirmDiscard(then func()) {
	if !e.Dirty() {
		then()
		return
	}
	e.ask("Unsaved changes",
		fmt.Sprintf("Save the changes to %s before closing it?", e.doc.Name()),
		[]string{answerSave, answerDiscard, answerCancel}, func(a string) {
			switch a {
			case answerSave:
				e.Save(then)
			case answerDiscard:
				e.recovery.Remove(e.doc.Path, e.session)
				then()
			}
		})
}

// RequestClose closes the window after asking about unsaved changes (the window's close
// button, File > Quit and Ctrl+Q come here). closed (optional) runs when it really closes.
func (e *Editor) RequestClose(closed func()) {
	e.confirmDiscard(func() {
		e.closed = true // the user has decided; the quit hook must not keep a recovery copy
		e.recovery.Remove(e.doc.Path, e.session)
		e.recovery.Remove("", e.session)
		e.redraw.stop()
		e.recoverySave.stop()
		if e.stopPolling != nil {
			e.stopPolling()
		}
		e.exports.Wait() // a picture asked for is written before the editor goes
		if closed != nil {
			closed()
		}
		e.win.Close()
	})
}

// New replaces the map with an empty one, after asking about unsaved changes.
func (e *Editor) New() {
	e.confirmDiscard(func() { e.load(document.New(newMapText), newMapText) })
}

// writeRecovery keeps a copy of a dirty buffer in the recovery folder, or removes the copy of
// a clean one.
func (e *Editor) writeRecovery() {
	text := e.pane.Text()
	if !e.doc.Dirty(text) {
		e.recovery.Remove(e.doc.Path, e.session)
		return
	}
	err := e.recovery.Write(document.Snapshot{Path: e.doc.Path, Session: e.session, Text: text, Time: time.Now()})
	if err != nil {
		e.setStatus("Could not write the recovery copy: %v", err)
	}
}

// offerRecovery asks whether to restore a buffer that an editor left behind when it crashed
// while editing this map (or an untitled one). The restored text is an ordinary, undoable edit.
func (e *Editor) offerRecovery() {
	snaps, err := e.recovery.Find(e.doc.Path, e.session)
	if err != nil || len(snaps) == 0 {
		return
	}
	s := snaps[0]
	for _, older := range snaps[1:] {
		e.recovery.Discard(older)
	}
	current := e.pane.Text()
	if s.Text == current {
		e.recovery.Discard(s)
		return
	}
	what := "an untitled map"
	if s.Path != "" {
		what = filepath.Base(s.Path)
	}
	msg := fmt.Sprintf("Mapwright did not close cleanly while you were editing %s.\n"+
		"Unsaved changes from %s were kept (%d lines). Recover them?",
		what, s.Time.Local().Format("Mon 2 Jan 15:04"), strings.Count(s.Text, "\n")+1)
	e.ask("Recover unsaved changes", msg, []string{answerRecover, answerDrop}, func(a string) {
		e.recovery.Discard(s)
		if a != answerRecover {
			return
		}
		e.pane.ReplaceRange(0, len(e.pane.Text()), s.Text)
		e.redraw.flush()
		e.writeRecovery()
		e.setStatus("Recovered unsaved changes from %s", s.Time.Local().Format("15:04:05"))
	})
}

// CheckDisk looks for a change to the file on disk: it reloads silently when there are no
// local edits, and asks when there are (after full-screen present mode, not during it).
func (e *Editor) CheckDisk() {
	ch, err := e.doc.CheckDisk()
	if err != nil || ch == nil {
		return
	}
	if ch.Deleted {
		e.doc.Adopt(ch)
		e.updateTitle()
		e.setStatus("%s was deleted or moved on disk; saving will create it again", e.doc.Name())
		return
	}
	reload := func() {
		e.doc.Adopt(ch)
		// A replacement through the text pane keeps the undo history: Ctrl+Z brings back the
		// text from before the reload.
		e.pane.ReplaceRange(0, len(e.pane.Text()), ch.Text)
		if normalised := e.pane.Text(); normalised != ch.Text {
			e.doc.Rebase(normalised)
		}
		e.redraw.flush()
		e.updateTitle()
		e.setStatus("Reloaded %s: it was changed on disk", e.doc.Name())
	}
	if !e.Dirty() {
		reload()
		return
	}
	if e.present != nil && !e.present.inWindow {
		// Not on the screen of a talk: the question waits until present mode ends (the
		// change is still there to find then).
		return
	}
	e.doc.Adopt(ch) // asked once per change, whatever the answer
	e.ask("File changed on disk",
		fmt.Sprintf("%s was changed on disk by another program, and you have unsaved changes.\n"+
			"Reload the version on disk (your changes stay in Undo), or keep your version?", e.doc.Name()),
		[]string{answerReload, answerKeep}, func(a string) {
			if a == answerReload {
				reload()
				return
			}
			e.updateTitle()
			e.setStatus("Kept your version; saving will overwrite the change on disk")
		})
}
