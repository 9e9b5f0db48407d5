"""The page: A4 geometry, the title, the stamp box, and the canvas that stamps
第 N 页 共 M 页, the verification code and 草稿 on every page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from .fonts import FONT, markup
from .text import _plain_fits

PAGE_W, PAGE_H = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 14 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X  # 180 mm
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
LINE = 0.6  # grid line width, pt
DRAFT = "草稿"


# ---- decorations ---------------------------------------------------------------


class _Title(Flowable):
    """The form's title, centred, in a stroked (bold-looking) face."""

    def __init__(self, text: str, size: float = 18):
        super().__init__()
        self.text, self.size = text, size

    def wrap(self, aw, ah):
        self.width = aw
        self.height = self.size * 1.4
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFont(FONT, self.size)
        c.setLineWidth(self.size * 0.035)
        t = c.beginText()
        t.setTextRenderMode(2)  # fill and stroke
        t.setFont(FONT, self.size)
        w = pdfmetrics.stringWidth(self.text, FONT, self.size)
        t.setTextOrigin((self.width - w) / 2, self.size * 0.35)
        t.textOut(self.text)
        c.drawText(t)
        c.restoreState()


class _StampBox(Flowable):
    """A blank square for the unit's stamp, labelled 单位盖章."""

    def __init__(self, side: float = 40 * mm):
        super().__init__()
        self.side = side

    def wrap(self, aw, ah):
        self.width, self.height = self.side, self.side + 6 * mm
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setFont(FONT, 9)
        c.setFillColor(colors.black)
        c.drawCentredString(self.side / 2, self.side + 2 * mm, "单位盖章")
        c.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        c.setLineWidth(0.5)
        c.setDash(2, 2)
        c.rect(0, 0, self.side, self.side, stroke=1, fill=0)
        c.restoreState()


@dataclass
class PrintedForm:
    """What was printed for one form."""

    index: int  # position in the department file
    project: str
    code: str  # verification code
    draft: bool  # printed with 草稿 (错误 remain)
    errors: int
    listed: int  # findings listed on the last page (0: no such page)
    missing: str = ""  # characters no available font has, printed as 〓
    pages: int = 0


class _FormStart(Flowable):
    """Zero-size mark at the top of a form's first page: which form the pages belong to."""

    def __init__(self, info: PrintedForm):
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        c = self.canv
        c._perfdesk_form = self.info
        key = f"form{self.info.index}"
        c.bookmarkPage(key)
        c.addOutlineEntry(self.info.project or "（未填项目名称）", key, level=0)


class _Canvas(Canvas):
    """Holds every page until the end, then stamps 第 N 页 共 M 页 (per form),
    the verification code and, for drafts, the 草稿 watermark."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held: list[dict] = []
        self._perfdesk_form: PrintedForm | None = None

    def showPage(self):
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        totals = Counter(id(s["_perfdesk_form"]) for s in self._held)
        seen: Counter = Counter()
        for state in self._held:
            self.__dict__.update(state)
            info = self._perfdesk_form
            if info is not None:
                seen[id(info)] += 1
                info.pages = totals[id(info)]
                self._decorate(info, seen[id(info)], info.pages)
            Canvas.showPage(self)
        Canvas.save(self)

    def _decorate(self, info: PrintedForm, page: int, pages: int) -> None:
        if info.draft:
            self.saveState()
            self.setFillColor(colors.Color(0.55, 0.55, 0.55, alpha=0.22))
            self.setFont(FONT, 150)
            self.translate(PAGE_W / 2, PAGE_H / 2)
            self.rotate(40)
            self.drawCentredString(0, -50, DRAFT)
            self.restoreState()
        self.saveState()
        y = 9 * mm
        self.setFont(FONT, 8.5)
        self.drawString(MARGIN_X, y, f"校验码 {info.code}")
        self.setFont(FONT, 9)
        self.drawCentredString(PAGE_W / 2, y, f"第 {page} 页 共 {pages} 页")
        name = info.project or "（未填项目名称）"
        width = 62 * mm
        size = 8.0
        while size > 5.5 and pdfmetrics.stringWidth(name, FONT, size) > width:
            size -= 0.5
        while len(name) > 1 and pdfmetrics.stringWidth(name, FONT, size) > width:
            name = name[:-2] + "…"
        x = PAGE_W - MARGIN_X - width
        if _plain_fits(name, size, width):
            # where the one-line Paragraph below would put it (its top at y - size/4 + leading)
            self.setFont(FONT, size)
            self.drawRightString(x + width, y - size * 0.25 + size * 1.2 - size, name)
        else:
            style = ParagraphStyle("footname", fontName=FONT, fontSize=size, leading=size * 1.2,
                                   alignment=2, wordWrap="CJK")
            p = Paragraph(markup(name), style)
            _, h = p.wrap(width, 20 * mm)
            p.drawOn(self, x, y - size * 0.25)
        self.restoreState()


class _Doc(BaseDocTemplate):
    def __init__(self, out, **kwargs):
        super().__init__(
            out,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            pageCompression=1,
            initialFontName=FONT,
            creator="perfdesk",
            **kwargs,
        )
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("form", [frame])])

