#!/usr/bin/env bash
# Smoke test of the Windows folder dist-windows/perfdesk under Wine (run by `make windows-smoke`
# after `make windows`), as on a clerk's PC: the folder in C:\绩效 工具\perfdesk, the data in
# C:\用户 目录\我的 文档, a Chinese Windows (code page 936) unless said otherwise.
#   perfdesk-cli.exe check (text and --json, UTF-8 through a pipe, on code pages 936 and 1252,
#   a project named with a character outside GBK), pdf (fonts embedded: the bundled one, and
#   %WINDIR%\Fonts\simsun.ttc when present), the window offscreen and on Wine's real Windows
#   platform under Xvfb with a screenshot (dist-windows/window.png), nothing written into the
#   app folder, the installer perfdesk-setup.exe installed (perfdesk's icon on every .exe), used
#   through the .perfdesk association and uninstalled silently, and the project's test suite
#   under the Windows Python.
# Prints one PASS/FAIL line per check and "windows smoke: N passed, N failed"; exit 1 if any failed.
set -uo pipefail
source "$(dirname "$0")/windows/env.sh"
LINUX_PY=${PY:-$ROOT/.venv/bin/python}   # writes the test file with the rare character
[ -f "$DIST/perfdesk/perfdesk-cli.exe" ] && [ -f "$C/Python311/python.exe" ] \
  || die "找不到 dist-windows/perfdesk 或 Wine 前缀：请先运行 make windows"
need_debian xvfb xauth imagemagick poppler-utils fonts-droid-fallback x11-utils
t0=$SECONDS
start_screen
S="$WORK/smoke"; rm -rf "$S"; mkdir -p "$S"
utf8() { tr -d "\r" < "$1" | iconv -f utf-8 -t utf-8 -c; }

APP="$C/绩效 工具/perfdesk"; APP_W='C:\绩效 工具\perfdesk'
DOCS="$C/用户 目录/我的 文档"; DOCS_W='C:\用户 目录\我的 文档'
rm -rf "$C/绩效 工具" "$C/用户 目录"; mkdir -p "${APP%/*}" "$DOCS"
cp -a "$DIST/perfdesk" "$APP"
cp "$ROOT/resources/demo/demo-2020.perfdesk" "$DOCS/人社局 2020.perfdesk"
DEMO_W="$DOCS_W\\人社局 2020.perfdesk"
CLI="$APP_W\\perfdesk-cli.exe"; GUI="$APP_W\\perfdesk.exe"
find "$APP" | LC_ALL=C sort > "$S/listing.before"

step "perfdesk-cli.exe check"
for loc in zh_CN.UTF-8 C.UTF-8; do
  WIN_LOCALE=$loc win "$S/cp.out" "$S/cp.err" "$PYW" -c "import locale; print(locale.getencoding())"
  echo "   LC_ALL=$loc: the Windows ANSI code page is $(utf8 "$S/cp.out")"
done
win "$S/json.out" "$S/json.err" "$CLI" check --json "$DEMO_W"; rc=$?
forms=$(python3 -c "import json,sys; print(len(json.loads(open(sys.argv[1],'rb').read().decode('utf-8'))['files'][0]['forms']))" \
        "$S/json.out" 2>/dev/null)
[ $rc = 1 ] && [ "$forms" = 22 ] && ok "check --json through a pipe: UTF-8 JSON, 22 forms, exit 1" \
  || bad "check --json: exit $rc, forms=$forms; $(tail -1 "$S/json.err")"
for loc in zh_CN.UTF-8 C.UTF-8; do
  WIN_LOCALE=$loc win "$S/text.out" "$S/text.err" "$CLI" check "$DEMO_W"; rc=$?
  n=$(iconv -f utf-8 -t utf-8 "$S/text.out" 2>/dev/null | grep -c '校验码')
  [ $rc = 1 ] && [ "$n" = 22 ] && ! grep -q Traceback "$S/text.err" \
    && ok "check through a pipe with LC_ALL=$loc: UTF-8 report of 22 forms, exit 1" \
    || bad "check with LC_ALL=$loc: exit $rc, $n forms; $(grep -a Error "$S/text.err" | head -1)"
done
(cd "$ROOT" && "$LINUX_PY" - "$DOCS/生僻字.perfdesk" <<'EOF'
import sys
from perfdesk import storage
d = storage.load("resources/demo/demo-2020.perfdesk")
d.forms[0].project = "𠮷字测试项目"   # U+20BB7: in GB18030, not in GBK (code page 936)
storage.save(d, sys.argv[1])
EOF
) || die "$LINUX_PY could not write the test file (run make test first for .venv)"
win "$S/rare.out" "$S/rare.err" "$CLI" check "$DOCS_W\\生僻字.perfdesk"; rc=$?
[ $rc = 1 ] && grep -q '𠮷字测试项目' "$S/rare.out" && ! grep -q Traceback "$S/rare.err" \
  && ok "check, a project named 𠮷字测试项目 on code page 936: written as UTF-8, exit 1" \
  || bad "check, project named 𠮷…: exit $rc; $(grep -a Error "$S/rare.err" | head -1)"

