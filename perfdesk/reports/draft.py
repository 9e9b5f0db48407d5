"""Drafting the 自评报告 from the forms (``perfdesk draft FILE.perfdesk -o 自评报告.docx``).

The draft follows the seeds' structure — 一、基本情况, 二、绩效自评工作组织开展情况,
三、预算执行情况 (with the 汇总表), 四、绩效目标完成情况 per project, 五、存在问题及改进
措施, 六、绩效自评结果拟应用和公开情况.  Every figure, and every sentence with a
figure, comes from the forms (amounts in the file's unit, rates computed, 总分 and
等级 as the forms give them), so a drafted report checks clean unless its forms
contradict themselves.  What only a person can write is a highlighted
【待填写：…】 paragraph.
"""

from __future__ import annotations

from pathlib import Path

from ..checks.base import ERROR, figure
from ..errors import PerfdeskError
from ..model import DepartmentFile
from .summary import HEADER, Row, amount_text, cells, rate_text, rows, totals

TODO = "【待填写："
_CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (section numbers)."""
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


def paragraphs(dfile: DepartmentFile) -> list[tuple[str, object]]:
    """The draft as (style, content) pairs: "title", "h1", "h2", "p", "todo" with text; "table"
    with rows of cells.  The clerk's own words from the forms (目标, 完成情况, 指标, 存在问题) go
    in tables, as on the forms, so the prose holds only figures drafted from the forms."""
    table = rows(dfile)
    unit = dfile.money_unit or "万元"
    out: list[tuple[str, object]] = [("title", f"{dfile.department}{dfile.year}年度部门预算项目绩效自评报告")]
    out += [("h1", "一、基本情况"), ("h2", "（一）部门基本情况"),
            ("todo", f"{TODO}部门主要职能、内设机构及人员情况】"), ("h2", "（二）项目概况"),
            ("p", _overview(table)),
            ("h1", "二、绩效自评工作组织开展情况"),
            ("todo", f"{TODO}自评工作的组织、范围、方法和审核情况】"),
            ("h1", "三、预算执行情况"), ("p", _execution(table, unit)), ("table", _summary_rows(table, unit)),
            ("h1", "四、绩效目标完成情况")]
    for n, r in enumerate(table, 1):
        out += _project(n, r, unit)
    out.append(("h1", "五、存在问题及改进措施"))
    problems = [[r.form.project, r.form.problems.strip()] for r in table if r.form.problems.strip()]
    if problems:
        out += [("p", "各项目自评表所填存在问题及整改措施如下表。"), ("table", [["项目名称", "存在问题、原因及下一步整改措施"], *problems])]
    out.append(("todo", f"{TODO}部门层面存在的问题、原因及下一步改进措施】"))
    out += [("h1", "六、绩效自评结果拟应用和公开情况"),
            ("todo", f"{TODO}自评结果的应用和公开安排】")]
    return out


def _overview(table: list[Row]) -> str:
    if not table:
        return "本部门没有纳入绩效自评的项目。"
    return f"本部门纳入本次绩效自评的项目共 {len(table)} 个，各项目名称、预算执行和自评结果见三、四部分。"


def _execution(table: list[Row], unit: str) -> str:
    budget, executed, rate = totals(table)
    text = f"全部项目全年预算数 {amount_text(budget)} {unit}，全年执行数 {amount_text(executed)} {unit}"
    return text + (f"，执行率 {rate_text(rate)}。" if rate is not None else "。") + "各项目情况见下表。"


def _summary_rows(table: list[Row], unit: str) -> list[list[str]]:
    header = list(HEADER)
    header[2], header[3] = f"预算数（{unit}）", f"执行数（{unit}）"
    return [header, *([str(v) for v in cells(r, n)] for n, r in enumerate(table, 1))]


def _project(n: int, r: Row, unit: str) -> list[tuple[str, object]]:
    f = r.form
    out: list[tuple[str, object]] = [("h2", f"（{cn(n)}）{f.project or '（未填项目名称）'}")]
    money = []
    if r.budget is not None:
        money.append(f"全年预算数 {amount_text(r.budget)} {unit}")
    if r.executed is not None:
        money.append(f"全年执行数 {amount_text(r.executed)} {unit}")
    if r.rate is not None and r.executed is not None:
        money.append(f"执行率 {rate_text(r.rate)}")
    out.append(("p", "1.预算执行情况：" + ("，".join(money) if money else "自评表未填预算数和执行数") + "。"))
    goals = [[g.target.strip(), g.result.strip()] for g in f.goals if g.target.strip() or g.result.strip()]
    if goals:
        out += [("p", "2.绩效目标完成情况见下表。"), ("table", [["年度预期目标", "具体完成情况"], *goals])]
    else:
        out.append(("todo", f"{TODO}{f.project}的绩效目标完成情况】"))
    rows_ = [[i.level3.strip(), i.target.strip(), i.actual.strip(), i.score.strip()]
             for i in f.indicators if i.level3.strip()]
    if rows_:
        out += [("p", "3.绩效指标完成情况见下表。"), ("table", [["三级指标", "预期指标值", "实际完成值", "自评得分"], *rows_])]
    out.append(_result(r))
    return out


def _result(r: Row) -> tuple[str, str]:
    total = f"自评总分 {figure(round(r.total, 6))} 分"
    if any("grade" in f.cells for f in r.evaluation.findings if f.severity == ERROR):
        return ("todo", f"4.自评结果：{total}；{TODO}评价等级（自评表中的评价等级与总分不符，请先改正自评表）】")
    return ("p", f"4.自评结果：{total}，评价等级为“{r.grade}”。")


def write_docx(dfile: DepartmentFile, path: str | Path) -> int:
    """Write the draft; returns the number of projects."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX, WD_PARAGRAPH_ALIGNMENT
    from docx.oxml.ns import qn

    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise PerfdeskError(f"输出文件的扩展名应为 .docx：{path.name}")
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    count = len(dfile.forms)
    for style, content in paragraphs(dfile):
        if style == "title":
            document.add_heading(content, level=0).alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
        elif style in ("h1", "h2"):
            document.add_heading(content, level=1 if style == "h1" else 2)
        elif style == "table":
            _table(document, content)
        else:
            run = document.add_paragraph().add_run(content)
            if style == "todo":
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    try:
        document.save(str(path))
    except OSError as err:
        raise PerfdeskError(f"无法写入 {path}：{err.strerror or err}") from err
    return count


def _table(document, content: list[list[str]]) -> None:
    t = document.add_table(rows=len(content), cols=len(content[0]))
    t.style = "Table Grid"
    for row, values in zip(t.rows, content, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value

