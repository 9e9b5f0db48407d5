"""Excel workbooks: export a department file, import filled forms.

Export (``export_file``)
------------------------

Each form goes to its own sheet, named after its project (Excel's rules: no
``[]:*?/\\``, at most 31 characters, unique), laid out like the printed form of
its layout (A: 部门预算项目绩效自评表; B: 项目支出绩效自评表) with merged cells,
borders, 宋体, A4 and a print area.  Columns and rows the official forms lack
are added only when the form holds something for them (指标解释, 分值 and 偏差原因
on layout A, 到位数 on layout B, 主管部门, 上年结转资金, 年初预算数 …), so
nothing typed is ever left out.

Numbers and text: a numeric cell (amounts, 执行进度, 完成率, 指标值, 得分, 总分)
is written as an Excel number only when a number format reproduces the typed
text exactly, checked by rendering it back the way the importer does:
``1039`` (General), ``10.00`` (``0.00``), ``1,039`` (``#,##0``), ``22.4%``
(0.224 as ``0.0%``), ``100.00%`` (``0.00%``).  Anything else stays text as
typed: ``１０３９`` (full-width), ``22.4％``, ``2.96478万元``, ``≥95%``,
``05``.  So the sheet computes and sorts like a spreadsheet where it can,
shows exactly what the clerk typed, and an import gives back every typed
value.  Text beginning with ``=``, ``+``, ``-`` or ``@`` is always text
(never a formula), with Excel's quote prefix so editing keeps it text.

A very hidden sheet ``perfdesk`` holds what the printed form does not:
the department, year, amount unit and settings of the file, and per sheet
the rows marked 不适用 and the clerk's explanations of findings.  Import uses
it when present and never needs it.

Import (``read_workbook`` / ``read_file``)
------------------------------------------

Every sheet is turned into a ``form_reader.Grid`` with each cell's text as
Excel displays it (``render``: the number format applied, so 0.224 in
``0.00%`` reads ``22.40%`` and 1039.0 reads ``1039``) and read by labels.
A sheet without a form (an instructions sheet, a lookup list) is skipped.
"""

from .formats import as_number, render
from .grid import merge_runs
from .meta import META_MARK, META_SHEET
from .plan import plan
from .reader import read_file, read_workbook
from .template import template_form, write_template
from .writer import export_file, sheet_name, write_plan

__all__ = [
    "META_MARK", "META_SHEET", "as_number", "export_file", "merge_runs", "plan", "read_file",
    "read_workbook", "render", "sheet_name", "template_form", "write_plan", "write_template",
]
