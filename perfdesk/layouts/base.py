"""What a layout is: the printed form described as data.

A ``Layout`` says which cells a form of that layout has and what they are
called on paper.  The window, the PDF, the Excel writer, the reader and the
checks all ask it, so a layout is added by describing it once
(``layouts.register``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Label:
    """A printed label and the other spellings a reader accepts for it (as keys)."""

    text: str
    spellings: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.text.replace("\n", ""), *self.spellings)


@dataclass(frozen=True, slots=True)
class Field:
    """A one-cell field outside the tables (项目名称, 主管部门 …)."""

    address: str
    label: Label
    lines: int = 1  # 1: one line; more: free text of that many lines at least


@dataclass(frozen=True, slots=True)
class MoneyColumn:
    key: str  # the ``Money`` attribute: budget, arrived, executed …
    label: Label  # the column's printed head
    short: str  # how a message names it (预算数, 到位数 …)
    optional: bool = False  # shown and printed only when one of its cells is filled


@dataclass(frozen=True, slots=True)
class MoneyRow:
    key: str  # the ``MoneyLine`` attribute: total, fiscal, other …
    label: Label
    short: str = ""  # how a message names the part ("" for the total)
    optional: bool = False  # shown and printed only when one of its cells is filled
    parent: str | None = "total"  # the row this one is a part of (None: the total itself)


@dataclass(frozen=True, slots=True)
class IndicatorColumn:
    key: str  # the ``Indicator`` attribute
    label: Label
    optional: bool = False  # shown and printed only when some row fills it
    width: int = 0  # printed width, mm (0: share what is left)


@dataclass(frozen=True, slots=True)
class Level1:
    """One 一级指标 of the indicator tree: its default weight and allowed 二级."""

    name: str
    weight: float
    level2: tuple[str, ...]
    starts: tuple[str, ...] = ()  # the 二级 rows a new form starts with
    blank: tuple[int, ...] = ()  # blank rows under each 二级 on a printed blank form

    @property
    def heading(self) -> str:
        """As printed in the 一级 cell: ``产出指标（50）``."""
        return f"{self.name}（{self.weight:g}）"


@dataclass(frozen=True, slots=True)
class Money:
    """The money block: its columns and rows, and where 执行率 is shown."""

    title: str
    columns: tuple[MoneyColumn, ...]
    rows: tuple[MoneyRow, ...]
    progress: Label  # the typed 执行率 / 预算执行进度 cell
    scored: bool = False  # the block prints 分值 / 得分 of 预算执行率 (layout B)
    adjustment: Label | None = None  # the typed 调整率 cell (layout C)

    def parts_of(self, key: str) -> tuple[MoneyRow, ...]:
        """The rows that are 其中 parts of row ``key``."""
        return tuple(r for r in self.rows if r.parent == key)

    def shown(self, money) -> tuple[tuple[MoneyColumn, ...], tuple[MoneyRow, ...]]:
        """The columns and rows to show for ``money`` (a ``model.Money``): optional ones when filled."""
        columns = tuple(
            c for c in self.columns
            if not c.optional or any(getattr(getattr(money, c.key), r.key).strip() for r in self.rows)
        )
        rows = tuple(
            r for r in self.rows
            if not r.optional or any(getattr(getattr(money, c.key), r.key).strip() for c in self.columns)
        )
        return columns, rows


@dataclass(frozen=True, slots=True)
class Goals:
    title: str
    target: Label
    result: Label
    rows: int  # rows printed at least
    completion: str  # the 总体完成率 cell beside the goals: "always", "when filled" or "none"


@dataclass(frozen=True, slots=True)
class ProjectList:
    """A department form's list of its projects, grouped (layout C)."""

    title: str
    group: Label
    name: Label
    budget: Label
    executed: Label
    groups: tuple[str, ...]  # the groups a new line may be put in
    subtotal: str = "小计"  # how a group's subtotal line is printed


