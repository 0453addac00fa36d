#!/bin/sh
# Lists every multiply-add of this module that Go fuses into one instruction (FMADD, FMSUB, ...)
# when it builds the command line, cmd/mapwright, for arm64, and fails if there is one. amd64
# never fuses, so a fused x*y+z rounds once where amd64 rounds twice and a picture made on arm64
# can differ in the last bits; writing the product as float64(x*y) makes Go round it (Go spec,
# "Floating-point operators"). The compiler's own report (-d=fmahash) names each site; the go
# build cache replays it, so a second run costs nothing.
#
# Covered: every package of this module that cmd/mapwright links, which is every output path -
# layout and Scene (render), SVG, PDF, PNG (render/raster), diff overlays (internal/mapdiff),
# history trails (internal/history) - and the code of these packages wherever it is inlined. The
# editor exports through the same packages.
# Not covered: the editor's own packages (ui/...: the canvas on screen, not a file), the tools
# and test helpers (internal/docsgen, internal/mapgen, render/internal/scenetest), and the
# standard library and dependencies (math, gofpdf, golang.org/x/image/vector, go-text), whose
# code is fused on arm64 too and is not ours to rewrite; a site of theirs inlined into ours is
# left out. make test-arm64 runs the output goldens under arm64 emulation, which is what checks
# those.
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-go}
out=$(GOARCH=arm64 CGO_ENABLED=0 "$GO" build -o /dev/null -gcflags='mapwright/...=-d=fmahash=vy' ./cmd/mapwright 2>&1) || {
	echo "$out"
	exit 1
}
# A site is "file:line:col", or for inlined code the chain of call sites ending at the
# operation, "caller; ...; file:line:col"; the operation is this module's when its file is
# named relative to the module (others are absolute paths).
sites=$(echo "$out" | grep 'fmahash triggered' | cut -d' ' -f3- | sed 's/ [01]*$//' |
	awk -F'; ' '$NF !~ /^\//' | sort -u || true)
if [ -n "$sites" ]; then
	echo "fma-check: arm64 fuses these multiply-adds in cmd/mapwright's packages; round the product, float64(x*y) + z:"
	echo "$sites"
	exit 1
fi
echo "fma-check: no fused multiply-add of this module in cmd/mapwright for arm64"
