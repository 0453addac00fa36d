package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"mapwright/internal/lint"
	"mapwright/mapdsl"
)

const checkHead = `
usage: mapwright check [--format text|json|github] [--fail-on error|warning|info]
                       [--enable ID,...] [--disable ID,...] [--config FILE] FILE|DIR...
       mapwright check --staged [flags] [FILE|DIR...]

Reports what the parser finds (errors, legacy forms, unknown names, positions off the map) and
what the lint rules below find, as file:line:col: severity: message [ID]. "-" reads standard
input; a directory stands for the .owm and .wm files below it (one that holds none is a warning
and fails the check, since nothing was checked). --staged checks what is staged
for the next commit (the text in git's index, not the working tree), as a pre-commit hook needs.

Exit status: 0 when nothing at or above --fail-on was found, 1 otherwise, 2 for misuse.

Rules are turned on and off by ID with --enable and --disable (comma-separated, repeatable,
"all" for every rule) or in a .mapwright.json file found in the current directory or a parent:
  {"disable": ["stage-boundary"], "enable": ["dependency-above"], "failOn": "warning"}
Flags apply after the file. --disable also accepts the codes of parser warnings (shown in
brackets after each message); parser errors cannot be disabled.

--format github prints GitHub Actions workflow commands, so findings show up as annotations on
the pull request:
  - run: mapwright check --format github maps/
`

func checkHelp() string {
	var b strings.Builder
	b.WriteString(strings.TrimSpace(checkHead))
	b.WriteString("\n\nRules (ID, severity, default):\n")
	for _, r := range lint.Rules {
		on := "on"
		if !r.Default {
			on = "off"
		}
		fmt.Fprintf(&b, "  %-25s %-8s %-4s %s\n", r.ID, r.Severity, on, r.Summary)
	}
	return b.String()
}

// checkedFile is one file's findings.
type checkedFile struct {
	name  string
	diags mapdsl.Diagnostics
}

func runCheck(e *env, args []string) int {
	fs := newFlags("check", checkHelp())
	format := fs.String("format", "text", "output `format`: text, json or github (workflow annotations)")
	failOn := fs.String("fail-on", "", "lowest `severity` that fails the check: error, warning or info (default error)")
	var enable, disable listFlag
	fs.Var(&enable, "enable", "turn on the rules with these `IDs` (comma-separated; all for every rule)")
	fs.Var(&disable, "disable", "turn off the rules or parser warnings with these `IDs`")
	configPath := fs.String("config", "", "read rule settings from `FILE` instead of the nearest "+lint.ConfigFile)
	staged := fs.Bool("staged", false, "check the maps staged for the next commit (their staged text, for a pre-commit hook); FILEs and DIRs limit which")
	files, st := parseFlags(e, fs, args)
	if st >= 0 {
		return st
	}
	switch *format {
	case "text", "json", "github":
	default:
		return misuse(e, fs, "unknown --format %q: use text, json or github", *format)
	}
	if len(files) == 0 && !*staged {
		return misuse(e, fs, "no map to check; give FILEs, a directory, or - for standard input")
	}
	cfg, threshold, err := checkConfig(enable.String(), disable.String(), *configPath, *failOn)
	if err != nil {
		return misuse(e, fs, "%v", err)
	}

	r := &reader{e: e, staged: *staged}
	status := exitOK
	if *staged {
		files, err = stagedMaps(e, files)
	} else {
		var all []string
		for _, f := range files {
			found, ferr := expandArgs([]string{f})
			if ferr != nil {
				err = ferr
				break
			}
			if len(found) == 0 {
				// A mistyped or emptied folder must not pass CI as "nothing found".
				fmt.Fprintf(e.stderr, "%s: warning: no maps (.owm or .wm files) in this directory, so nothing was checked\n", f)
				status = exitFailure
			}
			all = append(all, found...)
		}
		files = all
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "mapwright check: %v\n", err)
		return exitFailure
	}
	var results []checkedFile
	for _, f := range files {
		in, err := r.read(f)
		if err != nil {
			fmt.Fprintf(e.stderr, "mapwright check: %v\n", err)
			status = exitFailure
			continue
		}
		diags, err := checkOne(e.ctx, in, cfg)
		if err != nil {
			return exitFailure // cancelled: Run reports the signal
		}
		for _, d := range diags {
			if d.Severity <= threshold {
				status = exitFailure
			}
		}
		results = append(results, checkedFile{name: in.name, diags: diags})
	}
	writeCheckResults(e.stdout, *format, results)
	return status
}

