#!/bin/sh
# Installs the Mapwright editor from this folder (the Linux bundle of `make package` and
# `make release`): the program, its icon, its entry in the applications menu, and the file type of
# .owm maps (text/x-owm), opened by Mapwright when you double-click one in a file manager.
#
#   ./install.sh                        for you alone: ~/.local/bin and ~/.local/share (no root)
#   sudo ./install.sh --system          for everyone: /usr/local/bin and /usr/local/share
#   ./install.sh --uninstall [--system] removes what the same command installed
#   PREFIX=/opt/mapwright ./install.sh --system   another prefix
#
# Needs: install(1); update-mime-database (shared-mime-info) for the file type; xdg-mime
# (xdg-utils) to make Mapwright the default for .owm files; update-desktop-database
# (desktop-file-utils) is used when present. Each missing tool is named at the end.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
id=io.mapwright.editor
mode=install
scope=user
for arg; do
	case $arg in
	--system) scope=system ;;
	--uninstall) mode=uninstall ;;
	-h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "install.sh: unknown argument $arg (see --help)" >&2; exit 2 ;;
	esac
done
if [ -n "${PREFIX:-}" ]; then
	bindir=$PREFIX/bin datadir=$PREFIX/share
elif [ $scope = system ]; then
	bindir=/usr/local/bin datadir=/usr/local/share
else
	bindir=$HOME/.local/bin datadir=${XDG_DATA_HOME:-$HOME/.local/share}
fi
exe=$bindir/mapwright-editor
desktop=$datadir/applications/$id.desktop
icon=$datadir/icons/hicolor/512x512/apps/$id.png
mimexml=$datadir/mime/packages/$id.xml
missing=

# refresh updates the caches that desktops read: the MIME database (which file is a map), the
# applications' MIME cache (who opens it) and the icon theme cache.
refresh() {
	if command -v update-mime-database >/dev/null; then
		update-mime-database "$datadir/mime"
	else
		missing="$missing update-mime-database(shared-mime-info)"
	fi
	if command -v update-desktop-database >/dev/null; then
		update-desktop-database -q "$datadir/applications" || true
	fi
	if command -v gtk-update-icon-cache >/dev/null && [ -f "$datadir/icons/hicolor/index.theme" ]; then
		gtk-update-icon-cache -q -t "$datadir/icons/hicolor" || true
	fi
}

if [ $mode = uninstall ]; then
	rm -f "$exe" "$desktop" "$icon" "$mimexml"
	[ -d "$datadir/mime" ] && refresh
	echo "Mapwright removed from $bindir and $datadir"
	exit 0
fi

src=$here/usr/local
for f in bin/mapwright-editor share/applications/$id.desktop share/pixmaps/$id.png share/mime/packages/$id.xml; do
	[ -f "$src/$f" ] || { echo "install.sh: $src/$f is missing: run this from the unpacked bundle" >&2; exit 1; }
done
install -Dm755 "$src/bin/mapwright-editor" "$exe"
install -Dm644 "$src/share/pixmaps/$id.png" "$icon"
install -Dm644 "$src/share/mime/packages/$id.xml" "$mimexml"
# The menu entry starts the program by its full path: ~/.local/bin is not on every PATH.
mkdir -p "$(dirname "$desktop")"
quoted=$(printf '%s' "$exe" | sed 's/[\\"`$]/\\\\&/g')
sed "s|^Exec=mapwright-editor|Exec=\"$quoted\"|" "$src/share/applications/$id.desktop" >"$desktop"
chmod 644 "$desktop"
refresh
if [ $scope = user ] && [ -z "${PREFIX:-}" ]; then
	if command -v xdg-mime >/dev/null; then
		xdg-mime default "$id.desktop" text/x-owm
	else
		missing="$missing xdg-mime(xdg-utils)"
	fi
fi
echo "Mapwright installed: $exe, with its menu entry, icon and the .owm file type (text/x-owm)"
if [ -n "$missing" ]; then
	echo "install.sh: not found:$missing; install them and run this again so that a double-click on a .owm file opens Mapwright" >&2
fi
