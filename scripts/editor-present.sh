#!/bin/sh
# Present mode in the real editor under Xvfb, driven by the keyboard as a speaker would: F5 on a
# map with three "// step:" markers must fill the screen with the map (the window grows to the
# screen, the menu bar and the text go), the arrow keys must change the picture and come back to
# it, Escape must give back the window at its old size with its menu bar, and the text must come
# out byte for byte as it went in (saved with Ctrl+S and compared).
#
# Usage: scripts/editor-present.sh      Needs: Go with cgo, Xvfb, xdotool, ImageMagick.
# With SMOKE_OUT=dir the binary, screenshots and logs stay there.
set -eu
cd "$(dirname "$0")/.."
. scripts/xvfb.sh
editor_run editor-present Xvfb xdotool import compare

MAP="$OUT/talk.owm"
cat >"$MAP" <<'EOF'
title Tea
// step: The customer
anchor Public [0.95, 0.60]
component Cup of Tea [0.80, 0.62]
Public->Cup of Tea
// step: What goes into it
component Cup [0.72, 0.78]
component Tea [0.63, 0.82]
Cup of Tea->Cup
Cup of Tea->Tea
// step: Boiling water
component Kettle [0.43, 0.34]
Tea->Kettle
evolve Kettle 0.62
EOF
cp "$MAP" "$OUT/talk.orig"
"$OUT/mapwright-editor" "$MAP" >"$OUT/editor.log" 2>&1 &
EDITOR_PID=$!
i=0
until WIN=$(xdotool search --name "Mapwright" 2>/dev/null | head -1) && [ -n "$WIN" ]; do
	i=$((i + 1)); [ $i -gt 100 ] && { echo "editor-present: FAIL: no editor window"; cat "$OUT/editor.log"; exit 1; }
	sleep 0.1
done
sleep 2

fail() { echo "editor-present: FAIL: $*"; KEEP=yes; exit 1; }
size() { xdotool getwindowgeometry "$WIN" | awk '/Geometry/ { print $2 }'; }
shot() { import -window root "$OUT/$1.png"; }
# differ A B: how many pixels differ between two screenshots.
differ() { compare -metric AE "$OUT/$1.png" "$OUT/$2.png" null: 2>&1 | cut -d' ' -f1 || true; }
# topbar NAME: the colours of the strip where the menu bar is while editing.
topbar() { convert "$OUT/$1.png" -crop 300x24+0+0 +repage -format '%k' info:; }

xdotool mousemove 200 300 click 1; sleep 0.5 # the focus in the text
shot editing
BEFORE=$(size)
xdotool key F5; sleep 1.5
shot step1
[ "$(size)" = "1400x900" ] || fail "after F5 the window is $(size), want the whole 1400x900 screen (screenshot: $OUT/step1.png)"
[ "$(topbar step1)" -le 2 ] || fail "after F5 the menu bar is still drawn (screenshot: $OUT/step1.png)"
xdotool key Right; sleep 1
shot step2
xdotool key Right; sleep 1
shot step3
xdotool key Left; sleep 0.5
xdotool key Left; sleep 1
shot back1
D12=$(differ step1 step2) D23=$(differ step2 step3) D11=$(differ step1 back1)
echo "editor-present: pixels changed: step 1->2 $D12, step 2->3 $D23, step 1 and back again $D11"
[ "$D12" -gt 2000 ] && [ "$D23" -gt 2000 ] || fail "Right did not change the picture (screenshots: $OUT/step*.png)"
[ "$D11" -lt 200 ] || fail "Left twice did not come back to the first step (screenshots: $OUT/step1.png, $OUT/back1.png)"
xdotool key Escape; sleep 1.5
shot left
[ "$(size)" = "$BEFORE" ] || fail "after Escape the window is $(size), want $BEFORE as before (screenshot: $OUT/left.png)"
[ "$(topbar left)" = "$(topbar editing)" ] || fail "after Escape the menu bar is not back (screenshot: $OUT/left.png)"
xdotool key ctrl+s; sleep 1
cmp -s "$MAP" "$OUT/talk.orig" || { diff "$OUT/talk.orig" "$MAP"; fail "present mode changed the text"; }
xdotool key ctrl+q
# Up to 10 s to quit (a loaded machine is slow to stop the editor); an exited editor the shell
# has not reaped yet is a zombie, which kill -0 still finds.
i=0
while kill -0 "$EDITOR_PID" 2>/dev/null && [ "$(ps -o stat= -p "$EDITOR_PID" | cut -c1)" != Z ]; do
	i=$((i + 1)); [ $i -gt 100 ] && fail "the editor did not quit within 10 s of Ctrl+Q"
	sleep 0.1
done
EDITOR_PID=
if [ -n "$KEEP" ]; then
	echo "editor-present: OK (screenshots: $OUT)"
else
	kill "$XVFB" 2>/dev/null || true
	wait "$XVFB" 2>/dev/null || true
	rm -rf "$OUT"
	echo "editor-present: OK"
fi
