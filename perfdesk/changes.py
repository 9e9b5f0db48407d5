"""What an edit of the open file changed, as the document facade returns it (anki's ``OpChanges``).

Every edit of a ``Document`` returns an ``Op``: ``changes`` says what changed,
so each view refreshes only that, and ``undo`` is what the caller needs to
take the edit back (the old text, the rows removed …).  The views read
``changes``; nothing else tells them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class OpChanges:
    form: int | None = None  # the form whose content changed (None: no one form)
    cells: tuple[str, ...] = ()  # typed cells of that form that changed
    rows: str | None = None  # that form's table whose rows changed (inserted, removed, moved, pasted)
    notes: bool = False  # that form's explanations changed
    layout: bool = False  # that form's layout changed: its view is built anew
    forms: bool = False  # forms were added, removed or moved: the list of forms
    file: bool = False  # a field or rule of the whole file: every form re-evaluated
    last_year: bool = False  # last year's file: every form re-evaluated, 上年实际 shown or not
    report: bool = False  # the 自评报告 kept with the forms

    def __or__(self, other: OpChanges) -> OpChanges:
        """Both edits' changes (several cells of one form set at once)."""
        if other == NOTHING or self == NOTHING:
            return self if other == NOTHING else other
        flags = {name: getattr(self, name) or getattr(other, name)
                 for name in ("rows", "notes", "layout", "forms", "file", "last_year", "report")}
        if self.form is not None and other.form is not None and self.form != other.form:
            raise ValueError("changes of two forms are two edits")
        form = self.form if self.form is not None else other.form
        cells = self.cells + tuple(c for c in other.cells if c not in self.cells)
        return OpChanges(form, cells, **flags)


NOTHING = OpChanges()


@dataclass(frozen=True)
class Op(Generic[T]):
    """An edit done: what it changed and what undoes it."""

    changes: OpChanges
    undo: T = None
