#!/usr/bin/env bash
# Fills dist/ with a release of Mapwright (make release), every binary stamped with the version
# and commit (scripts/stamp.sh; VERSION=v1.2.3 overrides FyneApp.toml's):
#
#   mapwright_VERSION_OS_ARCH.tar.gz (.zip for Windows)   the command line, pure Go, for
#       linux/amd64, linux/arm64, windows/amd64, darwin/amd64 and darwin/arm64, with README.md,
#       the docs and the sample maps
#   mapwright-editor_VERSION_linux_amd64.tar.xz           the desktop editor's Linux bundle
#                                                         (scripts/package.sh linux)
#   mapwright-editor_VERSION_windows_amd64.zip            the desktop editor for Windows
#                                                         (scripts/package.sh windows), README.md, samples
#   SHA256SUMS                                            `sha256sum -c SHA256SUMS` checks them
#
# Then it checks that every binary holds its stamps, runs `mapwright version` of each command
# line it can run here (natively, linux/arm64 under qemu-aarch64, windows under wine) and prints
# how long it took. The macOS editor is built on a Mac: see README. With --cli-only it makes only
# the command line's archives (no cgo, no mingw-w64 needed).
set -euo pipefail
editor=yes
[ "${1:-}" = --cli-only ] && editor=
want_bins=7
[ -z "$editor" ] && want_bins=5
cd "$(dirname "$0")/.."
start=$(date +%s)
VERSION=$(scripts/stamp.sh --version)
COMMIT=$(scripts/stamp.sh --commit)
export VERSION COMMIT
ldflags="-s -w $(scripts/stamp.sh)"
for tool in zip ${editor:+x86_64-w64-mingw32-gcc}; do
  command -v "$tool" >/dev/null || { echo "release: $tool is missing (scripts/install-deps.sh --release)"; exit 1; }
done
rm -rf dist
mkdir -p dist
stage=$(mktemp -d "${TMPDIR:-/tmp}/mapwright-release.XXXXXX")
trap 'rm -rf "$stage"' EXIT

# Archives hold their files in a folder of the archive's name, owned by root, sorted, with the
# commit's time as every file's time, so the same commit gives the same archive.
when=$(git log -1 --format=%cI 2>/dev/null || date -u +%FT%TZ)
docs=(README.md docs samples/*.owm)
pack() { # pack DIR ARCHIVE
  local dir=$1 out=$2 name
  name=$(basename "$dir")
  find "$dir" -exec touch -h -d "$when" {} +
  case $out in
  *.zip) (cd "$(dirname "$dir")" && find "$name" | sort | zip -q -X -@ "$OLDPWD/$out") ;;
  *.tar.gz) tar --sort=name --owner=0 --group=0 --numeric-owner -C "$(dirname "$dir")" -cf - "$name" | gzip -9n >"$out" ;;
  esac
}

echo "release: $VERSION, commit $COMMIT"
for target in linux/amd64 linux/arm64 windows/amd64 darwin/amd64 darwin/arm64; do
  os=${target%/*} arch=${target#*/}
  name=mapwright_${VERSION}_${os}_${arch}
  exe=mapwright
  [ "$os" = windows ] && exe=mapwright.exe
  mkdir -p "$stage/$name"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$ldflags" -o "$stage/$name/$exe" ./cmd/mapwright
  cp -r --parents "${docs[@]}" "$stage/$name/"
  if [ "$os" = windows ]; then pack "$stage/$name" "dist/$name.zip"; else pack "$stage/$name" "dist/$name.tar.gz"; fi
  echo "release: built $target"
done

if [ -n "$editor" ]; then
  t=$(date +%s)
  scripts/package.sh linux
  mv dist/Mapwright.tar.xz "dist/mapwright-editor_${VERSION}_linux_amd64.tar.xz"
  echo "release: editor linux/amd64 took $(($(date +%s) - t)) s"
  t=$(date +%s)
  scripts/package.sh windows
  name=mapwright-editor_${VERSION}_windows_amd64
  mkdir -p "$stage/$name"
  mv dist/Mapwright.exe "$stage/$name/Mapwright.exe"
  cp --parents README.md samples/*.owm "$stage/$name/"
  pack "$stage/$name" "dist/$name.zip"
  echo "release: editor windows/amd64 took $(($(date +%s) - t)) s"
fi

# Every binary carries the stamps (as strings: go version -m does not show -ldflags of a
# -trimpath build).
check="$stage/check"
mkdir -p "$check"
for a in dist/*.tar.gz dist/*.zip ${editor:+dist/*.tar.xz}; do
  d="$check/$(basename "$a")"
  mkdir -p "$d"
  case $a in *.zip) unzip -q "$a" -d "$d" ;; *) tar -xf "$a" -C "$d" ;; esac
done
n=0
while IFS= read -r bin; do
  for want in "$VERSION" "$COMMIT"; do
    grep -a -q -F -- "$want" "$bin" || { echo "release: $bin lacks the stamp $want"; exit 1; }
  done
  n=$((n + 1))
done < <(find "$check" -type f \( -name mapwright -o -name mapwright.exe -o -name mapwright-editor -o -name Mapwright.exe \))
[ "$n" -eq "$want_bins" ] || { echo "release: found $n stamped binaries, want $want_bins"; exit 1; }

# Run the command lines that can run here.
short=${COMMIT:0:12}
runs() { # runs LABEL COMMAND...
  local label=$1 out
  shift
  out=$("$@" version 2>/dev/null) || { echo "release: $label: mapwright version failed"; exit 1; }
  case $out in
  "mapwright $VERSION ($short"*) echo "release: $label says: $out" ;;
  *) echo "release: $label says \"$out\", want mapwright $VERSION ($short...)"; exit 1 ;;
  esac
}
runs linux/amd64 "$check/mapwright_${VERSION}_linux_amd64.tar.gz/mapwright_${VERSION}_linux_amd64/mapwright"
if command -v qemu-aarch64-static >/dev/null; then
  runs linux/arm64 qemu-aarch64-static "$check/mapwright_${VERSION}_linux_arm64.tar.gz/mapwright_${VERSION}_linux_arm64/mapwright"
fi
if scripts/wine.sh --check 2>/dev/null; then
  runs windows/amd64 scripts/wine.sh "$check/mapwright_${VERSION}_windows_amd64.zip/mapwright_${VERSION}_windows_amd64/mapwright.exe"
fi

(cd dist && sha256sum -- *.tar.gz *.zip ${editor:+*.tar.xz} >SHA256SUMS)
ls -l dist
echo "release: dist/ filled in $(($(date +%s) - start)) s"
