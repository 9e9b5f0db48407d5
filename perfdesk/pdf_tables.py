"""Forms as finance bureaus publish them: text-layer PDF tables, read with pdfplumber.

Each page's ruled tables (``find_tables``) give their cells as boxes; the
boxes' edges make the page's column and row grid, so a merged cell spans the
columns and rows its box covers, as in a sheet.  Text outside the tables
(title, 年度, 填报人) becomes rows of its own at its height.  Pages follow each
other down one grid, so a form that runs over two pages reads as one; the
grid is read by labels like a sheet.

A PDF with no text at all (a scan) is refused with a message saying so; a
damaged or password-protected one, one of too many pages or too many cells, is
refused with the reason, before anything is read.
"""

from __future__ import annotations

from pathlib import Path

from . import form_reader, safety
from .errors import PerfdeskError
from .file_errors import refusal, unreadable

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 40  # a department's forms, one or two pages each
_SNAP = 1.0  # points: edges closer than this are one edge


def _check(path: Path) -> None:
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
    if size > MAX_PDF_BYTES:
        raise PerfdeskError(
            f"PDF 文件太大（{size / 1024 / 1024:.1f} MB，上限 {MAX_PDF_BYTES // 1024 // 1024} MB），"
            f"不像一份绩效自评表：{name}"
        )
    if found != "PDF 文件":
        what = f"内容是{found}" if found else "内容无法识别"
        raise PerfdeskError(f"不是 PDF 文件（{what}），无法导入：{name}")


def _snap(values) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _at(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _page_regions(page, first_row: int, page_no: int) -> tuple[list[form_reader.Region], int]:
    """The page's cells and loose lines as regions from ``first_row``; and the rows used."""
    boxes = [cell for table in page.find_tables() for cell in table.cells]
    if len(boxes) > safety.MAX_CELLS:
        raise PerfdeskError(f"第 {page_no} 页的表格单元格太多，不像一份绩效自评表")
    inside = [(x0 - 1, top - 1, x1 + 1, bottom + 1) for x0, top, x1, bottom in boxes]

    def loose(obj) -> bool:
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and t <= cy <= b for x0, t, x1, b in inside)

    lines = page.filter(lambda o: o.get("object_type") != "char" or loose(o)).extract_text_lines()
    xs = _snap([b[0] for b in boxes] + [b[2] for b in boxes]) or [0.0, float(page.width)]
    ys = _snap([b[1] for b in boxes] + [b[3] for b in boxes] + [ln["top"] for ln in lines])
    regions = []
    for x0, top, x1, bottom in boxes:
        text = page.within_bbox((x0, top, x1, bottom)).extract_text() or ""
        if not text.strip():
            continue
        row, col = first_row + _at(ys, top), 1 + _at(xs, x0)
        last_row, last_col = first_row + _at(ys, bottom) - 1, _at(xs, x1)
        where = f"第 {page_no} 页表格第 {row - first_row + 1} 行第 {col} 列"
        regions.append(form_reader.Region(row, col, max(row, last_row), max(col, last_col), text, where))
    for ln in lines:
        row = first_row + _at(ys, ln["top"])
        regions.append(form_reader.Region(row, 1, row, max(1, len(xs) - 1), ln["text"],
                                          f"第 {page_no} 页「{ln['text'][:10]}」"))
    return regions, len(ys) + 1


def read_pdf(path: str | Path) -> form_reader.Source:
    """Every form in a text-layer PDF."""
    import pdfplumber

    path = Path(path)
    _check(path)
    try:
        pdf = pdfplumber.open(str(path))
        pages = pdf.pages
    except Exception as err:  # noqa: BLE001 - damaged or encrypted: pdfminer says why in English
        raise refusal(f"PDF 文件已损坏、加密或格式不受支持，无法读取：{path.name}", path, err) from err
    try:
        if len(pages) > MAX_PDF_PAGES:
            raise PerfdeskError(f"PDF 页数太多（{len(pages)} 页，上限 {MAX_PDF_PAGES} 页），不像绩效自评表：{path.name}")
        if not any(page.chars for page in pages):
            raise PerfdeskError(
                f"这个 PDF 没有文字层（可能是扫描件或图片），无法读取其中的表格：{path.name}。"
                "请向填报单位要 Excel/Word 原表，或文字版 PDF。"
            )
        regions, row = [], 1
        for n, page in enumerate(pages, 1):
            try:
                found, used = _page_regions(page, row, n)
            except PerfdeskError as err:
                raise PerfdeskError(f"{err}：{path.name}") from err
            except Exception as err:  # noqa: BLE001
                raise refusal(f"PDF 第 {n} 页无法读取：{path.name}", path, err) from err
            regions += found
            row += used
            page.flush_cache()
    finally:
        pdf.close()
    source = form_reader.Source(path.name)
    reads = form_reader.read_grid(form_reader.Grid(regions))
    for n, read in enumerate(reads, 1):
        source.forms.append((read, f"文件 {path.name}" + (f"第 {n} 张表" if len(reads) > 1 else ""), ""))
    return source
