"""A checked report in the reviewer's output: a JSON entry of ``files`` and readable lines."""

from __future__ import annotations

from pathlib import Path

from ..checks.base import ERROR, HINT, WARNING
from ..errors import PerfdeskError
from . import ReportCheck, check_report, render
from .reading import READABLE

__all__ = ["READABLE", "ReportEntry", "check_reports", "is_report", "json_entry", "text_lines"]


class ReportEntry:
    """One report as the reviewer's output lists it: read and checked, or the reason it was not."""

    __slots__ = ("path", "error", "checked")

    def __init__(self, path: str, error: str | None = None, checked: ReportCheck | None = None):
        self.path, self.error, self.checked = path, error, checked

    @property
    def findings(self):
        return self.checked.findings if self.checked else []

    def has_errors(self) -> bool:
        return any(f.severity == ERROR for f in self.findings)


def is_report(path: Path, forms_given: bool) -> bool:
    """.txt and .pdf are reports; a .docx is one when forms are given beside it (``--forms``)."""
    suffix = path.suffix.lower()
    return suffix in (".txt", ".pdf") or (forms_given and suffix in (".docx", ".docm"))


def check_reports(paths, forms) -> list[ReportEntry]:
    out = []
    for path in paths:
        try:
            out.append(ReportEntry(str(path), checked=check_report(path, forms)))
        except PerfdeskError as err:
            out.append(ReportEntry(str(path), error=str(err)))
    return out


def json_entry(entry: ReportEntry) -> dict:
    return {
        "path": entry.path,
        "kind": "report",
        "error": entry.error,
        "findings": [
            {
                "code": f.code,
                "severity": f.severity,
                "message": render(f),
                "line": f.line,
                "quote": f.quote,
                "cells": list(f.cells),
                **({"form": f.form} if f.form else {}),
            }
            for f in entry.findings
        ],
    }


def text_lines(entry: ReportEntry) -> list[str]:
    name = Path(entry.path).name
    if entry.error:
        return [f"== {name}（自评报告）==", f"  无法读取：{entry.error}", ""]
    where = "行" if entry.path.lower().endswith(".txt") else "段"
    counts = " · ".join(f"{s} {sum(1 for f in entry.findings if f.severity == s)}" for s in (ERROR, WARNING, HINT))
    lines = [f"== {name}（自评报告，{len(entry.checked.report.paragraphs)} 段）　{counts} =="]
    if not entry.findings:
        lines.append("    未发现问题。")
    for f in entry.findings:
        lines.append(f"    第 {f.line} {where}　{f.severity} {f.code}  {render(f)}")
        lines.append(f"        「{f.quote}」")
    lines.append("")
    return lines
