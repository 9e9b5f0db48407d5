"""The 自评报告 a department file keeps beside its forms, as the window shows it.

``check_with_forms`` reads the report and checks it against every form of the
file (T02 compares with them); ``blocks`` gives each paragraph the findings
whose span starts in it, in the report's own order (table rows included, as
the report shows them); ``looks_like_report`` tells a report from a form among
dropped files: a .txt or .pdf always is one, a .docx when it has prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import PerfdeskError
from ..model import DepartmentFile
from . import ReportCheck, TextFinding, check_report, form_refs
from .reading import READABLE, Paragraph, read_report

# A Word form is a title and tables; a report has sentences outside them.
MIN_PROSE_SENTENCES = 3


def check_with_forms(path: str | Path, dfile: DepartmentFile, source: str = "") -> ReportCheck:
    """The report at ``path`` checked against the forms of ``dfile``; ``PerfdeskError`` if unreadable."""
    return check_report(path, form_refs(dfile, source))


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the report as shown, with the findings that start in it."""

    paragraph: Paragraph
    findings: tuple[TextFinding, ...]


def blocks(checked: ReportCheck) -> list[Block]:
    """Every paragraph of the report in order; a finding's ``paragraph`` counts prose only."""
    prose = [k for k, p in enumerate(checked.report.paragraphs) if not p.table]
    found: dict[int, list[TextFinding]] = {}
    for f in checked.findings:
        found.setdefault(prose[f.paragraph], []).append(f)
    return [Block(p, tuple(found.get(k, ()))) for k, p in enumerate(checked.report.paragraphs)]


def block_of(checked: ReportCheck, finding: TextFinding) -> int:
    """The index in ``blocks(checked)`` of the paragraph ``finding`` is in."""
    prose = [k for k, p in enumerate(checked.report.paragraphs) if not p.table]
    return prose[finding.paragraph]


def looks_like_report(path: str | Path) -> bool:
    """.txt and .pdf are reports; a .docx is one when it has prose beyond its tables."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".txt", ".pdf"):
        return True
    if suffix not in (".docx", ".docm"):
        return False
    try:
        paragraphs = read_report(path).paragraphs
    except PerfdeskError:
        return False  # imported as a form instead, which says what is wrong with it
    sentences = sum(p.text.count("。") for p in paragraphs if not p.table and not p.heading)
    return sentences >= MIN_PROSE_SENTENCES


__all__ = ["READABLE", "Block", "block_of", "blocks", "check_with_forms", "looks_like_report"]
