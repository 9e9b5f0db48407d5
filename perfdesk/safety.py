"""Guards run on an Office file before any parser sees it.

A form arrives from another office by mail or USB stick; it may be damaged,
mislabelled or built to hurt.  ``check_office_file(path, kind)`` refuses,
with a Chinese ``PerfdeskError``, in bounded time and memory:

- a file that is not what its extension says (a PNG renamed ``.xlsx``, a
  Word file named ``.xlsx``, an Excel workbook named ``.docx``);
- an old binary Office file (``.xls``/``.doc``, OLE compound file): save it
  as ``.xlsx``/``.docx`` first;
- a password-protected workbook or document (an OLE file holding an
  ``EncryptionInfo`` stream: that is how Office stores an encrypted
  ``.xlsx``/``.docx``);
- a zip bomb: too many members, too much data once unpacked, or a member
  that unpacks to far more than it occupies;
- an XML entity bomb (or any DTD): OOXML parts never carry a ``<!DOCTYPE``,
  so any part holding one is refused before lxml/openpyxl parse it;
- a sheet or document far bigger than a form: too many rows or cells, or a
  merged range covering a huge area (openpyxl makes one object per merged cell).

Only the zip's central directory is trusted for sizes; Python's ``zipfile``
never returns more than a member's declared size, so the caps hold for the
parsers that read the file after this check.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

from .errors import PerfdeskError
from .file_errors import refusal, unreadable
from .office_parts import SheetShape, column_number, parsed_parts

MAX_FILE_BYTES = 50 * 1024 * 1024  # on disk
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all members together, unpacked
MAX_MEMBERS = 2000
MAX_RATIO = 200  # unpacked ÷ packed, for a member of more than RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 5000  # rows of one sheet / of all tables of a document
MAX_CELLS = 50_000  # cells of one sheet / of a document (a form: a few thousand)
MAX_MERGED_CELLS = 250_000  # cells covered by merged ranges, one sheet
MAX_COLUMN = 1000  # no cell, row or merged range past this column (nor past MAX_ROWS)

KINDS = {"xlsx": "Excel 工作簿（.xlsx）", "docx": "Word 文档（.docx）"}
_MAIN_PART = {"xlsx": "xl/workbook.xml", "docx": "word/document.xml"}
_SAVE_AS = {"xlsx": ".xlsx", "docx": ".docx"}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"BM", "BMP 图片"),
    (b"%PDF", "PDF 文件"),
    (b"SQLite format 3\x00", "数据库文件（可能是 perfdesk 文件）"),
    (b"{\\rtf", "RTF 文档"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
)

_DTD = (b"<!DOCTYPE", b"<!ENTITY")
_DTD_ALL = _DTD + tuple(m.decode().encode(enc) for m in _DTD for enc in ("utf-16-le", "utf-16-be"))
_OVERLAP = max(map(len, _DTD_ALL))
_CHUNK = 1024 * 1024

_TR = re.compile(rb"<w:tr[\s>/]")
_TC = re.compile(rb"<w:tc[\s>/]")
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})"')


def sniff(path: Path) -> str:
    """What the first bytes say the file is: "zip", "ole", a description, or ""."""
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<html", b"<!doctype html", b"<?xml", b"<table")):
        return "网页或 XML 文本（可能是另存为“网页”的表格）"
    return ""


def check_office_file(path: str | Path, kind: str) -> None:
    """Refuse ``path`` unless it is a sane, unencrypted ``kind`` ("xlsx"/"docx") file."""
    path = Path(path)
    name = path.name
    want = KINDS[kind]
    try:
        size = path.stat().st_size
    except FileNotFoundError as err:
        raise PerfdeskError(f"找不到文件：{path}") from err
    except OSError as err:
        raise unreadable(path, err) from err
    if path.is_dir():
        raise PerfdeskError(f"这是一个文件夹，不是{want}：{path}")
    if size == 0:
        raise PerfdeskError(f"文件是空的（0 字节）：{name}")
    if size > MAX_FILE_BYTES:
        raise PerfdeskError(
            f"文件太大（{size / 1024 / 1024:.1f} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB），"
            f"不像一份绩效自评表：{name}"
        )
    try:
        found = sniff(path)
    except OSError as err:
        raise unreadable(path, err) from err
    if found == "ole":
        _refuse_ole(path, kind)
    if found != "zip":
        what = f"内容是{found}" if found else "内容无法识别"
        raise PerfdeskError(f"不是{want}（{what}），无法导入：{name}")
    try:
        with zipfile.ZipFile(path) as zf:
            _check_members(zf, name, kind)
            _scan_parts(zf, name, kind)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, struct.error) as err:
        raise refusal(f"文件已损坏（压缩包无法读取），无法导入：{name}", path, err) from err
    except (OSError, RuntimeError, NotImplementedError) as err:
        raise refusal(f"文件已损坏或使用了不支持的压缩方式，无法导入：{name}", path, err) from err


def _refuse_ole(path: Path, kind: str) -> None:
    name = path.name
    data = _read_head(path, MAX_FILE_BYTES)
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        raise PerfdeskError(
            f"文件设有打开密码（已加密），无法导入：{name}。请在 Excel/WPS/Word 中打开，"
            "取消密码（文件→信息→保护→用密码进行加密，清空密码）并保存后再导入。"
        )
    if "WordDocument".encode("utf-16-le") in data:
        old, new = "Word 97-2003 文档（.doc）", ".docx"
    elif "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        old, new = "Excel 97-2003 工作簿（.xls）", ".xlsx"
    else:
        old, new = "旧版 Office 二进制文件", _SAVE_AS[kind]
    raise PerfdeskError(
        f"这是{old}，不能直接导入：{name}。请在 Excel/WPS/Word 中打开，"
        f"用“另存为”保存为 {new} 格式后再导入（另存为 {new}）。"
    )


def _read_head(path: Path, limit: int) -> bytes:
    with open(path, "rb") as f:
        return f.read(limit)


def _check_members(zf: zipfile.ZipFile, name: str, kind: str) -> None:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise PerfdeskError(
            f"文件内部的组成部分过多（{len(infos)} 个，上限 {MAX_MEMBERS}），"
            f"可能是恶意构造的文件，拒绝导入：{name}"
        )
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise PerfdeskError(f"文件内部被加密，无法导入：{name}")
        total += info.file_size
        if total > MAX_UNPACKED_BYTES:
            raise PerfdeskError(
                f"文件解压后超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB，"
                f"可能是“压缩炸弹”，拒绝导入：{name}"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PerfdeskError(
                f"文件中「{info.filename}」的压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍），"
                f"可能是“压缩炸弹”，拒绝导入：{name}"
            )
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise PerfdeskError(f"不是{KINDS[kind]}（是一个普通的压缩包），无法导入：{name}")
    if _MAIN_PART[kind] not in names:
        for other, main in _MAIN_PART.items():
            if other != kind and main in names:
                raise PerfdeskError(
                    f"文件扩展名是 {_SAVE_AS[kind]}，内容却是{KINDS[other]}，无法导入：{name}。"
                    f"请把扩展名改为 {_SAVE_AS[other]}，或导入正确的文件。"
                )
        if "ppt/presentation.xml" in names:
            raise PerfdeskError(f"不是{KINDS[kind]}（内容是 PowerPoint 演示文稿），无法导入：{name}")
        raise PerfdeskError(f"不是{KINDS[kind]}（找不到其主体内容），无法导入：{name}")


def _scan_parts(zf: zipfile.ZipFile, name: str, kind: str) -> None:
    """Read every part a parser will read, once, in chunks: no DTDs, sheets/tables of form size.

    Parts are found by the relationships, not by their names (``office_parts``)."""
    doc_rows = doc_cells = 0
    parsed = parsed_parts(zf)
    for info in zf.infolist():
        member = info.filename
        if member not in parsed:
            continue
        shape = SheetShape() if kind == "xlsx" else None
        merged = 0
        tail = b""
        with zf.open(info) as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                window = tail + chunk
                if any(m in window for m in _DTD_ALL):
                    raise PerfdeskError(
                        f"文件中「{member}」含有 XML 实体声明（DOCTYPE/ENTITY），"
                        f"正常的 Office 文件不会有，可能是恶意构造的“实体炸弹”，拒绝导入：{name}"
                    )
                if shape is not None:
                    shape.feed(tail, chunk)
                    merged += _merged_area(window, tail, member, name)
                    _refuse_sheet(shape, merged, f"工作表（{_sheet_label(member)}）", name)
                else:
                    doc_rows += _count(_TR, tail, chunk)
                    doc_cells += _count(_TC, tail, chunk)
                    _refuse_size(doc_rows, doc_cells, 0, "文档中的表格", name)
                tail = window[-256:]


def _refuse_sheet(shape: SheetShape, merged: int, where: str, name: str) -> None:
    _refuse_size(shape.rows, shape.cells, merged, where, name)
    if shape.widest > MAX_COLUMN or shape.last_column > MAX_COLUMN:
        raise PerfdeskError(
            f"{where}的一行超过 {MAX_COLUMN} 列，不像一份绩效自评表，拒绝导入：{name}"
        )
    if shape.last_row > MAX_ROWS:
        raise PerfdeskError(
            f"{where}用到了第 {shape.last_row} 行（上限 {MAX_ROWS} 行），不像一份绩效自评表，拒绝导入：{name}"
        )


def _count(pattern: re.Pattern, tail: bytes, chunk: bytes) -> int:
    """Matches in ``chunk``, counting one that straddles the boundary with ``tail`` once."""
    window = tail + chunk
    return sum(1 for m in pattern.finditer(window) if m.end() > len(tail))


def _merged_area(window: bytes, tail: bytes, member: str, name: str) -> int:
    area = 0
    for m in _MERGE.finditer(window):
        if m.end() <= len(tail):
            continue
        c1, r1, c2, r2 = column_number(m[1]), int(m[2]), column_number(m[3]), int(m[4])
        if max(r1, r2) > MAX_ROWS or max(c1, c2) > MAX_COLUMN:
            raise PerfdeskError(
                f"工作表（{_sheet_label(member)}）中的合并单元格 {m[1].decode()}{m[2].decode()}:"
                f"{m[3].decode()}{m[4].decode()} 范围过大，不像一份绩效自评表，拒绝导入：{name}"
            )
        area += (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)
    return area


def _refuse_size(rows: int, cells: int, merged: int, where: str, name: str) -> None:
    if rows > MAX_ROWS:
        raise PerfdeskError(
            f"{where}的行数超过 {MAX_ROWS} 行，不像一份绩效自评表，拒绝导入：{name}"
        )
    if cells > MAX_CELLS:
        raise PerfdeskError(
            f"{where}的单元格超过 {MAX_CELLS} 个，不像一份绩效自评表，拒绝导入：{name}"
        )
    if merged > MAX_MERGED_CELLS:
        raise PerfdeskError(
            f"{where}的合并单元格范围过大，不像一份绩效自评表，拒绝导入：{name}"
        )


def _sheet_label(member: str) -> str:
    return member.rsplit("/", 1)[-1]
