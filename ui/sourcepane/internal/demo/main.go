// Command demo shows the source pane on a map file, with a selection and a diagnostic, for
// looking at it under a real display (go run ./ui/sourcepane/internal/demo FILE).
package main

import (
	"flag"
	"log"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"mapwright/ui/sourcepane"
)

func main() {
	file := flag.String("file", "../shared/owm-corpus/15_owulveryck_teashop.owm", "map file to show")
	flag.Parse()
	src, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	a := app.NewWithID("dev.mapwright.sourcepane-demo")
	w := a.NewWindow("source pane demo")
	e := sourcepane.New()
	e.SetText(string(src))
	e.OnCursorMoved = func(line, col int) { w.SetTitle("source pane demo " + itoa(line) + ":" + itoa(col)) }
	// A selection on line 4 and a diagnostic on line 9, as the editor would show them.
	e.SetSelection(sourcepane.Position{Line: 4, Col: 11}, sourcepane.Position{Line: 4, Col: 21})
	e.SetDiagnostics([]sourcepane.Marker{
		{StartLine: 9, StartCol: 8, EndLine: 9, EndCol: 14, Severity: sourcepane.SeverityError,
			Message: `unknown component "Kettle" in evolve (did you mean "Kettles"?)`},
		{StartLine: 17, StartCol: 1, EndLine: 17, EndCol: 18, Severity: sourcepane.SeverityWarning,
			Message: "trailing space after the link"},
	})
	w.SetContent(e)
	w.Resize(fyne.NewSize(900, 640))
	w.Canvas().Focus(e)
	w.ShowAndRun()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}
