#!/bin/sh
# Editor responsiveness where a person feels it: the real editor under Xvfb (Mesa's software
# OpenGL, what virtual machines and remote desktops get), timed from the screen's pixels by
# scripts/screenwatch.c. For the tea shop sample and generated maps of 500 and 2,000 components:
#
#   key     a typed character (at the end of the title line) until the text pane shows it, and
#           until the map has settled with it; the frames the editor painted for it (the X
#           server's damage reports: each buffer swap of the window is one) and its CPU time
#   drag    a component or anchor dragged for about 0.9 s (30 steps of 30 ms): the frames the
#           map's part of the screen showed while the pointer moved, their rate and longest gap
#   pan     the same drag on empty canvas (the whole map moves)
#
# Usage: scripts/editor-perf.sh [-n TRIALS] [-e EDITOR_BINARY]   (make editor-perf)
# Needs: Go with cgo and the X11/GL headers, a C compiler, libXdamage, Xvfb, xdotool, ImageMagick.
# EDITOR_PERF_DISPLAY=:N picks the X display (default: a free one chosen by Xvfb).
# EDITOR_PERF_PROFILE=dir also writes a CPU profile of each editor run there
# (an editor built with -tags cpuprofile, which this script builds: cmd/mapwright-editor/cpuprofile.go).
set -eu
cd "$(dirname "$0")/.."
TRIALS=5
EDITOR=
GIVEN=
while getopts n:e: o; do
	case $o in
	n) TRIALS=$OPTARG ;;
	e) EDITOR=$OPTARG GIVEN=1 ;;
	*) echo "usage: scripts/editor-perf.sh [-n TRIALS] [-e EDITOR_BINARY]"; exit 2 ;;
	esac
done
for tool in Xvfb xdotool import convert cc; do
	command -v "$tool" >/dev/null || { echo "editor-perf: $tool is missing (scripts/install-deps.sh)"; exit 1; }
done
OUT=$(mktemp -d "${TMPDIR:-/tmp}/mapwright-perf.XXXXXX")
XVFB=
EDPID=
cleanup() {
	[ -n "$EDPID" ] && kill "$EDPID" 2>/dev/null || true
	[ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$OUT"
}
trap cleanup EXIT INT TERM

if [ -z "$EDITOR" ]; then
	go build -tags cpuprofile -o "$OUT/mapwright-editor" ./cmd/mapwright-editor
	EDITOR=$OUT/mapwright-editor
fi
cc -O2 -o "$OUT/screenwatch" scripts/screenwatch.c -lX11 -lXdamage -lXext
go run ./cmd/mapgen -n 500 -seed 1 >"$OUT/gen500.owm"
go run ./cmd/mapgen -n 2000 -seed 1 >"$OUT/gen2000.owm"

if [ -n "${EDITOR_PERF_DISPLAY:-}" ]; then
	DISPLAY=$EDITOR_PERF_DISPLAY
	Xvfb "$DISPLAY" -screen 0 1400x900x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
	XVFB=$!
	sleep 1
else
	Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3>"$OUT/display" >"$OUT/xvfb.log" 2>&1 &
	XVFB=$!
	i=0
	while [ ! -s "$OUT/display" ]; do
		i=$((i + 1)); [ $i -gt 100 ] && { echo "editor-perf: Xvfb did not start"; exit 1; }
		sleep 0.1
	done
	DISPLAY=:$(cat "$OUT/display")
fi
export DISPLAY XDG_CACHE_HOME="$OUT/cache" XDG_CONFIG_HOME="$OUT/config" LANG=en_US.UTF-8

# The window is 1280 x 800 at the screen's top-left corner (Xvfb has no window manager): the
# text pane's lines are 18 pixels apart from y=42, the map takes the right part.
TEXT=70,32,400,620
MAP=495,35,780,715
liney() { echo $((42 + 18 * ($1 - 1))); }

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # clock ticks (1/100 s) of user and system time
nowns() { date +%s%N; }
# sleep_until T: sleep until the Unix nanosecond time T.
sleep_until() {
	d=$(( ($1 - $(nowns)) / 1000000 ))
	[ "$d" -gt 0 ] && sleep "$(printf '%d.%03d' $((d / 1000)) $((d % 1000)))" || true
}
# watch T0 MS: start screenwatch on the text and map rectangles; its output goes to $OUT/w.
watch() { "$OUT/screenwatch" "$1" "$2" "$TEXT" "$MAP" >"$OUT/w" & WATCH=$!; }
# settle: wait until the map rectangle has not changed for 1.5 s (at most 30 s).
settle() {
	t=$(nowns)
	"$OUT/screenwatch" "$t" 30000 "$MAP" >"$OUT/s" &
	sw=$!
	last=0
	while kill -0 $sw 2>/dev/null; do
		sleep 0.5
		l=$(awk '$1=="frame"{m=$3} END{print m+0}' "$OUT/s")
		now=$(( ($(nowns) - t) / 1000000 ))
		if [ $((now - l)) -gt 1500 ] && [ "$l" = "$last" ]; then break; fi
		last=$l
	done
	kill $sw 2>/dev/null || true
	wait $sw 2>/dev/null || true
}

# summary NAME VALUES...: median, min and max of whole numbers.
summary() {
	label=$1; shift
	printf '%s\n' "$@" | sort -n | awk -v n="$label" '{v[NR]=$1} END{if(NR==0){print n": none"; exit}
		printf "%s: median %d, min %d, max %d (%d trials)\n", n, v[int((NR+1)/2)], v[1], v[NR], NR}'
}

