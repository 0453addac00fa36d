#!/bin/sh
# Mapwright's benchmark suite (internal/benchsuite): every stage, from parse to PNG, on the real
# corpus and on generated maps of 50 to 50,000 components. See docs/performance.md.
#
#   scripts/bench.sh            full run: -count 3, then a table of the fastest of the three runs
#                               and the growth ratios between sizes (what docs/performance.md shows)
#   scripts/bench.sh --smoke    every benchmark once on the small inputs (-benchtime 1x -short):
#                               what `make test` runs so that the suite cannot rot
#   scripts/bench.sh --huge     also run the drawing stages on 50,000 components (slow)
#   scripts/bench.sh --table F  print the table for a saved run F (raw `go test -bench` output)
#   scripts/bench.sh --startup  process start to first exported file (`mapwright export`, each
#                               format in turns, $STARTUP_RUNS rounds (30); STARTUP_BASE=binary
#                               times that mapwright in turns with this one), and editor start to
#                               first frame under Xvfb (needs Xvfb and ImageMagick's import)
#
# Extra arguments after -- go to `go test` (for example -- -bench 'Layout|SVG' -cpuprofile c.out).
# The raw output of a full run is kept in $BENCH_OUT (default: a temporary file, named at the end).
set -eu

cd "$(dirname "$0")/.."
GO=${GO:-go}
mode=full
table_of=
while [ $# -gt 0 ]; do
	case "$1" in
	--smoke) mode=smoke ;;
	--huge) MAPWRIGHT_BENCH_50K=1; export MAPWRIGHT_BENCH_50K ;;
	--table) mode=table; table_of=$2; shift ;;
	--startup) mode=startup ;;
	--) shift; break ;;
	-h | --help) sed -n '2,17p' "$0"; exit 0 ;;
	*) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

