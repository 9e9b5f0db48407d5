"""The department's 汇总表: one row per project (预算, 执行, 执行率, 总分, 等级, 错误/警告),
as rows for the drafted report and as an Excel sheet (``perfdesk summary FILE -o 汇总表.xlsx``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..calc import normalise_grade
from ..checks import ERROR, WARNING, Evaluation, evaluate
from ..checks.base import figure
from ..errors import PerfdeskError
from ..model import DepartmentFile, Form
from ..numbers import read_score

HEADER = ("序号", "项目名称", "预算数", "执行数", "执行率", "总分", "评价等级", "错误", "警告")


@dataclass(frozen=True, slots=True)
class Row:
    form: Form
    evaluation: Evaluation
    budget: float | None  # in the file's money unit
    executed: float | None
    rate: float | None  # percent
    total: float  # 总分 as typed when readable, else computed
    grade: str  # 评价等级 as typed when it reads as one, else the computed one
    errors: int
    warnings: int


def rows(dfile: DepartmentFile) -> list[Row]:
    out = []
    for form in dfile.forms:
        ev = evaluate(form, dfile)
        c = ev.calc
        typed = read_score(form.total_score)
        out.append(Row(
            form, ev, c.amount("money.budget.total"), c.amount("money.executed.total"), c.execution_rate,
            typed.value if typed.status == "ok" else c.total,
            normalise_grade(form.grade) or c.grade, ev.count(ERROR), ev.count(WARNING),
        ))
    return out


def totals(table: list[Row]) -> tuple[float, float, float | None]:
    """Σ 预算, Σ 执行 over the projects whose figures read, and the overall rate."""
    budget = sum(r.budget for r in table if r.budget is not None)
    executed = sum(r.executed for r in table if r.executed is not None)
    return budget, executed, (executed / budget * 100 if budget > 0 else None)


def amount_text(x: float | None) -> str:
    return "—" if x is None else figure(round(x, 6))


def rate_text(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}%"


def cells(r: Row, n: int) -> list:
    return [n, r.form.project or "（未填项目名称）", amount_text(r.budget), amount_text(r.executed),
            rate_text(r.rate), figure(round(r.total, 6)), r.grade, r.errors, r.warnings]


def write_xlsx(dfile: DepartmentFile, path: str | Path) -> int:
    """The 汇总表 as one sheet; returns the number of projects."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise PerfdeskError(f"输出文件的扩展名应为 .xlsx：{path.name}")
    table = rows(dfile)
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总表"
    ws.append([f"{dfile.department}{dfile.year}年度部门预算项目绩效自评结果汇总表"])
    ws.append([f"金额单位：{dfile.money_unit}"])
    ws.append(list(HEADER))
    for n, r in enumerate(table, 1):
        ws.append(_numbers(cells(r, n)))
    budget, executed, rate = totals(table)
    ws.append(_numbers(["合计", f"{len(table)} 个项目", amount_text(budget), amount_text(executed),
                        rate_text(rate), "", "", sum(r.errors for r in table), sum(r.warnings for r in table)]))
    ws["A1"].font = Font(bold=True, size=14)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for col, width in zip("ABCDEFGHI", (6, 40, 12, 12, 10, 8, 10, 6, 6), strict=True):
        ws.column_dimensions[col].width = width
    try:
        wb.save(path)
    except OSError as err:
        raise PerfdeskError(f"无法写入 {path}：{err.strerror or err}") from err
    return len(table)


def _numbers(values: list) -> list:
    """Figures as numbers in the sheet (so they sum), the rest as text."""
    out = []
    for v in values:
        if isinstance(v, str) and v not in ("—", ""):
            try:
                out.append(float(v) if not v.endswith("%") else v)
                continue
            except ValueError:
                pass
        out.append(v)
    return out