@dataclass(frozen=True, slots=True)
class Layout:
    code: str  # "A", "B" …: what a form stores in ``Form.layout``
    name: str  # for menus: 布局A（部门预算项目绩效自评表）
    title: str  # printed title
    basic_title: str
    basic: tuple[Field, ...]
    money: Money
    goals: Goals
    indicators_title: str
    indicator_columns: tuple[IndicatorColumn, ...]
    tree: tuple[Level1, ...]
    totals: tuple[Field, ...]
    problems: Field | None
    footer: tuple[Field, ...]
    header: tuple[Field, ...] = ()  # under the title: 填报部门 …
    extra_fields: tuple[Field, ...] = ()  # cells some copies print (编制人数 …)
    projects: ProjectList | None = None
    _cells: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self):
        cells = {f"money.{c.key}.{r.key}" for c in self.money.columns for r in self.money.rows}
        cells.add("money.progress")
        if self.money.adjustment is not None:
            cells.add("money.adjustment")
        cells.update(f.address for f in self.fields())
        if self.goals.completion != "none":
            cells.add("completion")
        object.__setattr__(self, "_cells", frozenset(cells))

    # -- which cells exist -------------------------------------------------
    def money_cells(self) -> tuple[str, ...]:
        return tuple(
            f"money.{c.key}.{r.key}" for c in self.money.columns for r in self.money.rows
        )

    def has_cell(self, address: str) -> bool:
        """Does a form of this layout have the cell (indicator and goal rows always do)?"""
        if address.startswith("indicators["):
            return self.has_column(address.rsplit(".", 1)[1])
        if address.startswith("goals[") or address in ("department", "year", "money_unit"):
            return True
        if address.startswith("projects["):
            return self.projects is not None
        return address in self._cells

    def has_column(self, key: str) -> bool:
        return key == "not_applicable" or any(c.key == key for c in self.indicator_columns)

    def has_money(self, column: str, row: str = "total") -> bool:
        return f"money.{column}.{row}" in self._cells

    # -- what cells are called ----------------------------------------------
    def always_prints(self, key: str) -> bool:
        """Is indicator column ``key`` on every form of the layout (not only when filled)?"""
        column = self.indicator_column(key)
        return column is not None and not column.optional

    def indicator_column(self, key: str) -> IndicatorColumn | None:
        return next((c for c in self.indicator_columns if c.key == key), None)

    def money_label(self, address: str) -> str | None:
        """``money.executed.fiscal`` -> ``执行数（其中：财政资金）``; None if not a money cell."""
        if address == "money.progress":
            return self.money.progress.text
        if address == "money.adjustment":
            return self.money.adjustment.text if self.money.adjustment else None
        _, column, row = address.split(".")
        c = next((c for c in self.money.columns if c.key == column), None)
        r = next((r for r in self.money.rows if r.key == row), None)
        if c is None or r is None:
            return None
        return c.short + (f"（{r.short}）" if r.short else "")

    def field_label(self, address: str) -> str | None:
        f = next((f for f in self.fields() if f.address == address), None)
        return f.label.text.replace("\n", "") if f else None

    # -- the indicator tree --------------------------------------------------
    def fields(self) -> tuple[Field, ...]:
        """Every one-cell field, in reading order."""
        tail = (self.problems,) if self.problems else ()
        return (*self.header, *self.basic, *self.extra_fields, *self.totals, *tail, *self.footer)

    def level1_names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.tree)

    def default_weights(self) -> dict[str, float]:
        return {g.name: g.weight for g in self.tree}

    def allowed_level2(self) -> dict[str, tuple[str, ...]]:
        return {g.name: g.level2 for g in self.tree}

    def new_form_rows(self) -> list[tuple[str, str]]:
        """(一级, 二级) of a new form's rows: each 一级 once, on its group's first row."""
        return [(g.heading if k == 0 else "", level2)
                for g in self.tree for k, level2 in enumerate(g.starts)]

    def blank_form_rows(self) -> list[tuple[str, str]]:
        """(一级, 二级) of a blank printed form's rows, each label on its group's first row."""
        rows = []
        for g in self.tree:
            group = [("", level2 if k == 0 else "")
                     for level2, n in zip(g.level2, g.blank, strict=False) for k in range(n)]
            if group:
                group[0] = (g.heading, group[0][1])
            rows += group
        return rows
