package cli

import (
	"mapwright/internal/buildinfo"
	"mapwright/internal/lsp"
)

const lspHelp = `
usage: mapwright lsp [--stdio]

Runs Mapwright's language server on standard input and output, for code editors that speak the
Language Server Protocol (VS Code, Neovim, Helix, Zed, Emacs, JetBrains): the findings of
"mapwright check" as you type (with the .mapwright.json beside the map), formatting as
"mapwright fmt", completion, hover, go to definition, references, rename, outline, quick fixes,
folding and syntax colouring. docs/editors.md shows how to set up each editor.

--stdio is accepted for clients that pass it; standard input and output are the only transport.
`

func runLSP(e *env, args []string) int {
	fs := newFlags("lsp", lspHelp)
	fs.Bool("stdio", true, "talk over standard input and output (the default and only transport)")
	rest, st := parseFlags(e, fs, args)
	if st >= 0 {
		return st
	}
	if len(rest) > 0 {
		return misuse(e, fs, "lsp takes no files; the editor sends them over the protocol")
	}
	return lsp.New(buildinfo.Read().String()).Serve(e.ctx, lsp.Stdio{In: e.stdin, Out: e.stdout})
}
