"""Does each EXE carry the icon ICO as its first icon group (what Explorer shows)?

    python exe_icon.py ICO EXE...

Run by build/windows_smoke.sh with the Windows Python, whose PyInstaller brought pefile.
An image matches when its width, height and pixel bytes are the .ico's (NSIS may drop or
reorder sizes, so each size the EXE has is compared with the .ico's image of that size).
Prints one line per EXE; exit 1 if any does not carry the icon.
"""

import struct
import sys

import pefile


def ico_images(path: str) -> dict[tuple[int, int], bytes]:
    data = open(path, "rb").read()
    _, kind, count = struct.unpack_from("<HHH", data)
    assert kind == 1, f"{path}: not an icon file"
    images = {}
    for i in range(count):
        w, h, _, _, _, _, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        images[(w or 256, h or 256)] = data[offset:offset + size]
    return images


def exe_images(path: str) -> dict[tuple[int, int], bytes]:
    pe = pefile.PE(path)
    groups = icons = None
    for entry in pe.DIRECTORY_ENTRY_RESOURCE.entries:
        if entry.id == pefile.RESOURCE_TYPE["RT_GROUP_ICON"]:
            groups = entry
        elif entry.id == pefile.RESOURCE_TYPE["RT_ICON"]:
            icons = entry
    if groups is None or icons is None:
        return {}

    def payload(entry) -> bytes:
        lang = entry.directory.entries[0].data.struct
        return pe.get_data(lang.OffsetToData, lang.Size)

    by_id = {e.id: payload(e) for e in icons.directory.entries}
    group = payload(groups.directory.entries[0])
    _, _, count = struct.unpack_from("<HHH", group)
    images = {}
    for i in range(count):
        w, h, *_, icon_id = struct.unpack_from("<BBBBHHIH", group, 6 + 14 * i)
        images[(w or 256, h or 256)] = by_id.get(icon_id, b"")
    return images


def main(ico: str, exes: list[str]) -> int:
    want = ico_images(ico)
    missing = 0
    for exe in exes:
        have = exe_images(exe)
        same = sorted(s for s, b in have.items() if want.get(s) == b)
        if same and len(same) == len(have):
            sizes = " ".join(str(w) for w, _ in same)
            print(f"{exe}: perfdesk's icon, {len(same)} sizes ({sizes})")
        else:
            missing += 1
            print(f"{exe}: not perfdesk's icon (has {sorted(have)}, matching {same})")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
