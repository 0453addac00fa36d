#!/usr/bin/env bash
# Builds the Linux desktop bundle of the editor with the fyne tool (fyne.io/tools) and checks it:
# dist/Mapwright.tar.xz holding the binary, a .desktop entry, the icon and an install Makefile.
#
# The tool expects FyneApp.toml and the icon in the main package's folder and bumps Details.Build
# in that file on every run, so it runs on a copy of cmd/mapwright-editor's metadata and leaves the
# repository's FyneApp.toml as it is (the build number is set there, by hand, for a release).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tooldir="$root/bin/tools"
if [ ! -x "$tooldir/fyne" ]; then
  echo "package: installing the fyne tool (fyne.io/tools v1.7.4) into bin/tools"
  GOBIN="$tooldir" go install fyne.io/tools/cmd/fyne@v1.7.4
fi
src="$root/cmd/mapwright-editor"
cleanup() { rm -f "$src/FyneApp.toml" "$src/Icon.png"; }
trap cleanup EXIT
cp FyneApp.toml "$src/FyneApp.toml"
sed -i 's#^  Icon = .*#  Icon = "Icon.png"#' "$src/FyneApp.toml"
cp ui/icon.png "$src/Icon.png"
mkdir -p dist
(cd dist && "$tooldir/fyne" package -os linux --src "$src" --release)

# Check the bundle: it must hold a runnable binary, the desktop entry and the icon.
out=dist/Mapwright.tar.xz
listing=$(tar -tJf "$out")
for want in usr/local/bin/mapwright-editor share/applications/io.mapwright.editor.desktop share/pixmaps/io.mapwright.editor.png Makefile; do
  echo "$listing" | grep -q "$want" || { echo "package: $out lacks $want"; echo "$listing"; exit 1; }
done
check=$(mktemp -d); tar -xJf "$out" -C "$check"
bin=$(find "$check" -path '*usr/local/bin/mapwright-editor' -type f)
file "$bin" 2>/dev/null | grep -q ELF || [ -x "$bin" ] || { echo "package: the binary is not executable"; exit 1; }
grep -q '^Exec=mapwright-editor' "$(find "$check" -name '*.desktop')" || { echo "package: the desktop entry does not start the editor"; exit 1; }
rm -rf "$check"
echo "package: wrote $out ($(du -h "$out" | cut -f1)); install with: tar -xJf $out && cd <folder> && make user-install"
