"""Turn the filled forms of seed 001 into the demo department file.

The seed (``../shared/seeds/001_*.txt``) is a text dump of a Word document: a
narrative report with 22 filled 部门预算项目绩效自评表 (layout A) in between.
Each form is a table dumped one cell per tab-indented line, with a blank line
between table rows.  A line that is not tab-indented either continues the cell
above it (``\\t二、预算`` + ``执行情况``) or, where no row is open, is a line of
its own (headers and footers some offices typed outside the table, such as
``填报部门：组织处    金额单位：万元``).

Every value is kept exactly as printed, only trimmed of surrounding blanks
(spaces, tabs, U+3000, NBSP); a cell holding only blanks is ``""``.

    python tools/seed_forms.py [SEED] [-o OUT]

writes ``resources/demo/demo-2020.json`` by default.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from perfdesk.model import (  # noqa: E402
    DepartmentFile,
    Form,
    Goal,
    Indicator,
)

TITLE = "部门预算项目绩效自评表"
DEFAULT_OUT = ROOT / "resources" / "demo" / "demo-2020.json"

Row = list[str]


def default_seed() -> Path:
    """The seed file 001, next to the repository (``../shared/seeds``)."""
    found = sorted((ROOT.parent / "shared" / "seeds").glob("001_*.txt"))
    if not found:
        raise FileNotFoundError("no ../shared/seeds/001_*.txt next to the repository")
    return found[0]


def clean(text: str) -> str:
    """A cell's text without surrounding blanks (str.strip covers U+3000 and NBSP)."""
    return text.strip()


def label(text: str) -> str:
    """A label cell normalised for comparison: ``到位数：   `` -> ``到位数``."""
    return re.sub(r"\s+", "", text).rstrip("：:")


# ---- lines -> rows of cells -------------------------------------------------


def split_rows(lines: list[str]) -> list[Row]:
    """Group dumped lines into table rows of cleaned cells.

    A blank line ends a row.  A tab-indented line starts a cell.  Any other
    line continues the last cell of an open table row (joined with "\\n"), or
    else forms a one-cell row of its own.
    """
    rows: list[Row] = []
    raw: list[str] | None = None  # cells of the open table row, not yet cleaned
    for line in lines:
        if not line.strip(" "):
            if raw is not None:
                rows.append([clean(c) for c in raw])
                raw = None
            continue
        body = line.lstrip(" ")
        if body.startswith("\t"):
            if raw is None:
                raw = []
            raw.append(body[1:])
        elif raw is not None:
            raw[-1] += "\n" + line
        else:
            rows.append([clean(line)])
    if raw is not None:
        rows.append([clean(c) for c in raw])
    return rows


