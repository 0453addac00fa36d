#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test Mapwright: the C libraries Fyne
# needs for the desktop editor (cgo + OpenGL + X11), and Xvfb, ImageMagick and poppler for the
# headless editor tests (xdotool drives the mouse in scripts/editor-draw.sh) and for looking
# at exported pictures; Wine and mingw-w64 for the Windows tests (make test-windows) and the
# Windows editor (make release); shared-mime-info, xdg-utils, desktop-file-utils and gio for the
# Linux installer's test (make test-install); zip for the release archives; the Noto fonts the
# tests draw other scripts with (CJK, Arabic, Hebrew, Devanagari, colour emoji: Mapwright itself
# draws a box and `mapwright check` warns without them); librsvg's rsvg-convert and the DejaVu
# fonts, with which the samples' tests draw the SVG as a viewer would. Go itself must
# already be installed (https://go.dev/dl). The command-line tool needs none of this
# (CGO_ENABLED=0).
set -euo pipefail
if [ "$(uname -s)" != Linux ] || ! command -v dpkg-query >/dev/null; then
  echo "install-deps: not a Debian-like Linux; nothing installed (a Mac needs Go and the Xcode command-line tools)"
  exit 0
fi
pkgs=(gcc libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev
      libxxf86vm-dev libxdamage-dev xvfb xauth xdotool imagemagick poppler-utils neovim
      qemu-user-static  # make test-arm64
      wine64 gcc-mingw-w64-x86-64 shared-mime-info xdg-utils desktop-file-utils libglib2.0-bin
      zip unzip file
      fontconfig fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
      librsvg2-bin fonts-dejavu-core)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# Mermaid's own parser (npm mermaid under node, with jsdom) checks the wardley-beta export in the
# tests of mapdsl/mermaid; they skip, saying so, where node is missing.
if command -v npm >/dev/null 2>&1 && [ ! -d "$(dirname "$0")/mermaid-check/node_modules/mermaid" ]; then
  echo "installing scripts/mermaid-check (npm ci)"
  npm ci --prefix "$(dirname "$0")/mermaid-check" --no-audit --no-fund --loglevel=error
fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "installing: ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
