"""Every printed form perfdesk knows, each described once (``base.Layout``).

``get(code)`` gives a form's layout; an unknown code (a file from a newer
version) is shown as layout A rather than refused.  ``register`` adds one.
"""

from __future__ import annotations

from .a import LAYOUT_A
from .b import LAYOUT_B
from .base import Field, IndicatorColumn, Label, Layout, Level1, MoneyColumn, MoneyRow
from .c import LAYOUT_C
from .tree import EXEC_RATE, NATIONAL_TREE

__all__ = [
    "EXEC_RATE", "LAYOUTS", "NATIONAL_TREE", "Field", "IndicatorColumn", "Label", "Layout", "Level1",
    "MoneyColumn", "MoneyRow", "display_name", "get", "register", "unregister",
]

LAYOUTS: dict[str, Layout] = {}


def register(layout: Layout) -> Layout:
    LAYOUTS[layout.code] = layout
    return layout


def unregister(code: str) -> None:
    LAYOUTS.pop(code, None)


def get(code: str) -> Layout:
    return LAYOUTS.get(code) or LAYOUT_A


def display_name(form) -> str:
    """What a list of forms calls ``form``: its 项目名称, or its title when the layout has none."""
    layout = get(form.layout)
    return form.project.strip() or ("" if layout.has_cell("project") else layout.title)


register(LAYOUT_A)
register(LAYOUT_B)
register(LAYOUT_C)
