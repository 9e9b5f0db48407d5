"""What a check is and what it finds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..calc import Calculation
from ..model import Form, Settings

ERROR, WARNING, HINT = "错误", "警告", "提示"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, HINT: 2}


@dataclass(slots=True)
class Finding:
    """A code, the cells it is about and the figures its message needs."""

    code: str
    cells: tuple[str, ...]
    args: dict = field(default_factory=dict, compare=False)
    severity: str = ""  # set by the runner from the registry unless a check overrides it
    explained: str | None = None  # the clerk's note, for an explained 警告/提示


@dataclass(slots=True)
class Context:
    form: Form
    calc: Calculation
    settings: Settings
    year: str
    money_unit: str
    last_year: Form | None = None  # last year's form of the same project (Y checks)


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: str
    title: str  # what it is about, for lists of checks
    run: Callable[[Context], Iterable[Finding]]
