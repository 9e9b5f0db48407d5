#!/usr/bin/env bash
# Package the Linux folder dist/perfdesk as a .deb (统信 UOS, 麒麟 Kylin, Debian, Ubuntu):
#   /opt/perfdesk/                       the folder, unchanged
#   /usr/bin/perfdesk, perfdesk-cli      links to the window and the command line
#   /usr/share/applications/perfdesk.desktop, /usr/share/mime/packages/perfdesk.xml
#                                        the menu entry and the .perfdesk association
#   /usr/share/icons/hicolor/256x256/apps/perfdesk.png   the menu entry's icon
# The menu and MIME caches are refreshed by the dpkg triggers of desktop-file-utils and
# shared-mime-info, so the package needs no maintainer scripts.
# Writes dist/perfdesk_VERSION_ARCH.deb and prints its path.  Run after `make dist`.
set -euo pipefail
cd "$(dirname "$0")/.."
APP=dist/perfdesk
[ -x "$APP/perfdesk" ] || { echo "找不到 $APP/perfdesk：请先运行 make dist" >&2; exit 2; }

version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
arch=$(dpkg --print-architecture)
# The folder carries its own libraries but runs on the system's C library: the newest glibc
# symbol any of its files uses is the oldest glibc it can start on; dpkg refuses older ones.
glibc=$(find "$APP" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
        | xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*[0-9]' | sed 's/GLIBC_//' \
        | sort -uV | tail -1)
# What the folder does not carry: OpenGL/EGL, X11 keyboard and xcb libraries, fontconfig,
# D-Bus and GLib (the same list build/system-deps.sh installs for a window).
depends="libc6 (>= $glibc), libgl1, libegl1, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1,
 libdbus-1-3, libglib2.0-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0,
 libxcb-render-util0, libxcb-shape0, libxcb-xinerama0, libxcb-xkb1, libxcb-randr0"

root=build/work/deb/root
rm -rf build/work/deb && mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" \
  "$root/usr/share/applications" "$root/usr/share/mime/packages" "$root/usr/share/doc/perfdesk" \
  "$root/usr/share/icons/hicolor/256x256/apps"
cp -a "$APP" "$root/opt/perfdesk"
ln -s /opt/perfdesk/perfdesk "$root/usr/bin/perfdesk"
ln -s /opt/perfdesk/perfdesk-cli "$root/usr/bin/perfdesk-cli"
install -m 644 build/linux/perfdesk.desktop "$root/usr/share/applications/perfdesk.desktop"
install -m 644 build/linux/perfdesk-mime.xml "$root/usr/share/mime/packages/perfdesk.xml"
install -m 644 resources/icons/perfdesk.png "$root/usr/share/icons/hicolor/256x256/apps/perfdesk.png"
install -m 644 resources/fonts/LICENSE-Apache-2.0.txt "$root/usr/share/doc/perfdesk/font-license.txt"

cat > "$root/DEBIAN/control" <<EOF
Package: perfdesk
Version: $version
Architecture: $arch
Maintainer: perfdesk maintainers <perfdesk@localhost>
Section: misc
Priority: optional
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $(tr -d '\n' <<<"$depends")
Recommends: shared-mime-info, desktop-file-utils
Description: 部门预算项目绩效自评表: fill in, compute and check
 perfdesk is the desktop tool for budget-project performance self-evaluation
 forms: it recomputes rates, scores and grades as the clerk types, points at
 every contradiction in Chinese, prints the forms and reads Excel/Word copies.
EOF

out="dist/perfdesk_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out"
