//go:build cpuprofile

package main

// Built with -tags cpuprofile (scripts/editor-perf.sh), the editor writes a CPU profile of its
// whole run (go tool pprof) to the file MAPWRIGHT_CPUPROFILE names, when it is stopped with
// SIGINT or SIGTERM. The product editor carries no profiler.

import (
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func init() {
	path := os.Getenv("MAPWRIGHT_CPUPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mapwright-editor: MAPWRIGHT_CPUPROFILE:", err)
		os.Exit(2)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		pprof.StopCPUProfile()
		f.Close()
		os.Exit(1)
	}()
}
