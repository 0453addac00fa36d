package mapdsl

import (
	"fmt"
	"slices"
	"sort"
)

// Severity ranks a diagnostic.
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityInfo
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return "info"
}

// Diagnostic is one finding about the text: where it is, how bad it is, and advice that reads as
// a sentence ("unknown component "Ketle" in link (did you mean "Kettle"?)").
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Range    Range    `json:"range"`
	// Code is a stable identifier of the kind of finding, e.g. "unknown-component".
	Code    string `json:"code"`
	Message string `json:"message"`
	// Suggestion is a replacement for the text in Range that would fix the finding, if one is known.
	Suggestion string `json:"suggestion,omitempty"`
}

// Format renders the diagnostic as file:line:col: severity: message.
func (d Diagnostic) Format(filename string) string {
	if filename == "" {
		filename = "<input>"
	}
	return fmt.Sprintf("%s:%d:%d: %s: %s", filename, d.Range.Start.Line, d.Range.Start.Column, d.Severity, d.Message)
}

func (d Diagnostic) Error() string { return d.Format("") }

// Diagnostics is a list of findings, kept sorted by position.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns only the error-severity diagnostics.
func (ds Diagnostics) Errors() Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == SeverityError {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders the diagnostics by position, then severity.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Range.Start.Offset != b.Range.Start.Offset {
			return a.Range.Start.Offset < b.Range.Start.Offset
		}
		return a.Severity < b.Severity
	})
}

// codes are the Codes of every diagnostic the parser reports (TestCodesListed keeps the list
// complete).
var codes = []string{"bad-evolution", "bad-flag", "bad-number", "bad-stage-positions", "bad-url", "binary-data", "block-comment-same-line", "brace-in-component", "brace-in-line", "brace-on-pipeline-line", "bracket-in-name", "decorators-shadowed", "duplicate-name", "duplicate-title", "evolve-backwards", "evolve-maturity", "foreign-syntax", "ignored-text", "incomplete-annotation", "incomplete-link", "indented-title", "integer-maturity", "internal-error", "invalid-utf8", "last-stage-position", "legacy-axis", "legacy-ecosystem", "legacy-inline-evolve", "legacy-market", "legacy-method", "legacy-pst", "missing-name", "missing-style", "no-space-before-bracket", "number-prefix", "out-of-range", "pipeline-without-component", "reserved-in-parens", "reserved-prefix", "stray-brace", "syntax", "tab-after-keyword", "too-large", "unclosed-block", "unclosed-bracket", "unclosed-comment", "unclosed-quote", "undefined-url", "unknown-component", "unknown-decorator", "unknown-statement", "unknown-style"}

// Codes returns the codes of every diagnostic the parser can report, sorted, for tools that let
// users name them (mapwright check --disable, .mapwright.json).
func Codes() []string { return slices.Clone(codes) }
