"""A department form's list of its projects (``Layout.projects``), grouped: the
group's name merged down its lines, a group's subtotal line printed as typed."""

from __future__ import annotations

from ..layouts import Layout
from ..model import Form
from .block import _C, _Block, _heads, _row
from .sections import LABEL_W, body_width, fit, section_label


def projects_block(layout: Layout, form: Form) -> _Block | None:
    """The list, or None when the layout has none or the form lists no project."""
    plist = layout.projects
    if plist is None or not form.projects:
        return None
    group = max(22, fit([p.group for p in form.projects] + [plist.group.text], 36))
    widths = [LABEL_W, group, body_width() - group - 48, 24, 24]
    body = []
    for line in form.projects:
        name = line.name.strip() or (plist.subtotal if line.subtotal else "")
        style = "head" if line.subtotal else "cell"
        body.append(_row(_C(line.group), _C(name, style), _C(line.budget), _C(line.executed),
                         keys={0: ("group", line.group.strip())} if line.group.strip() else {}))
    header = _heads(plist.group.text, plist.name.text, plist.budget.text, plist.executed.text)
    return _Block(widths, label=section_label(plist.title), header=[header], body=body)
