"""The reviewer's report over many files: readable Chinese text or one JSON document."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from . import layouts
from .checks import ERROR, HINT, WARNING, Evaluation, evaluate
from .errors import PerfdeskError
from .messages import render
from .model import DepartmentFile, Form
from .sources import load_any
from .verification import form_code


@dataclass
class FileReport:
    path: str
    error: str | None = None
    dfile: DepartmentFile | None = None
    results: list[tuple[Form, Evaluation]] = field(default_factory=list)


def check_files(paths, last_year: DepartmentFile | None = None) -> list[FileReport]:
    """Load and check every file, with the Y checks against last year's file: ``last_year``
    when given, else the one the file itself names (when it can be read)."""
    reports = []
    for path in paths:
        report = FileReport(str(path))
        try:
            report.dfile = load_any(path)
        except PerfdeskError as err:
            report.error = str(err)
        else:
            last = last_year or _own_last_year(report.dfile)
            report.results = [(f, evaluate(f, report.dfile, last)) for f in report.dfile.forms]
        reports.append(report)
    return reports


def _own_last_year(dfile: DepartmentFile) -> DepartmentFile | None:
    path = dfile.settings.last_year_file
    if not path:
        return None
    try:
        return load_any(path)
    except PerfdeskError:
        return None  # the Y checks are hints: an unreadable last-year file only drops them


def form_refs_of(reports: list[FileReport], extra_paths) -> list:
    """The forms a narrative report is checked against (T02): those of the form files
    checked with it and of ``--forms``; an unreadable ``--forms`` file is listed as one."""
    from .reports import form_refs

    refs = [ref for r in reports if r.dfile for ref in form_refs(r.dfile, r.path)]
    for path in extra_paths:
        if any(Path(r.path) == Path(path) for r in reports):
            continue
        try:
            refs += form_refs(load_any(path), str(path))
        except PerfdeskError as err:
            reports.append(FileReport(str(path), error=f"无法读取 --forms 文件：{err}"))
    return refs


def exit_status(reports: list[FileReport], texts=()) -> int:
    if any(r.error for r in reports) or any(t.error for t in texts):
        return 2
    if any(ev.count(ERROR, include_explained=True) for r in reports for _, ev in r.results):
        return 1
    if any(t.has_errors() for t in texts):
        return 1
    return 0


def _rate(ev: Evaluation) -> float | None:
    rate = ev.calc.execution_rate
    return None if rate is None else round(rate, 4)


def to_json(reports: list[FileReport], texts=()) -> str:
    from .reports.output import json_entry

    files = []
    for r in reports:
        forms = []
        for form, ev in r.results:
            forms.append({
                "project": form.project,
                "layout": form.layout,
                "execution_rate": _rate(ev),
                "total_score": round(ev.calc.total, 4),
                "grade": ev.calc.grade,
                "verification_code": form_code(form, r.dfile),
                "findings": [
                    {
                        "code": f.code,
                        "severity": f.severity,
                        "message": render(f, form),
                        "cells": list(f.cells),
                        "explained": f.explained,
                    }
                    for f in ev.findings
                ],
            })
        files.append({"path": r.path, "error": r.error, "forms": forms})
    files += [json_entry(t) for t in texts]
    return json.dumps({"files": files}, ensure_ascii=False, indent=1)


def to_text(reports: list[FileReport], texts=()) -> str:
    from .reports.output import text_lines

    lines = []
    for r in reports:
        name = Path(r.path).name
        if r.error:
            lines += [f"== {name} ==", f"  无法读取：{r.error}", ""]
            continue
        d = r.dfile
        lines.append(f"== {name}（{d.department or '未填部门'} {d.year} 年度，{len(r.results)} 张表）==")
        for n, (form, ev) in enumerate(r.results, 1):
            lines += _form_lines(n, form, ev, form_code(form, d))
        lines.append("")
    for t in texts:
        lines += text_lines(t)
    lines.append(_summary(reports, texts))
    return "\n".join(lines)


def _form_lines(n: int, form: Form, ev: Evaluation, code: str) -> list[str]:
    c = ev.calc
    rate = "—" if c.execution_rate is None else f"{c.execution_rate:.2f}%"
    counts = " · ".join(f"{s} {ev.count(s)}" for s in (ERROR, WARNING, HINT))
    lines = [
        f"【{n}】{layouts.display_name(form) or '（未填项目名称）'}　校验码 {code}",
        f"    执行率 {rate}　总分 {form.total_score or '—'}（计算 {c.total:g}）"
        f"　等级 {form.grade or '—'}（应为 {c.grade}）　{counts}",
    ]
    if not ev.findings:
        lines.append("    未发现问题。")
    for f in ev.findings:
        mark = f"（已说明：{f.explained}）" if f.explained else ""
        lines.append(f"    {f.severity} {f.code}  {render(f, form)}{mark}")
    return lines


def _summary(reports: list[FileReport], texts=()) -> str:
    forms = [ev for r in reports for _, ev in r.results]
    with_errors = sum(1 for ev in forms if ev.count(ERROR, include_explained=True))
    unreadable = sum(1 for r in reports if r.error) + sum(1 for t in texts if t.error)
    text = f"共 {len(reports) + len(texts)} 个文件、{len(forms)} 张表；{with_errors} 张表有错误"
    if texts:
        text += f"；{len(texts)} 份自评报告，{sum(1 for t in texts if t.has_errors())} 份有错误"
    if unreadable:
        text += f"；{unreadable} 个文件无法读取"
    return text + "。"
