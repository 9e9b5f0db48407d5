"""The money block: layout A's column groups or layout B's table."""

from __future__ import annotations

import re

from ..model import Form, Money, MoneyLine
from .base import ReaderBase
from .grid import FormRead, Region
from .meaning import extra_money_row
from .vocabulary import a_group, b_column, join, money_row


class MoneyReader(ReaderBase):
    def _b_header(self, cells: list[Region]) -> list[tuple[str, Region]]:
        cols = self.columns(cells, b_column)
        names = {n for n, _ in cols}
        if len(cols) >= 3 and "budget" in names and "executed" in names:
            return cols
        if len(cols) >= 2 and names & {"budget_initial"} and names & {"budget", "executed"}:
            return cols
        return []

    def _money_header(self, cells: list[Region]) -> bool:
        return bool(self.columns(cells, a_group) or self._b_header(cells))

    def read_money(self, form: Form, out: FormRead, start: int) -> int:
        if start >= len(self.rows):
            self.problems.append("找不到「预算执行情况」（预算数、执行数）")
            return start
        cells = self.cells(self.rows[start])
        groups = self.columns(cells, a_group)
        b_cols = self._b_header(cells)
        if b_cols and self._row_labels_left(start, b_cols):  # a table: row labels down the left
            form.layout = "B"
            return self._money_b(form, out, start, b_cols)
        if len(groups) >= 2:
            form.layout = "A"
            return self._money_a(form, start, groups)
        if b_cols:
            form.layout = "B"
            return self._money_b(form, out, start, b_cols)
        self.problems.append("找不到「预算执行情况」（预算数、执行数）")
        return start

    def _row_labels_left(self, start: int, cols) -> bool:
        """Does the row under the money header have a row label left of its first column?"""
        if start + 1 >= len(self.rows):
            return False
        first = min(reg.col for _, reg in cols)
        return any(c.col < first and money_row(c.text) for c in self.cells(self.rows[start + 1]))

    def _money_a(self, form: Form, start: int, groups) -> int:
        self.use(*(reg for _, reg in groups))
        spans = self.spans(groups, open_end=True)
        i = start + 1
        first = True
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            labelled = []
            for name, lo, hi in spans:
                if name == "progress":
                    continue
                span_cells = self.in_span(cells, lo, hi)
                label = next((c for c in span_cells if money_row(c.text)), None)
                labelled.append((name, span_cells, label))
            row_part = next((money_row(lab.text) for _, _, lab in labelled if lab), None)
            if row_part is None:
                break
            for name, span_cells, label in labelled:
                part = money_row(label.text) if label is not None else row_part
                if label is not None:
                    self.use(label)
                values = [c for c in span_cells if c is not label and c.col >= (label.col if label else 0)]
                self.use(*values)
                setattr(getattr(form.money, name), part, join([(c.text, True) for c in values]))
            for name, lo, hi in spans:
                if name == "progress":
                    values = self.in_span(cells, lo, hi)
                    if first:
                        self.use(*values)
                        form.money.progress = join([(c.text, True) for c in values])
            first = False
            i += 1
        if first:
            self.problems.append("找不到「预算数」所在的行")
        return i

    def _money_b(self, form: Form, out: FormRead, start: int, cols) -> int:
        self.use(*(reg for _, reg in cols))
        header_cells = self.cells(self.rows[start])
        spans = self.spans(cols, open_end=False)
        first_col = spans[0][1]
        for reg in header_cells:
            if reg.col < first_col:
                m = re.search(r"[(（]\s*([万千]?元)\s*[)）]", reg.text)
                if m:
                    self.use(reg)  # the corner: 项目资金（万元）, 年度预算数(万元)
                    out.money_unit = out.money_unit or m.group(1)
        i = start + 1
        found_total = False
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            zone = [c for c in cells if c.col < first_col]
            label = next((c for c in zone if money_row(c.text)), None)
            if label is None:
                extra = next((c for c in zone if extra_money_row(c.text)), None)
                if extra is None:
                    break
                self._extra_row(out, extra, cells, spans)
                i += 1
                continue
            self.use(label)
            part = money_row(label.text)
            for name, lo, hi in spans:
                values = self.in_span(cells, lo, hi)
                self.use(*values)
                text = join([(c.text, True) for c in values])
                if isinstance(getattr(form.money, name, None), MoneyLine):
                    setattr(getattr(form.money, name), part, text)
                elif part == "total" and not found_total:
                    if name in ("progress", "adjustment"):
                        setattr(form.money, name, text)
                    elif name == "reason":
                        self.b_exec["deviation"] = text
                    else:
                        self.b_exec[name] = text
            found_total = found_total or part == "total"
            i += 1
        if i == start + 1:
            self.problems.append("找不到「年度资金总额」所在的行")
        return i

    def _extra_row(self, out: FormRead, label: Region, cells, spans) -> None:
        """A money row our forms do not have (Sichuan's 财政专户管理资金, 单位资金): listed
        when it holds no money, refused when it does (the parts would not add up without it)."""
        self.use(label)
        amounts = []
        for name, lo, hi in spans:
            values = self.in_span(cells, lo, hi)
            self.use(*values)
            if isinstance(getattr(Money(), name, None), MoneyLine):
                amounts += [c.text.strip() for c in values if c.text.strip()]
        name = extra_money_row(label.text)
        if any(not _zero(a) for a in amounts):
            self.problems.append(
                f"{label.ref}「{name}」一行有金额（{'、'.join(amounts)}），本软件的资金表没有这一行，"
                "读入会使各项之和与总额不符：请把它并入「其他资金」后再导入"
            )
        else:
            out.notes.append(f"{label.ref}「{name}」一行没有金额（{'、'.join(amounts) or '空白'}），未读入")


def _zero(text: str) -> bool:
    try:
        return float(text.replace(",", "").rstrip("%")) == 0
    except ValueError:
        return False
