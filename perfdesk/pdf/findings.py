"""The last page of a form: every finding of a draft, or the explained ones with their notes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from .. import layouts
from ..checks import ERROR, Evaluation
from ..messages import cell_label, render
from ..model import Form
from .block import _C, _Block, _heads, _row
from .fonts import styles
from .page import _Title
from .sections import value_of
from .text import _paragraph


def _findings_page(form: Form, ev: Evaluation, draft: bool) -> list[Flowable]:
    st = styles()
    if draft:
        items = list(ev.findings)
        errors = ev.count(ERROR, include_explained=True)
        title = "审核发现的问题"
        intro = (f"本表尚有 {errors} 处错误未改正，打印件为草稿，不能作为正式报表上报；"
                 f"改正后重新打印即不再有草稿标记。以下列出全部 {len(items)} 条审核意见。")
    else:
        items = [f for f in ev.findings if f.explained]
        title = "已说明的问题"
        intro = f"以下 {len(items)} 个问题经审核提示，填报人已逐条说明。"
    body = [
        _row(_C(str(n)), _C(f.severity), _C(f.code), _C(render(f, form), "cell"),
             _C(f.explained or "", "cell"), min_height=7 * mm)
        for n, f in enumerate(items, 1)
    ]
    return [
        _Title(title, 16),
        _paragraph(_whose(form), st["note"]),
        Spacer(1, 1.5 * mm),
        _paragraph(intro, st["note"]),
        Spacer(1, 3 * mm),
        _Block([10, 12, 12, 92, 54] if any(f.explained for f in items) else [10, 12, 12, 118, 28],
               header=[_heads("序号", "级别", "代码", "问题", "填报人说明")], body=body),
    ]



def _whose(form: Form) -> str:
    """Whose findings: ``项目名称：…``, or the department for a form without a project."""
    layout = layouts.get(form.layout)
    if layout.has_cell("project") or not layout.header:
        return cell_label("project", form) + "：" + form.project
    field = layout.header[0]
    return field.label.text.replace("\n", "") + "：" + value_of(form, field.address)
