# Sourced by the scripts that drive the real editor under Xvfb (editor-smoke.sh, editor-draw.sh,
# editor-present.sh):
#
# editor_run NAME TOOL... sets up a run: the scratch folder $OUT (SMOKE_OUT=dir keeps it, and
# $KEEP says so), the tools checked, the editor built into $OUT/mapwright-editor (or the binary
# EDITOR_BIN names copied there: make smoke builds it once for all three), Xvfb started, and a
# private cache and config in $OUT, so the run neither reads nor leaves recovery files or
# preferences.
#
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

editor_run() {
	name=$1
	shift
	KEEP=${SMOKE_OUT:+yes}
	OUT=${SMOKE_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/mapwright-$name.XXXXXX")}
	mkdir -p "$OUT"
	for tool in "$@"; do
		command -v "$tool" >/dev/null || { echo "$name: $tool is missing (apt-get install xvfb xdotool imagemagick)"; exit 1; }
	done
	if [ -n "${EDITOR_BIN:-}" ]; then
		cp "$EDITOR_BIN" "$OUT/mapwright-editor"
	else
		echo "$name: building the editor"
		go build -o "$OUT/mapwright-editor" ./cmd/mapwright-editor
	fi
	start_xvfb "$name"
	export XDG_CACHE_HOME="$OUT/cache" XDG_CONFIG_HOME="$OUT/config" LANG=en_US.UTF-8
}
