"""The document: which forms, one story of them, the PDF as bytes or written to a file."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from .. import layouts
from ..checks import ERROR, evaluate
from ..errors import PerfdeskError
from ..model import DepartmentFile, Form
from ..verification import form_code
from .findings import _findings_page
from .fonts import missing_characters
from .form import form_story
from .page import PrintedForm, _Canvas, _Doc, _FormStart
from .text import _rendering


def _form_text(form: Form) -> str:
    """Every text of ``form`` (the strings of ``form.to_dict()``, read in place)."""
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif is_dataclass(value) and not isinstance(value, type):
            for f in fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(form)
    return "\n".join(parts)



# ---- the document -------------------------------------------------------------


def select_forms(dfile: DepartmentFile, projects: Iterable[str] | None = None) -> list[int]:
    """Indices of the forms to print: all, or those whose 项目名称 is named."""
    if not dfile.forms:
        raise PerfdeskError("文件中没有表，无法打印。")
    if not projects:
        return list(range(len(dfile.forms)))
    wanted = [p.strip() for p in projects]
    chosen = [i for i, f in enumerate(dfile.forms) if f.project.strip() in wanted]
    known = {f.project.strip() for f in dfile.forms}
    missing = [p for p in wanted if p not in known]
    if missing:
        raise PerfdeskError("文件中找不到这些项目：" + "、".join(f"「{p}」" for p in missing))
    return chosen


def _story(dfile: DepartmentFile, indices: list[int]) -> tuple[list[Flowable], list[PrintedForm]]:
    story: list[Flowable] = []
    printed = []
    for n, i in enumerate(indices):
        form = dfile.forms[i]
        ev = evaluate(form, dfile)
        errors = ev.count(ERROR, include_explained=True)
        draft = errors > 0
        explained = sum(1 for f in ev.findings if f.explained)
        listed = len(ev.findings) if draft else explained
        name = form.project if form.project.strip() else layouts.display_name(form)  # C: its title
        info = PrintedForm(i, name, form_code(form, dfile), draft, errors, listed,
                           missing_characters(_form_text(form)))
        printed.append(info)
        if n:
            story.append(PageBreak())
        story.append(_FormStart(info))
        story += form_story(form, dfile, ev)
        if listed:
            story.append(PageBreak())
            story += _findings_page(form, ev, draft)
    return story, printed


def _render(dfile: DepartmentFile, projects=None) -> tuple[bytes, list[PrintedForm]]:
    indices = select_forms(dfile, projects)
    # cells and widths are made once per document (a form repeats its neighbours' titles)
    _rendering.cells, _rendering.widths = {}, {}
    try:
        story, printed = _story(dfile, indices)
        buf = io.BytesIO()
        titles = {layouts.get(dfile.forms[i].layout).title for i in indices}
        title = titles.pop() if len(titles) == 1 else "部门预算项目绩效自评表"  # forms of several layouts
        if len(printed) == 1:
            title += "：" + printed[0].project
        doc = _Doc(buf, title=title, author=dfile.department, subject=f"{dfile.year}年度")
        doc.build(story, canvasmaker=_Canvas)
    finally:
        del _rendering.cells, _rendering.widths
    return buf.getvalue(), printed


def render_pdf(dfile: DepartmentFile, projects: Iterable[str] | None = None) -> bytes:
    """The PDF of the chosen forms (all by default), as bytes."""
    return _render(dfile, projects)[0]


@dataclass
class PdfResult:
    path: Path
    pages: int
    size: int  # bytes
    forms: list[PrintedForm]


def write_pdf(dfile: DepartmentFile, out_path: str | os.PathLike,
              projects: Iterable[str] | None = None) -> PdfResult:
    """Write the PDF to ``out_path`` (via a temporary file, so a failure leaves no half PDF)."""
    data, printed = _render(dfile, projects)
    path = Path(out_path)
    tmp = path.with_name(path.name + ".writing")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise PerfdeskError(
            f"无法写入 {path.name}：{err.strerror or err}（文件可能正被其他程序打开）") from err
    return PdfResult(path, sum(p.pages for p in printed), len(data), printed)
