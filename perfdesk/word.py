"""Word documents: filled forms typed as tables in Word (``.docx``), read by labels.

The document body is turned into one ``form_reader.Grid`` in reading order: a
paragraph outside any table is a row of one cell (that is where the title,
（2020年度） and 填报部门：… usually are), and each table adds its rows.  Cells
are read from the document XML itself, so a merged cell is one cell: a
horizontal merge (``gridSpan``) spans its columns, a vertical merge
(``vMerge``) holds its text in its top row only.  python-docx repeats merged
cells in ``row.cells``; reading ``w:tc`` directly needs no de-duplication.

A cell's text is every paragraph in it joined with a line break (tabs and
line breaks kept, deleted revisions and field codes left out), the text of a
table nested in it included.  Many forms may follow one another in one
document; each is read by ``form_reader.read_grid``.
"""

from __future__ import annotations

from pathlib import Path

from . import form_reader, safety
from .errors import PerfdeskError
from .file_errors import refusal
from .model import DepartmentFile

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT = (_W + t for t in ("p", "tbl", "tr", "tc", "sdt"))
_SKIP = {_W + t for t in ("del", "moveFrom", "instrText", "delInstrText")}


def _text(p) -> str:
    """A paragraph's text: w:t, tabs and breaks, not deleted text or field codes."""
    out = []
    stack = [iter(p)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == _P or tag == _TBL:
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        else:
            stack.append(iter(child))
    return "".join(out)


def _cell_text(tc) -> str:
    return "\n".join(_text(p) for p in tc.iter(_P))


def _rows(tbl):
    """The table's rows, looking through content controls (w:sdt)."""
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag == _SDT:
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _rows(content)


def _cells(tr):
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _cells(content)


def _int(el, name: str, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(_W + name, default))
    except (TypeError, ValueError):
        return default


class _Builder:
    def __init__(self):
        self.regions: list[form_reader.Region] = []
        self.row = 0
        self.paragraphs = 0
        self.tables = 0

    def body(self, parent) -> None:
        for child in parent:
            if child.tag == _P:
                self.paragraphs += 1
                text = _text(child)
                if text.strip():
                    ref = f"第 {self.paragraphs} 段文字"
                    self.regions.append(form_reader.Region(self.row, 0, self.row, 0, text, ref))
                    self.row += 1
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag == _SDT:
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.body(content)

    def table(self, tbl) -> None:
        self.tables += 1
        n = self.tables
        above: dict[int, form_reader.Region] = {}  # grid column -> region open for vMerge
        for r, tr in enumerate(_rows(tbl)):
            row = self.row
            pr = tr.find(_W + "trPr")
            col = _int(pr.find(_W + "gridBefore") if pr is not None else None, "val", 0)
            for tc in _cells(tr):
                tcpr = tc.find(_W + "tcPr")
                span = max(1, _int(tcpr.find(_W + "gridSpan") if tcpr is not None else None, "val", 1))
                vmerge = tcpr.find(_W + "vMerge") if tcpr is not None else None
                state = None if vmerge is None else (vmerge.get(_W + "val") or "continue")
                if state == "continue" and col in above:
                    above[col].last_row = row
                else:
                    ref = f"表格 {n} 第 {r + 1} 行第 {col + 1} 列"
                    reg = form_reader.Region(row, col, row, col + span - 1, _cell_text(tc), ref)
                    self.regions.append(reg)
                    if state == "restart":
                        above[col] = reg
                    else:
                        above.pop(col, None)
                col += span
            self.row += 1
        self.row += 1  # a gap between tables


def grid(document) -> form_reader.Grid:
    b = _Builder()
    b.body(document.element.body)
    return form_reader.Grid(b.regions)


def read_document(path: str | Path) -> form_reader.Source:
    """Every form in ``path`` (.docx), with where each came from."""
    import docx

    path = Path(path)
    safety.check_office_file(path, "docx")
    try:
        document = docx.Document(str(path))
    except PerfdeskError:
        raise
    except Exception as err:  # noqa: BLE001 - any parser failure is a damaged file
        raise refusal(f"Word 文件已损坏或格式不受支持，无法读取：{path.name}", path, err) from err
    source = form_reader.Source(path.name)
    reads = form_reader.read_grid(grid(document))
    for n, read in enumerate(reads, 1):
        where = f"文件 {path.name}，第 {n} 张表"
        if read.form.project.strip():
            where += f"「{read.form.project.strip()}」"
        source.forms.append((read, where, ""))
    return source


def read_file(path: str | Path) -> DepartmentFile:
    """A department file from one Word document; a ``PerfdeskError`` listing what cannot be read."""
    return form_reader.assemble([read_document(path)])
