"""Pasting rows from Excel/WPS never overwrites an indicator, and merged labels stay one per run
(perfdesk.paste, perfdesk.tree_labels, through the Document)."""

import copy

import pytest

from perfdesk.document import Document, new_form
from perfdesk.model import Indicator
from perfdesk.tree_labels import Run, effective, merge_repeats, runs

LABOUR = "劳务派遣人员专项资金"
COLUMNS_A = ["level1", "level2", "level3", "target", "actual", "score", None]
THREE = "指标甲\t≥10人\t12人\t5\r\n指标乙\t≥90%\t95%\t4\r\n指标丙\t是\t是\t3\r\n"


@pytest.fixture
def doc(demo):
    return Document(demo)


def _labour(doc):
    i = next(k for k, f in enumerate(doc.forms) if f.project == LABOUR)
    return i, doc.form(i)


def _shown(form):
    return [lab for lab in effective(form.indicators)]


def test_rows_on_a_new_forms_blank_rows_fill_them_and_keep_the_template_labels(doc):
    i = doc.add_form(0, new_form("新项目")).undo
    form = doc.form(i)
    labels = _shown(form)
    n = len(form.indicators)
    pasted = doc.paste(i, "indicators", 0, 2, THREE, COLUMNS_A).undo
    assert (pasted.filled, pasted.inserted, pasted.added) == (3, 0, 0)
    assert len(form.indicators) == n
    assert [r.level3 for r in form.indicators[:3]] == ["指标甲", "指标乙", "指标丙"]
    assert _shown(form) == labels
    assert pasted.describe() == "已粘贴 3 行 × 4 列：填入 3 个空行"


def test_rows_on_a_filled_row_insert_before_it_and_join_its_group(doc):
    i, form = _labour(doc)
    original = copy.deepcopy(form.indicators)
    pasted = doc.paste(i, "indicators", 4, 2, THREE, COLUMNS_A).undo  # on 工资发放及时满意度, head of 满意度
    assert (pasted.filled, pasted.inserted) == (0, 3)
    assert [r.level3 for r in form.indicators[4:8]] == ["指标甲", "指标乙", "指标丙", "工资发放及时满意度"]
    assert [lab for lab in _shown(form)[4:9]] == [("满意度指标（10）", "满意度指标")] * 5
    assert form.indicators[7].level1 == "" and form.indicators[7].score == "5"  # the head, merged in
    assert Run("level1", 4, 5) in runs(form.indicators)
    assert [r.level3 for r in form.indicators if r.level3] == (
        [r.level3 for r in original[:4]] + ["指标甲", "指标乙", "指标丙"] + [r.level3 for r in original[4:]])
    assert "在第 5 行前插入 3 行，原有指标下移" in pasted.describe()
    doc.unpaste(i, pasted)
    assert form.indicators == original


def test_rows_bringing_their_group_label_from_a_merged_level1_cell_insert_and_merge(doc):
    i, form = _labour(doc)
    text = "产出指标（50）\t数量指标\t培训人次\t≥100人\t120人\t5\r\n\t\t宣传场次\t≥4场\t4场\t5\r\n"
    pasted = doc.paste(i, "indicators", 0, 0, text, COLUMNS_A).undo  # the merged 产出指标 cell is row 0
    assert pasted.inserted == 2
    assert [r.level3 for r in form.indicators[:3]] == ["培训人次", "宣传场次", "每月劳务派遣人员工资发放人数"]
    assert runs(form.indicators)[0] == Run("level1", 0, 6)
    assert Run("level2", 0, 4) in runs(form.indicators)  # 数量指标: the pasted two and the two below
    assert form.indicators[2].level1 == form.indicators[2].level2 == ""


def test_a_blank_row_takes_the_first_pasted_row_and_the_rest_are_inserted(doc):
    i, form = _labour(doc)
    doc.insert_rows(i, "indicators", 2)
    below = copy.deepcopy(form.indicators[3:])
    pasted = doc.paste(i, "indicators", 2, 2, THREE, COLUMNS_A).undo
    assert (pasted.filled, pasted.inserted) == (1, 2)
    assert [r.level3 for r in form.indicators[2:5]] == ["指标甲", "指标乙", "指标丙"]
    assert [r.level3 for r in form.indicators[5:]] == [r.level3 for r in below]
    assert pasted.describe() == "已粘贴 3 行 × 4 列：填入 1 个空行，在第 4 行前插入 2 行，原有指标下移"


