"""Where perfdesk's bundled files are, whether run from source or from a PyInstaller folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[1]
    return base / "resources"


def font_path() -> Path:
    """The bundled CJK TrueType collection (WenQuanYi Micro Hei, Apache-2.0)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def system_print_font() -> Path | None:
    """Windows' SimSun (宋体), the face the paper forms are printed in, if this PC has it."""
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        simsun = Path(windir) / "Fonts" / "simsun.ttc"
        if simsun.is_file():
            return simsun
    return None


def print_font_path() -> Path:
    """The font PDFs are printed in: the system's SimSun when present, else the bundled one."""
    return system_print_font() or font_path()


def icon_path() -> Path:
    """The application icon, 256 px (tools/make_icon.py draws it; the .ico beside it is the exes')."""
    return resources_dir() / "icons" / "perfdesk.png"


def demo_path() -> Path:
    return resources_dir() / "demo" / "demo-2020.perfdesk"
