"""Real published forms (tests/corpus/*.json) rendered as the files clerks send.

A corpus file holds one form as it was published: ``rows`` is its table the
way an HTML table gives it (each row its cells left to right, a cell spanning
``span`` columns and ``rows`` rows, the columns taken by a cell spanning from
above skipped), and ``{"outside": text}`` a line printed outside the table
(title, 年度).  ``logical_rows`` places the cells on a column grid; the
renderings use ``office_builders``' sheet and Word writers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from office_builders import C, Row, as_excel, place, write_docx, write_sheet

CORPUS = Path(__file__).parent / "corpus"


@dataclass
class RealForm:
    name: str
    source: str
    publisher: str
    province: str
    year: str
    layout: str
    published_as: str
    must: list[str]
    must_not: list[str]
    expect: dict[str, str]
    must_cells: dict[str, list[str]]  # code -> cells a finding of it must name
    left_out: list[str]  # printed rows the reader lists as not read (no money in them)
    rows: list = field(repr=False)


def load(path: Path) -> RealForm:
    data = json.loads(path.read_text(encoding="utf-8"))
    return RealForm(
        name=path.stem, source=data["source"], publisher=data["publisher"],
        province=data["province"], year=data["year"], layout=data["layout"],
        published_as=data["published_as"], must=data["must"], must_not=data["must_not"],
        expect=data.get("expect", {}), must_cells=data.get("must_cells", {}),
        left_out=data.get("left_out", []), rows=data["rows"],
    )


def corpus() -> list[RealForm]:
    return [load(p) for p in sorted(CORPUS.glob("*.json"))]


def logical_rows(form: RealForm) -> list[Row]:
    """The table on a column grid, as a browser lays out an HTML table."""
    width = _width(form.rows)
    taken: dict[tuple[int, int], bool] = {}
    out: list[Row] = []
    table_row = 0
    for raw in form.rows:
        if isinstance(raw, dict):
            out.append(Row([C(0, raw["outside"], width)], outside=True))
            continue
        cells, col = [], 0
        for cell in raw:
            text, span, down = _cell(cell)
            while taken.get((table_row, col)):
                col += 1
            for r in range(table_row, table_row + down):
                for c in range(col, col + span):
                    taken[(r, c)] = True
            cells.append(C(col, text, span, down))
            col += span
        out.append(Row(cells, block=True))
        table_row += 1
    return out


def _cell(cell) -> tuple[str, int, int]:
    if isinstance(cell, str):
        return cell, 1, 1
    return cell["t"], cell.get("span", 1), cell.get("rows", 1)


def _width(rows) -> int:
    return max(sum(_cell(c)[1] for c in r) for r in rows if isinstance(r, list))


# ---- renditions --------------------------------------------------------------


def xlsx(form: RealForm, path: Path, *, shifted: bool = False) -> Path:
    """One sheet; ``shifted``: moved down and right, blank rows between blocks and a spacer column."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = form.name[:31]
    where = {"row0": 3, "col0": 2, "spacers": (2,), "blank_rows": 1} if shifted else {}
    write_sheet(ws, logical_rows(form), **where)
    wb.save(path)
    return path


def docx(form: RealForm, path: Path) -> Path:
    write_docx(path, [logical_rows(form)], intro="")
    return path


def xls(form: RealForm, path: Path) -> Path:
    """Excel 97-2003, as WPS and old Excel save it (xlwt: numbers with their formats, merges)."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(form.name[:31])
    styles: dict[str, object] = {}
    for r, c, last_r, last_c, text in place(logical_rows(form)):
        value, fmt = as_excel(text)
        style = styles.setdefault(fmt or "", xlwt.easyxf(num_format_str=fmt) if fmt else xlwt.Style.default_style)
        if last_r > r or last_c > c:
            ws.write_merge(r - 1, last_r - 1, c - 1, last_c - 1, value, style)
        elif value != "":
            ws.write(r - 1, c - 1, value, style)
    wb.save(str(path))
    return path


def pdf(form: RealForm, path: Path) -> Path:
    """A text-layer PDF as a finance bureau publishes the form: ruled table, spans, 宋体."""
    from xml.sax.saxutils import escape

    from reportlab.lib.colors import black
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=7, leading=9)
    rows = logical_rows(form)
    body = [r for r in rows if not r.outside]
    width = max(c.col + c.span for r in body for c in r.cells)
    data = [[""] * width for _ in body]
    commands = [("GRID", (0, 0), (-1, -1), 0.5, black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for i, row in enumerate(body):
        for c in row.cells:
            data[i][c.col] = Paragraph(escape(c.text).replace("\n", "<br/>"), style) if c.text.strip() else ""
            if c.span > 1 or c.rows > 1:
                commands.append(("SPAN", (c.col, i), (c.col + c.span - 1, i + c.rows - 1)))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=30, rightMargin=30,
                            topMargin=30, bottomMargin=30)
    table = Table(data, colWidths=[doc.width / width] * width)
    table.setStyle(TableStyle(commands))
    first = rows.index(body[0])
    before = [Paragraph(escape(r.cells[0].text), style) for r in rows[:first] if r.outside]
    doc.build([*before, table])
    return path


RENDITIONS = {
    "grid.xlsx": lambda f, p: xlsx(f, p),
    "shifted.xlsx": lambda f, p: xlsx(f, p, shifted=True),
    "table.docx": docx,
    "sheet.xls": xls,
    "text.pdf": pdf,
}
