"""Reading filled forms out of a grid of cells, by their printed labels.

Excel sheets (``excel``) and Word documents (``word``) are both turned into a
``Grid``: the non-empty cells (a merged range is one cell, holding its text
once, in its top row) with their row and column span.  ``read_grid`` finds
every form in a grid and reads it into a ``Form``, never by fixed cell
addresses, so forms typed by other offices read the same as ours: extra blank
rows and columns, a title or an instructions block above, the definition
column or not, merged cells anywhere, layout A or B.

How a field is found
--------------------

Texts are compared as *keys*: blanks removed, full-width brackets and colons
made ASCII, a trailing colon, a leading section number (``一、``, ``（二）``)
and a trailing bracketed unit or letter (``（万元）``, ``（A）``, ``(B/A)``)
dropped.  A label matches when its key equals one of the label's printed
spellings (``LABELS``, ``SECTIONS``); nothing is matched by "contains",
except ``存在问题`` (the section 五 heading comes in many wordings).

- *label and value* (项目名称, 实施预算单位, 总分, 填报人 …): the value is the
  text after the label, up to the next label in the row.  Label and value may
  share one cell (``填报人：张三``, ``填报部门：组织处    金额单位：万元``); a
  label inside a cell must follow blanks and be followed by a colon, a blank or
  (for 联系电话) a digit.
- *tables* (预算执行情况, 目标完成情况, the indicator table): a header row gives
  the columns; a column runs from its header's first column to the column
  before the next header, so a value need not sit under the header's exact
  cell.  A cell belongs to the column its first column falls in: a cell merged
  across 三级指标 and 指标解释 is the 三级指标 and leaves the 指标解释 blank.
- layout A's money block has a header per column group (预算安排情况 …) with
  row labels inside each group (预算数：/其中：财政资金/其他); layout B's has
  column headers (年初预算数 … 执行率 …) and row labels on the left
  (年度资金总额/其中：当年财政拨款/上年结转资金/其他资金).  The form's layout
  is the money block's.

Values come back exactly as the cell holds them; a value put together from
several cells (or cut out of a cell after a label) is trimmed of blanks.  A
cell inside the form that belongs to no field is reported, never dropped.
"""

from ..labels import key
from .assemble import ImportProblems, Meta, Source, apply_extras, assemble
from .find import form_has_content, normalise_unit, read_grid
from .grid import FormRead, Grid, Region
from .vocabulary import is_label

__all__ = [
    "FormRead", "Grid", "ImportProblems", "Meta", "Region", "Source", "apply_extras", "assemble",
    "form_has_content", "is_label", "key", "normalise_unit", "read_grid",
]
