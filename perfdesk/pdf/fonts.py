"""The fonts: the main CJK face, fallbacks for what it lacks, markup that prints text as typed, the styles."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import PerfdeskError
from ..resources import font_path, print_font_path

FONT = "PerfdeskCJK"
MISSING = "〓"  # printed for a character no available font has (the typesetter's 缺字 mark)

# Fonts with CJK extension A/B characters, tried in order for what the bundled
# font lacks (TrueType outlines only: reportlab cannot embed CFF fonts).
FALLBACK_FONT_PATHS = (
    "C:/Windows/Fonts/simsunb.ttf",  # SimSun-ExtB
    "C:/Windows/Fonts/simsun.ttc",
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
)



_lock = threading.Lock()
_fonts: tuple[frozenset[int], tuple[tuple[str, frozenset[int]], ...]] | None = None
_styles: dict[str, ParagraphStyle] | None = None
_main_str: tuple[frozenset[int], frozenset[str]] | None = None


def _fallback_paths() -> list[str]:
    extra = os.environ.get("PERFDESK_FALLBACK_FONT", "")
    return [p for p in extra.split(os.pathsep) if p] + list(FALLBACK_FONT_PATHS)


def _main_font() -> TTFont:
    """SimSun when the system has it (and it loads), else the bundled font."""
    path = print_font_path()
    if path != font_path():
        try:
            font = TTFont(FONT, str(path), subfontIndex=0)
            pdfmetrics.registerFont(font)
            return font
        except Exception:  # noqa: BLE001 - a damaged system font: print with ours
            pass
    path = font_path()
    if not path.is_file():
        raise PerfdeskError(f"找不到打印用的字体文件：{path}")
    font = TTFont(FONT, str(path), subfontIndex=0)
    pdfmetrics.registerFont(font)
    return font


def _load_fonts():
    """Register the bundled font (and any fallback) once; their character sets."""
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            main = _main_font()
            fallbacks = []
            for n, fpath in enumerate(_fallback_paths()):
                if not Path(fpath).is_file() or Path(fpath) == Path(main.face.filename):
                    continue
                name = f"{FONT}Fallback{n}"
                try:
                    font = TTFont(name, fpath, subfontIndex=0)
                    pdfmetrics.registerFont(font)
                except Exception:  # noqa: BLE001 - a broken system font is simply not used
                    continue
                fallbacks.append((name, frozenset(font.face.charToGlyph)))
            _fonts = (frozenset(main.face.charToGlyph), tuple(fallbacks))
    return _fonts


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _main_chars() -> frozenset[str]:
    """The main font's characters, as one-character strings (for set tests on a text)."""
    global _main_str
    main = _load_fonts()[0]
    cached = _main_str
    if cached is None or cached[0] is not main:
        cached = _main_str = (main, frozenset(map(chr, main)) | {"\n"})
    return cached[1]


def markup(text: str) -> str:
    """Paragraph markup that prints ``text`` exactly as typed (escaped, line breaks kept)."""
    main, fallbacks = _load_fonts()
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    if _main_chars().issuperset(text):
        return _escape(text)
    out, run, run_font = [], [], None
    for ch in text:
        font = None
        if ch != "\n" and ord(ch) not in main:
            font = next((name for name, chars in fallbacks if ord(ch) in chars), None)
            if font is None:
                ch = MISSING  # no font has it: a visible mark, never a silent blank
        if font != run_font and run:
            out.append(_wrap_font("".join(run), run_font))
            run = []
        run_font = font
        run.append(ch)
    if run:
        out.append(_wrap_font("".join(run), run_font))
    return "".join(out)


def missing_characters(text: str) -> str:
    """The distinct characters of ``text`` that no available font can print."""
    main, fallbacks = _load_fonts()
    main_chars = _main_chars()
    missing = []
    for ch in text:
        if ch in main_chars:
            continue
        o = ord(ch)
        if (o not in main and ch not in "\n\r\t" and not _CONTROL.match(ch) and ch not in missing
                and not any(o in chars for _, chars in fallbacks)):
            missing.append(ch)
    return "".join(missing)

def _escape(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _wrap_font(text: str, font: str | None) -> str:
    return f'<font name="{font}">{_escape(text)}</font>' if font else _escape(text)


def styles() -> dict[str, ParagraphStyle]:
    global _styles
    _load_fonts()
    if _styles is None:
        base = {"fontName": FONT, "fontSize": 9, "leading": 11.5, "wordWrap": "CJK"}
        _styles = {
            "cell": ParagraphStyle("cell", alignment=TA_LEFT, **base),
            "center": ParagraphStyle("center", alignment=TA_CENTER, **base),
            "head": ParagraphStyle("head", alignment=TA_CENTER, **base),
            "label": ParagraphStyle("label", alignment=TA_CENTER, **base),
            "section": ParagraphStyle("section", alignment=TA_LEFT, **base),
            "subtitle": ParagraphStyle(
                "subtitle", fontName=FONT, fontSize=11, leading=15, alignment=TA_CENTER,
                wordWrap="CJK"),
            "meta": ParagraphStyle("meta", fontName=FONT, fontSize=10, leading=13,
                                   alignment=TA_LEFT, wordWrap="CJK"),
            "meta_right": ParagraphStyle("meta_right", fontName=FONT, fontSize=10, leading=13,
                                         alignment=2, wordWrap="CJK"),
            "note": ParagraphStyle("note", fontName=FONT, fontSize=9.5, leading=13,
                                   alignment=TA_LEFT, wordWrap="CJK"),
            "foot": ParagraphStyle("foot", fontName=FONT, fontSize=8, leading=10,
                                   alignment=TA_LEFT, wordWrap="CJK"),
        }
    return _styles

