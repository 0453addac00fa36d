// Package docsgen produces what Mapwright's documentation shows with Mapwright itself:
//
//   - the picture of every ```owm example of the pages in Pages (README.md, docs/language.md,
//     docs/cli.md, docs/git-workflow.md, docs/owm-compat.md), and the diagnostics printed under an example;
//   - the output of every "$ mapwright ..." console block of those pages, by running the command
//     line in-process from the repository root, and the pictures a page asks the command line for;
//   - a PNG of every sample map (docs/images/samples), and the application icon (ui/icon.png).
//
// `make docs` (go run ./internal/docsgen/cmd/docsgen) writes them; the tests regenerate them in
// memory and fail when a file in the repository differs, so the documentation never shows a
// picture or an output the code no longer produces (rendering is deterministic by design).
// The editor screenshots of docs/editor.md need a display and are taken by hand.
package docsgen
