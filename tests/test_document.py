"""The editing facade (perfdesk.document): every edit a window makes, without Qt."""

import copy

import pytest
from conftest import DEMO_FILE

from perfdesk import storage
from perfdesk.checks import ERROR
from perfdesk.document import Document, ExplainRefused, new_form
from perfdesk.errors import PerfdeskError
from perfdesk.model import Indicator
from perfdesk.recovery import recovery_origin, remove_recovery
from perfdesk.tsv import parse_tsv, to_tsv

LABOUR = "劳务派遣人员专项资金"


@pytest.fixture
def doc(demo):
    return Document(demo)


def _index(doc, project):
    return next(i for i, f in enumerate(doc.forms) if f.project == project)


def _labels(form):
    """(一级, 二级, 三级) of each row as shown: merged labels carried down."""
    out, l1, l2 = [], "", ""
    for r in form.indicators:
        if r.level1.strip():
            l1, l2 = r.level1.strip(), ""
        if r.level2.strip():
            l2 = r.level2.strip()
        out.append((l1, l2, r.level3))
    return out


def _codes(doc, i):
    return {f.code for f in doc.evaluation(i).findings}


# ---- cells and evaluation ------------------------------------------------------


def test_set_cell_returns_old_text_and_recomputes_only_that_form(doc):
    i = _index(doc, "就业专项资金")
    other = doc.evaluation(0)
    before = doc.evaluation(i)
    assert before.calc.execution_rate == pytest.approx(13.378, abs=1e-3)
    assert "B01" in _codes(doc, i)
    assert not doc.dirty

    old = doc.set_cell(i, "money.progress", "13.38%").undo
    assert old == "100%"
    assert doc.dirty
    after = doc.evaluation(i)
    assert after is not before
    assert doc.evaluation(0) is other  # untouched form: cached evaluation kept
    assert "B01" not in _codes(doc, i)

    doc.set_cell(i, "money.progress", old)
    assert "B01" in _codes(doc, i)


def test_set_cell_same_text_changes_nothing(doc):
    ev = doc.evaluation(0)
    g = doc.generation
    assert doc.set_cell(0, "project", doc.form(0).project).undo == doc.form(0).project
    assert doc.evaluation(0) is ev and doc.generation == g and not doc.dirty


def test_live_recompute_of_money_and_scores(doc):
    i = _index(doc, LABOUR)
    calc = doc.evaluation(i).calc
    assert calc.execution_rate == pytest.approx(22.40, abs=0.01)
    assert calc.total == 100
    doc.set_cell(i, "money.executed.total", "439")
    doc.set_cell(i, "money.executed.fiscal", "439")
    calc = doc.evaluation(i).calc
    assert calc.execution_rate == pytest.approx(100)
    assert "S01" not in _codes(doc, i)
    exec_row = calc.exec_row
    doc.set_cell(i, f"indicators[{exec_row}].score", "2")
    assert doc.evaluation(i).calc.total == 92


def test_file_fields_reevaluate_every_form(doc):
    evs = [doc.evaluation(k) for k in range(len(doc.forms))]
    assert doc.set_file_field("year", "").undo == "2020"
    assert all(doc.evaluation(k) is not evs[k] for k in range(len(doc.forms)))
    assert any(f.code == "C01" and f.cells == ("year",) for f in doc.evaluation(0).findings)
    with pytest.raises(ValueError):
        doc.set_file_field("forms", "x")


def test_bad_address_is_refused(doc):
    with pytest.raises(ValueError):
        doc.set_cell(0, "money", "1")
    with pytest.raises(IndexError):
        doc.set_cell(0, "indicators[99].score", "1")


# ---- rows -------------------------------------------------------------------------


def test_insert_and_remove_rows_round_trip(doc):
    i = _index(doc, LABOUR)
    form = doc.form(i)
    original = copy.deepcopy(form.indicators)
    rows = doc.insert_rows(i, "indicators", 2, 2).undo
    assert list(rows) == [2, 3]
    assert len(form.indicators) == len(original) + 2
    assert form.indicators[2] == Indicator()
    removed = doc.remove_rows(i, "indicators", 2, 2).undo
    assert form.indicators == original
    doc.restore_rows(i, removed)
    assert len(form.indicators) == len(original) + 2


