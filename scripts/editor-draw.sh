#!/bin/sh
# Draws a small map with the mouse alone, as a new user would, in the real editor under Xvfb:
# starting from an empty file, it places components, an anchor, a note and a pioneers area from
# the palette, links two components by Ctrl+dragging, saves with Ctrl+S, and checks the saved
# text. Positions are window pixels of the 1280x800 editor window; the check compares the text
# with its numbers masked (a pixel of layout change moves a coordinate, not the map's shape)
# and then checks each coordinate lies where it was clicked, within 0.03.
#
# Usage: scripts/editor-draw.sh      Needs: Go with cgo, Xvfb, xdotool, ImageMagick (import).
# With SMOKE_OUT=dir the binary, screenshots and logs stay there.
set -eu
cd "$(dirname "$0")/.."
. scripts/xvfb.sh
editor_run editor-draw Xvfb xdotool import

MAP="$OUT/drawn.owm"
rm -f "$MAP"
"$OUT/mapwright-editor" "$MAP" >"$OUT/editor.log" 2>&1 &
EDITOR_PID=$!
i=0
until xdotool search --name "Mapwright" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "editor-draw: FAIL: no editor window"; cat "$OUT/editor.log"; exit 1; }
	sleep 0.1
done
sleep 2

# The palette: a column of tools at x=513, the first at y=53, one every 40 pixels.
tool() { xdotool mousemove 513 $((53 + 40 * ($1 - 1))) click 1; sleep 0.3; }
# place X Y NAME: click on the map, type the name over the one offered, press Enter.
place() {
	xdotool mousemove "$1" "$2" click 1; sleep 0.5
	xdotool type --delay 20 "$3"; xdotool key Return; sleep 0.6
}

tool 1; place 900 300 "Tea"
tool 1; place 1050 520 "Water"
tool 2; place 900 170 "Customer"
tool 9; place 650 560 "Fresh every morning"
# Ctrl+drag from Tea to Water.
xdotool mousemove 900 300 keydown ctrl mousedown 1; sleep 0.2
xdotool mousemove 980 420; sleep 0.2
xdotool mousemove 1050 520; sleep 0.3
xdotool mouseup 1 keyup ctrl; sleep 0.6
# A pioneers area, dragged out from its tool.
tool 11
xdotool mousemove 600 200 mousedown 1; sleep 0.2
xdotool mousemove 650 250; sleep 0.2
xdotool mousemove 700 300; sleep 0.2
xdotool mouseup 1; sleep 0.6
import -window root "$OUT/drawn.png"
xdotool key ctrl+s; sleep 1

[ -f "$MAP" ] || { echo "editor-draw: FAIL: Ctrl+S wrote no file (screenshot: $OUT/drawn.png)"; exit 1; }
MASKED=$(sed -E 's/[0-9]+\.[0-9]+/N/g' "$MAP")
WANT='anchor Customer [N, N]
component Tea [N, N]
component Water [N, N]
Tea->Water
note Fresh every morning [N, N]
pioneers [N, N, N, N]'
if [ "$MASKED" != "$WANT" ]; then
	echo "editor-draw: FAIL: the map drawn with the mouse reads"; cat "$MAP"
	echo "editor-draw: want (numbers masked)"; echo "$WANT"
	echo "(screenshot: $OUT/drawn.png)"; KEEP=yes; exit 1
fi
# Where each thing was clicked, in map units [visibility, maturity] (the map page spans
# x 548..1268 and the plot inside it; the tolerance covers the fit to the window).
check() { # LINE-PREFIX WANT-VIS WANT-MAT
	awk -v p="$1" -v v="$2" -v m="$3" 'index($0, p) == 1 {
		s = $0; sub(/^[^[]*\[/, "", s); split(s, n, /[, \]]+/)
		if ((n[1] - v)^2 > 0.03^2 || (n[2] - m)^2 > 0.03^2) { print "editor-draw: FAIL: " $0 " is not near [" v ", " m "]"; exit 1 }
		found = 1 } END { if (!found) exit 1 }' "$MAP"
}
check "anchor Customer" 0.97 0.49 && check "component Tea" 0.70 0.49 && check "component Water" 0.23 0.71 &&
	check "note Fresh" 0.14 0.11 && check "pioneers" 0.91 0.04 ||
	{ echo "editor-draw: FAIL: a coordinate is not where it was clicked:"; cat "$MAP"; KEEP=yes; exit 1; }
echo "editor-draw: the map drawn with the mouse:"; sed 's/^/  /' "$MAP"
xdotool key ctrl+q; sleep 1
if kill -0 "$EDITOR_PID" 2>/dev/null; then
	echo "editor-draw: FAIL: the editor did not quit after a save"; exit 1
fi
EDITOR_PID=
if [ -n "$KEEP" ]; then
	echo "editor-draw: OK (screenshot: $OUT/drawn.png)"
else
	kill "$XVFB" 2>/dev/null || true
	wait "$XVFB" 2>/dev/null || true
	rm -rf "$OUT"
	echo "editor-draw: OK"
fi
