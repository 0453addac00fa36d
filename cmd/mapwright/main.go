// Command mapwright formats, checks, diffs, watches and exports Wardley maps written in the
// OnlineWardleyMaps text dialect. Run "mapwright -h" for the commands; the logic lives in
// mapwright/internal/cli.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"mapwright/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
