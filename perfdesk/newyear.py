"""This year's file from last year's, and last year's figures beside this year's.

``new_year(last)`` keeps what carries over from one year to the next — the
department, the amount unit, the settings, every project with its unit,
主管部门, 年度预期目标, the indicator tree (一级 with its weight, 二级, 三级,
指标解释), 预期指标值, 分值 and the 不适用 marks, the 填报人 and 联系电话 — and
clears what each year fills in anew: amounts and 预算执行进度, 具体完成情况,
总体完成率, 实际完成值, 自评得分, 偏差原因, 总分, 评价等级, 存在问题, 填报日期
and the explanations of last year's findings.  Each form gets a fresh uid.
The new file remembers last year's (``Settings.last_year_file``) when told
where it is (``last_path``), so it is checked against it (Y01, Y02).

Matching a form with last year's (``match_form``) goes by project name with
blanks, full-width forms and any year written in it (``提前下达2020…``)
ignored; matching an indicator goes by its 三级指标 name the same way, within
the same 一级 first, and pairs repeated names in order.
"""

from __future__ import annotations

import copy
import os
import re
import uuid
from dataclasses import replace
from pathlib import Path

from .calc import canonical_level1
from .errors import PerfdeskError
from .labels import BLANKS, FULL_WIDTH
from .model import DepartmentFile, Form, Goal, Money

_FULL = {**FULL_WIDTH, ord("，"): ","}
_YEAR = re.compile(r"(?:19|20)[0-9]{2}(?:年度?|年)?")


def name_key(text: str) -> str:
    """A project or indicator name for matching across years."""
    return _YEAR.sub("#", BLANKS.sub("", text.translate(_FULL)))


def next_year(year: str) -> str:
    m = re.fullmatch(r"\s*((?:19|20)[0-9]{2})\s*(?:年度?)?\s*", year.translate(_FULL))
    if not m:
        raise PerfdeskError(
            f"无法从上年文件的年度「{year}」推算今年的年度，请用 --year 指定（例如 --year 2021）。"
        )
    return str(int(m.group(1)) + 1)


def new_year(last: DepartmentFile, year: str | None = None,
             last_path: str | os.PathLike | None = None) -> DepartmentFile:
    """This year's department file, started from last year's (read from ``last_path``, if given).

    The new file compares itself with ``last_path`` (its absolute path), never
    with whatever last year's file was compared with.
    """
    new_year_text = year.strip() if year and year.strip() else next_year(last.year)
    forms = [carry_over(form) for form in last.forms]
    remembered = str(Path(last_path).resolve()) if last_path else ""
    return DepartmentFile(
        department=last.department,
        year=new_year_text,
        money_unit=last.money_unit,
        settings=replace(last.settings, last_year_file=remembered, report_file=""),
        forms=forms,
    )


def carry_over(form: Form) -> Form:
    """One form for the new year: the tree and targets kept, the year's figures cleared."""
    new = copy.deepcopy(form)
    new.uid = uuid.uuid4().hex
    new.money = Money()
    new.goals = [Goal(target=g.target) for g in form.goals if g.target.strip()] or [Goal()]
    new.completion = ""
    for ind in new.indicators:
        ind.actual = ""
        ind.score = ""
        ind.deviation = ""
    new.total_score = ""
    new.grade = ""
    new.problems = ""
    new.date = ""
    new.explanations = []
    return new


def match_form(form: Form, last_file: DepartmentFile | None) -> Form | None:
    """Last year's form for the same project, if any."""
    if last_file is None or not form.project.strip():
        return None
    k = name_key(form.project)
    for old in last_file.forms:
        if name_key(old.project) == k:
            return old
    return None


def match_indicators(form: Form, last: Form) -> dict[int, int]:
    """This year's row index -> last year's row index, for rows with the same 三级指标."""

    def rows(f: Form):
        out, level1 = [], ""
        for i, ind in enumerate(f.indicators):
            if ind.level1.strip():
                level1 = canonical_level1(ind.level1)
            k = name_key(ind.level3)
            if k:
                out.append((i, level1, k))
        return out

    old_rows = rows(last)
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    new_rows = rows(form)
    for same_group in (True, False):
        for i, level1, k in new_rows:
            if i in pairs:
                continue
            for j, old_level1, old_k in old_rows:
                if j in taken or old_k != k or (same_group and old_level1 != level1):
                    continue
                pairs[i] = j
                taken.add(j)
                break
    return pairs


def last_year_actuals(form: Form, last_file: DepartmentFile | None) -> dict[int, str]:
    """Row index -> last year's 实际完成值 of the same indicator of the same project."""
    last = match_form(form, last_file)
    if last is None:
        return {}
    return {i: last.indicators[j].actual for i, j in match_indicators(form, last).items()}
