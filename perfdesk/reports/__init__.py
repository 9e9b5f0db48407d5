"""The 自评报告: reading a narrative report and checking it against itself and its forms.

``check_report(path, forms)`` reads a report (.txt, .docx, text-layer .pdf)
and runs the T checks of ``../shared/spec/checks.md``; each finding names the
paragraph (line) and the exact span of text it is about, and for T02 the form
cells it compares with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..calc import calculate
from ..checks.base import SEVERITY_ORDER, Check
from ..model import DepartmentFile
from . import adjust, consistency, counts, forms, rates, scoring, sums
from .base import FORMATTER, FormRef, ReportContext, TextFinding
from .reading import READABLE, Report, read_report

__all__ = ["BY_CODE", "CHECKS", "FormRef", "READABLE", "Report", "ReportCheck", "TextFinding",
           "check_report", "form_refs", "read_report", "render", "run_checks"]

# In code order; each module keeps its checks in ``CHECKS``.
CHECKS: tuple[Check, ...] = tuple(sorted(
    (c for m in (rates, forms, sums, adjust, scoring, consistency, counts) for c in m.CHECKS),
    key=lambda c: c.code,
))
BY_CODE = {c.code: c for c in CHECKS}


@dataclass
class ReportCheck:
    report: Report
    findings: list[TextFinding] = field(default_factory=list)


def form_refs(dfile: DepartmentFile, source: str = "") -> list[FormRef]:
    return [FormRef(source, f, calculate(f, dfile.money_unit)) for f in dfile.forms]


def run_checks(report: Report, forms: list[FormRef] | None = None) -> list[TextFinding]:
    """Every T finding on ``report``, in reading order, 错误 before 警告 at one place."""
    ctx = ReportContext(report, list(forms or ()))
    out: list[TextFinding] = []
    seen = set()
    for check in CHECKS:
        for f in check.run(ctx):
            para = ctx.paras[f.paragraph]
            f.severity = f.severity or check.severity
            f.line, f.quote = para.line, para.text[f.start:f.end]
            key = (f.code, f.paragraph, f.start, f.end)
            if key not in seen:
                seen.add(key)
                out.append(f)
    out.sort(key=lambda f: (f.line, f.start, SEVERITY_ORDER[f.severity], f.code))
    return out


def check_report(path, forms: list[FormRef] | None = None) -> ReportCheck:
    report = read_report(path)
    return ReportCheck(report, run_checks(report, forms))


def render(finding: TextFinding) -> str:
    """The Chinese sentence for a T finding, from its check's template."""
    return FORMATTER.format(BY_CODE[finding.code].template, **finding.args)