def test_rows_past_the_end_are_added(doc):
    i, form = _labour(doc)
    n = len(form.indicators)
    pasted = doc.paste(i, "indicators", n, 2, THREE, COLUMNS_A).undo
    assert (pasted.filled, pasted.inserted, pasted.added) == (0, 0, 3)
    assert form.indicators[n].level3 == "指标甲"
    assert _shown(form)[n] == _shown(form)[n - 1]  # they join the last group
    assert pasted.describe() == "已粘贴 3 行 × 4 列：在末尾新增 3 行"


def test_a_column_of_values_writes_over_the_cells_as_excel_does(doc):
    i, form = _labour(doc)
    n = len(form.indicators)
    pasted = doc.paste(i, "indicators", 0, 4, "60人\r\n61人\r\n", COLUMNS_A).undo  # 实际完成值 of two rows
    assert [r.actual for r in form.indicators[:2]] == ["60人", "61人"]
    assert len(form.indicators) == n and pasted.overwritten == 2 and pasted.inserted == 0
    assert pasted.describe() == "已粘贴 2 行：覆盖了 2 行原有内容（Ctrl+Z 撤销）"


def test_explanations_follow_the_rows_moved_down_and_come_back_on_undo(doc):
    i, form = _labour(doc)
    form.explanations.clear()
    form.explain("I05", ["indicators[5].actual"], "第六行")
    pasted = doc.paste(i, "indicators", 1, 2, THREE, COLUMNS_A).undo
    assert [e.cells for e in form.explanations] == [["indicators[8].actual"]]
    doc.unpaste(i, pasted)
    assert [e.cells for e in form.explanations] == [["indicators[5].actual"]]


# ---- one merged cell per run ----------------------------------------------------------------


def _rows(*labels):
    return [Indicator(level1=a, level2=b, level3=f"r{k}") for k, (a, b) in enumerate(labels)]


def test_runs_merge_a_repeated_label_and_keep_different_ones_apart():
    rows = _rows(("产出指标", "数量指标"), ("", ""), ("产出指标", "数量指标"), ("", "质量指标"),
                 ("效益指标", ""), ("", ""))
    assert runs(rows) == [Run("level1", 0, 4), Run("level1", 4, 2),
                          Run("level2", 0, 3), Run("level2", 3, 1), Run("level2", 4, 2)]


def test_merge_repeats_blanks_repeats_without_changing_what_a_row_shows():
    rows = _rows(("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", ""), ("", "数量指标"))
    shown = effective(rows)
    changed = merge_repeats(rows)
    assert effective(rows) == shown
    assert [(r.level1, r.level2) for r in rows] == [
        ("产出指标", "数量指标"), ("", ""), ("产出指标", ""), ("", "数量指标")]
    assert changed == {"indicators[1].level1": "产出指标", "indicators[1].level2": "数量指标"}


def test_deleting_the_row_between_two_equal_groups_leaves_one_merged_cell(doc):
    i, form = _labour(doc)
    form.indicators[4].level1 = "产出指标（50）"  # 满意度 row relabelled: 产出 | 满意度… | 产出
    form.indicators[5].level1 = "满意度指标（10）"
    form.indicators[6].level1 = "产出指标（50）"
    original = copy.deepcopy(form.indicators)
    removed = doc.remove_rows(i, "indicators", 5).undo
    assert form.indicators[5].level1 == ""  # the repeat merged into the run above
    assert runs(form.indicators)[0] == Run("level1", 0, 6)
    doc.restore_rows(i, removed)
    assert form.indicators == original


def test_moving_a_row_next_to_its_own_label_merges_it(doc):
    i, form = _labour(doc)
    form.indicators[5].level1 = "满意度指标（10）"  # 保险缴纳及时满意度 typed with its label again
    form.indicators[5].level2 = "满意度指标"
    original = copy.deepcopy(form.indicators)
    moved = doc.move_row(i, "indicators", 5, 4).undo
    assert (form.indicators[5].level1, form.indicators[5].level2) == ("", "")
    assert Run("level1", 4, 2) in runs(form.indicators)
    doc.unmove_row(i, moved)
    assert form.indicators == original