def test_removing_a_groups_first_row_keeps_the_label_on_the_next(doc):
    i = _index(doc, LABOUR)
    form = doc.form(i)
    shown = _labels(form)
    original = copy.deepcopy(form.indicators)
    removed = doc.remove_rows(i, "indicators", 0).undo
    assert _labels(form) == shown[1:]
    assert form.indicators[0].level1 == "产出指标（50）"
    assert form.indicators[0].level2 == "数量指标"
    assert removed.relabel == {"indicators[0].level1": "", "indicators[0].level2": ""}
    doc.restore_rows(i, removed)
    assert form.indicators == original


def test_removed_rows_take_their_explanations_and_undo_brings_them_back(doc):
    i = _index(doc, LABOUR)
    form = doc.form(i)
    form.explanations.clear()
    form.explain("I05", ["indicators[5].actual"], "第六行")
    form.explain("I05", ["indicators[1].actual"], "第二行")
    removed = doc.remove_rows(i, "indicators", 1).undo
    assert [(e.cells, e.note) for e in form.explanations] == [(["indicators[4].actual"], "第六行")]
    doc.restore_rows(i, removed)
    notes = {e.note: e.cells for e in form.explanations}
    assert notes == {"第六行": ["indicators[5].actual"], "第二行": ["indicators[1].actual"]}


def test_move_row_within_a_group_keeps_the_merged_labels_in_place(doc):
    i = _index(doc, LABOUR)
    form = doc.form(i)
    original = copy.deepcopy(form.indicators)
    names = [r.level3 for r in form.indicators]
    moved = doc.move_row(i, "indicators", 0, 1).undo
    assert [r.level3 for r in form.indicators] == [names[1], names[0], *names[2:]]
    assert form.indicators[0].level1 == "产出指标（50）"
    assert form.indicators[1].level1 == ""
    assert [s[:2] for s in _labels(form)] == [s[:2] for s in _labels(_form_of(original))]
    doc.unmove_row(i, moved)
    assert form.indicators == original


def test_move_row_into_another_group_keeps_its_own_group(doc):
    i = _index(doc, LABOUR)
    form = doc.form(i)
    before = {r.level3: lab[:2] for r, lab in zip(form.indicators, _labels(form), strict=True)}
    original = copy.deepcopy(form.indicators)
    moved = doc.move_row(i, "indicators", 3, 5).undo  # last 效益 row between the 满意度 rows
    after = {r.level3: lab[:2] for r, lab in zip(form.indicators, _labels(form), strict=True)}
    assert after == before
    doc.unmove_row(i, moved)
    assert form.indicators == original


def test_goal_rows(doc):
    i = 0
    form = doc.form(i)
    n = len(form.goals)
    doc.insert_rows(i, "goals", n, 1)
    doc.set_cell(i, f"goals[{n}].target", "新目标")
    assert len(form.goals) == n + 1
    removed = doc.remove_rows(i, "goals", n).undo
    assert len(form.goals) == n and removed.rows[0].target == "新目标"
    with pytest.raises(ValueError):
        doc.insert_rows(i, "explanations", 0)


# ---- paste ---------------------------------------------------------------------------

COLUMNS_A = ["level1", "level2", "level3", "target", "actual", "score", None]


def test_parse_tsv_handles_excel_quoting_and_line_ends():
    text = '产出指标（50）\t数量指标\t"培训\n人次"\t≥100人\r\n\t\t"说""好"""\t是\r\n'
    assert parse_tsv(text) == [
        ["产出指标（50）", "数量指标", "培训\n人次", "≥100人"],
        ["", "", '说"好"', "是"],
    ]
    assert parse_tsv("") == []
    assert parse_tsv(to_tsv([["a\nb", "c"], ["", "d"]])) == [["a\nb", "c"], ["", "d"]]