# drag NAME X Y DX DY: press at X,Y, move 30 steps of DX,DY every 30 ms, release; report the map's frames.
drag() {
	what=$1 x=$2 y=$3 dx=$4 dy=$5
	xdotool mousemove "$x" "$y"
	sleep 0.3
	t0=$(( $(nowns) + 300000000 ))
	watch "$t0" 2500
	c0=$(cpu "$EDPID")
	sleep_until "$t0"
	# One xdotool runs the whole gesture: a process per step would move the pointer only as
	# fast as the loaded machine starts processes.
	steps="mousedown 1"
	k=1
	while [ $k -le 30 ]; do
		steps="$steps sleep 0.03 mousemove $((x + k * dx)) $((y + k * dy))"
		k=$((k + 1))
	done
	# shellcheck disable=SC2086
	xdotool $steps
	tup=$(( ($(nowns) - t0) / 1000000 ))
	xdotool mouseup 1
	wait $WATCH || true
	c1=$(cpu "$EDPID")
	awk -v n="$what" -v up="$tup" -v cpu=$((c1 - c0)) '$1=="frame" && $2==1 && $3>=0 && $3<=up {f[++k]=$3}
		$1=="paint" && $2>=0 && $2<=up {p++}
		END{ if(k<2){printf "%s: %d frames while the pointer moved for %d ms (CPU %d ms)\n", n, k, up, cpu*10; exit}
			g=0; for(i=2;i<=k;i++) if(f[i]-f[i-1]>g) g=f[i]-f[i-1];
			printf "%s: %d frames in %d ms of pointer movement: %.1f frames/s, first after %d ms, longest gap %d ms (CPU %d ms, %d window paints)\n",
				n, k, up, (k-1)*1000/(f[k]-f[1]), f[1], g, cpu*10, p }' "$OUT/w"
}

