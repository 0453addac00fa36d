#!/usr/bin/env bash
# Runs every go fuzz target of the project for FUZZTIME each (default 30s). Crashers are written
# by go test to the package's testdata/fuzz/<Target>/ folder: commit them as seeds once fixed, so
# every `make test` replays them.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${FUZZTIME:-30s}
grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r f; do
  pkg=./$(dirname "${f#./}")
  for name in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
    echo "== $pkg $name ($t)"
    go test -run '^$' -fuzz "^${name}\$" -fuzztime "$t" "$pkg"
  done
done
