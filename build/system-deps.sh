#!/usr/bin/env bash
# Debian packages perfdesk needs beside its Python packages:
#   build/system-deps.sh          what the tests need (Qt offscreen, poppler for reading PDFs back)
#   build/system-deps.sh window   also what a real window needs (Qt's xcb platform)
# Installs them when run as root with apt-get; otherwise says what is missing.
set -euo pipefail

packages=(python3 python3-venv python3-pip make libgl1 libegl1 libxkbcommon0 libfontconfig1
          libdbus-1-3 libglib2.0-0 poppler-utils)
if [ "${1:-}" = window ]; then
  packages+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
             libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 libxkbcommon-x11-0)
fi

command -v dpkg-query >/dev/null || exit 0   # not Debian: nothing to check here
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "perfdesk needs these Debian packages: sudo apt-get install ${missing[*]}" >&2
fi