def form_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line indexes of each form.

    A form starts at the last line holding the title before a ``项目名称``
    cell (so a title that only names an attachment in the narrative, like
    ``2.部门预算项目绩效自评表（2020年度）``, is passed over) and runs to the
    next form's start; what follows its footer is ignored by the reader.
    """
    starts: list[int] = []
    title_at = None
    for i, line in enumerate(lines):
        if TITLE in line:
            title_at = i
        elif clean(line) == "项目名称" and title_at is not None:
            starts.append(title_at)
            title_at = None
    ends = starts[1:] + [len(lines)]
    return list(zip(starts, ends, strict=True))


# ---- reading one form -------------------------------------------------------


class Cursor:
    """Walks the rows of one form in order."""

    def __init__(self, rows: list[Row]):
        self.rows = rows
        self.at = 0

    def find(self, test: Callable[[Row], bool], what: str) -> Row:
        for i in range(self.at, len(self.rows)):
            if test(self.rows[i]):
                self.at = i + 1
                return self.rows[i]
        raise ValueError(f"form row not found: {what}")

    def find_label(self, name: str) -> Row:
        return self.find(lambda row: any(label(c) == name for c in row), name)


def after(row: Row, name: str, nth: int = 0, step: int = 1) -> str:
    """The cell ``step`` places after the ``nth`` cell labelled ``name``."""
    hits = [i for i, c in enumerate(row) if label(c) == name]
    i = hits[nth] + step
    return row[i] if i < len(row) else ""


def labelled(cells: list[str], labels: dict[str, str]) -> dict[str, str]:
    """Values that follow labels in a run of cells, label and value in one cell or not.

    ``labels`` maps a label regex (``填报人[：:]?``) to a key.  Text after a
    label, in its own cell and in following cells up to the next label, is
    the key's value; pieces are joined without a separator (a name typed
    across two cells, ``雷晓`` | ``静``, reads ``雷晓静``).
    """
    pattern = re.compile("(" + "|".join(f"(?:{p})" for p in labels) + ")")
    parts: dict[str, list[str]] = {key: [] for key in labels.values()}
    key = None
    for cell in cells:
        for piece in pattern.split(cell):
            for regex, name in labels.items():
                if piece and re.fullmatch(regex, piece):
                    key = name
                    break
            else:
                piece = clean(piece)
                if piece and key is not None:
                    parts[key].append(piece)
    return {key: "".join(p) for key, p in parts.items()}


def read_form(rows: list[Row]) -> Form:
    form = Form(layout="A")
    cur = Cursor(rows)

    # header: 填报部门：… 金额单位：万元 (cells of a row, or one typed line)
    row = cur.find(lambda r: any("填报部门" in c for c in r), "填报部门")
    head = labelled(row, {r"填报部门[：:]?": "department", r"金额单位[：:]?": "unit"})
    form.department = head["department"]

    # 一、基本情况
    row = cur.find_label("项目名称")
    form.project = after(row, "项目名称")
    form.unit = after(row, "实施预算单位")

    # 二、预算执行情况: 预算数 / 到位数 / 执行数, then 其中：财政资金, then 其他
    row = cur.find_label("预算数")
    budget, arrived, executed = form.money.budget, form.money.arrived, form.money.executed
    budget.total = after(row, "预算数")
    arrived.total = after(row, "到位数")
    executed.total = after(row, "执行数")
    form.money.progress = after(row, "执行数", step=2)
    for name, part in (("其中：财政资金", "fiscal"), ("其他", "other")):
        row = cur.find_label(name)
        for nth, line in enumerate((budget, arrived, executed)):
            setattr(line, part, after(row, name, nth))

    # 三、目标完成情况: rows under the header until the indicator header
    header = cur.find_label("年度预期目标")
    t_col, r_col, c_col = (header.index(c) for c in ("年度预期目标", "具体完成情况", "总体完成率"))
    table_at = cur.at
    cur.find_label("一级指标")
    goal_rows = rows[table_at : cur.at - 1]
    for i, row in enumerate(goal_rows):
        cells = row + [""] * (len(header) - len(row))
        if i == 0:
            form.completion = cells[c_col]
        if cells[t_col] or cells[r_col]:
            form.goals.append(Goal(target=cells[t_col], result=cells[r_col]))

    # 四、年度绩效指标完成情况: rows until 总分.  A row's first cell is the
    # merged section column (blank).  Offices that add a definition column
    # after 三级指标 have 7 cells after it; rows where the clerk merged
    # 三级指标 with the definition (or the form has no such column) have 6.
    table_at = cur.at
    total_row = cur.find_label("总分")
    for row in rows[table_at : cur.at - 1]:
        if row[0]:
            raise ValueError(f"indicator row with a first cell: {row!r}")
        cells = row[1:]
        if len(cells) == 7:
            l1, l2, l3, definition, target, actual, score = cells
        elif len(cells) == 6:
            l1, l2, l3, target, actual, score = cells
            definition = ""
        else:
            raise ValueError(f"indicator row of {len(cells)} cells: {row!r}")
        form.indicators.append(
            Indicator(
                level1=l1,
                level2=l2,
                level3=l3,
                definition=definition,
                target=target,
                actual=actual,
                score=score,
            )
        )
    form.total_score = after(total_row, "总分")
    row = cur.find_label("评价等级")
    form.grade = after(row, "评价等级")

    # 五、存在问题、原因及下一步整改措施: the cells after the section label
    row = cur.find(lambda r: bool(r) and r[0].startswith("五、"), "五、存在问题")
    form.problems = "\n".join(c for c in row[1:] if c)

    # footer: 填报人 / 联系电话, in cells of a row or typed on one line
    row = cur.find(lambda r: any("填报人" in c for c in r), "填报人")
    foot = labelled(row, {r"填报人[：:]?": "filler", r"联系电话[：:]?": "phone"})
    form.filler = foot["filler"]
    form.phone = foot["phone"]
    return form


def read_seed(path) -> DepartmentFile:
    """The department file of the forms in the seed dump at ``path``."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    file = DepartmentFile(department="", year="2020", money_unit="万元")
    for start, end in form_spans(lines):
        try:
            file.forms.append(read_form(split_rows(lines[start:end])))
        except (ValueError, IndexError) as exc:
            raise ValueError(f"{path}: form at line {start + 1}: {exc}") from exc
    return file


def _typed(value):
    """``value`` without the fields that hold nothing (loading gives them back as blank)."""
    if isinstance(value, dict):
        kept = {k: _typed(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ("", False, None, [], {})}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


def dump(file: DepartmentFile) -> str:
    return json.dumps(_typed(file.to_dict()), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seed", nargs="?", type=Path, help="seed dump (default: 001_*.txt)")
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, help="JSON to write")
    args = parser.parse_args(argv)
    seed = args.seed or default_seed()
    file = read_seed(seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump(file), encoding="utf-8")
    print(f"{args.out}: {len(file.forms)} forms from {seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
