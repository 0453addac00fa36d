#!/usr/bin/env bash
# Takes the screenshots of docs/editor.md that need no pointing: the editor on the Tea Shop, on
# a map with mistakes, and in the light theme. The others (context menu, drag, View menu) were
# taken by hand with xdotool, because where to click depends on the layout of the moment.
#
# Usage, from the repository root, with Xvfb, xdotool and ImageMagick installed:
#   internal/docsgen/editor-screenshots.sh [DISPLAY_NUMBER]
set -euo pipefail
num=${1:-97}
out=docs/images/editor
bin=$(mktemp -d)/mapwright-editor
home=$(mktemp -d)
go build -o "$bin" ./cmd/mapwright-editor

Xvfb ":$num" -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$home"' EXIT
export DISPLAY=":$num"
sleep 1

# shot NAME THEME FILE: open FILE in THEME, screenshot the window into $out/NAME.png, quit.
shot() {
  HOME=$home LANG=en_US.UTF-8 FYNE_THEME=$2 "$bin" "$3" >/dev/null 2>&1 &
  local pid=$!
  local win=""
  for _ in $(seq 1 50); do
    win=$(xdotool search --onlyvisible --name "Mapwright" 2>/dev/null | head -1 || true)
    [ -n "$win" ] && break
    sleep 0.2
  done
  [ -n "$win" ] || { echo "no editor window" >&2; kill "$pid"; exit 1; }
  sleep 2 # let the map draw; look the window up again, as it may have been re-created
  win=$(xdotool search --onlyvisible --name "Mapwright" | head -1)
  import -window "$win" "$out/$1.png"
  convert "$out/$1.png" -strip -dither None -colors 256 -define png:compression-level=9 "PNG8:$out/$1.png"
  xdotool key --window "$win" ctrl+q || kill "$pid"
  wait "$pid" || true
  echo "wrote $out/$1.png"
}

mkdir -p "$out"
shot main dark samples/tea-shop.owm
shot light-theme light samples/rack-story.owm
shot mistakes dark docs/examples/mistakes.owm
