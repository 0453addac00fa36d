#!/bin/sh
# Prints the version and commit stamps every Mapwright binary is built with (internal/buildinfo),
# so `mapwright version` and the editor's About box say which release and commit they are.
#
#   scripts/stamp.sh             -X flags for `go build -ldflags "..."`
#   scripts/stamp.sh --goflags   the same as GOFLAGS words (how the fyne tool takes ldflags)
#   scripts/stamp.sh --version   the version alone; --commit the commit alone
#
# VERSION defaults to "v" + Details.Version of FyneApp.toml (set there by hand for a release);
# COMMIT to the checked-out commit, with "-dirty" when the work tree has uncommitted changes.
# Both can be given in the environment.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${VERSION:-}" ]; then
	VERSION=v$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
fi
if [ -z "${COMMIT:-}" ]; then
	COMMIT=$(git rev-parse HEAD 2>/dev/null || echo unknown)
	if [ "$COMMIT" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
		COMMIT=$COMMIT-dirty
	fi
fi
pkg=mapwright/internal/buildinfo
case "${1:-}" in
--goflags) echo "-ldflags=-X=$pkg.Version=$VERSION -ldflags=-X=$pkg.Commit=$COMMIT" ;;
--version) echo "$VERSION" ;;
--commit) echo "$COMMIT" ;;
"") echo "-X $pkg.Version=$VERSION -X $pkg.Commit=$COMMIT" ;;
*) echo "stamp.sh: unknown argument $1" >&2; exit 2 ;;
esac
