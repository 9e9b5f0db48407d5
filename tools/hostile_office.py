"""Office files built to walk around the guards, and what refusing each costs.

Each builder writes a small file that only becomes big when parsed: a sheet
stored under a name that does not end in ``.xml``, a Word body part renamed the
same way, one row holding hundreds of thousands of cells, a cell in the last
column Excel has.  ``measure`` reads each in a fresh process the way
``perfdesk check`` does and reports its time and peak memory beside a normal
form's.

    python tools/hostile_office.py

prints one line per file: status, seconds, MB above the normal form.  The tests
(tests/test_guard_walkarounds.py) build the same files.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_RNG = random.Random(14)  # numbers that do not compress away: the ratio guard must not be what stops them


def _workbook() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目名称"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _document() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("项目名称")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _rebuild(source: bytes, path: Path, rename: dict[str, str], body: dict[str, bytes]) -> Path:
    """Copy a zip, renaming members (and every mention of them) and replacing contents.

    A renamed member's old name stays in the zip too, holding its original small
    content, so a guard that only looks for the usual name finds it there."""
    with zipfile.ZipFile(io.BytesIO(source)) as zin, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            for old, new in rename.items():
                data = data.replace(old.encode(), new.encode())
                data = data.replace(old.rsplit("/", 1)[-1].encode(), new.rsplit("/", 1)[-1].encode())
            name = rename.get(info.filename, info.filename)
            zout.writestr(name, body.get(name, data))
            if name != info.filename:
                zout.writestr(info.filename, zin.read(info.filename))
    return path


_SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_END = b"</sheetData></worksheet>"


def sheet_not_named_xml(path: Path, rows: int = 1_000_000) -> Path:
    data = _SHEET + b"".join(b'<row r="%d"/>' % r for r in range(1, rows + 1)) + _SHEET_END
    sheet = "xl/worksheets/sheet1.dat"
    return _rebuild(_workbook(), path, {"xl/worksheets/sheet1.xml": sheet}, {sheet: data})


def body_not_named_xml(path: Path, rows: int = 100_000) -> Path:
    source = _document()
    with zipfile.ZipFile(io.BytesIO(source)) as zf:
        xml = zf.read("word/document.xml")
    row = b"<w:tr><w:tc><w:p><w:r><w:t>%d</w:t></w:r></w:p></w:tc></w:tr>"
    table = b"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + b"".join(
        row % _RNG.getrandbits(40) for _ in range(rows)) + b"</w:tbl>"
    xml = re.sub(rb"(<w:body>)", lambda m: m.group(1) + table, xml, count=1)
    part = "word/document.dat"
    return _rebuild(source, path, {"word/document.xml": part}, {part: xml})


def cells_in_one_row(path: Path, cells: int = 199_999) -> Path:
    data = _SHEET + b"<row>" + b"".join(
        b"<c><v>%d</v></c>" % _RNG.getrandbits(40) for _ in range(cells)) + b"</row>" + _SHEET_END
    return _rebuild(_workbook(), path, {}, {"xl/worksheets/sheet1.xml": data})


def last_column(path: Path, rows: int = 1) -> Path:
    cells = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c><c r="XFD%d"><v>1</v></c></row>'
                     % (r, r, r) for r in range(1, rows + 1))
    return _rebuild(_workbook(), path, {}, {"xl/worksheets/sheet1.xml": _SHEET + cells + _SHEET_END})


def every_column(path: Path) -> Path:
    from openpyxl.utils import get_column_letter

    cells = b"".join(b'<c r="%s1"><v>%d</v></c>' % (get_column_letter(c).encode(), _RNG.getrandbits(40))
                     for c in range(1, 16_385))
    data = _SHEET + b'<row r="1">' + cells + b"</row>" + _SHEET_END
    return _rebuild(_workbook(), path, {}, {"xl/worksheets/sheet1.xml": data})


def last_row(path: Path) -> Path:
    data = _SHEET + b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>' + _SHEET_END
    return _rebuild(_workbook(), path, {}, {"xl/worksheets/sheet1.xml": data})


HOSTILE = {
    "sheet_not_named_xml.xlsx": sheet_not_named_xml,
    "body_not_named_xml.docx": body_not_named_xml,
    "cells_in_one_row.xlsx": cells_in_one_row,
    "every_column.xlsx": every_column,
    "last_column.xlsx": last_column,
    "last_row.xlsx": last_row,
}

_PROBE = """
import sys, time
from perfdesk import cli
t = time.perf_counter()
status = cli.main(["check", sys.argv[1]])
seconds = time.perf_counter() - t
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
sys.stderr.write("FIGURES %d %.2f %.0f\\n" % (status, seconds, int(hwm) / 1024))
"""


def measure(path: Path) -> tuple[int, float, float]:
    """``perfdesk check path`` in a fresh process: status, seconds, peak MB, what it said."""
    done = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    line = [x for x in done.stderr.splitlines() if x.startswith("FIGURES")][-1]
    status, seconds, mb = line.split()[1:]
    said = next((x.strip() for x in done.stdout.splitlines() if "无法读取" in x), done.stdout[-200:])
    return int(status), float(seconds), float(mb), said


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        normal = Path(tmp) / "normal.xlsx"
        from perfdesk import excel, storage

        excel.export_file(storage.load(ROOT / "resources/demo/demo-2020.perfdesk"), normal)
        _, base_s, base_mb, _ = measure(normal)
        print(f"normal form: {base_s:.2f} s, {base_mb:.0f} MB")
        worst = 0
        for name, build in HOSTILE.items():
            path = build(Path(tmp) / name)
            status, seconds, mb, said = measure(path)
            print(f"{name}: status {status}, {seconds:.2f} s, +{mb - base_mb:.0f} MB: {said}")
            worst |= status != 2 or seconds > 2 or mb - base_mb > 200
    return int(worst)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
