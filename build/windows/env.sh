# Sourced by build/windows.sh and build/windows_smoke.sh: where things are and how a Windows
# program runs here (Wine 8 from Debian 12, a 64-bit prefix, a Chinese Windows locale).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK="$ROOT/build/work/windows"          # prefix, downloads, PyInstaller work files, logs
DIST="$ROOT/dist-windows"                 # what `make windows` delivers: dist-windows/perfdesk/
export WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="  # no Mono/Gecko download prompts
# Wine takes its ANSI code page from the Unix locale: zh_CN.UTF-8 gives code page 936 (GBK), as
# on a Chinese clerk's PC, and UTF-8 command lines.  Compiled into WORK, not system-wide.
export LOCPATH="$WORK/locale"
C="$WINEPREFIX/drive_c"
PYW='C:\Python311\python.exe'
# The host's pip, which downloads and installs into the Windows Python's folders: the one in
# the checkout's .venv (made by `make`), not whichever `pip` is first on PATH.
HOSTPIP=("${HOST_PY:-$ROOT/.venv/bin/python}" -m pip)

passed=0 failed=0
ok()   { passed=$((passed + 1)); echo "PASS  $*"; }
bad()  { failed=$((failed + 1)); echo "FAIL  $*"; }
step() { echo; echo "== $*"; }
die()  { echo "ERROR: $*" >&2; exit 2; }

# need_debian PACKAGE...: install what is missing (as root), or say what to install.
need_debian() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "needs: sudo apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null || die "apt-get install ${missing[*]} failed"
}

# logged NAME COMMAND...: run a Linux command with its output in WORK/NAME.log, shown if it fails.
logged() {
  local log="$WORK/$1.log"; shift
  "$@" > "$log" 2>&1 || { grep -v '^WARNING: Location' "$log" | tail -20; die "failed: $*"; }
}

# A virtual screen for Wine (its windows, and the screenshot of perfdesk's).
start_screen() {
  local n=77
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$n"
  trap 'wineserver -k 2>/dev/null || true; kill "$XVFB_PID" 2>/dev/null || true' EXIT
  sleep 2
}

# win OUT ERR PROGRAM ARGS...: run a Windows program with a Chinese Windows locale.
# Wine 8 hands a program an invalid handle for a stdout/stderr redirected to a regular Unix
# file (Python then dies in init_sys_streams), so both go through pipes; stdin is /dev/null.
win() {
  local out=$1 err=$2; shift 2
  # The Windows Python's .pyc files go to the prefix, never beside the checkout's sources (set
  # for Windows programs only: a Linux Python would take C:\pycache for a relative folder).
  PYTHONPYCACHEPREFIX=${WIN_PYCACHE-'C:\pycache'} LC_ALL=${WIN_LOCALE:-zh_CN.UTF-8} \
    wine "$@" < /dev/null 2> >(cat > "$err") | cat > "$out"
  local rc=${PIPESTATUS[0]}; sleep 0.5; return "$rc"
}

# wpath UNIX_PATH: the same file as a Windows program sees it (Z:\… or C:\…).
wpath() { winepath -w "$1" 2>/dev/null; }
