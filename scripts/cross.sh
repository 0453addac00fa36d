#!/bin/sh
# go vet and go build, for macOS (amd64, arm64) and Windows (amd64), of every package that builds
# without cgo: all but the desktop editor's, whose window library (GLFW, OpenGL) needs a C
# compiler for the target. Catches Linux-only calls (syscalls, paths) before a Mac or Windows user
# does. The packages left out are listed; the Windows editor is built in make release, the macOS
# one on a Mac (README).
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-go}
for target in darwin/amd64 darwin/arm64 windows/amd64; do
	os=${target%/*} arch=${target#*/}
	# A package is left out only when it needs Fyne (whose drivers need cgo on macOS and Windows).
	all=$(CGO_ENABLED=0 GOOS=$os GOARCH=$arch "$GO" list -e -f '{{.ImportPath}} {{if .GoFiles}}code{{else}}tests{{end}} {{join .Deps " "}} {{join .TestImports " "}}' ./...)
	pkgs=$(echo "$all" | grep -v ' fyne\.io/fyne/v2' | cut -d' ' -f1)
	code=$(echo "$all" | grep -v ' fyne\.io/fyne/v2' | grep '^[^ ]* code ' | cut -d' ' -f1)
	skipped=$(echo "$all" | grep ' fyne\.io/fyne/v2' | cut -d' ' -f1 | sed 's#^mapwright/##' | tr '\n' ' ')
	echo "cross: $target: vet and build $(echo "$pkgs" | wc -l) packages (cgo only: ${skipped:-none})"
	# shellcheck disable=SC2086 # one word per package
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch "$GO" vet $pkgs
	# shellcheck disable=SC2086
	CGO_ENABLED=0 GOOS=$os GOARCH=$arch "$GO" build $code
done
