// Command demo shows the source pane on a map file for looking at it under a real display:
//
//	go run ./ui/sourcepane/internal/demo -file ../shared/owm-corpus/15_owulveryck_teashop.owm
//
// It wires the pane as the editor does: mapdsl colouring, parsing after each change (debounced)
// with the diagnostics underlined. With -typo it misspells the last link's target through
// ReplaceRange (as a canvas edit would) so that a real parser diagnostic shows, and selects a
// component name so that a selection shows.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"mapwright/mapdsl"
	"mapwright/ui/sourcepane"
	"mapwright/ui/sourcepane/maplang"
)

func main() {
	file := flag.String("file", "../shared/owm-corpus/15_owulveryck_teashop.owm", "map file to show")
	typo := flag.Bool("typo", true, "misspell a link target and select a name, to show a diagnostic and a selection")
	find := flag.String("find", "", "open the find bar with this text")
	flag.Parse()
	src, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	a := app.NewWithID("dev.mapwright.sourcepane-demo")
	w := a.NewWindow("source pane demo")
	e := sourcepane.New()
	maplang.Attach(e)
	e.SetText(string(src))

	// Parse off the UI goroutine (a 50,000-line map takes a while) and drop results for a text
	// that has changed since: diagnostics' byte offsets are only valid for the text parsed.
	version := 0
	parse := func() {
		v, text := version, e.Text()
		go func() {
			_, ds := mapdsl.Parse(*file, []byte(text))
			fyne.Do(func() {
				if v == version {
					maplang.ShowDiagnostics(e, ds)
				}
			})
		}()
	}
	var timer *time.Timer
	e.OnChanged = func(string) {
		version++
		if timer != nil {
			timer.Stop()
		}
		timer = time.AfterFunc(150*time.Millisecond, func() { fyne.Do(parse) })
	}
	e.OnCursorMoved = func(line, col int) { w.SetTitle(fmt.Sprintf("source pane demo  %d:%d", line, col)) }
	parse()

	if *typo {
		text := e.Text()
		if i := strings.LastIndex(text, "->"); i >= 0 {
			end := i + 2 + strings.IndexAny(text[i+2:]+"\n", " \n")
			e.ReplaceRange(end-2, end-1, "") // Power -> Powr
		}
		if i := strings.Index(e.Text(), "Cup of Tea"); i >= 0 {
			e.SetSelection(e.PositionAt(i), e.PositionAt(i+len("Cup of Tea")))
		}
	}
	w.SetContent(e)
	w.Resize(fyne.NewSize(900, 640))
	w.Canvas().Focus(e)
	if *find != "" {
		e.ShowFind()
		e.SetFindQuery(*find)
	}
	w.ShowAndRun()
}