step "perfdesk-cli.exe pdf"
win "$S/pdf.out" "$S/pdf.err" "$CLI" pdf "$DEMO_W" -o "$DOCS_W\\打印 稿.pdf"; rc=$?
pdf="$DOCS/打印 稿.pdf"
fonts=$(pdffonts "$pdf" 2>/dev/null | tail -n +3)
[ $rc = 0 ] && [ -n "$fonts" ] && ! awk '$(NF-4) != "yes"' <<<"$fonts" | grep -q . \
  && grep -q WenQuanYi <<<"$fonts" \
  && ok "pdf: $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p') pages, $(stat -c %s "$pdf") bytes, bundled font embedded: $(awk '{print $1}' <<<"$fonts" | sort -u | tr '\n' ' ')" \
  || bad "pdf: exit $rc; fonts: $fonts; $(tail -1 "$S/pdf.err")"
fallback=$(dpkg -L fonts-droid-fallback | grep "/DroidSansFallbackFull.ttf$" | head -1)
cp "$fallback" "$C/windows/Fonts/simsun.ttc"   # a TrueType stand-in for SimSun
win "$S/simsun.out" "$S/simsun.err" "$CLI" pdf "$DEMO_W" -o "$DOCS_W\\宋体.pdf" --project 就业专项资金
pdffonts "$DOCS/宋体.pdf" 2>/dev/null | grep DroidSansFallback | grep -q " yes " \
  && ok "pdf with %WINDIR%\\Fonts\\simsun.ttc present: that font is embedded" \
  || bad "pdf: simsun.ttc was not used; $(tail -1 "$S/simsun.err")"
rm "$C/windows/Fonts/simsun.ttc"

step "perfdesk.exe (the window)"
QT_QPA_PLATFORM=offscreen win "$S/gui.out" "$S/gui.err" "$GUI" "$DEMO_W" --quit-after 500; rc=$?
said=$(utf8 "$S/gui.out")
[ $rc = 0 ] && [[ "$said" == *窗口已打开*22\ 张表* ]] && ok "perfdesk.exe offscreen: $said" \
  || bad "perfdesk.exe offscreen: exit $rc; $said $(tail -1 "$S/gui.err")"
( win "$S/shot.out" "$S/shot.err" "$GUI" "$DEMO_W" --quit-after 8000 ) &
shown=$!
title=""
for _ in $(seq 60); do
  sleep 1
  title=$(xwininfo -root -tree 2>/dev/null | grep -o '"人社局 2020[^"]*"' | head -1)
  [ -n "$title" ] && break
done
sleep 3
import -window root "$DIST/window.png" 2>/dev/null
wait "$shown"; rc=$?
colours=$(convert "$DIST/window.png" -format %k info: 2>/dev/null || echo 0)
[ $rc = 0 ] && [ -n "$title" ] && [ "$colours" -gt 100 ] \
  && ok "window on qwindows under Xvfb: $title, screenshot dist-windows/window.png ($colours colours)" \
  || bad "window under Xvfb: exit $rc, title '$title', $colours colours; $(tail -1 "$S/shot.err")"

find "$APP" | LC_ALL=C sort > "$S/listing.after"
cmp -s "$S/listing.before" "$S/listing.after" && ok "nothing was written into the app folder" \
  || bad "files appeared in the app folder: $(comm -13 "$S/listing.before" "$S/listing.after" | head -3)"
echo "   commands and window: $((SECONDS - t0)) s"

step "installer perfdesk-setup.exe (silent, per user)"
t2=$SECONDS
USERDIR="$C/users/$(whoami)"
INST="$USERDIR/AppData/Local/Programs/perfdesk"
LNK="$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/绩效自评表.lnk"
regval() {   # regval KEY NAME: a value under HKEY_CURRENT_USER, as reg.exe prints it
  local which=(/ve); [ -n "${2:-}" ] && which=(/v "$2")
  win "$S/reg.out" "$S/reg.err" reg query "HKCU\\$1" "${which[@]}" || return 1
  utf8 "$S/reg.out" | sed -n 's/^ *[^ ].*REG_[A-Z_]* *//p' | head -1
}
rm -rf "$INST"
cp "$DIST/perfdesk-setup.exe" "$DOCS/perfdesk-setup.exe"
win "$S/setup.out" "$S/setup.err" "$DOCS_W\\perfdesk-setup.exe" /S; rc=$?
extra=$(diff -rq "$DIST/perfdesk" "$INST" 2>&1 | grep -v "^Only in $INST: uninstall.exe$")
[ $rc = 0 ] && [ -f "$INST/uninstall.exe" ] && [ -z "$extra" ] \
  && ok "perfdesk-setup.exe /S as a user: dist-windows/perfdesk in %LOCALAPPDATA%\\Programs\\perfdesk" \
  || bad "perfdesk-setup.exe /S: exit $rc; $(head -2 <<<"$extra")"
