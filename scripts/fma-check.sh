#!/bin/sh
# Lists every multiply-add that Go fuses into one instruction (FMADD, FMSUB, ...) when it builds
# the picture path (render/raster and the packages of this module it uses) for arm64, and fails
# if there is one. amd64 never fuses, so a fused x*y+z rounds once where amd64 rounds twice and
# a PNG made on arm64 can differ by a level; writing the product as float64(x*y) makes Go round
# it (Go spec, "Floating-point operators"). The compiler's own report (-d=fmahash) names each
# site; the go build cache replays it, so a second run costs nothing.
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-go}
out=$(GOARCH=arm64 CGO_ENABLED=0 "$GO" build -gcflags='mapwright/...=-d=fmahash=vy' ./render/raster 2>&1) || {
	echo "$out"
	exit 1
}
sites=$(echo "$out" | grep 'fmahash triggered' | cut -d' ' -f3- | sed 's/ [01]*$//' | sort -u || true)
if [ -n "$sites" ]; then
	echo "fma-check: arm64 fuses these multiply-adds in the picture path; round the product, float64(x*y) + z:"
	echo "$sites"
	exit 1
fi
echo "fma-check: no fused multiply-add in the picture path for arm64"