# table reads `go test -bench` output and prints, per benchmark, the fastest wall-clock and CPU
# time of its runs (ns/op, or ns/map for the corpus, whose operation is every corpus map once), then for
# each stage the ratio of each generated size's time to the next smaller one's (x10 components).
table() {
	awk '
	function fmt(ns) {
		if (ns == "") return "-"
		if (ns >= 999.5e6) return sprintf("%.2f s", ns / 1e9)
		if (ns >= 999.5e3) return sprintf("%.1f ms", ns / 1e6)
		if (ns >= 999.5) return sprintf("%.0f µs", ns / 1e3)
		return sprintf("%.0f ns", ns)
	}
	function fmtb(b) {
		if (b >= 1e6) return sprintf("%.1f MB", b / 1e6)
		if (b >= 1e3) return sprintf("%.0f kB", b / 1e3)
		return sprintf("%d B", b)
	}
	/^Benchmark/ {
		name = $1; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", name)
		wall = ""; cpu = ""; bytes = ""
		for (i = 3; i < NF; i += 2) {
			v = $i; u = $(i + 1)
			if (u == "ns/op" && wall == "") wall = v
			if (u == "ns/map") wall = v
			if (u == "cpu-ns/op" && cpu == "") cpu = v
			if (u == "cpu-ns/map") cpu = v
			if (u == "B/op") bytes = v
			if (u == "maps") maps = v
		}
		if (!(name in seen)) { seen[name] = 1; order[++n] = name }
		if (!(name in minwall) || wall + 0 < minwall[name] + 0) minwall[name] = wall
		if (cpu != "" && (!(name in mincpu) || cpu + 0 < mincpu[name] + 0)) mincpu[name] = cpu
		if (!(name in minbytes) || bytes + 0 < minbytes[name] + 0) minbytes[name] = bytes
		runs[name]++
	}
	END {
		print "| benchmark | wall (min) | CPU (min) | allocated | runs |"
		print "|---|---:|---:|---:|---:|"
		for (k = 1; k <= n; k++) {
			b = order[k]; label = b
			if (b ~ /corpus/) label = b " (per map)"
			printf "| %s | %s | %s | %s | %d |\n", label, fmt(minwall[b]), fmt(mincpu[b]), fmtb(minbytes[b] / (b ~ /corpus/ ? maps : 1)), runs[b]
		}
		print ""
		print "| stage | 500 / 50 | 5,000 / 500 | 50,000 / 5,000 |"
		print "|---|---:|---:|---:|"
		for (k = 1; k <= n; k++) {
			b = order[k]
			if (b !~ /components=50$/ && b !~ /components=50\//) continue
			stage = b; sub(/components=50/, "components=N", stage)
			line = "| " stage
			for (s = 50; s <= 5000; s *= 10) {
				lo = b; sub(/components=50/, "components=" s, lo)
				hi = b; sub(/components=50/, "components=" s * 10, hi)
				if ((lo in mincpu) && (hi in mincpu) && mincpu[lo] > 0)
					line = line sprintf(" | %.1f (wall %.1f)", mincpu[hi] / mincpu[lo], minwall[hi] / minwall[lo])
				else if ((lo in minwall) && (hi in minwall) && minwall[lo] > 0)
					line = line sprintf(" | wall %.1f", minwall[hi] / minwall[lo])
				else
					line = line " | -"
			}
			print line " |"
		}
	}' "$1"
}

# startup measures what a person waits for: the command line exporting one typical map (the
# 40-component agriculture map of the corpus, else the Tea Shop sample), and the editor showing
# its first frame. The editor reports the moment its first frame is painted
# (an editor built with -tags firstframe, with a probe in the window); the time is from just before the process is
# started to that moment; scripts/screenwatch.c, when it can be compiled, also times the first
# change of the screen's pixels (the frame actually shown) and how much of the screen changed.
startup() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/mapwright-startup.XXXXXX")
	map=../shared/owm-corpus/34_swardley_agriculture-food-traceability_and_security.owm
	[ -f "$map" ] || map=samples/tea-shop.owm
	echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown); map $map"
	CGO_ENABLED=0 "$GO" build -o "$tmp/mapwright" ./cmd/mapwright
	# The exports take turns (each format, and the binary in $STARTUP_BASE beside this one when
	# it is set), $STARTUP_RUNS rounds: this machine's speed can change by two times from one few
	# seconds to the next, so timing one command's runs in a block would compare spells, not
	# programs. Each is reported as the median, fastest and slowest of its runs.
	bins="$tmp/mapwright"
	if [ -n "${STARTUP_BASE:-}" ]; then
		bins="$bins $STARTUP_BASE"
		echo "(in turns with $STARTUP_BASE)"
	fi
	: >"$tmp/times"
	for _ in $(seq "${STARTUP_RUNS:-30}"); do
		for bin in $bins; do
			for f in svg pdf png; do
				t0=$(date +%s%N)
				"$bin" export -f "$f" -o "$tmp/o.$f" "$map" >/dev/null
				t1=$(date +%s%N)
				echo "$bin $f $(( (t1 - t0) / 1000 ))" >>"$tmp/times"
			done
		done
	done
	for bin in $bins; do
		for f in svg pdf png; do
			awk -v b="$bin" -v f="$f" '$1 == b && $2 == f { print $3 }' "$tmp/times" | sort -n | awk -v b="$bin" -v f="$f" '
				{ t[NR] = $1 / 1000 }
				END { printf "%s export -f %s, %d runs: median %.1f ms (%.1f-%.1f ms)\n", b, f, NR, (t[int((NR + 1) / 2)] + t[int(NR / 2) + 1]) / 2, t[1], t[NR] }'
		done
	done
	if ! command -v Xvfb >/dev/null; then
		echo "editor first frame: skipped (needs Xvfb)"
		rm -rf "$tmp"
		return
	fi
	"$GO" build -tags firstframe -o "$tmp/mapwright-editor" ./cmd/mapwright-editor
	watch=
	if cc -O2 -o "$tmp/screenwatch" scripts/screenwatch.c -lX11 -lXdamage -lXext 2>/dev/null; then
		watch=$tmp/screenwatch
	else
		echo "(no C compiler or X11 and Xdamage headers: only the editor's own report of its first frame)"
	fi
	display=:$((90 + $$ % 9))
	Xvfb "$display" -screen 0 1400x900x24 >/dev/null 2>&1 &
	xvfb=$!
	sleep 1
	for run in 1 2 3 4 5 6 7 8 9 10; do
		t0=$(date +%s%N)
		watcher=
		if [ -n "$watch" ]; then
			DISPLAY=$display "$watch" "$t0" 10000 >"$tmp/screen" &
			watcher=$!
		fi
		DISPLAY=$display "$tmp/mapwright-editor" samples/tea-shop.owm >/dev/null 2>"$tmp/trace" &
		editor=$!
		waited=0
		while ! grep -q 'first frame at' "$tmp/trace" && [ $waited -lt 200 ]; do
			sleep 0.05
			waited=$((waited + 1))
		done
		[ -n "$watcher" ] && { wait "$watcher" || true; }
		t1=$(sed -n 's/.*first frame at \([0-9]*\).*/\1/p' "$tmp/trace")
		painted=none
		[ -n "$t1" ] && painted="$(( (t1 - t0) / 1000000 )) ms"
		if [ -n "$watch" ] && grep -q '^first' "$tmp/screen"; then
			echo "editor run $run: painting began after $painted; on screen after $(cut -d' ' -f2 "$tmp/screen") ms ($(cut -d' ' -f3 "$tmp/screen")% of the screen changed)"
		elif [ -n "$watch" ]; then
			echo "editor run $run: painting began after $painted; screen $(cat "$tmp/screen")"
		else
			echo "editor run $run: painting began after $painted"
		fi
		kill "$editor" 2>/dev/null
		wait "$editor" 2>/dev/null || true
		sleep 0.3
	done
	kill "$xvfb"
	rm -rf "$tmp"
}

case $mode in
startup)
	startup
	;;
smoke)
	exec "$GO" test -run '^$' -bench . -benchmem -benchtime 1x -short "$@" ./internal/benchsuite
	;;
table)
	table "$table_of"
	;;
full)
	out=${BENCH_OUT:-$(mktemp "${TMPDIR:-/tmp}/mapwright-bench.XXXXXX")}
	{
		echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(uname -m), $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
		echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), MAPWRIGHT_BENCH_50K=${MAPWRIGHT_BENCH_50K:-}"
		"$GO" test -run '^$' -bench . -benchmem -count 3 -timeout 60m "$@" ./internal/benchsuite
		echo "# finished $(date -u '+%H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
	} 2>&1 | grep -v -e 'Fyne error' -e 'Cause: language' -e 'At: .*locale.go' | tee "$out"
	echo
	table "$out"
	echo
	echo "raw output: $out"
	;;
esac
