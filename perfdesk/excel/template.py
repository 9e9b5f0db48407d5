"""The blank Excel form of a layout (templates/ is made with this)."""

from __future__ import annotations

from pathlib import Path

from .. import layouts
from ..model import DepartmentFile, Form, Indicator
from .writer import export_file


def template_form(layout: str) -> Form:
    """A blank form of ``layout``: the indicator tree printed, nothing typed."""
    form = Form(layout=layout)
    rows = layouts.get(layout).blank_form_rows()
    form.indicators = [Indicator(level1=l1, level2=l2) for l1, l2 in rows]
    return form


def write_template(layout: str, path: str | Path) -> None:
    """The blank Excel form of ``layout`` (templates/ is made with this)."""
    dfile = DepartmentFile(year="    ", forms=[template_form(layout)])
    export_file(dfile, path, meta=False)

