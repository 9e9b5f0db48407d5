"""Where perfdesk's bundled files are, whether run from source or from a PyInstaller folder."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[1]
    return base / "resources"


def font_path() -> Path:
    """The bundled CJK TrueType collection (WenQuanYi Micro Hei, Apache-2.0)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def demo_path() -> Path:
    return resources_dir() / "demo" / "demo-2020.perfdesk"
