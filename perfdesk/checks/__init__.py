"""The check catalogue (checks.md): an explicit registry and the runner."""

from __future__ import annotations

from ..calc import Calculation, calculate
from ..model import DepartmentFile, Form, Settings
from ..newyear import match_form
from . import completeness as c
from . import goals as g
from . import indicators as i
from . import money as b
from . import rates as r
from . import scores as s
from . import years as y
from .base import ERROR, HINT, SEVERITY_ORDER, WARNING, Check, Context, Finding

__all__ = ["CHECKS", "Check", "BY_CODE", "Evaluation", "evaluate", "run_checks", "Finding", "ERROR", "WARNING", "HINT"]

# The catalogue's areas, in the order their findings are listed; within an
# area, checks run in the order they are defined.
AREAS = (b, s, r, i, g, c, y)
CHECKS: tuple[Check, ...] = tuple(
    v for area in AREAS for v in vars(area).values() if isinstance(v, Check)
)
BY_CODE = {check.code: check for check in CHECKS}


def run_checks(form: Form, calc: Calculation, settings: Settings, year: str,
               money_unit: str = "万元", last_year: Form | None = None) -> list[Finding]:
    """All findings on one form, 错误 first, explained notes attached.

    ``last_year`` is last year's form of the same project, for the Y checks."""
    ctx = Context(form, calc, settings, year, money_unit, last_year)
    findings = []
    for check in CHECKS:
        for f in check.run(ctx):
            f.severity = f.severity or check.severity
            if f.severity != ERROR and form.explanations:
                explanation = form.explanation_for(f.code, f.cells)
                f.explained = explanation.note if explanation else None
            findings.append(f)
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return findings


class Evaluation:
    """A form's arithmetic and findings, computed together."""

    __slots__ = ("calc", "findings")

    def __init__(self, calc: Calculation, findings: list[Finding]):
        self.calc = calc
        self.findings = findings

    def count(self, severity: str, include_explained: bool = False) -> int:
        return sum(
            1 for f in self.findings
            if f.severity == severity and (include_explained or f.explained is None)
        )


def evaluate(form: Form, dfile: DepartmentFile, last_year: DepartmentFile | None = None) -> Evaluation:
    """Arithmetic and findings; ``last_year`` (last year's file) enables the Y checks."""
    calc = calculate(form, dfile.money_unit)
    last = match_form(form, last_year) if last_year is not None else None
    return Evaluation(
        calc, run_checks(form, calc, dfile.settings, dfile.year, dfile.money_unit, last)
    )
