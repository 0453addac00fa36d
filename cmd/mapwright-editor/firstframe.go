//go:build firstframe

package main

import (
	"fmt"
	"os"
	"time"

	"mapwright/ui"
)

// An editor built with -tags firstframe reports when its window's first frame is painted.
func init() {
	beforeShow = append(beforeShow, func(ed *ui.Editor) {
		ed.OnFirstFrame(func() {
			fmt.Fprintf(os.Stderr, "mapwright-editor: first frame at %d\n", time.Now().UnixNano())
		})
	})
}
