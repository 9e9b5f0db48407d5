"""This year's file from last year's, in one action, and last year's actuals."""

import copy
import json
from dataclasses import replace

import pytest
from conftest import DEMO_FILE
from office_builders import layout_a, write_docx

from perfdesk import excel, storage
from perfdesk.calc import canonical_level1
from perfdesk.cli import main
from perfdesk.errors import PerfdeskError
from perfdesk.model import DepartmentFile, Form, Indicator
from perfdesk.newyear import last_year_actuals, match_form, name_key, new_year, next_year

KEPT_INDICATOR = ("level1", "level2", "level3", "definition", "target", "points", "not_applicable")


def _check_carried(new: DepartmentFile, last: DepartmentFile, year: str, last_path="") -> None:
    assert new.year == year
    assert (new.department, new.money_unit) == (last.department, last.money_unit)
    assert new.settings == replace(last.settings, last_year_file=str(last_path))
    assert [f.project for f in new.forms] == [f.project for f in last.forms]
    uids = {f.uid for f in new.forms}
    assert len(uids) == len(new.forms) and all(uids)
    assert not uids & {f.uid for f in last.forms}
    for f, old in zip(new.forms, last.forms, strict=True):
        assert (f.layout, f.unit, f.authority, f.department, f.filler, f.phone) == (
            old.layout, old.unit, old.authority, old.department, old.filler, old.phone)
        assert [g.target for g in f.goals] == [g.target for g in old.goals if g.target.strip()]
        assert all(g.result == "" for g in f.goals)
        for ind, o in zip(f.indicators, old.indicators, strict=True):
            assert [getattr(ind, k) for k in KEPT_INDICATOR] == [getattr(o, k) for k in KEPT_INDICATOR]
            assert (ind.actual, ind.score, ind.deviation) == ("", "", "")
        m = f.money
        for line in (m.budget_initial, m.budget, m.arrived, m.executed):
            assert (line.total, line.fiscal, line.carryover, line.other) == ("", "", "", "")
        assert (m.progress, f.completion, f.total_score, f.grade, f.problems, f.date) == ("",) * 6
        assert f.explanations == []


def test_new_year_keeps_the_tree_and_clears_the_figures(demo):
    demo.department = "高新区人社局"
    new = new_year(demo)
    _check_carried(new, demo, "2021")
    assert demo.forms[1].money.budget.total == "1039"  # last year's file is untouched


def test_new_year_remembers_last_years_file_not_the_one_before(demo, tmp_path, monkeypatch):
    demo.settings.last_year_file = "/somewhere/2019.perfdesk"
    demo.settings.finalising = True
    assert new_year(demo).settings.last_year_file == ""
    monkeypatch.chdir(tmp_path)
    new = new_year(demo, last_path="2020.perfdesk")
    assert new.settings.last_year_file == str(tmp_path.resolve() / "2020.perfdesk")
    assert new.settings.finalising  # the other settings carry over
    assert demo.settings.last_year_file == "/somewhere/2019.perfdesk"


def test_new_year_with_a_year_given_and_a_year_that_cannot_be_read(demo):
    assert new_year(demo, "2023").year == "2023"
    demo.year = "去年"
    with pytest.raises(PerfdeskError, match="--year"):
        new_year(demo)
    assert next_year("２０２０年度") == "2021"


@pytest.mark.parametrize("kind", ["perfdesk", "xlsx", "docx"])
def test_cli_new_year_from_last_years_file_in_one_action(tmp_path, demo, kind, capsys):
    demo.department = "高新区人社局"
    last = tmp_path / f"2020.{kind}"
    if kind == "perfdesk":
        storage.save(copy.deepcopy(demo), last)
    elif kind == "xlsx":
        excel.export_file(demo, last)
    else:
        write_docx(last, [layout_a(f, "2020", definition=any(i.definition for i in f.indicators))
                          for f in demo.forms])
    out = tmp_path / "2021.perfdesk"
    assert main(["new-year", str(last), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "已生成 2021 年度文件" in said and f"已记下上年文件 {last.resolve()}" in said
    new = storage.load(out)
    if kind == "docx":
        demo.department = "组织处"  # a Word form carries only the 填报部门 typed on it
    _check_carried(new, demo, "2021", last.resolve())
    assert main(["new-year", str(last), "-o", str(out)]) == 2  # never overwrites silently
    assert main(["new-year", str(last), "-o", str(out), "--force", "--year", "2022"]) == 0
    assert storage.load(out).year == "2022"


def test_last_year_actuals_beside_each_indicator(demo):
    new = new_year(demo)
    form = new.forms[1]  # 就业专项资金
    got = last_year_actuals(form, demo)
    assert got == {i: ind.actual for i, ind in enumerate(demo.forms[1].indicators)}
    # rows moved, renamed and added this year
    form.indicators.insert(0, Indicator(level1="产出指标（50）", level2="数量指标", level3="新指标"))
    form.indicators[1].level1 = ""
    form.indicators[5].level3 = " 社会保险补贴 发放准确率 "  # blanks do not matter
    form.indicators.pop(3)
    got = last_year_actuals(form, demo)
    assert 0 not in got
    assert got[1] == "127人"
    assert got[4] == demo.forms[1].indicators[4].actual
    assert len(got) == len(form.indicators) - 1


def test_matching_ignores_years_and_blanks_and_repeats_pair_in_order():
    last = DepartmentFile(forms=[Form(project="提前下达2020城乡居民养老保险补助资金", indicators=[
        Indicator(level1="产出指标（50）", level3="发放人数", actual="100"),
        Indicator(level3="发放人数", actual="200"),
        Indicator(level1="效益指标（30）", level3="发放人数", actual="300"),
    ])])
    this = Form(project="提前下达 2021 城乡居民养老保险补助资金", indicators=[
        Indicator(level1="效益指标（30）", level3="发放人数"),
        Indicator(level1="产出指标（50）", level3="发放人数"),
        Indicator(level3="发放人数"),
    ])
    assert match_form(this, last) is last.forms[0]
    assert name_key("提前下达2020年资金") == name_key("提前下达2021年资金")
    assert last_year_actuals(this, last) == {0: "300", 1: "100", 2: "200"}
    assert last_year_actuals(Form(project="别的项目"), last) == {}
    assert last_year_actuals(this, None) == {}
    assert canonical_level1(this.indicators[0].level1) == "效益指标"


def test_check_uses_the_last_year_file_the_new_file_names(demo, tmp_path, capsys):
    new = new_year(storage.load(DEMO_FILE), last_path=DEMO_FILE)
    jobs = next(f for f in new.forms if f.project == "就业专项资金")
    jobs.indicators[0].target = "50人"  # 2020: 100人
    del jobs.indicators[1]
    path = tmp_path / "2021.perfdesk"
    storage.save(new, path)
    main(["check", "--json", str(path)])
    doc = json.loads(capsys.readouterr().out)
    form = next(f for f in doc["files"][0]["forms"] if f["project"] == "就业专项资金")
    assert {"Y01", "Y02"} <= {f["code"] for f in form["findings"]}


def test_export_leaves_this_pcs_last_year_path_behind(demo, tmp_path):
    demo.settings.last_year_file = "/home/clerk/2019.perfdesk"
    out = tmp_path / "x.xlsx"
    excel.export_file(demo, out)
    assert excel.read_file(out).settings.last_year_file == ""
