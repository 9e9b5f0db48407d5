"""A department form's project list (layout C's 三、项目支出情况): group, name, 预算, 执行 per line.

The group is printed once, merged down its lines, so a line without one is in
the group above; a line whose name starts with the list's 小计 is the group's
subtotal, as typed.
"""

from __future__ import annotations

from .. import layouts
from ..labels import key
from ..model import Form, ProjectLine
from .base import ReaderBase
from .vocabulary import join

FIELDS = ("group", "name", "budget", "executed")


def _lists():
    return [lay.projects for lay in layouts.LAYOUTS.values() if lay.projects is not None]


def list_header(cells):
    """A project list's header row: (the layout's list, [(field, region)]), or (None, [])."""
    for plist in _lists():
        spellings = {f: {key(s) for s in getattr(plist, f).keys} for f in FIELDS}
        found = ReaderBase.columns(cells, lambda t, sp=spellings: next(
            (f for f, keys in sp.items() if key(t) in keys), None))
        if len(found) == len(FIELDS):
            return plist, found
    return None, []


class ProjectsReader(ReaderBase):

    def read_projects(self, form: Form, start: int) -> int:
        """The list if it starts at row ``start``; the row after it."""
        if start >= len(self.rows):
            return start
        plist, cols = list_header(self.cells(self.rows[start]))
        if plist is None:
            return start
        self.use(*(reg for _, reg in cols))
        spans = self.spans(cols, open_end=False)
        first = spans[0][1]
        i, group = start + 1, ""
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            if not cells or any(c.col < first and c.text.strip() for c in cells):
                break  # the next section's title down column A
            got = {}
            for name, lo, hi in spans:
                values = self.in_span(cells, lo, hi)
                self.use(*values)
                got[name] = join([(c.text, True) for c in values])
            group = got["group"] or group
            name = got["name"]
            form.projects.append(ProjectLine(group, name, got["budget"], got["executed"],
                                             subtotal=key(name).startswith(key(plist.subtotal))))
            i += 1
        return i
