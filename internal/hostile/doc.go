// Package hostile holds Mapwright's hostile-input and safe-output tests: map texts that a
// careless or malicious source could hand to the command line or the editor (binary data, odd
// encodings, huge files, absurd numbers, invisible characters, markup in names, unsafe links)
// run through the whole pipeline (parse, lint, layout in every style, SVG, PDF, PNG, format, and
// the export, check and fmt commands), checking the message each one gets, that nothing panics,
// and that the cost grows linearly with the input. The package has no non-test code; see
// docs/robustness.md for what each case does.
package hostile