[ -f "$LNK" ] && ok "Start-menu entry 绩效自评表.lnk" || bad "no Start-menu entry at $LNK"
exes=()
for f in "$INST"/{perfdesk,perfdesk-cli,uninstall}.exe "$DOCS/perfdesk-setup.exe"; do exes+=("$(wpath "$f")"); done
win "$S/icon.out" "$S/icon.err" "$PYW" "$(wpath "$ROOT/build/windows/exe_icon.py")" \
  "$(wpath "$ROOT/resources/icons/perfdesk.ico")" "${exes[@]}"; rc=$?
[ $rc = 0 ] && ok "perfdesk's icon on perfdesk.exe, perfdesk-cli.exe, uninstall.exe," \
     "perfdesk-setup.exe ($(utf8 "$S/icon.out" | sed -n '1s/.*icon, //p'))" \
  || bad "icons: $(utf8 "$S/icon.out" | grep 'not perfdesk' | head -2) $(tail -1 "$S/icon.err")"
command=$(regval 'Software\Classes\perfdesk.file\shell\open\command')
[ "$(regval 'Software\Classes\.perfdesk')" = perfdesk.file ] && [[ "$command" == *perfdesk.exe*%1* ]] \
  && ok "HKCU .perfdesk -> perfdesk.file -> $command" || bad ".perfdesk association: '$command'"
quiet=$(regval 'Software\Microsoft\Windows\CurrentVersion\Uninstall\perfdesk' QuietUninstallString)
[[ "$quiet" == *uninstall.exe*/S* ]] && ok "listed for uninstalling: $quiet" || bad "no uninstall entry"

# A double click runs the registered open command with %1 the file.  Wine 8's ShellExecute
# (`start FILE`) does not read HKCU\Software\Classes, so the command is run as it would.
opener=$(sed -n 's/^"\([^"]*\)" "%1"$/\1/p' <<<"$command")
QT_QPA_PLATFORM=offscreen win "$S/open.out" "$S/open.err" "$opener" "$DEMO_W" --quit-after 500; rc=$?
said=$(utf8 "$S/open.out")
[ $rc = 0 ] && [[ "$said" == *窗口已打开：人社局\ 2020.perfdesk，22\ 张表* ]] \
  && ok "the association's command opened the file: $said" \
  || bad "the association's command '$opener': exit $rc; $said $(tail -1 "$S/open.err")"

win "$S/un.out" "$S/un.err" "$(wpath "$INST")\\uninstall.exe" /S; rc=$?
for _ in $(seq 60); do [ -e "$INST" ] || break; sleep 1; done   # it runs from a copy in %TEMP%
[ $rc = 0 ] && [ ! -e "$INST" ] && [ ! -e "$LNK" ] && ! regval 'Software\Classes\.perfdesk' >/dev/null \
  && ! regval 'Software\Classes\perfdesk.file' >/dev/null \
  && ! regval 'Software\Microsoft\Windows\CurrentVersion\Uninstall\perfdesk' >/dev/null \
  && ok "uninstall.exe /S removed the folder, the Start-menu entry, the association and its entry" \
  || bad "uninstall.exe /S: exit $rc; left: $(ls "$INST" 2>/dev/null | head -3) $([ -e "$LNK" ] && echo lnk)"
echo "   installer: $((SECONDS - t2)) s"

step "test suite under the Windows Python (offscreen Qt)"
t1=$SECONDS
WINPIP=(--platform win_amd64 --python-version 3.11 --implementation cp --only-binary=:all:
        --no-deps --require-hashes)
logged pip-test-download "${HOSTPIP[@]}" download -q "${WINPIP[@]}" -d "$WORK/dl/wheels" \
  -r "$ROOT/build/windows/requirements-test.txt"
rm -rf "$WORK/testsite"
logged pip-test-install "${HOSTPIP[@]}" install -q --no-index --find-links "$WORK/dl/wheels" "${WINPIP[@]}" \
  --target "$WORK/testsite" -r "$ROOT/build/windows/requirements-test.txt"
# No .pyc of the tests at all: none beside the sources, none of pytest's rewritten ones.
# pytest's own report in UTF-8 (the tests themselves run on code page 936); -q comes from
# pyproject.toml (a second -q would drop the "N passed" line).
(cd "$ROOT" && export WIN_PYCACHE= PYTHONDONTWRITEBYTECODE=1 PYTHONIOENCODING=utf-8 \
   PYTHONPATH="$(wpath "$WORK/testsite")" QT_QPA_PLATFORM=offscreen \
   && win "$S/pytest.out" "$S/pytest.err" "$PYW" -m pytest -p no:cacheprovider -rfE)
rc=$?
utf8 "$S/pytest.out" | grep -E '^(FAILED|ERROR) ' | head -15 | sed 's/^/   /'
summary=$(utf8 "$S/pytest.out" | grep -E '[0-9]+ (passed|failed)' | tail -1)
[ $rc = 0 ] && ok "pytest under the Windows Python: $summary ($((SECONDS - t1)) s)" \
  || bad "pytest under the Windows Python: exit $rc, $summary $(tail -1 "$S/pytest.err")"

echo
echo "windows smoke: $passed passed, $failed failed ($((SECONDS - t0)) s)"
[ "$failed" = 0 ]
