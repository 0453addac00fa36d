// Command mapwright formats, checks, diffs, watches and exports Wardley maps written in the
// OnlineWardleyMaps text dialect. Run "mapwright -h" for the commands; the logic lives in
// mapwright/internal/cli.
package main

import (
	"os"

	"mapwright/internal/cli"
)

// main runs the command under a context that Ctrl-C and SIGTERM cancel (exit status 130 or 143).
func main() {
	os.Exit(cli.Run(cli.SignalContext(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
