"""One form, read section by section from its 项目名称 row down."""

from __future__ import annotations

import re

from ..labels import BLANKS, FULL_WIDTH, key
from ..model import Form, get_cell, set_cell
from .grid import FormRead
from .money import MoneyReader
from .projects import ProjectsReader
from .tables import TableReader
from .vocabulary import BASIC_NAMES, HEADER_NAMES, TITLE_OF, a_group, is_label, money_row


class FormReader(MoneyReader, ProjectsReader, TableReader):
    """Reads one form: header, 基本情况, money, goals, indicators, the tail; then what is left over."""

    # -- the form
    def read(self) -> FormRead:
        form = Form()
        out = FormRead(form)
        self.read_header(out)
        i_money = self.read_basic(form)
        i_goals = self.read_projects(form, self.read_money(form, out, i_money))
        i_table = self.read_goals(form, i_goals)
        i_after = self.read_indicators(form, out, i_table)
        self.read_tail(form, i_after)
        self.report_leftovers()
        form.layout = TITLE_OF.get(key(out.title), form.layout)  # the title names the layout
        out.problems = self.problems
        return out

    def read_header(self, out: FormRead) -> None:
        for row in self.header_rows:
            for reg in self.cells(row):
                text = reg.text
                if not out.title and ("自评表" in text or key(text) in TITLE_OF):
                    out.title = BLANKS.sub("", text)
                if not out.year:
                    m = re.search(r"((?:19|20)[0-9]{2})\s*年", text.translate(FULL_WIDTH))
                    if m:
                        out.year = m.group(1)
            found = self.pairs(row, HEADER_NAMES)
            if found.get("money_unit") and not out.money_unit:
                out.money_unit = found.pop("money_unit")
            for name, value in found.items():
                if value and name != "money_unit" and not get_cell(out.form, name):
                    set_cell(out.form, name, value)

    def read_basic(self, form: Form) -> int:
        """项目名称, 实施单位, 主管部门 (编制人数 …): label/value pairs up to the money block."""
        names = (*BASIC_NAMES, "department")
        i = 0
        while i < len(self.rows):
            cells = self.cells(self.rows[i])
            if self.columns(cells, a_group) or self._b_header(cells):
                break
            if i > 0 and any(money_row(c.text) for c in cells):
                break
            if self.is_goals_header(cells):  # Sichuan: the goals come before the money
                i = self.read_goals(form, i)
                continue
            found = self.pairs(self.rows[i], names)
            for name in BASIC_NAMES:
                if found.get(name) and not get_cell(form, name):
                    set_cell(form, name, found[name])
            if found.get("department") and not form.department:
                form.department = found["department"]
            i += 1
        return i

    def report_leftovers(self) -> None:
        for row in self.rows:
            if row > self.last_used_row:
                break
            for reg in self.cells(row):
                if id(reg) in self.used or is_label(reg.text):
                    continue
                short = reg.text.strip().replace("\n", " ")
                short = short if len(short) <= 20 else short[:20] + "…"
                self.problems.append(f"{reg.ref}「{short}」不在表中任何一栏之下，无法确定它是什么")
