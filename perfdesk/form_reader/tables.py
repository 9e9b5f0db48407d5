"""The goals, the indicator table, and what follows it (总分, 存在问题, the footer)."""

from __future__ import annotations

import re

from ..calc import canonical_level1
from ..labels import key
from ..model import Form, Goal, Indicator
from .base import ReaderBase
from .grid import FormRead, Region
from .vocabulary import (
    GOAL_OF,
    LABEL_OF,
    SECTION_KEYS,
    TAIL_NAMES,
    indicator_column,
    is_label,
    is_problems_label,
    join,
    label_name,
    pattern_for,
)

CONCLUSION_PARTS = ("评价结论", "存在问题", "改进措施")
SPLIT_TARGET = frozenset(("target_sign", "target_unit"))


def joined_target(got: dict[str, str]) -> str:
    """Sichuan's 指标性质 | 指标值 | 度量单位 as one target (``=`` ``100`` ``%`` -> ``=100%``)."""
    target = got.get("target", "")
    if not target.strip() or not (got.get("target_sign") or got.get("target_unit")):
        return target
    return "".join(got.get(n, "").strip() for n in ("target_sign", "target", "target_unit"))


class TableReader(ReaderBase):
    def is_goals_header(self, cells) -> bool:
        names = {n for n, _ in self.columns(cells, lambda t: GOAL_OF.get(key(t)))}
        return {"target", "result"} <= names

    def read_goals(self, form: Form, start: int) -> int:
        is_header = self.is_goals_header
        h = self.find_row(start, lambda cells: is_header(cells) or self._indicator_header(cells))
        if h is None or not is_header(self.cells(self.rows[h])):
            return start if h is None else h
        if form.goals:  # read already (Sichuan prints them above the money)
            return h + 1
        cols = self.columns(self.cells(self.rows[h]), lambda t: GOAL_OF.get(key(t)))
        self.use(*(reg for _, reg in cols))
        spans = self.spans(cols, open_end=False)
        i = h + 1
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            if (self._indicator_header(cells) or self._ends_table(cells) or self._money_header(cells)
                    or self._upper_header(i + 1)):
                break
            if all(key(c.text) in SECTION_KEYS for c in cells):  # a sub-heading (Sichuan)
                self.use(*cells)
                i += 1
                continue
            got = {}
            for name, lo, hi in spans:
                values = self.in_span(cells, lo, hi)
                self.use(*values)
                got[name] = join([(c.text, True) for c in values])
            if got.get("completion") and not form.completion:
                form.completion = got["completion"]
            if got.get("target") or got.get("result"):
                form.goals.append(Goal(target=got.get("target", ""), result=got.get("result", "")))
            i += 1
        return i

    def _upper_header(self, h: int) -> list[tuple[str, Region]]:
        """The columns a header row above row ``h`` adds when ``h`` is a header (Yunnan prints
        年度指标值 over 指标性质 | 指标值 | 度量单位, and 实际完成值, 分值 … beside it)."""
        if h <= 0 or h >= len(self.rows):
            return []
        cols = self._indicator_header(self.cells(self.rows[h]))
        if not cols:
            return []
        names = {n for n, _ in cols}
        upper = [(n, reg) for n, reg in self.columns(self.cells(self.rows[h - 1]), indicator_column)
                 if n not in names]
        return upper if len(upper) >= 2 else []

    def _indicator_header(self, cells) -> list[tuple[str, Region]]:
        cols = self.columns(cells, indicator_column)
        names = {n for n, _ in cols}
        tree = {"level1", "level3"} <= names or {"level2", "level3", "target"} <= names
        flat = {"level3", "target", "actual", "score"} <= names  # the department form: no 一级/二级
        return cols if tree or flat else []

    def _ends_table(self, cells) -> bool:
        for reg in cells[:2]:
            k = key(reg.text)
            name = LABEL_OF.get(k)
            if name in ("total", "grade", "filler", "phone", "head", "finance_head", "date"):
                return True
            if is_problems_label(reg.text):
                return True
            m = pattern_for(TAIL_NAMES).match(reg.text)
            if m and (m["colon"] or label_name(m["label"]) == "phone"):
                return True
        return False

    def read_indicators(self, form: Form, out: FormRead, start: int) -> int:
        h = self.find_row(start, self._indicator_header)
        if h is None:
            self.problems.append("找不到绩效指标表的表头（一级指标、二级指标、三级指标…）")
            return start
        cols = self._indicator_header(self.cells(self.rows[h]))
        upper_row = self.cells(self.rows[h - 1]) if h > 0 else []
        upper = self._upper_header(h)
        if upper:  # the whole upper row is header: its section label and the spanning heads too
            self.use(*(c for c in upper_row if is_label(c.text) or indicator_column(c.text)))
        cols = cols + upper
        self.use(*(reg for _, reg in cols))
        names = {n for n, _ in cols}
        missing = [label for name, label in (
            ("target", "预期指标值"), ("actual", "实际完成值"), ("score", "自评得分"),
        ) if name not in names]
        for label in missing:
            self.problems.append(f"绩效指标表中找不到「{label}」一栏")
        spans = self.spans(cols, open_end=False)
        self.score_span = next(((lo, hi) for n, lo, hi in spans if n == "score"), None)
        self.points_span = next(((lo, hi) for n, lo, hi in spans if n == "points"), None)
        names -= SPLIT_TARGET
        first_col = spans[0][1]
        i = h + 1
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            if self._ends_table(cells) or self._indicator_header(cells):
                break
            got = {}
            for name, lo, hi in spans:
                values = self.in_span(cells, lo, hi)
                self.use(*values)
                got[name] = join([(c.text, True) for c in values])
            ind = Indicator(**{n: v for n, v in got.items() if n not in SPLIT_TARGET})
            ind.target = joined_target(got)
            for c in cells:
                if c.col < first_col and key(c.text) in SECTION_KEYS:
                    self.use(c)
            if any(getattr(ind, n) for n in names):
                form.indicators.append(ind)
            i += 1
        self._exec_row_from_money(form)
        return i

    def _exec_row_from_money(self, form: Form) -> None:
        """Layout B prints 预算执行率 in the money block (分值/执行率/得分), not as a row."""
        got = self.b_exec
        if not got or not (got.get("points") or got.get("score")):
            return
        for ind in form.indicators:
            if canonical_level1(ind.level1) == "预算执行率" or key(ind.level2) == "预算执行率":
                return
        points = got.get("points", "")
        form.indicators.append(Indicator(
            level1=f"预算执行率（{points.strip()}）" if points.strip() else "预算执行率",
            level2="预算执行率",
            level3="预算执行率",
            actual=form.money.progress,
            points=points,
            score=got.get("score", ""),
            deviation=got.get("deviation", ""),
        ))

    def read_tail(self, form: Form, start: int) -> None:
        span = self.score_span
        names = ("total", "grade", "filler", "phone", "head", "finance_head", "date")
        i = start
        while i < len(self.rows):
            row = self.rows[i]
            cells = self.cells(row)
            part = key(cells[0].text) if cells else ""
            if part in CONCLUSION_PARTS:  # Sichuan: 评价结论 / 存在问题 / 改进措施, one row each
                self._conclusion_part(form, cells)
                i += 1
                continue
            if any(is_problems_label(c.text) for c in cells):
                i = self._problems(form, i)
                continue
            labels = {LABEL_OF.get(key(c.text)) for c in cells}
            if span is not None and labels & {"total", "grade"}:
                name = "total" if "total" in labels else "grade"
                in_score = [c for c in self.in_span(cells, *span) if not is_label(c.text)]
                if in_score:
                    self.use(*(c for c in cells if c.col < span[0] or c in in_score))
                    self._set_tail(form, name, join([(c.text, True) for c in in_score]))
                    i += 1
                    continue
                if self._weights_only(cells):  # 合计 | 100 (the weights) | blank 得分
                    self.use(*cells)
                    i += 1
                    continue
            found = self.pairs(row, names)
            for name, value in found.items():
                self._set_tail(form, name, value)
            i += 1

    def _weights_only(self, cells) -> bool:
        """A total row whose only figure stands in the 分值/权重 column."""
        span = self.points_span
        if span is None:
            return False
        figures = [c for c in cells if not is_label(c.text)]
        return bool(figures) and all(span[0] <= c.col <= span[1] for c in figures)

    def _conclusion_part(self, form: Form, cells) -> None:
        """One of Sichuan's closing rows, kept in 存在问题 under its own label."""
        self.use(*cells)
        text = join([(c.text, True) for c in cells[1:]])
        line = f"{key(cells[0].text)}：{text.strip()}"
        form.problems = f"{form.problems}\n{line}" if form.problems else line

    _TAIL = {"total": "total_score", "grade": "grade", "filler": "filler", "phone": "phone",
             "head": "head", "finance_head": "finance_head", "date": "date"}

    def _set_tail(self, form: Form, name: str, value: str) -> None:
        attr = self._TAIL[name]
        if value and not getattr(form, attr):
            setattr(form, attr, value)

    def _problems(self, form: Form, i: int) -> int:
        cells = self.cells(self.rows[i])
        label = next(c for c in cells if is_problems_label(c.text))
        self.use(label)
        after = [c for c in cells if c.col > label.col]
        m = re.search(r"存在问题[^:：\n]{0,30}[:：](.*)$", label.text, re.S)
        pieces = [(m.group(1), False)] if m and m.group(1).strip() else []
        pieces += [(c.text, True) for c in after]
        self.use(*after)
        i += 1
        if not pieces and i < len(self.rows):
            below = self.cells(self.rows[i])
            if below and not any(is_label(c.text) for c in below) and not self._ends_table(below):
                pieces = [(c.text, True) for c in below]
                self.use(*below)
                i += 1
        if pieces and not form.problems:
            form.problems = join(pieces, "\n")
        return i
