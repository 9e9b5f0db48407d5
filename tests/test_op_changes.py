"""Every edit of the document facade says what it changed (``Op.changes``), and only that."""

import pytest

from perfdesk.changes import NOTHING, OpChanges
from perfdesk.document import Document

COLUMNS_A = ["level1", "level2", "level3", "target", "actual", "score", None]

EDITS = [
    ("a typed cell", lambda d: d.set_cell(1, "money.executed.total", "9"), OpChanges(1, ("money.executed.total",))),
    ("a rename", lambda d: d.rename_form(2, "新名称"), OpChanges(2, ("project",))),
    ("a layout", lambda d: d.set_layout(0, "B"), OpChanges(0, ("layout",), layout=True)),
    ("a file field", lambda d: d.set_file_field("year", "2021"), OpChanges(file=True)),
    ("a rule", lambda d: d.set_rule("finalising", True), OpChanges(file=True)),
    ("rows inserted", lambda d: d.insert_rows(3, "indicators", 1, 2), OpChanges(3, rows="indicators")),
    ("a goal removed", lambda d: d.remove_rows(0, "goals", 0), OpChanges(0, rows="goals")),
    ("a row moved", lambda d: d.move_row(4, "indicators", 0, 1), OpChanges(4, rows="indicators")),
    ("a paste", lambda d: d.paste(1, "indicators", 0, 4, "60人\n", COLUMNS_A),
     OpChanges(1, rows="indicators")),
    ("a form added", lambda d: d.add_form(2), OpChanges(2, forms=True)),
    ("a form copied", lambda d: d.duplicate_form(0), OpChanges(1, forms=True)),
    ("a form deleted", lambda d: d.delete_form(5), OpChanges(forms=True)),
    ("a form moved", lambda d: d.move_form(0, 3), OpChanges(3, forms=True)),
    ("the report", lambda d: d.set_report_file("报告.docx"), OpChanges(report=True)),
    ("last year's file", lambda d: d.set_last_year_file("2019.perfdesk"), OpChanges(last_year=True)),
]


@pytest.mark.parametrize("edit, expected", [(e, x) for _, e, x in EDITS], ids=[n for n, _, _ in EDITS])
def test_each_edit_says_what_it_changed(demo, edit, expected):
    doc = Document(demo)
    op = edit(doc)
    assert op.changes == expected
    assert doc.dirty and doc.generation == 1


def test_an_edit_that_changes_nothing_says_so_and_is_not_an_edit(demo):
    doc = Document(demo)
    form = doc.form(1)
    assert doc.set_cell(1, "money.executed.total", form.money.executed.total).changes == NOTHING
    assert doc.set_file_field("year", doc.dfile.year).changes == NOTHING
    assert doc.move_row(1, "indicators", 2, 2).changes == NOTHING
    assert doc.insert_rows(1, "indicators", 0, 0).changes == NOTHING
    assert not doc.dirty and doc.generation == 0


def test_undoing_says_what_it_changed_and_the_undo_value_takes_the_edit_back(demo):
    doc = Document(demo)
    before = [r.level3 for r in doc.form(1).indicators]
    removed = doc.remove_rows(1, "indicators", 0, 2)
    assert doc.restore_rows(1, removed.undo).changes == OpChanges(1, rows="indicators")
    moved = doc.move_row(1, "indicators", 0, 2)
    assert doc.unmove_row(1, moved.undo).changes == OpChanges(1, rows="indicators")
    pasted = doc.paste(1, "indicators", 0, 2, "新指标\t≥1\n", COLUMNS_A)
    assert doc.unpaste(1, pasted.undo).changes == OpChanges(1, rows="indicators")
    assert [r.level3 for r in doc.form(1).indicators] == before


def test_only_the_edited_form_is_evaluated_again(demo):
    doc = Document(demo)
    kept = doc.evaluation(0)
    stale = doc.evaluation(1)
    doc.set_cell(1, "money.executed.total", "9")
    assert doc.evaluation(0) is kept and doc.evaluation(1) is not stale
    doc.set_file_field("year", "2021")
    assert doc.evaluation(0) is not kept


def test_changes_of_several_cells_combine():
    a = OpChanges(1, ("money.executed.total",))
    b = OpChanges(1, ("money.budget.total",))
    assert a | b == OpChanges(1, ("money.executed.total", "money.budget.total"))
    assert a | NOTHING == a and NOTHING | b == b
    with pytest.raises(ValueError):
        a | OpChanges(2, ("project",))  # cells of two forms are two edits
    assert (a | OpChanges(file=True)).file
