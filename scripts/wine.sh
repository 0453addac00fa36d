#!/bin/sh
# Runs a Windows program under Wine in Mapwright's own Wine prefix (bin/wine, made on first use):
#
#   scripts/wine.sh PROGRAM.exe [ARGS...]    run it; the exit status is the program's
#   scripts/wine.sh --check                  exit 0 if Wine and mingw-w64 are here
#
# `go test -exec scripts/wine.sh` with GOOS=windows runs a package's tests this way (make
# test-windows). Debian 12's Wine 8 lacks bcryptprimitives.dll, without which no program of
# Go 1.24 or later starts, so the prefix gets a small stand-in built from
# scripts/wine/bcryptprimitives.c. Needs wine64 and gcc-mingw-w64-x86-64 (scripts/install-deps.sh).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
wine=$(command -v wine64 || true)
[ -n "$wine" ] || [ ! -x /usr/lib/wine/wine64 ] || wine=/usr/lib/wine/wine64
if [ -z "$wine" ] || ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
	echo "wine.sh: needs wine64 and x86_64-w64-mingw32-gcc (apt-get install wine64 gcc-mingw-w64-x86-64)" >&2
	exit 125
fi
WINEPREFIX=${MAPWRIGHT_WINEPREFIX:-$root/bin/wine}
WINEDEBUG=-all
# Tests skip what Wine does differently from Windows (internal/testenv).
MAPWRIGHT_UNDER_WINE=1
# No Mono or Gecko: the tests need neither, and Wine would offer to download them.
WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX WINEDEBUG WINEDLLOVERRIDES MAPWRIGHT_UNDER_WINE
dll=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
if [ ! -f "$dll" ]; then
	mkdir -p "$(dirname "$WINEPREFIX")"
	(
		# One maker at a time: go test runs several packages' tests at once.
		flock 9
		if [ ! -f "$dll" ]; then
			"$wine" wineboot --init >/dev/null 2>&1 || true
			"$(dirname "$wine")/wineserver" -w 2>/dev/null || true
			x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll.tmp" "$root/scripts/wine/bcryptprimitives.c" -ladvapi32
			mv "$dll.tmp" "$dll"
		fi
	) 9>"$WINEPREFIX.lock"
fi
[ "${1:-}" = --check ] && exit 0
exec "$wine" "$@"