// checkConfig merges the command line's rule choices over the configuration file (the one
// named, or the nearest lint.ConfigFile above the working directory) and reads the severity
// that fails the check.
func checkConfig(enable, disable, configPath, failOn string) (lint.Config, mapdsl.Severity, error) {
	enIDs, err := lint.ParseIDs(enable, false)
	if err != nil {
		return lint.Config{}, 0, fmt.Errorf("--enable: %v", err)
	}
	disIDs, err := lint.ParseIDs(disable, true)
	if err != nil {
		return lint.Config{}, 0, fmt.Errorf("--disable: %v", err)
	}
	var cfg lint.Config
	if configPath == "" {
		if wd, err := os.Getwd(); err == nil {
			configPath = lint.FindConfig(wd)
		}
	}
	if configPath != "" {
		if cfg, err = lint.LoadConfig(configPath); err != nil {
			return lint.Config{}, 0, err
		}
	}
	cfg = cfg.Merge(lint.Config{Enable: enIDs, Disable: disIDs, FailOn: failOn})
	threshold, ok := severityNamed(cfg.FailOn)
	if !ok {
		return lint.Config{}, 0, fmt.Errorf("unknown --fail-on %q: use error, warning or info", cfg.FailOn)
	}
	return cfg, threshold, nil
}

// writeCheckResults writes every finding in the chosen format.
func writeCheckResults(w io.Writer, format string, results []checkedFile) {
	switch format {
	case "text":
		for _, res := range results {
			for _, d := range res.diags {
				fmt.Fprintf(w, "%s [%s]\n", d.Format(res.name), d.Code)
			}
		}
	case "github":
		for _, res := range results {
			for _, d := range res.diags {
				writeGitHubAnnotation(w, res.name, d)
			}
		}
	case "json":
		writeCheckJSON(w, results)
	}
}

// checkOne parses a map, runs the enabled lint rules on it and its drawing, and merges the two
// lists of findings.
func checkOne(ctx context.Context, in *input, cfg lint.Config) (mapdsl.Diagnostics, error) {
	src := in.src
	if in.mermaid {
		src = in.raw // lint reads a diagram itself (its header, its translation)
	}
	_, diags, err := lint.CheckContext(ctx, in.name, src, cfg)
	return diags, err
}

// severityNamed reads a --fail-on value; "" means error.
func severityNamed(s string) (mapdsl.Severity, bool) {
	switch s {
	case "", "error":
		return mapdsl.SeverityError, true
	case "warning":
		return mapdsl.SeverityWarning, true
	case "info":
		return mapdsl.SeverityInfo, true
	}
	return 0, false
}

// writeGitHubAnnotation prints a finding as a GitHub Actions workflow command
// (::error file=...,line=...::message), escaped as the runner expects.
func writeGitHubAnnotation(w io.Writer, file string, d mapdsl.Diagnostic) {
	level := map[mapdsl.Severity]string{mapdsl.SeverityError: "error", mapdsl.SeverityWarning: "warning"}[d.Severity]
	if level == "" {
		level = "notice"
	}
	props := []string{"file=" + ghProperty(file), fmt.Sprintf("line=%d", d.Range.Start.Line), fmt.Sprintf("col=%d", d.Range.Start.Column)}
	if d.Range.End.Line > 0 {
		props = append(props, fmt.Sprintf("endLine=%d", d.Range.End.Line))
		if d.Range.End.Line == d.Range.Start.Line {
			props = append(props, fmt.Sprintf("endColumn=%d", d.Range.End.Column))
		}
	}
	props = append(props, "title="+ghProperty("mapwright "+d.Code))
	fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), ghData(d.Message))
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// checkJSON is the --format json document (version 1).
type checkJSON struct {
	Version     int              `json:"version"`
	Files       int              `json:"files"`
	Diagnostics []checkJSONEntry `json:"diagnostics"`
}

type checkJSONEntry struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"endLine"`
	EndColumn  int    `json:"endColumn"`
	Severity   string `json:"severity"`
	Code       string `json:"code"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
}

func writeCheckJSON(w io.Writer, results []checkedFile) {
	doc := checkJSON{Version: 1, Files: len(results), Diagnostics: []checkJSONEntry{}}
	for _, res := range results {
		for _, d := range res.diags {
			doc.Diagnostics = append(doc.Diagnostics, checkJSONEntry{File: res.name,
				Line: d.Range.Start.Line, Column: d.Range.Start.Column, EndLine: d.Range.End.Line, EndColumn: d.Range.End.Column,
				Severity: d.Severity.String(), Code: d.Code, Message: d.Message, Suggestion: d.Suggestion})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	enc.Encode(doc)
}
