"""The indicator table's merged 一级/二级 labels: which rows each one covers, and keeping them so.

On paper a 一级 (or 二级) label is one merged cell over the rows it names.  In
the model a label is typed on the first row of its run and left blank below;
a row whose label repeats the one above (a pasted block that brings its own
``产出指标``) belongs to the same run.  ``runs`` gives the merged cells (the
window and the PDF draw them alike); ``merge_repeats`` blanks the repeats
after a paste, a move or a delete, so one cell is one label to edit;
``keep_labels`` keeps rows under the label they were under when rows around
them moved or went.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .addresses import parse_row_address
from .model import Indicator

LABEL_FIELDS = ("level1", "level2")


@dataclass(frozen=True)
class Run:
    """One merged label cell: ``count`` rows from ``start`` (positions in the rows given)."""

    field: str
    start: int
    count: int


def effective(rows: Sequence[Indicator]) -> list[tuple[str, str]]:
    """Each row's 一级 and 二级 as shown: a blank label carries the one above down;
    a typed 一级 starts with no 二级."""
    out = []
    l1 = l2 = ""
    for r in rows:
        if r.level1.strip():
            l1, l2 = r.level1.strip(), ""
        if r.level2.strip():
            l2 = r.level2.strip()
        out.append((l1, l2))
    return out


def runs(rows: Sequence[Indicator]) -> list[Run]:
    """The merged cells, one per run of rows with the same 一级 (and, for 二级, the same
    二级 within one 一级 run), in order of field then row; single rows included."""
    labels = effective(rows)
    out: list[Run] = []
    for k, name in enumerate(LABEL_FIELDS):
        start = 0
        for i in range(1, len(labels) + 1):
            if i == len(labels) or labels[i][: k + 1] != labels[start][: k + 1]:
                out.append(Run(name, start, i - start))
                start = i
    return out


def merge_repeats(rows: Sequence[Indicator], changed: dict[str, str] | None = None) -> dict[str, str]:
    """Blank each label that repeats the run above it (what every row shows stays the same).

    Returns ``changed`` (address -> text before) with the cells blanked added.
    """
    changed = {} if changed is None else changed
    cur1 = cur2 = None
    for i, r in enumerate(rows):
        raw1, raw2 = r.level1.strip(), r.level2.strip()
        if raw1 and raw1 == cur1 and (raw2 or cur2 == ""):
            changed.setdefault(f"indicators[{i}].level1", r.level1)
            r.level1 = ""
        elif raw1:
            cur1, cur2 = raw1, ""
        if raw2 and raw2 == cur2 and not r.level1.strip():
            changed.setdefault(f"indicators[{i}].level2", r.level2)
            r.level2 = ""
        elif raw2:
            cur2 = raw2
    return changed


def effective_by_row(rows: Sequence[Indicator]) -> dict[int, tuple[str, str]]:
    """``effective`` keyed by each row object's id, to follow rows as they move."""
    return {id(r): labels for r, labels in zip(rows, effective(rows), strict=True)}


def keep_labels(rows: list[Indicator], before: dict[int, tuple[str, str]],
                moved: Indicator | None = None) -> dict[str, str]:
    """After rows were removed, moved or added, write labels where a row would otherwise
    change group, then blank the repeats.

    ``before`` is ``effective_by_row`` from before; a row not in it joins whatever
    is above it.  Returns the label cells written, with their old text.  The
    moved row drops a label that has become redundant.
    """
    changed: dict[str, str] = {}
    cur1 = cur2 = ""
    for i, r in enumerate(rows):
        want1, want2 = before.get(id(r), (None, None))
        if want1 is None:
            if r.level1.strip():
                cur1, cur2 = r.level1.strip(), ""
            if r.level2.strip():
                cur2 = r.level2.strip()
            continue
        raw1 = r.level1.strip()
        if raw1:
            if r is moved and raw1 == cur1 and i > 0:
                changed.setdefault(f"indicators[{i}].level1", r.level1)
                r.level1 = ""
            else:
                cur1, cur2 = raw1, ""
        elif want1 and cur1 != want1:
            changed.setdefault(f"indicators[{i}].level1", r.level1)
            r.level1 = want1
            cur1, cur2 = want1, ""
        raw2 = r.level2.strip()
        if raw2:
            if r is moved and raw2 == cur2 and not r.level1.strip() and i > 0:
                changed.setdefault(f"indicators[{i}].level2", r.level2)
                r.level2 = ""
            else:
                cur2 = raw2
        elif want2 and cur2 != want2:
            changed.setdefault(f"indicators[{i}].level2", r.level2)
            r.level2 = want2
            cur2 = want2
    return merge_repeats(rows, changed)


def restore_labels(rows: list[Indicator], relabel: dict[str, str]) -> None:
    """Undo what ``keep_labels`` or ``merge_repeats`` wrote."""
    for address, text in relabel.items():
        _, i, name = parse_row_address(address)
        if i < len(rows) and name in LABEL_FIELDS:
            setattr(rows[i], name, text)
