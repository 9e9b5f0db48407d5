"""Reading a 自评报告: .txt (UTF-8 or GB18030), .docx and text-layer .pdf, as paragraphs.

A paragraph keeps the number of the line (.txt) or paragraph (.docx/.pdf) it
starts on.  Sentences that wrap over lines are joined: a line that does not end
a sentence continues on the next non-blank line unless that line starts a
heading (``一、``, ``（二）``, ``3.``) or a table.  In a .txt, a line that starts
with a tab is a table cell (forms dumped from Word/Excel, seed ``001_*``); in a
.docx, a table row is one paragraph; both are kept for showing and marked
``table``, and the checks read only the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PerfdeskError

MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 2000
READABLE = (".txt", ".docx", ".pdf")

_ENDS = "。！？!?；;：:…”\""
_CONTINUES = "，,、（(“"
HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[、.．](?!\d))"
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    line: int  # 1-based line (.txt) or paragraph (.docx/.pdf) it starts on
    text: str
    table: bool = False
    heading: bool = False  # a short line opening a section: 一、…, （二）…, 3. …


@dataclass
class Report:
    path: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.path).name


_BRACKETED = re.compile(r"^\s*[（(][一二三四五六七八九十\d]+[）)]")


def is_heading(text: str) -> bool:
    """A section title: numbered, short, no full stop inside; a comma only after ``（三）``."""
    t = text.strip()
    if not HEADING.match(t) or len(t) > 60:
        return False
    inner = t.rstrip("。")
    return "。" not in inner and (not re.search(r"[，,；;]", inner) or bool(_BRACKETED.match(t)))


def read_report(path: str | Path) -> Report:
    """The paragraphs of a report; a Chinese ``PerfdeskError`` when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise PerfdeskError(f"找不到报告文件：{path}")
    if suffix == ".txt":
        lines = _decode(path).splitlines()
        return Report(str(path), join_lines(enumerate(lines, 1)))
    if suffix in (".docx", ".docm"):
        return Report(str(path), _docx(path))
    if suffix == ".pdf":
        return Report(str(path), _pdf(path))
    raise PerfdeskError(
        f"不支持的报告文件类型「{path.suffix or '无扩展名'}」：{path.name}（可以读取：{'、'.join(READABLE)}）"
    )


def _decode(path: Path) -> str:
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise PerfdeskError(f"报告文件太大（超过 {MAX_TEXT_BYTES // 1024 // 1024} MB），不像是一份自评报告：{path.name}")
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PerfdeskError(f"这不是文本文件（含二进制内容），无法作为报告读取：{path.name}")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError:
                break
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    raise PerfdeskError(f"无法识别报告的文字编码（既不是 UTF-8 也不是 GB18030/GBK）：{path.name}")


def join_lines(numbered) -> list[Paragraph]:
    """Paragraphs from ``(number, line)`` pairs: wrapped sentences joined, blank lines dropped."""
    items = [(n, line.rstrip()) for n, line in numbered]
    out: list[Paragraph] = []
    pending: tuple[int, str] | None = None
    for n, raw in items:
        if not raw.strip():
            continue
        if raw.startswith("\t"):
            if pending:
                out.append(_para(*pending))
                pending = None
            out.append(Paragraph(n, raw.strip(), table=True))
            continue
        text = raw.strip()
        if pending and _continues(pending[1]) and not is_heading(text):
            pending = (pending[0], pending[1] + text)
            continue
        if pending:
            out.append(_para(*pending))
        pending = (n, text)
    if pending:
        out.append(_para(*pending))
    return out


def _para(n: int, text: str) -> Paragraph:
    return Paragraph(n, text, heading=is_heading(text))


def _continues(text: str) -> bool:
    """Does a line stop mid-sentence, so the next line carries on with it?"""
    last = text[-1]
    if last in _ENDS:
        return False
    if last in _CONTINUES:
        return True
    return len(text) >= 30 and not is_heading(text)


def _docx(path: Path) -> list[Paragraph]:
    import docx

    from .. import safety
    from ..word import _P, _TBL, _cell_text, _cells, _rows, _text

    safety.check_office_file(path, "docx")
    try:
        document = docx.Document(str(path))
    except PerfdeskError:
        raise
    except Exception as err:  # noqa: BLE001 - any parser failure is a damaged file
        raise PerfdeskError(f"Word 文件已损坏或格式不受支持，无法读取：{path.name}（{err}）") from err
    numbered = []
    n = 0
    for child in document.element.body.iterchildren():
        if child.tag == _P:
            n += 1
            for part in _text(child).split("\n"):
                numbered.append((n, part))
        elif child.tag == _TBL:
            for tr in _rows(child):
                n += 1
                cells = [_cell_text(tc).replace("\n", " ").strip() for tc in _cells(tr)]
                numbered.append((n, "\t" + "　|　".join(c for c in cells if c)))
    return join_lines(numbered)



def _pdf(path: Path) -> list[Paragraph]:
    import pypdfium2 as pdfium

    if path.stat().st_size > 50 * 1024 * 1024:
        raise PerfdeskError(f"PDF 文件太大（超过 50 MB）：{path.name}")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except Exception as err:  # noqa: BLE001 - pdfium says why in English; we say it in Chinese
        raise PerfdeskError(f"PDF 文件已损坏、加密或格式不受支持，无法读取：{path.name}（{err}）") from err
    try:
        if len(pdf) > MAX_PDF_PAGES:
            raise PerfdeskError(f"PDF 页数太多（{len(pdf)} 页），不像是一份自评报告：{path.name}")
        lines = []
        for page in pdf:
            textpage = page.get_textpage()
            lines.extend(textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n").split("\n"))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    paragraphs = join_lines(enumerate(lines, 1))
    if not any(re.search(r"[\u4e00-\u9fff]", p.text) for p in paragraphs):
        raise PerfdeskError(f"这个 PDF 没有文字层（可能是扫描件），无法审核：{path.name}")
    # A PDF's own lines mean nothing to a reader: number its paragraphs instead.
    return [Paragraph(i, p.text, p.table, p.heading) for i, p in enumerate(paragraphs, 1)]
