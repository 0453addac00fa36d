#!/bin/sh
# Smoke test of the desktop editor: build the real binary, start it under Xvfb on a sample map,
# take a screenshot, check that the map half of the window has ink, then let the editor close
# itself (MAPWRIGHT_SMOKE_EXIT_AFTER) and check that it exits cleanly with status 0.
#
# Usage: scripts/editor-smoke.sh [MAP]      (default samples/tea-shop.owm)
# Needs: Go with cgo and the X11/GL headers, Xvfb, ImageMagick (import, convert).
# With SMOKE_OUT=dir the binary, screenshot and logs stay there; otherwise they go to a
# temporary folder that is removed after a pass and kept (and named) after a failure.
set -eu
cd "$(dirname "$0")/.."
MAP=${1:-samples/tea-shop.owm}
. scripts/xvfb.sh
editor_run editor-smoke Xvfb import convert
MAPWRIGHT_SMOKE_EXIT_AFTER=15s "$OUT/mapwright-editor" "$MAP" >"$OUT/editor.log" 2>&1 &
EDITOR_PID=$!

# Screenshots every half second until the map shows (at most 13 s: a busy machine starts the
# editor slowly), then the editor is left to exit by itself.
# The map half: the right 55% of the 1280x800 window (the text pane takes the left 38%).
MAPAREA=640x600+620+80
for _ in $(seq 26); do
	sleep 0.5
	import -window root "$OUT/shot.png"
	COLOURS=$(convert "$OUT/shot.png" -crop "$MAPAREA" +repage -format '%k' info:)
	SPREAD=$(convert "$OUT/shot.png" -crop "$MAPAREA" +repage -colorspace gray -format '%[fx:standard_deviation*1000]' info:)
	if [ "$COLOURS" -ge 16 ] && [ "${SPREAD%.*}" -ge 20 ]; then break; fi
done
echo "editor-smoke: map area has $COLOURS colours, grey spread $SPREAD/1000"
if [ "$COLOURS" -lt 16 ] || [ "${SPREAD%.*}" -lt 20 ]; then
	echo "editor-smoke: FAIL: the map area of the window looks blank (screenshot: $OUT/shot.png)"
	exit 1
fi

i=0
while kill -0 "$EDITOR_PID" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 300 ] && { echo "editor-smoke: FAIL: the editor did not exit when asked"; exit 1; }
	sleep 0.1
done
set +e
wait "$EDITOR_PID"
RC=$?
set -e
EDITOR_PID=
if [ "$RC" -ne 0 ]; then
	echo "editor-smoke: FAIL: the editor exited with status $RC"; cat "$OUT/editor.log"; exit 1
fi
if [ -n "$(ls -A "$OUT/cache/mapwright/recovery" 2>/dev/null)" ]; then
	echo "editor-smoke: FAIL: a clean exit left a recovery file"; exit 1
fi
if [ -n "$KEEP" ]; then
	echo "editor-smoke: OK (screenshot: $OUT/shot.png)"
else
	kill "$XVFB" 2>/dev/null || true
	wait "$XVFB" 2>/dev/null || true
	rm -rf "$OUT"
	echo "editor-smoke: OK"
fi
