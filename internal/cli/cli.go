// Package cli is the `mapwright` command line: export, fmt, check, diff and watch for Wardley maps
// kept as text in git.
//
// Run is the whole program; cmd/mapwright only calls it with the process's arguments and
// streams, so every command can be tested in-process. Conventions follow gofmt and other
// well-kept Go tools: -h on every command, "-" for standard input or output, messages of the
// form file:line:col: severity: message, and exit status 0 for success, 1 for findings or
// failure, 2 for misuse.
//
// The command line never chooses where to write from anything inside a map (its title, a url):
// output paths come only from the arguments.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"mapwright/internal/buildinfo"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1 // findings, unreadable input, a map with errors
	exitUsage   = 2 // a bad command line
	exitTrouble = 2 // diff: a side that cannot be read or has errors (diff(1)'s "trouble")
)

// env is what a command runs with: the streams and the context that cancels long-running
// commands (watch).
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
	serves  bool // runs until stopped (watch, lsp), not once
}

func commands() []command {
	return []command{
		{"export", "draw maps as SVG, PDF (one page per map) or PNG, or write the model as JSON", runExport, false},
		{"fmt", "rewrite maps in the canonical layout, like gofmt", runFmt, false},
		{"check", "report errors, warnings and lint findings (for editors and CI)", runCheck, false},
		{"diff", "show what changed in meaning between two versions of a map", runDiff, false},
		{"watch", "export again on every save", runWatch, true},
		{"history", "draw a map with the trails of its components through its git history", runHistory, false},
		{"markdown", "draw the maps kept in Markdown files and link the pictures", runMarkdown, false},
		{"lsp", "language server for code editors (stdio)", runLSP, true},
		{"version", "print the version", runVersion, false},
	}
}

// RunsOnce reports whether the command line args (without the program name) runs once and exits,
// as every command does but those that run until stopped (watch, lsp).
func RunsOnce(args []string) bool {
	for _, c := range commands() {
		if len(args) > 0 && c.name == args[0] {
			return !c.serves
		}
	}
	return true
}

// Run runs the mapwright command line with args (without the program name) and returns the exit
// status.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && args[0] == "help" {
			return Run(ctx, []string{args[1], "-h"}, stdin, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	case "-version", "--version":
		return runVersion(e, nil)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			code := c.run(e, args[1:])
			if ctx.Err() != nil {
				// Interrupted: whatever was being written was not put in place (outputs are
				// written whole, atomically), and the status says which signal stopped us.
				fmt.Fprintf(stderr, "mapwright %s: stopped (%v); unfinished output was not written\n", c.name, context.Cause(ctx))
				return signalStatus(ctx)
			}
			return code
		}
	}
	fmt.Fprintf(stderr, "mapwright: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// Signalled is the cause of the context's cancellation when a signal stopped the program
// (cmd/mapwright cancels with it); Run then exits with 128 plus the signal's number, as a shell
// reports a process killed by it: 130 for SIGINT (Ctrl-C), 143 for SIGTERM.
type Signalled struct{ Signal os.Signal }

func (s Signalled) Error() string { return s.Signal.String() + " signal received" }

// SignalContext returns a context cancelled by the first SIGINT (Ctrl-C) or SIGTERM, with
// Signalled as its cause so that Run exits 130 or 143; after it a second signal kills the
// process outright.
func SignalContext() context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		signal.Stop(sigs)
		cancel(Signalled{Signal: s})
	}()
	return ctx
}

// signalStatus is the exit status of a run whose context was cancelled.
func signalStatus(ctx context.Context) int {
	var s Signalled
	if errors.As(context.Cause(ctx), &s) {
		if n, ok := s.Signal.(syscall.Signal); ok {
			return 128 + int(n)
		}
	}
	return 128 + int(syscall.SIGINT)
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "mapwright works with Wardley maps written in the OnlineWardleyMaps text dialect.\n\n")
	fmt.Fprintf(w, "Usage:\n\n  mapwright <command> [flags] [files]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun \"mapwright <command> -h\" for a command's flags.\n")
	fmt.Fprintf(w, "Exit status: 0 success, 1 findings or failure, 2 misuse;\n")
	fmt.Fprintf(w, "diff as diff(1): 0 same, 1 different, 2 trouble; 130 after Ctrl-C, 143 after SIGTERM.\n")
}

// newFlags makes a flag set for a command whose help text is head (usage lines and a
// description) followed by the flags.
func newFlags(name, head string) *flag.FlagSet {
	fs := flag.NewFlagSet("mapwright "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // parseFlags reports errors itself; -h prints to stdout
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, strings.TrimSpace(head))
		fmt.Fprintln(w, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags that may come before, between or after the positional arguments
// (mapwright watch map.owm -o map.svg); "--" ends the flags. It returns the positional
// arguments and an exit status: -1 to go on, exitOK after -h, exitUsage after a bad flag.
func parseFlags(e *env, fs *flag.FlagSet, args []string) ([]string, int) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, exitOK
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: %v\n", fs.Name(), err)
			fmt.Fprintf(e.stderr, "run \"%s -h\" for help\n", fs.Name())
			return nil, exitUsage
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, -1
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), -1
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// misuse reports a bad command line.
func misuse(e *env, fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "%s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fmt.Fprintf(e.stderr, "run \"%s -h\" for help\n", fs.Name())
	return exitUsage
}

// listFlag is a repeatable flag whose values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

func runVersion(e *env, args []string) int {
	fs := newFlags("version", "usage: mapwright version\n\nPrints the version of mapwright, the commit it was built from, and the Go toolchain that built it.")
	if _, st := parseFlags(e, fs, args); st >= 0 {
		return st
	}
	fmt.Fprintf(e.stdout, "mapwright %s\n", buildinfo.Read())
	return exitOK
}
