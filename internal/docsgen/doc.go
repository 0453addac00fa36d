// Package docsgen produces the pictures of Mapwright's documentation with Mapwright itself: the
// rendered example of every statement in docs/language.md, a picture of every sample map, and the
// application icon. `make docs` writes them; the tests regenerate them in memory and fail when a
// file in the repository differs, so the documentation never shows a picture the code no longer
// draws (rendering is deterministic by design).
package docsgen
