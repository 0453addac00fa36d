// Command mapwright formats, checks, diffs, watches and exports Wardley maps written in the
// OnlineWardleyMaps text dialect. Run "mapwright -h" for the commands; the logic lives in
// mapwright/internal/cli.
package main

import (
	"os"
	"runtime/debug"

	"mapwright/internal/cli"
)

// main runs the command under a context that Ctrl-C and SIGTERM cancel (exit status 130 or 143).
func main() {
	if _, set := os.LookupEnv("GOGC"); !set && cli.RunsOnce(os.Args[1:]) {
		// A command that runs once allocates a few megabytes and exits. At the default setting
		// the collector runs twice once the heap reaches 4 MB, which for `mapwright export -f
		// png` is just when the picture's compression should start: 2-4 ms later to the file
		// (docs/performance.md). It collects at five times the live heap instead of twice.
		debug.SetGCPercent(400)
	}
	os.Exit(cli.Run(cli.SignalContext(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
