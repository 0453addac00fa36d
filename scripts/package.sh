#!/usr/bin/env bash
# Builds the desktop editor's package with the fyne tool (fyne.io/tools), stamped with the version
# and commit (scripts/stamp.sh), and checks it:
#
#   scripts/package.sh           the package of the system it runs on (linux or darwin)
#   scripts/package.sh linux     dist/Mapwright.tar.xz: the binary, a menu entry, the icon, the .owm
#                                file type and install.sh + Makefile (`make user-install` in the
#                                unpacked folder; see packaging/linux/install.sh)
#   scripts/package.sh windows   dist/Mapwright.exe for windows/amd64, cross-compiled with
#                                mingw-w64 (x86_64-w64-mingw32-gcc), with the icon, version and
#                                manifest of FyneApp.toml embedded
#   scripts/package.sh darwin    dist/Mapwright.app, on a Mac only (cgo needs Apple's SDK); not
#                                signed: see README for signing and notarising
#
# The tool expects FyneApp.toml and the icon in the main package's folder and bumps Details.Build
# in that file on every run, so it runs on a copy of cmd/mapwright-editor's metadata and leaves the
# repository's FyneApp.toml as it is (the build number is set there, by hand, for a release).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
host=linux
[ "$(uname -s)" = Darwin ] && host=darwin
target=${1:-$host}
tooldir="$root/bin/tools"
if [ ! -x "$tooldir/fyne" ]; then
  echo "package: installing the fyne tool (fyne.io/tools v1.7.4) into bin/tools"
  GOBIN="$tooldir" go install fyne.io/tools/cmd/fyne@v1.7.4
fi
src="$root/cmd/mapwright-editor"
work=$(mktemp -d "${TMPDIR:-/tmp}/mapwright-package.XXXXXX")
stampfile="$src/zz_release_stamp.go"
cleanup() { rm -rf "$work" "$src/FyneApp.toml" "$src/Icon.png" "$src/fyne.syso" "$stampfile"; }
trap cleanup EXIT
cp FyneApp.toml "$src/FyneApp.toml"
sed -i 's#^  Icon = .*#  Icon = "Icon.png"#' "$src/FyneApp.toml"
cp ui/icon.png "$src/Icon.png"
mkdir -p dist
# The version and commit are stamped by a Go file in the editor's main package, written here and
# removed after the build, rather than by -ldflags in GOFLAGS: the fyne tool takes the -ldflags
# words out of GOFLAGS for its first go build, and for Windows it builds a second time (after
# embedding the icon and version resources) without them, so that executable had no stamps.
scripts/stamp.sh --gofile >"$stampfile"
stamped() { # stamped BINARY: fails unless the binary holds the version and commit
  local want
  for want in "$(scripts/stamp.sh --version)" "$(scripts/stamp.sh --commit)"; do
    grep -a -q -F -- "$want" "$1" || { echo "package: $1 lacks the stamp $want"; exit 1; }
  done
}

case $target in
linux)
  (cd dist && "$tooldir/fyne" package -os linux --src "$src" --release)
  out=dist/Mapwright.tar.xz
  # Add what the fyne tool does not make: the .owm file type, a menu entry that opens maps, and
  # an installer that registers both (packaging/linux).
  tar -xJf "$out" -C "$work"
  top=$(cd "$work" && ls)
  b="$work/$top"
  cp packaging/linux/io.mapwright.editor.desktop "$b/usr/local/share/applications/"
  install -Dm644 packaging/linux/io.mapwright.editor.xml "$b/usr/local/share/mime/packages/io.mapwright.editor.xml"
  install -m755 packaging/linux/install.sh "$b/install.sh"
  install -m644 packaging/linux/Makefile "$b/Makefile"
  tar --sort=name --owner=0 --group=0 --numeric-owner -cJf "$out" -C "$work" "$top"

  # Check the bundle: it must hold a runnable, stamped binary, the menu entry, the icon, the file type.
  listing=$(tar -tJf "$out")
  for want in usr/local/bin/mapwright-editor share/applications/io.mapwright.editor.desktop \
    share/pixmaps/io.mapwright.editor.png share/mime/packages/io.mapwright.editor.xml install.sh Makefile; do
    echo "$listing" | grep -q "$want" || { echo "package: $out lacks $want"; echo "$listing"; exit 1; }
  done
  check="$work/check"; mkdir "$check"; tar -xJf "$out" -C "$check"
  bin=$(find "$check" -path '*usr/local/bin/mapwright-editor' -type f)
  [ -x "$bin" ] || { echo "package: the binary is not executable"; exit 1; }
  stamped "$bin"
  grep -q '^Exec=mapwright-editor %f' "$(find "$check" -name '*.desktop')" || { echo "package: the desktop entry does not start the editor on a file"; exit 1; }
  echo "package: wrote $out ($(du -h "$out" | cut -f1)); install with: tar -xJf $out && cd $top && make user-install"
  ;;
windows)
  command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "package: x86_64-w64-mingw32-gcc is missing (apt-get install gcc-mingw-w64-x86-64)"; exit 1; }
  rm -f dist/Mapwright.exe
  (cd dist && CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOARCH=amd64 \
    "$tooldir/fyne" package -os windows --src "$src" --release)
  out=dist/Mapwright.exe
  [ -f "$out" ] || { [ -f "$src/Mapwright.exe" ] && mv "$src/Mapwright.exe" "$out"; }
  [ -f "$out" ] || { echo "package: the fyne tool made no Mapwright.exe"; exit 1; }
  # A Windows GUI program (no console window) with the icon and version resources.
  file "$out" | grep -q 'PE32+ executable (GUI) x86-64' || { echo "package: $out is not a 64-bit Windows GUI program: $(file "$out")"; exit 1; }
  x86_64-w64-mingw32-objdump -h "$out" | grep -q '\.rsrc' || { echo "package: $out has no resources (icon, version)"; exit 1; }
  stamped "$out"
  echo "package: wrote $out ($(du -h "$out" | cut -f1))"
  ;;
darwin)
  [ "$(uname -s)" = Darwin ] || { echo "package: the macOS app is built on a Mac (cgo needs Apple's SDK; see README)"; exit 1; }
  (cd dist && "$tooldir/fyne" package -os darwin --src "$src" --release)
  echo "package: wrote dist/Mapwright.app"
  ;;
*)
  echo "package: unknown target $target (linux, windows or darwin)"; exit 2 ;;
esac