def test_paste_rows_on_the_last_row_insert_before_it_and_unpaste(doc):
    i = _index(doc, LABOUR)
    form = doc.form(i)
    original = copy.deepcopy(form.indicators)
    n = len(original)
    text = "指标甲\t≥10人\t12人\t5\r\n指标乙\t≥90%\t95%\t4\r\n指标丙\t是\t是\t3\r\n"
    pasted = doc.paste(i, "indicators", n - 1, 2, text, COLUMNS_A).undo
    assert (pasted.inserted, pasted.added, pasted.filled, pasted.overwritten) == (3, 0, 0, 0)
    assert pasted.rows == 3 and pasted.cols == 4 and pasted.skipped == 0
    assert len(form.indicators) == n + 3
    assert [r.level3 for r in form.indicators[n - 1:n + 2]] == ["指标甲", "指标乙", "指标丙"]
    assert form.indicators[n].target == "≥90%" and form.indicators[n + 1].score == "3"
    last = form.indicators[n + 2]  # the last indicator moved down, its figures untouched
    assert (last.level3, last.actual, last.score) == (original[-1].level3, original[-1].actual, original[-1].score)
    assert _labels(form)[n - 1][:2] == _labels(form)[n + 2][:2] == ("预算执行率（10）", "预算执行率")
    doc.unpaste(i, pasted)
    assert form.indicators == original


def test_paste_skips_computed_columns_and_reports_what_fell_off(doc):
    i = _index(doc, LABOUR)
    form = doc.form(i)
    pasted = doc.paste(i, "indicators", 0, 5, "7\t99\t98\n", COLUMNS_A).undo
    assert form.indicators[0].score == "7"
    assert pasted.cols == 1 and pasted.skipped == 2 and pasted.overwritten == 1


def test_paste_multiline_cell(doc):
    i = 0
    doc.paste(i, "indicators", 0, 2, '"第一行\n第二行"\t≥1\n', COLUMNS_A)
    assert doc.form(i).indicators[0].level3 == "第一行\n第二行"
    assert doc.form(i).indicators[0].target == "≥1"


# ---- forms --------------------------------------------------------------------------------


def test_add_duplicate_rename_delete_forms(doc):
    n = len(doc.forms)
    k = doc.add_form().undo
    assert k == n and doc.form(k).project == ""
    assert doc.form(k).indicators[0].level1 == "产出指标（50）"
    assert doc.evaluation(k).calc.total == 0
    src = _index(doc, LABOUR)
    ev = doc.evaluation(src)
    d = doc.duplicate_form(src).undo
    assert d == src + 1 and doc.form(d).project == LABOUR + "（副本）"
    assert doc.form(d).indicators == doc.form(src).indicators
    assert doc.form(d) is not doc.form(src) and doc.form(d).uid == ""
    assert doc.evaluation(src) is ev  # the cache moved with the forms
    assert doc.rename_form(d, "劳务派遣（2）").undo == LABOUR + "（副本）"
    form = doc.delete_form(d).undo
    assert form.project == "劳务派遣（2）" and len(doc.forms) == n + 1
    assert doc.add_form(d, form).undo == d and doc.form(d) is form
    doc.move_form(d, 0)
    assert doc.form(0) is form


def test_set_layout(doc):
    assert doc.set_layout(0, "B").undo == "A"
    assert doc.form(0).layout == "B"
    with pytest.raises(ValueError):
        doc.set_layout(0, "Z")


def test_new_document_has_one_blank_form():
    doc = Document.new()
    assert len(doc.forms) == 1 and doc.path is None and not doc.dirty
    assert doc.dfile.year.isdigit()
    assert len(doc.form(0).goals) == 1
    assert new_form().indicators[-1].level1 == "预算执行率（10）"


# ---- explanations ------------------------------------------------------------------------------


def test_explain_a_warning_and_refuse_an_error(doc):
    i = _index(doc, LABOUR)
    ev = doc.evaluation(i)
    warning = next(f for f in ev.findings if f.severity != ERROR)
    error = next(f for f in ev.findings if f.severity == ERROR)
    assert doc.explain(i, warning.code, warning.cells, "已与财政局核对").undo is None
    again = next(f for f in doc.evaluation(i).findings if f.code == warning.code and f.cells == warning.cells)
    assert again.explained == "已与财政局核对"
    assert doc.explain(i, warning.code, warning.cells, "").undo == "已与财政局核对"
    assert doc.form(i).explanations == []
    with pytest.raises(ExplainRefused) as err:
        doc.explain(i, error.code, error.cells, "没关系")
    assert "错误" in str(err.value)
    assert doc.form(i).explanations == []


# ---- files ------------------------------------------------------------------------------------------


