# Sourced by the scripts that drive the real editor under Xvfb (editor-smoke.sh, editor-draw.sh):
# start_xvfb NAME starts a private X server on a display it picks itself (written to fd 3), waits
# for it, exports DISPLAY, and sets a trap that stops it and the editor ($EDITOR_PID) on exit.
# $OUT must name the scripts' scratch folder.
start_xvfb() {
	Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$OUT/display" >"$OUT/xvfb.log" 2>&1 &
	XVFB=$!
	EDITOR_PID=
	trap 'stop_xvfb' EXIT INT TERM
	i=0
	while [ ! -s "$OUT/display" ]; do
		i=$((i + 1)); [ $i -gt 100 ] && { echo "$1: Xvfb did not start"; cat "$OUT/xvfb.log"; exit 1; }
		sleep 0.1
	done
	DISPLAY=:$(cat "$OUT/display"); export DISPLAY
}

stop_xvfb() {
	[ -n "$EDITOR_PID" ] && kill "$EDITOR_PID" 2>/dev/null || true
	kill "$XVFB" 2>/dev/null || true
}
