"""The demo file: the 22 seed forms, and what `perfdesk check` must find on them."""

import json

import pytest
from conftest import DEMO_FILE

from perfdesk import storage
from perfdesk.checks import ERROR, evaluate
from perfdesk.cli import main

EXPECTED = {
    "就业专项资金": {"B01", "B02", "G02", "S01"},
    "“雨露计划”扶贫资金": {"S01", "S02"},
    "劳务派遣人员专项资金": {"S01", "S02", "S03", "I01", "I02"},
    "老干部专项资金": {"B01", "S03", "I01"},
    "远程教育站点专项资金": {"B01", "I03"},
    "被征地农民社会保障费": {"S05", "S06"},
    "劳动监察专项资金": {"G02"},
}
CLEAN = "退役人员待安置期间养老保险补助专项资金"




def _check_json(capsys, *paths):
    status = main(["check", "--json", *map(str, paths)])
    return status, json.loads(capsys.readouterr().out)


def test_demo_file_is_built_from_its_json(demo):
    on_disk = storage.load(DEMO_FILE)
    assert len(on_disk.forms) == 22
    for built, source in zip(on_disk.forms, demo.forms, strict=True):
        source.uid = built.uid
        assert built == source


def test_check_json_finds_the_seed_contradictions(capsys):
    status, doc = _check_json(capsys, DEMO_FILE)
    assert status == 1
    [file] = doc["files"]
    assert file["error"] is None
    forms = {f["project"]: f for f in file["forms"]}
    assert len(forms) == 22
    for project, codes in EXPECTED.items():
        found = {f["code"] for f in forms[project]["findings"]}
        assert codes <= found, (project, codes - found)
    assert not [f for f in forms[CLEAN]["findings"] if f["severity"] == ERROR]


def test_check_json_shape(capsys):
    _, doc = _check_json(capsys, DEMO_FILE)
    form = doc["files"][0]["forms"][1]
    assert form["project"] == "就业专项资金"
    assert form["execution_rate"] == pytest.approx(13.3782, abs=1e-4)
    assert form["total_score"] == 100
    assert form["grade"] == "优"
    b01 = next(f for f in form["findings"] if f["code"] == "B01")
    assert b01["severity"] == "错误"
    assert b01["cells"] == ["money.progress", "money.executed.total", "money.budget.total"]
    assert "100%" in b01["message"] and "13.38%" in b01["message"]


def test_check_text_report_is_chinese_and_grouped_by_form(capsys):
    assert main(["check", str(DEMO_FILE)]) == 1
    out = capsys.readouterr().out
    assert "【2】就业专项资金" in out
    assert "预算执行进度填 100%，但执行数 139 ÷ 预算数 1039 = 13.38%" in out
    assert "共 1 个文件、22 张表" in out


def test_exit_status_2_when_a_file_cannot_be_read(tmp_path, capsys):
    bad = tmp_path / "坏 文件.perfdesk"
    bad.write_bytes(b"not a database at all")
    status, doc = _check_json(capsys, DEMO_FILE, bad)
    assert status == 2
    assert doc["files"][1]["error"].startswith("不是 perfdesk 文件")
    assert len(doc["files"][0]["forms"]) == 22


def test_exit_status_0_without_errors(tmp_path, demo, capsys):
    clean = next(f for f in demo.forms if f.project == CLEAN)
    demo.forms = [clean]
    assert not evaluate(clean, demo).count(ERROR)
    path = tmp_path / "clean.perfdesk"
    storage.save(demo, path)
    assert main(["check", str(path)]) == 0


DEPT_FILE = DEMO_FILE.parent / "dept-2023.perfdesk"


def test_department_demo_is_built_from_its_json():
    source = json.loads((DEMO_FILE.parent / "dept-2023.json").read_text(encoding="utf-8"))
    on_disk = storage.load(DEPT_FILE)
    assert on_disk.to_dict()["forms"][0]["money"]["budget"]["total"] == source["forms"][0]["money"]["budget"]["total"]
    assert [i.level3 for i in on_disk.forms[0].indicators] == [i["level3"] for i in source["forms"][0]["indicators"]]


def test_department_demo_checks_as_seed_003_reads(capsys):
    """Seed 003's department form: 57.39 %, 85.25, 良; its figures agree, so no 错误;
    its one ceiling target scored by its rate is a 提示 (S14)."""
    status, doc = _check_json(capsys, DEPT_FILE)
    [form] = doc["files"][0]["forms"]
    assert form["layout"] == "C"
    assert round(form["execution_rate"], 2) == 57.39
    assert form["total_score"] == pytest.approx(85.25)
    assert form["grade"] == "良"
    codes = {f["code"]: f["severity"] for f in form["findings"]}
    assert ERROR not in codes.values() and status == 0
    assert codes["S14"] == "提示" and codes["I05"] == "提示"