def test_open_save_reopen(tmp_path):
    doc = Document.open(DEMO_FILE)
    assert len(doc.forms) == 22 and doc.path == DEMO_FILE and not doc.dirty
    i = _index(doc, LABOUR)
    doc.set_cell(i, "money.progress", "22.40%")
    target = tmp_path / "人社局 2020.perfdesk"
    doc.save(target)
    assert doc.path == target and not doc.dirty
    again = Document.open(target)
    assert again.form(i).money.progress == "22.40%"
    assert [f.to_dict() for f in again.forms] == [f.to_dict() for f in doc.forms]
    doc.set_cell(i, "problems", "已整改")
    doc.save()
    assert Document.open(target).form(i).problems == "已整改"


def test_save_without_a_path_or_to_a_bad_place_changes_nothing(tmp_path):
    doc = Document.new()
    with pytest.raises(PerfdeskError):
        doc.save()
    doc.set_cell(0, "project", "甲")
    with pytest.raises(PerfdeskError) as err:
        doc.save(tmp_path / "no such folder" / "x.perfdesk")
    assert "保存失败" in str(err.value)
    assert doc.dirty and doc.path is None


def test_open_damaged_files(tmp_path):
    bad = tmp_path / "坏.perfdesk"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(PerfdeskError) as err:
        Document.open(bad)
    assert "损坏" in str(err.value) or "不是" in str(err.value)
    other = tmp_path / "a.perfdesk"
    other.write_text("hello", encoding="utf-8")
    with pytest.raises(PerfdeskError, match="不是 perfdesk 文件"):
        Document.open(other)
    with pytest.raises(PerfdeskError, match="找不到"):
        Document.open(tmp_path / "missing.perfdesk")


def test_recovery_copy(tmp_path):
    doc = Document.open(DEMO_FILE)
    doc.set_cell(0, "problems", "尚未保存的修改")
    rec = tmp_path / "recovery" / "r.perfdesk"
    doc.write_recovery(rec)
    doc.set_cell(0, "problems", "更晚的修改")
    doc.write_recovery(rec)  # overwritten, not accumulated
    assert recovery_origin(rec) == str(DEMO_FILE)
    back = Document.read_recovery(rec)
    assert back.dirty and back.path == DEMO_FILE
    assert back.form(0).problems == "更晚的修改"
    assert storage.load(DEMO_FILE).forms[0].problems != "更晚的修改"  # the original untouched
    remove_recovery(rec)
    assert list(rec.parent.iterdir()) == []

    fresh = Document.new()
    fresh.write_recovery(rec)
    assert recovery_origin(rec) is None
    assert Document.read_recovery(rec).path is None


def _form_of(indicators):
    form = new_form()
    form.indicators = indicators
    return form


# ---- last year's file ------------------------------------------------------------------


JOBS = "就业专项资金"


@pytest.fixture
def this_year(demo, tmp_path):
    """A 2021 file started from the demo (2020), and the 2020 file on disk."""
    from perfdesk.newyear import new_year

    last = tmp_path / "2020.perfdesk"
    storage.save(copy.deepcopy(demo), last)
    return Document(new_year(demo, last_path=last)), last


def _y(doc):
    return {(i, f.code) for i in range(len(doc.forms)) for f in doc.evaluation(i).findings
            if f.code.startswith("Y")}


def test_last_year_is_read_once_when_first_needed_and_every_evaluation_compares(this_year, monkeypatch):
    import perfdesk.last_year as last_year

    doc, last = this_year
    assert doc.last_year_file == str(last.resolve())
    reads = []
    monkeypatch.setattr(last_year, "load_any", lambda p: reads.append(p) or storage.load(p))
    i = _index(doc, JOBS)
    assert _y(doc) == set() and reads == [last.resolve()]  # same targets, same indicators
    assert doc.last_year().year == "2020" and doc.last_year_error is None
    doc.set_cell(i, "indicators[3].target", "≥90%")  # last year ≥97%: a looser target
    [y01] = [f for f in doc.evaluation(i).findings if f.code == "Y01"]
    assert y01.cells == ("indicators[3].target",)
    removed = doc.remove_rows(i, "indicators", 1).undo  # 享受社会保险补贴人员数量 is gone
    assert _y(doc) == {(i, "Y01"), (i, "Y02")}
    doc.restore_rows(i, removed)
    assert _y(doc) == {(i, "Y01")}
    assert len(reads) == 1  # read once, not per form or per edit