# run NAME MAP ELEMENT_LINE: start the editor on MAP and measure.
run() {
	name=$1 map=$2 line=$3
	rm -rf "$OUT/cache" "$OUT/config"
	prof=
	[ -n "${EDITOR_PERF_PROFILE:-}" ] && mkdir -p "$EDITOR_PERF_PROFILE" && prof=$EDITOR_PERF_PROFILE/$name.pprof
	MAPWRIGHT_CPUPROFILE=$prof "$EDITOR" "$map" >"$OUT/editor.log" 2>&1 &
	EDPID=$!
	sleep 2
	settle
	import -window root "$OUT/$name-start.png"
	# Put the text cursor at the end of the title line.
	xdotool mousemove 440 "$(liney 1)" click 1
	sleep 0.5
	xdotool key End
	settle
	keys= maps= cpus= paints= missed=0
	k=1
	while [ $k -le "$TRIALS" ]; do
		t0=$(( $(nowns) + 300000000 ))
		watch "$t0" 5000
		c0=$(cpu "$EDPID")
		sleep_until "$t0"
		xdotool key x
		wait $WATCH || true
		c1=$(cpu "$EDPID")
		# A trial whose key never reached the screen within 5 s counts as missed, not as 0 ms.
		k2t=$(awk '$1=="frame" && $2==0 && $3>=0 {print $3; exit}' "$OUT/w")
		[ -n "$k2t" ] && keys="$keys $k2t" || missed=$((missed + 1))
		k2m=$(awk '$1=="frame" && $2==1 && $3>=0 {m=$3} END{if(m!="") print m}' "$OUT/w")
		[ -n "$k2m" ] && maps="$maps $k2m"
		cpus="$cpus $(( (c1 - c0) * 10 ))"
		paints="$paints $(awk '$1=="paint" && $2>=0 {n++} END{print n+0}' "$OUT/w")"
		settle
		k=$((k + 1))
	done
	echo "== $name ($(basename "$map"))"
	# shellcheck disable=SC2086
	summary "  key to text on screen (ms)" $keys
	[ "$missed" -gt 0 ] && echo "  ($missed of $TRIALS keys not on screen within 5 s)"
	# shellcheck disable=SC2086
	summary "  key to map settled (ms)" $maps
	# shellcheck disable=SC2086
	summary "  editor CPU per key, within 5 s (ms)" $cpus
	# shellcheck disable=SC2086
	summary "  frames painted per key, within 5 s" $paints

	# Find the element of line ELEMENT_LINE: clicking its line highlights it on the map.
	import -window root "$OUT/a.png"
	xdotool mousemove 300 "$(liney "$line")" click 1
	sleep 0.3
	settle
	import -window root "$OUT/b.png"
	box=$(convert "$OUT/a.png" "$OUT/b.png" -compose difference -composite -crop 780x715+495+35 +repage \
		-threshold 20% -format '%@' info:)
	ex=$(echo "$box" | awk -F'[x+]' '{print 495 + $3 + int($1 / 2)}')
	ey=$(echo "$box" | awk -F'[x+]' '{print 35 + $4 + int($2 / 2)}')
	drag "  drag element of line $line from $ex,$ey" "$ex" "$ey" 4 2
	settle
	drag "  pan (drag on empty canvas)" 880 80 3 2
	settle
	import -window root "$OUT/$name-end.png"
	[ -n "${EDITOR_PERF_SHOTS:-}" ] && mkdir -p "$EDITOR_PERF_SHOTS" && cp "$OUT/$name-start.png" "$OUT/$name-end.png" "$EDITOR_PERF_SHOTS/"
	kill -INT "$EDPID" 2>/dev/null || true
	kill "$EDPID" 2>/dev/null || true
	wait "$EDPID" 2>/dev/null || true
	EDPID=
}

# The editor measured: built here from the checkout's commit, or the binary -e named.
built="editor built from commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -n "$GIVEN" ] && built="editor $EDITOR"
echo "# editor-perf $(date -u '+%Y-%m-%d %H:%M UTC'), $built, $(nproc) CPUs ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
run tea-shop samples/tea-shop.owm 10
run components-500 "$OUT/gen500.owm" 4
run components-2000 "$OUT/gen2000.owm" 4
echo "# load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
