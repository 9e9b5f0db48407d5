#!/usr/bin/env bash
# Smoke test of the .deb (run by `make deb-smoke` after `make deb`, as root): installs it with
# dpkg -i, runs check and the window from /usr/bin, opens a file through the .perfdesk
# association (gio open, under Xvfb, with a screenshot), then removes the package again.
# Prints one PASS/FAIL line per check and "deb smoke: N passed, N failed"; exit 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
deb=$(ls dist/perfdesk_*.deb 2>/dev/null | tail -1)
[ -n "$deb" ] || { echo "找不到 dist/perfdesk_*.deb：请先运行 make deb" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "deb smoke test installs a package: run it as root" >&2; exit 2; }

passed=0 failed=0
ok()  { passed=$((passed + 1)); echo "PASS  $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }

bash build/system-deps.sh window
tools=(desktop-file-utils shared-mime-info libglib2.0-bin x11-utils xvfb xauth imagemagick)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null || { echo "apt-get install ${missing[*]} failed" >&2; exit 2; }
fi

echo "$deb: $(stat -c %s "$deb") bytes"
dpkg -i "$deb" >/dev/null && [ -x /opt/perfdesk/perfdesk ] && ok "dpkg -i $deb" \
  || { bad "dpkg -i $deb"; echo "deb smoke: $passed passed, $failed failed"; exit 1; }

tmp=$(mktemp -d)
home="$tmp/用户 目录"; docs="$home/我的 文档"; mkdir -p "$docs"
demo="$docs/人社局 2020.perfdesk"
cp /opt/perfdesk/_internal/resources/demo/demo-2020.perfdesk "$demo"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share"
unset XDG_DATA_DIRS XDG_CURRENT_DESKTOP
before=$(find /opt/perfdesk | LC_ALL=C sort | md5sum)

(cd / && perfdesk-cli check --json "$demo" > "$tmp/check.json"); rc=$?
forms=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['files'][0]['forms']))" \
        "$tmp/check.json" 2>/dev/null)
[ $rc = 1 ] && [ "$forms" = 22 ] && ok "perfdesk-cli check --json: 22 forms, exit 1" \
                                 || bad "perfdesk-cli check --json: exit $rc, forms=$forms"

said=$(QT_QPA_PLATFORM=offscreen perfdesk "$demo" --quit-after 500 2>"$tmp/gui.err"); rc=$?
[ $rc = 0 ] && [[ "$said" == *窗口已打开*22\ 张表* ]] && ok "perfdesk (offscreen): $said" \
  || bad "perfdesk (offscreen): exit $rc; $said $(tail -1 "$tmp/gui.err")"

desktop-file-validate /usr/share/applications/perfdesk.desktop \
  && [ -f /usr/share/icons/hicolor/256x256/apps/perfdesk.png ] && ok "desktop entry is valid, its icon installed" \
  || bad "desktop-file-validate perfdesk.desktop"
# As the file managers of UOS (DDE) and Kylin (UKUI) see it: GIO, shared-mime-info, mimeinfo.cache.
content_type() { gio info -a standard::content-type "$1" 2>/dev/null | sed -n 's/.*content-type: //p'; }
type=$(content_type "$demo")
[ "$type" = application/x-perfdesk ] && ok "a .perfdesk file is $type" || bad "a .perfdesk file is '$type'"
default=$(gio mime application/x-perfdesk 2>/dev/null | sed -n 's/^Default application.*: //p')
[ "$default" = perfdesk.desktop ] && ok "application/x-perfdesk opens with $default" \
  || bad "application/x-perfdesk opens with '$default'"

# A double click: `gio open` looks up the association and runs the desktop entry's Exec.
display=90; while [ -e "/tmp/.X11-unix/X$display" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=":$display"
sleep 2
gio open "$demo" 2>"$tmp/open.err"
win=""
for _ in $(seq 30); do
  sleep 1
  win=$(xwininfo -root -tree 2>/dev/null | grep '"人社局 2020' | head -1)
  [ -n "$win" ] && break
done
sleep 3
import -window root "$tmp/window.png" 2>/dev/null
title=$(grep -o '"[^"]*"' <<<"$win" | head -1)
[ -n "$win" ] && ok "gio open showed the window $title (screenshot dist/deb-window.png)" \
  || bad "gio open did not show a perfdesk window; $(tail -1 "$tmp/open.err")"
cp "$tmp/window.png" dist/deb-window.png 2>/dev/null
pid=$(xprop -id "$(awk '{print $1}' <<<"$win")" _NET_WM_PID 2>/dev/null | grep -o '[0-9]*$')
[ -n "$pid" ] && kill "$pid" 2>/dev/null
kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null
unset DISPLAY

[ "$(find /opt/perfdesk | LC_ALL=C sort | md5sum)" = "$before" ] && ok "/opt/perfdesk was not written to" \
  || bad "files appeared in /opt/perfdesk"

dpkg -r perfdesk >/dev/null
[ ! -e /opt/perfdesk ] && [ ! -e /usr/bin/perfdesk ] && [ ! -e /usr/share/applications/perfdesk.desktop ] \
  && [ ! -e /usr/share/icons/hicolor/256x256/apps/perfdesk.png ] \
  && [ "$(content_type "$demo")" != application/x-perfdesk ] \
  && ok "dpkg -r removed the folder, the links, the menu entry and the association" \
  || bad "dpkg -r left files behind"
rm -rf "$tmp"

echo "deb smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