def test_setting_last_year_re_evaluates_every_form_and_returns_the_old_setting(demo, tmp_path):
    last = tmp_path / "2020.perfdesk"
    storage.save(copy.deepcopy(demo), last)
    demo.forms[1].indicators[3].target = "≥90%"
    demo.forms[0].indicators.pop(1)
    doc = Document(demo)
    assert _y(doc) == set() and doc.last_year() is None and doc.last_year_actuals(1) is None
    assert doc.set_last_year_file(str(last)).undo == ""
    assert doc.dirty and _y(doc) == {(1, "Y01"), (0, "Y02")}
    actuals = doc.last_year_actuals(1)
    assert actuals[0] == "127人" and len(actuals) == len(demo.forms[1].indicators)
    assert doc.last_year_form(1).project == JOBS
    generation = doc.generation
    assert doc.set_last_year_file("").undo == str(last)  # undo
    assert _y(doc) == set() and doc.generation > generation
    assert doc.set_last_year_file("").undo == ""  # no change: not a new edit
    doc.set_last_year_file(str(last))
    assert _y(doc)  # read again from the cache of files already read


def test_a_project_last_year_did_not_have_shows_no_last_year(this_year):
    doc, _ = this_year
    doc.set_cell(0, "project", "新项目")
    assert doc.last_year_form(0) is None and doc.last_year_actuals(0) is None
    assert not any(f.code.startswith("Y") for f in doc.evaluation(0).findings)


def test_a_last_year_file_that_cannot_be_read_is_left_out_not_an_error(this_year, tmp_path):
    doc, last = this_year
    last.unlink()
    i = _index(doc, JOBS)
    doc.set_cell(i, "indicators[3].target", "≥90%")
    assert "Y01" not in _codes(doc, i)  # checked without it
    assert doc.last_year() is None
    assert "找不到文件" in doc.last_year_error and "2020.perfdesk" in doc.last_year_error
    png = tmp_path / "2020.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    doc.set_last_year_file(str(png))
    assert doc.last_year() is None and "PNG" in doc.last_year_error
    assert doc.evaluation(i).findings  # the other checks still run


def test_last_year_is_kept_in_the_file_and_an_older_file_without_it_opens(this_year, tmp_path):
    doc, last = this_year
    path = tmp_path / "2021.perfdesk"
    doc.save(path)
    again = Document.open(path)
    assert again.last_year_file == str(last.resolve()) and again.last_year().year == "2020"
    older = Document.open(DEMO_FILE)  # written before there was a last year's file
    assert older.last_year_file == "" and older.last_year() is None and older.last_year_error is None


def test_a_relative_last_year_is_beside_the_file_and_can_be_read_again(demo, tmp_path):
    folder = tmp_path / "部门"
    folder.mkdir()
    storage.save(copy.deepcopy(demo), folder / "2020.perfdesk")
    doc = Document(copy.deepcopy(demo), folder / "2021.perfdesk")
    doc.set_last_year_file("2020.perfdesk")
    assert doc.last_year_path() == folder / "2020.perfdesk"
    assert doc.last_year_actuals(1)[0] == "127人"
    changed = copy.deepcopy(demo)
    changed.forms[1].indicators[0].actual = "128人"
    storage.save(changed, folder / "2020.perfdesk")
    assert doc.last_year_actuals(1)[0] == "127人"  # cached
    doc.reread_last_year()
    assert doc.last_year_actuals(1)[0] == "128人"


def test_a_last_year_already_read_is_not_read_again(demo, monkeypatch):
    import perfdesk.last_year as last_year
    from perfdesk.newyear import new_year

    monkeypatch.setattr(last_year, "load_any", lambda p: pytest.fail("read again"))
    doc = Document(new_year(demo, last_path="/elsewhere/2020.xlsx"), last_year=demo)
    assert doc.last_year() is demo and doc.last_year_actuals(1)[0] == "127人"
    other = copy.deepcopy(demo)
    doc.set_last_year_file("/elsewhere/other.xlsx", other)
    assert doc.last_year() is other


def test_set_rule_re_evaluates_every_form_and_returns_the_old_state(demo):
    doc = Document(demo)
    startup = next(i for i, f in enumerate(demo.forms) if f.project == "创业扶持资金")
    assert "S12" not in {f.code for f in doc.evaluation(startup).findings}
    assert doc.set_rule("score_cap_by_rate", True).undo is False
    assert "S12" in {f.code for f in doc.evaluation(startup).findings} and doc.dirty
    with pytest.raises(ValueError):
        doc.set_rule("no_such_rule", True)
