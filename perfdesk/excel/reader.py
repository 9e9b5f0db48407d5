"""Reading a workbook: every sheet as a ``form_reader.Grid`` of the texts Excel shows."""

from __future__ import annotations

import re
from pathlib import Path

from .. import form_reader, safety
from ..errors import PerfdeskError
from ..file_errors import refusal
from ..model import DepartmentFile
from .formats import render
from .meta import META_SHEET, read_meta


def _grid(ws) -> form_reader.Grid:
    from openpyxl.cell.cell import MergedCell
    from openpyxl.utils import get_column_letter

    merged = {(rng.min_row, rng.min_col): rng for rng in ws.merged_cells.ranges}
    regions = []
    for (r, c), cell in ws._cells.items():
        if isinstance(cell, MergedCell) or cell.value is None:
            continue
        text = render(cell.value, cell.number_format)
        if not text.strip():
            continue
        rng = merged.get((r, c))
        if rng is not None:
            ref = f"单元格 {rng.coord}"
            regions.append(form_reader.Region(r, c, rng.max_row, rng.max_col, text, ref))
        else:
            ref = f"单元格 {get_column_letter(c)}{r}"
            regions.append(form_reader.Region(r, c, r, c, text, ref))
    return form_reader.Grid(regions)



def _load(path: Path, data_only: bool):
    """The workbook, read whole; the file is closed even when openpyxl fails half-way (it
    leaves its zip open, held by the error's traceback, and Windows cannot then rename or
    delete the file the clerk was told is damaged)."""
    import openpyxl

    with path.open("rb") as f:
        return openpyxl.load_workbook(f, data_only=data_only, keep_links=False)


def read_workbook(path: str | Path) -> form_reader.Source:
    """Every form in every sheet of ``path``, and the perfdesk sheet if any."""
    path = Path(path)
    safety.check_office_file(path, "xlsx")
    try:
        wb = _load(path, data_only=True)
    except PerfdeskError:
        raise
    except Exception as err:  # noqa: BLE001 - any parser failure is a damaged file
        raise refusal(f"Excel 文件已损坏或格式不受支持，无法读取：{path.name}", path, err) from err
    formulas = _formula_cells(path) if _has_formulas(path) else {}
    source = form_reader.Source(path.name)
    try:
        for ws in wb.worksheets:
            if ws.title == META_SHEET:
                found = read_meta(ws)
                if found is not None:
                    source.meta = found
                    continue
            reads = form_reader.read_grid(_grid(ws))
            lost = formulas.get(ws.title, [])
            for n, read in enumerate(reads, 1):
                where = f"文件 {path.name}，工作表「{ws.title}」"
                if len(reads) > 1:
                    where += f"第 {n} 张表"
                if n == 1 and lost:
                    read.problems.append(
                        f"单元格 {'、'.join(lost[:5])}{' 等' if len(lost) > 5 else ''} 是公式，"
                        "但文件中没有保存计算结果；请在 Excel/WPS 中打开并保存后再导入"
                    )
                source.forms.append((read, where, ws.title))
    finally:
        wb.close()
    return source


def _has_formulas(path: Path) -> bool:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with zf.open(info) as f:
                    tail = b""
                    while chunk := f.read(1 << 20):
                        if re.search(rb"<(?:\w+:)?f[\s>]", tail + chunk):
                            return True
                        tail = chunk[-16:]
    return False


def _formula_cells(path: Path) -> dict[str, list[str]]:
    """Sheet -> cells holding a formula with no saved result."""
    try:
        wb_f = _load(path, data_only=False)
        wb_v = _load(path, data_only=True)
    except Exception:  # noqa: BLE001
        return {}
    out: dict[str, list[str]] = {}
    for ws in wb_f.worksheets:
        values = wb_v[ws.title]._cells
        for (r, c), cell in ws._cells.items():
            if cell.data_type == "f":
                v = values.get((r, c))
                if v is None or v.value is None:
                    out.setdefault(ws.title, []).append(cell.coordinate)
    return out


def read_file(path: str | Path) -> DepartmentFile:
    """A department file from one workbook; a ``PerfdeskError`` listing what cannot be read."""
    return form_reader.assemble([read_workbook(path)])
