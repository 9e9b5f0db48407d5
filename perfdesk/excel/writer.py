"""Writing a department file as a workbook: one sheet per form, and the perfdesk sheet."""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..errors import PerfdeskError
from ..model import DepartmentFile, Form
from .formats import ILLEGAL, set_value
from .grid import Plan
from .meta import META_SHEET, write_meta
from .plan import plan

FONT = "宋体"
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def sheet_name(project: str, taken: set[str], n: int) -> str:
    """A sheet name Excel accepts: no []:*?/\\, not quoted at either end, ≤ 31, unique."""
    name = _SHEET_BAD.sub("_", ILLEGAL.sub("", project)).strip().strip("'").strip()
    name = name[:31].strip().strip("'") or f"表{n}"
    if name.lower() in ("history", META_SHEET):
        name = f"{name}_表"
    base, k = name, 2
    while name.lower() in taken:
        suffix = f"（{k}）"
        name = base[: 31 - len(suffix)] + suffix
        k += 1
    taken.add(name.lower())
    return name





def _text_width(text: str) -> float:
    """Width in Excel column units of ``text`` in 10-point 宋体."""
    return sum(1.75 if ord(ch) > 0x2E80 else 0.95 for ch in text)


def write_plan(ws, p: Plan) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    fonts = {
        "title": Font(name=FONT, size=16, bold=True),
        "subtitle": Font(name=FONT, size=11),
        "label": Font(name=FONT, size=10, bold=True),
        "head": Font(name=FONT, size=10, bold=True),
        "value": Font(name=FONT, size=10),
    }
    for i, w in enumerate(p.widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    lines: dict[int, float] = {}
    for c in p.cells:
        cell = ws.cell(c.row, c.col)
        cell.font = fonts.get(c.kind, fonts["value"])
        cell.alignment = Alignment(
            horizontal="left" if c.align == "left" else "center", vertical="center", wrap_text=True
        )
        set_value(cell, c.text, c.numeric)
        if c.last_row > c.row or c.last_col > c.col:
            ws.merge_cells(start_row=c.row, start_column=c.col, end_row=c.last_row, end_column=c.last_col)
        if c.border:
            for r in range(c.row, c.last_row + 1):
                for k in range(c.col, c.last_col + 1):
                    ws.cell(r, k).border = box
        if c.last_row == c.row and c.text:
            width = sum(p.widths[c.col - 1: c.last_col]) - 0.8
            n = sum(max(1, math.ceil(_text_width(line) / max(width, 1))) for line in c.text.split("\n"))
            size = 16 if c.kind == "title" else 10
            lines[c.row] = max(lines.get(c.row, 0), n * size * 1.3 + 5)
    last_row = max(c.last_row for c in p.cells)
    for r in range(1, last_row + 1):
        ws.row_dimensions[r].height = max(lines.get(r, 0), 22 if r > 1 else 30)
    ws.print_area = f"A1:{get_column_letter(p.width)}{last_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if p.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.sheet_view.showGridLines = False


def export_file(dfile: DepartmentFile, path: str | Path, *, meta: bool = True) -> list[str]:
    """Write every form of ``dfile`` to ``path`` (.xlsx); returns the sheet names."""
    from openpyxl import Workbook

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    names = []
    unit = dfile.money_unit or "万元"
    for n, form in enumerate(dfile.forms, 1):
        name = sheet_name(form.project, taken, n)
        ws = wb.create_sheet(name)
        write_plan(ws, plan(form, dfile.year, unit))
        names.append(name)
    if not dfile.forms:
        ws = wb.create_sheet("表1")
        write_plan(ws, plan(Form(), dfile.year, unit))
    if meta:
        write_meta(wb, dfile, names)
    wb.properties.creator = "perfdesk"
    wb.properties.title = f"{dfile.department} {dfile.year}年度 绩效自评表".strip()
    try:
        tmp = path.with_name(path.name + ".writing")
        wb.save(tmp)
        tmp.replace(path)
    except OSError as err:
        raise PerfdeskError(f"无法写入文件：{path.name}（{err.strerror or err}）") from err
    return names


