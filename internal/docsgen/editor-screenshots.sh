#!/usr/bin/env bash
# Takes the screenshots of docs/editor.md: the editor on the Tea Shop, on a map with mistakes,
# in the light theme, on a new map, and each drawing gesture caught in the middle (xdotool at
# fixed window positions: rerun and look at the pictures after the layout changes). The context
# menu, drag and View menu pictures were taken by hand.
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

# The drawing gestures (docs/editor.md, "Drawing with the mouse"), each caught in the middle on
# the Tea Shop in the light theme. Positions are pixels of the 1280x800 window: the palette's
# tools sit at x=513 from y=53, one every 40 pixels; the map elements where the sample draws them.
gestures() {
  local map=$home/tea.owm
  cp samples/tea-shop.owm "$map"
  HOME=$home LANG=en_US.UTF-8 FYNE_THEME=light "$bin" "$map" >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 1 50); do
    xdotool search --onlyvisible --name "Mapwright" >/dev/null 2>&1 && break
    sleep 0.2
  done
  sleep 3
  local win
  win=$(xdotool search --onlyvisible --name "Mapwright" | head -1)
  snap() { # NAME: the window as it is now, with its pop-ups
    import -window "$win" "$out/$1.png"
    convert "$out/$1.png" -strip -dither None -colors 256 -define png:compression-level=9 "PNG8:$out/$1.png"
    echo "wrote $out/$1.png"
  }
  tool() { xdotool mousemove 513 $((53 + 40 * ($1 - 1))); sleep 0.4; }
  # The palette, its market tool's tooltip showing.
  tool 3; snap palette
  # Placing a component: the tool, a click on the map, the name field.
  tool 1; xdotool click 1; sleep 0.3; xdotool mousemove 700 330 click 1; sleep 0.6
  xdotool type --delay 30 "Milk"; sleep 0.3; snap place
  xdotool key Return; sleep 0.6
  # Right-click on empty map.
  xdotool mousemove 900 560 click 3; sleep 0.6; snap add-menu
  xdotool key Escape; sleep 0.3; xdotool mousemove 640 700 click 1; sleep 0.3
  # Ctrl+drag from Milk to Kettle, caught over Kettle.
  xdotool mousemove 700 330 keydown ctrl mousedown 1; sleep 0.2
  xdotool mousemove 760 380; sleep 0.2; xdotool mousemove 803 422; sleep 0.4; snap link-drag
  xdotool mouseup 1 keyup ctrl; sleep 0.6
  # The evolve handle of Hot Water dragged to the right.
  xdotool mousemove 1116 384 click 1; sleep 0.5
  xdotool mousemove 1139 384 mousedown 1; sleep 0.2
  xdotool mousemove 1170 384; sleep 0.2; xdotool mousemove 1200 384; sleep 0.4; snap evolve-drag
  xdotool mouseup 1; sleep 0.6
  # A pioneers area dragged out from its tool.
  tool 11; xdotool click 1; sleep 0.3
  xdotool mousemove 590 400 mousedown 1; sleep 0.2
  xdotool mousemove 640 450; sleep 0.2; xdotool mousemove 700 520; sleep 0.4; snap area-drag
  xdotool mouseup 1; sleep 0.6
  # Shift+drag on empty map: a rubber band around Cup and Tea.
  xdotool mousemove 1070 270 keydown shift mousedown 1; sleep 0.2
  xdotool mousemove 1110 310; sleep 0.2; xdotool mousemove 1150 350; sleep 0.4; snap rubber-band
  xdotool mouseup 1 keyup shift; sleep 0.6; snap group
  xdotool key Escape; sleep 0.3
  # Help > Keyboard and Mouse.
  xdotool mousemove 165 14 click 1; sleep 0.4; xdotool mousemove 200 50 click 1; sleep 0.8; snap help
  xdotool key Escape; sleep 0.3; xdotool mousemove 640 700 click 1; sleep 0.3
  xdotool key ctrl+q; sleep 0.5; xdotool key Tab; xdotool key Return # do not save
  kill "$pid" 2>/dev/null || true
  wait "$pid" || true
}
gestures

# A new map: the hint on how to start.
shot empty-map light internal/docsgen/testdata/empty.owm
