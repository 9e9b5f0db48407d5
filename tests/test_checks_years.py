"""Y — 跨年: targets loosened (Y01) and indicators dropped (Y02) since last year."""

import copy
import json

import pytest
from forms import make_form, row

from perfdesk import storage
from perfdesk.checks import BY_CODE, HINT, evaluate
from perfdesk.cli import main
from perfdesk.messages import render
from perfdesk.model import DepartmentFile, Indicator, set_cell


def _files(changes: dict | None = None, last_changes: dict | None = None):
    last = make_form()
    this = make_form()
    for form, cells in ((this, changes or {}), (last, last_changes or {})):
        for address, value in cells.items():
            set_cell(form, address, value)
    return (DepartmentFile(year="2021", forms=[this]), DepartmentFile(year="2020", forms=[last]))


def _y(changes=None, last_changes=None, code=None):
    this, last = _files(changes, last_changes)
    found = [f for f in evaluate(this.forms[0], this, last).findings if f.code.startswith("Y")]
    return [f for f in found if code is None or f.code == code], this.forms[0]


def test_same_form_as_last_year_finds_nothing():
    assert _y()[0] == []


def test_without_last_year_nothing_is_compared():
    this, _ = _files(row(0, target="≥1人"))
    assert not [f for f in evaluate(this.forms[0], this).findings if f.code.startswith("Y")]


def test_registry():
    assert BY_CODE["Y01"].severity == HINT and BY_CODE["Y02"].severity == HINT


@pytest.mark.parametrize(
    ("last", "now", "fires"),
    [
        ("≥100人", "≥90人", True),  # a floor lowered
        ("≥100人", "≥110人", False),  # raised: stricter
        ("100人", "90人", True),  # a bare target is a floor
        ("=100%", "=95%", True),
        ("≥90%", "≥90%", False),
        (">=90%", "≥90%", False),  # same target, other spelling
        ("≥90%", ">89.5%", True),
        ("≤4%", "≤5%", True),  # a ceiling raised: looser
        ("≤4%", "≤3%", False),  # a ceiling lowered: stricter
        ("<=20800", "<=20000", False),
        ("≥90%", "≤80%", False),  # floor became a ceiling: not compared
        ("≥100人", "≥90%", False),  # other unit: not compared
        ("≥100人", "≥90人次", False),
        ("是", "否", False),  # text targets are not compared
        ("≥", "≥90人", False),  # last year's unreadable
        ("≥100人", "", False),
    ],
)
def test_y01_target_loosened(last, now, fires):
    found, form = _y(row(0, target=now), row(0, target=last), "Y01")
    assert bool(found) == fires
    if fires:
        [f] = found
        assert f.cells == ("indicators[0].target",)
        text = render(f, form)
        assert form.indicators[0].level3 in text and now in text and last in text
        assert ("上限比上年放宽" in text) == now.startswith(("≤", "<"))


def test_y01_matches_rows_by_name_not_position():
    this, last = _files(row(0, target="≥90人"), row(0, target="≥100人"))
    this.forms[0].indicators.reverse()
    found = [f for f in evaluate(this.forms[0], this, last).findings if f.code == "Y01"]
    [f] = found
    i = next(i for i, ind in enumerate(this.forms[0].indicators) if ind.level3 == "培训人数")
    assert f.cells == (f"indicators[{i}].target",)


def test_y02_an_indicator_is_gone():
    this, last = _files()
    last.forms[0].indicators.insert(1, Indicator(level3="培训补贴发放及时率", target="100%"))
    last.forms[0].indicators.insert(2, Indicator(level3="补贴标准", target="≤1500元/人"))
    found = [f for f in evaluate(this.forms[0], this, last).findings if f.code == "Y02"]
    [f] = found
    assert f.cells == ("indicators",)
    text = render(f, this.forms[0])
    assert text == "上年此项目的 2 项指标今年没有了：「培训补贴发放及时率」、「补贴标准」。"


def test_y02_a_renamed_project_is_not_compared_but_a_new_year_in_the_name_is():
    this, last = _files()
    this.forms[0].indicators.pop()
    this.forms[0].project = "另一个项目"
    assert not [f for f in evaluate(this.forms[0], this, last).findings if f.code.startswith("Y")]
    this.forms[0].project = "2021年就业培训补助资金"
    last.forms[0].project = "2020年就业培训补助资金"
    assert [f.code for f in evaluate(this.forms[0], this, last).findings if f.code.startswith("Y")] == ["Y02"]


def test_cli_check_last_year(tmp_path, demo, capsys):
    last_path = tmp_path / "2020.perfdesk"
    storage.save(copy.deepcopy(demo), last_path)
    this = copy.deepcopy(demo)
    this.year = "2021"
    form = this.forms[1]  # 就业专项资金
    form.indicators[0].target = "90人"  # was 100人
    form.indicators[11].target = "≤5%"  # 年末城镇登记失业率, was ≤4%
    del form.indicators[2]
    this_path = tmp_path / "2021.perfdesk"
    storage.save(this, this_path)
    assert main(["check", "--json", str(this_path), "--last-year", str(last_path)]) == 1
    doc = json.loads(capsys.readouterr().out)
    forms = doc["files"][0]["forms"]
    ys = [(f["code"], f["cells"]) for f in forms[1]["findings"] if f["code"].startswith("Y")]
    assert ("Y01", ["indicators[0].target"]) in ys
    assert ("Y01", ["indicators[10].target"]) in ys
    assert ("Y02", ["indicators"]) in ys
    assert all(not [f for f in other["findings"] if f["code"].startswith("Y")]
               for n, other in enumerate(forms) if n != 1)
    assert main(["check", str(this_path)]) == 1
    assert "Y0" not in capsys.readouterr().out
    assert main(["check", str(this_path), "--last-year", str(tmp_path / "nope.perfdesk")]) == 2
    assert "无法读取上年文件" in capsys.readouterr().err
