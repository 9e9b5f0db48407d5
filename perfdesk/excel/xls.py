"""Old binary workbooks (.xls, Excel 97-2003 / WPS): read with xlrd into the same grid as .xlsx.

Offices still publish and mail their forms as ``.xls``.  The file is checked
before xlrd sees it (size, what its bytes say it is, a password) and each
sheet's shape after it is parsed, before any cell is read (rows, columns,
cells, merged area: the limits of ``safety``); then every sheet becomes a
``form_reader.Grid`` with each cell's text as Excel shows it (its number
format applied, as for .xlsx) and is read by labels.
"""

from __future__ import annotations

from pathlib import Path

from .. import form_reader, safety
from ..errors import PerfdeskError
from ..file_errors import refusal, unreadable
from .formats import render

MAX_XLS_BYTES = 8 * 1024 * 1024  # xlrd holds the whole workbook in memory; a form is < 1 MB
KIND = "Excel 97-2003 工作簿（.xls）"
_SAVE_AS = "请在 Excel/WPS 中打开，用“另存为”保存为 .xlsx 格式后再导入（另存为 .xlsx）。"


def check_xls_file(path: Path) -> str:
    """Refuse what is not a sane, unencrypted .xls; "zip" when it is really an .xlsx."""
    name = path.name
    try:
        size = path.stat().st_size
        found = safety.sniff(path) if size else ""
    except FileNotFoundError as err:
        raise PerfdeskError(f"找不到文件：{path}") from err
    except OSError as err:
        raise unreadable(path, err) from err
    if size == 0:
        raise PerfdeskError(f"文件是空的（0 字节）：{name}")
    if size > MAX_XLS_BYTES:
        raise PerfdeskError(
            f"文件太大（{size / 1024 / 1024:.1f} MB，.xls 上限 {MAX_XLS_BYTES // 1024 // 1024} MB），"
            f"不像一份绩效自评表：{name}"
        )
    if found == "zip":
        return "zip"
    if found != "ole":
        what = f"内容是{found}" if found else "内容无法识别"
        raise PerfdeskError(f"不是{KIND}（{what}），无法导入：{name}")
    with path.open("rb") as f:
        head = f.read(size)
    if "EncryptionInfo".encode("utf-16-le") in head:
        raise PerfdeskError(f"文件设有打开密码（已加密），无法导入：{name}。请取消密码并保存后再导入。")
    if "WordDocument".encode("utf-16-le") in head:
        raise PerfdeskError(f"这是 Word 97-2003 文档（.doc），不是{KIND}：{name}")
    return "ole"


def _check_shape(sheet, name: str) -> None:
    where = f"工作表「{sheet.name}」"
    merged = sum((r2 - r1) * (c2 - c1) for r1, r2, c1, c2 in sheet.merged_cells)
    if sheet.nrows > safety.MAX_ROWS or any(
        r2 > safety.MAX_ROWS or c2 > safety.MAX_COLUMN for _, r2, _, c2 in sheet.merged_cells
    ):
        raise PerfdeskError(f"{where}的行数超过 {safety.MAX_ROWS} 行，不像一份绩效自评表，拒绝导入：{name}")
    if sheet.ncols > safety.MAX_COLUMN:
        raise PerfdeskError(f"{where}的一行超过 {safety.MAX_COLUMN} 列，不像一份绩效自评表，拒绝导入：{name}")
    if merged > safety.MAX_MERGED_CELLS:
        raise PerfdeskError(f"{where}的合并单元格范围过大，不像一份绩效自评表，拒绝导入：{name}")
    cells = sum(sheet.row_len(r) for r in range(sheet.nrows))
    if cells > safety.MAX_CELLS:
        raise PerfdeskError(f"{where}的单元格超过 {safety.MAX_CELLS} 个，不像一份绩效自评表，拒绝导入：{name}")


def _text(book, cell) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return render(bool(cell.value))
    xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
    fmt = book.format_map[xf.format_key].format_str if xf is not None else "General"
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return render(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), fmt)
        except (ValueError, OverflowError):
            return render(cell.value)
    value = int(cell.value) if float(cell.value).is_integer() and abs(cell.value) < 1e15 else cell.value
    return render(value, fmt)


def _grid(book, sheet) -> form_reader.Grid:
    from openpyxl.utils import get_column_letter

    merged = {(r1, c1): (r2, c2) for r1, r2, c1, c2 in sheet.merged_cells}
    covered = {(r, c) for (r1, c1), (r2, c2) in merged.items()
               for r in range(r1, r2) for c in range(c1, c2) if (r, c) != (r1, c1)}
    regions = []
    for r in range(sheet.nrows):
        for c in range(sheet.row_len(r)):
            if (r, c) in covered:
                continue
            text = _text(book, sheet.cell(r, c))
            if not text.strip():
                continue
            r2, c2 = merged.get((r, c), (r + 1, c + 1))
            ref = f"单元格 {get_column_letter(c + 1)}{r + 1}"
            if (r2, c2) != (r + 1, c + 1):
                ref += f":{get_column_letter(c2)}{r2}"
            regions.append(form_reader.Region(r + 1, c + 1, r2, c2, text, ref))
    return form_reader.Grid(regions)


def read_xls(path: str | Path) -> form_reader.Source:
    """Every form in every sheet of an .xls (an .xlsx named .xls is read as one)."""
    import xlrd

    path = Path(path)
    if check_xls_file(path) == "zip":
        from .reader import read_workbook

        return read_workbook(path)
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.XLRDError as err:
        if "encrypted" in str(err).lower():
            raise refusal(f"文件设有打开密码（已加密），无法导入：{path.name}", path, err) from err
        raise refusal(f"{KIND}已损坏或格式不受支持，无法读取：{path.name}。{_SAVE_AS}", path, err) from err
    except Exception as err:  # noqa: BLE001 - any parser failure is a damaged file
        raise refusal(f"{KIND}已损坏或格式不受支持，无法读取：{path.name}。{_SAVE_AS}", path, err) from err
    source = form_reader.Source(path.name)
    try:
        for index in range(book.nsheets):
            try:
                sheet = book.sheet_by_index(index)
            except Exception as err:  # noqa: BLE001
                raise refusal(f"{KIND}已损坏，无法读取：{path.name}。{_SAVE_AS}", path, err) from err
            _check_shape(sheet, path.name)
            reads = form_reader.read_grid(_grid(book, sheet))
            for n, read in enumerate(reads, 1):
                where = f"文件 {path.name}，工作表「{sheet.name}」" + (f"第 {n} 张表" if len(reads) > 1 else "")
                source.forms.append((read, where, sheet.name))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return source
