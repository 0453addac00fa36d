// Command mapwright-editor is the Mapwright desktop editor: the map text and the live map side
// by side.
//
//	mapwright-editor            open on the Tea Shop sample map
//	mapwright-editor FILE       open FILE (created on the first save if it does not exist)
//
// MAPWRIGHT_SMOKE_EXIT_AFTER=2s makes the editor close itself after that time, as if the user
// closed the window; the smoke test (scripts/editor-smoke.sh) uses it to check a clean exit.
// Built with -tags firstframe (scripts/bench.sh --startup), it prints on standard error the
// wall-clock time (Unix nanoseconds) at which its window's first frame was drawn (firstframe.go).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"mapwright/ui"
)

// beforeShow are run on the editor just before its window is shown (see firstframe.go).
var beforeShow []func(*ui.Editor)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: mapwright-editor [FILE]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 1 {
		flag.Usage()
		os.Exit(2)
	}

	quietCLocale()
	a := app.NewWithID("io.mapwright.editor")
	ed := ui.NewEditor(a)
	if flag.NArg() == 1 {
		if err := ed.Open(flag.Arg(0)); err != nil {
			fmt.Fprintln(os.Stderr, "mapwright-editor:", err)
			os.Exit(1)
		}
	} else {
		ed.OpenDefault()
	}
	if s := os.Getenv("MAPWRIGHT_SMOKE_EXIT_AFTER"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mapwright-editor: MAPWRIGHT_SMOKE_EXIT_AFTER:", err)
			os.Exit(2)
		}
		time.AfterFunc(d, func() { fyne.Do(func() { ed.RequestClose(nil) }) })
	}
	for _, f := range beforeShow {
		f(ed)
	}
	ed.ShowAndRun()
}

// quietCLocale gives Fyne a locale it can parse when the environment says only "C" or "POSIX"
// (containers, CI), where it would otherwise print "Error parsing user locale C" at start. The
// editor's texts are English either way.
func quietCLocale() {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		base, _, _ := strings.Cut(v, ".")
		if base != "C" && base != "POSIX" {
			return // the first locale variable that is set decides, and it is a real one
		}
		os.Setenv(k, "en_US.UTF-8")
	}
}
