"""What a check is and what it finds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import layouts
from ..calc import Calculation
from ..layouts import Layout
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

    @property
    def layout(self) -> Layout:
        return layouts.get(self.form.layout)


def figure(x) -> str:
    """A figure as a clerk writes it: no float noise, no trailing zeros."""
    if isinstance(x, float):
        text = f"{x:.6f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(x)


Phrases = Callable[[dict, Callable[[str], str]], dict]


@dataclass(slots=True, eq=False)
class Check:
    """One check, whole: its code, severity, title, message template and function.

    ``template`` is filled from a finding's arguments, plus ``cell`` (the Chinese
    name of the finding's first cell) and whatever ``phrases(args, label)``
    returns — wording that depends on the arguments; ``label(address)`` names a
    cell in the form's own layout.
    """

    code: str
    severity: str
    title: str  # what it is about, for lists of checks
    template: str
    run: Callable[[Context], Iterable[Finding]]
    phrases: Phrases | None = None

    def phrase(self, fn: Phrases) -> Phrases:
        """Decorator: attach the function that words this check's arguments."""
        self.phrases = fn
        return fn


def check(code: str, severity: str, title: str, template: str):
    """Decorator: the function becomes a ``Check``, collected by the registry."""

    def make(run: Callable[[Context], Iterable[Finding]]) -> Check:
        return Check(code, severity, title, template, run)

    return make
