#!/bin/sh
# Mapwright's cold parse beside OWM's own converter, map by map over ../shared/owm-corpus
# (docs/performance.md, "Cold parse and the did-you-mean"). Needs node and npm.
#
#   OWM:       wmlandscape (the engine of OnlineWardleyMaps) installed into a temporary folder,
#              timed by scripts/owm-parse-bench.js: Converter and UnifiedConverter, JIT warmed.
#   Mapwright: mapdsl's BenchmarkParseColdCorpus, a parse with an empty statement cache (a file
#              opened for the first time).
#   Both:      $COUNT rounds (default 3), taking turns; the fastest time of each map on each side.
#
# Prints, per map, the CPU time per parse (on a loaded machine steadier than the wall time) and
# how many times faster Mapwright is than each converter.
set -eu
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/owm-corpus}
[ -d "$corpus" ] || { echo "owm-parse-bench: no corpus in $corpus" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-audit --no-fund --loglevel=error --legacy-peer-deps wmlandscape@3.0.1 >/dev/null
cp scripts/owm-parse-bench.js "$work/"
# The two sides take turns, $COUNT rounds of each, and each keeps its fastest time per map: this
# machine's speed changes by up to two times from one few seconds to the next (other virtual
# machines on the same host), and a side timed only once may be timed in a slow spell.
${GO:-go} test -c -o "$work/mapdsl.test" ./mapdsl
: > "$work/owm.tsv"
: > "$work/go.txt"
for _ in $(seq "${COUNT:-3}"); do
	node "$work/owm-parse-bench.js" "$corpus" >> "$work/owm.tsv" 2>/dev/null
	(cd mapdsl && "$work/mapdsl.test" -test.run '^$' -test.bench 'ParseColdCorpus') >> "$work/go.txt"
done
awk -F'\t' '
	FNR == NR {
		n = substr($1, 1, 2)
		if (!(n in file)) { file[n] = $1; order[++k] = n; conv[n] = $3; uni[n] = $5 }
		if ($3 + 0 < conv[n] + 0) conv[n] = $3
		if ($5 + 0 < uni[n] + 0) uni[n] = $5
		next
	}
	/^BenchmarkParseColdCorpus\// {
		split($0, f, /[ \t]+/); n = f[1]; sub(/^BenchmarkParseColdCorpus\//, "", n); sub(/-[0-9]+$/, "", n)
		for (i = 3; i < length(f); i++) if (f[i + 1] == "cpu-ns/op" && (!(n in mw) || f[i] + 0 < mw[n] + 0)) mw[n] = f[i]
	}
	END {
		print "| map | OWM Converter | OWM UnifiedConverter | Mapwright cold | faster than Converter | than UnifiedConverter |"
		print "|---|---:|---:|---:|---:|---:|"
		for (j = 1; j <= k; j++) {
			n = order[j]
			printf "| %s | %.0f µs | %.0f µs | %.0f µs | x%.2f | x%.2f |\n", file[n], conv[n] / 1e3, uni[n] / 1e3, mw[n] / 1e3, conv[n] / mw[n], uni[n] / mw[n]
		}
	}' "$work/owm.tsv" "$work/go.txt"
