#!/bin/sh
# Tests the Linux installer (packaging/linux/install.sh) as `make user-install` runs it, in a
# scratch home: it stages a bundle laid out as dist/Mapwright.tar.xz is (with a stand-in for the
# editor, which is built by make package), installs it, and checks the program, icon, menu entry
# (desktop-file-validate), that a .owm file is of type text/x-owm and that Mapwright opens it
# (xdg-mime, and gio as file managers see it); then uninstalls and checks that all is gone.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mapwright-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "test-install: FAIL: $*"; exit 1; }
for tool in update-mime-database xdg-mime gio desktop-file-validate; do
	command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh)"
done

b=$tmp/bundle/Mapwright
u=$b/usr/local
install -Dm755 /dev/stdin "$u/bin/mapwright-editor" <<'STUB'
#!/bin/sh
echo "editor opened: $*"
STUB
install -Dm644 packaging/linux/io.mapwright.editor.desktop "$u/share/applications/io.mapwright.editor.desktop"
install -Dm644 ui/icon.png "$u/share/pixmaps/io.mapwright.editor.png"
install -Dm644 packaging/linux/io.mapwright.editor.xml "$u/share/mime/packages/io.mapwright.editor.xml"
install -m755 packaging/linux/install.sh "$b/install.sh"
install -m644 packaging/linux/Makefile "$b/Makefile"

home="$tmp/home"
mkdir -p "$home"
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config"
export XDG_DATA_DIRS="$XDG_DATA_HOME:/usr/share" XDG_CURRENT_DESKTOP=X-Generic
unset XDG_DATA_DIRS_OVERRIDE 2>/dev/null || true
(cd "$b" && make -s user-install) >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "make user-install failed"; }
grep -q 'not found' "$tmp/log" && { cat "$tmp/log"; fail "the installer lacked a tool"; }

data=$XDG_DATA_HOME
desktop=$data/applications/io.mapwright.editor.desktop
for f in "$home/.local/bin/mapwright-editor" "$desktop" "$data/icons/hicolor/512x512/apps/io.mapwright.editor.png" \
	"$data/mime/packages/io.mapwright.editor.xml"; do
	[ -f "$f" ] || fail "$f was not installed"
done
[ -x "$home/.local/bin/mapwright-editor" ] || fail "the program is not executable"
desktop-file-validate "$desktop" || fail "the menu entry is not valid"
grep -qx "Exec=\"$home/.local/bin/mapwright-editor\" %f" "$desktop" || fail "the menu entry does not start the installed program on a file: $(grep Exec "$desktop")"
grep -qx 'MimeType=text/x-owm;' "$desktop" || fail "the menu entry does not claim .owm maps"

printf 'title Tea\ncomponent Kettle [0.4, 0.3]\n' >"$tmp/tea.owm"
got=$(gio info -a standard::content-type "$tmp/tea.owm" | sed -n 's/.*standard::content-type: //p')
[ "$got" = text/x-owm ] || fail "a .owm file has the type \"$got\", want text/x-owm"
got=$(xdg-mime query default text/x-owm)
[ "$got" = io.mapwright.editor.desktop ] || fail "xdg-mime: the default for text/x-owm is \"$got\""
gio mime text/x-owm | grep -q 'Default application for .text/x-owm.: io.mapwright.editor.desktop' ||
	fail "gio: Mapwright is not the default for text/x-owm: $(gio mime text/x-owm)"
# What a double-click runs: the menu entry's command line with the file.
got=$(gio launch "$desktop" "$tmp/tea.owm" 2>&1; sleep 0.3) || true
echo "test-install: installed and registered; gio launch: ${got:-started}"

(cd "$b" && make -s user-uninstall) >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "make user-uninstall failed"; }
for f in "$home/.local/bin/mapwright-editor" "$desktop" "$data/mime/packages/io.mapwright.editor.xml"; do
	[ ! -e "$f" ] || fail "$f is still there after uninstalling"
done
got=$(gio info -a standard::content-type "$tmp/tea.owm" | sed -n 's/.*standard::content-type: //p')
[ "$got" != text/x-owm ] || fail "text/x-owm is still known after uninstalling"
echo "test-install: OK (install, text/x-owm, default application, uninstall)"
