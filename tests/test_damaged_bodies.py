"""A .perfdesk file whose form bodies were damaged or edited by hand is refused, naming
the form and the field, never with a traceback (issue 14)."""

import json
import sqlite3

import pytest

from perfdesk import cli, storage
from perfdesk.errors import PerfdeskError
from perfdesk.model import DepartmentFile, Form, Goal, Indicator
from perfdesk.schema import MAX_CELL_CHARS, BodyError, build


def _file(tmp_path, edit_body=None, settings=None):
    path = tmp_path / "部门.perfdesk"
    dfile = DepartmentFile(department="人社局", year="2020", forms=[
        Form(project="好项目"),
        Form(project="坏项目", goals=[Goal("目标")], indicators=[Indicator(level3="人数")]),
    ])
    storage.save(dfile, path)
    db = sqlite3.connect(path)
    if edit_body is not None:
        (body,) = db.execute("select body from forms where project = '坏项目'").fetchone()
        body = json.loads(body)
        edit_body(body)
        db.execute("update forms set body = ? where project = '坏项目'", [json.dumps(body)])
    if settings is not None:
        db.execute("update department set settings = ?", [settings])
    db.commit()
    db.close()
    return path


DAMAGE = [
    (lambda b: b["indicators"].__setitem__(0, 5), "第 1 行指标", "应为一组字段，却是数字"),
    (lambda b: b.__setitem__("goals", "目标"), "年度目标", "应为列表，却是文字"),
    (lambda b: b.__setitem__("project", 12), "项目名称", "应为文字，却是数字"),
    (lambda b: b["money"]["budget"].__setitem__("total", None), "预算数", "却是空值"),
    (lambda b: b.__setitem__("money", [1, 2]), "资金情况", "却是列表"),
    (lambda b: b["indicators"][0].__setitem__("not_applicable", "否"), "不适用", "应为是/否"),
    (lambda b: b.__setitem__("explanations", [{"code": "S01"}]), "第 1 条说明", "缺少此项"),
    (lambda b: b.__setitem__("problems", "问" * (MAX_CELL_CHARS + 1)), "存在问题", "超过上限"),
]


@pytest.mark.parametrize(("edit", "field", "said"), DAMAGE)
def test_a_damaged_body_is_refused_naming_form_and_field(tmp_path, edit, field, said):
    path = _file(tmp_path, edit)
    with pytest.raises(PerfdeskError) as caught:
        storage.load(path)
    text = str(caught.value)
    assert text.startswith("文件已损坏：第 2 张表（坏项目）"), text
    assert field in text and said in text, text


def test_a_body_that_is_not_json_or_nested_too_deep_is_refused(tmp_path):
    path = _file(tmp_path)
    db = sqlite3.connect(path)
    db.execute("update forms set body = ? where project = '坏项目'", ["[" * 100_000])
    db.commit()
    db.close()
    with pytest.raises(PerfdeskError, match="第 2 张表（坏项目）的内容无法读取"):
        storage.load(path)


def test_settings_that_are_a_list_are_refused(tmp_path):
    with pytest.raises(PerfdeskError, match="部门信息的「设置」应为一组字段，却是列表"):
        storage.load(_file(tmp_path, settings="[1]"))


@pytest.mark.parametrize("command", ["check", "pdf", "export"])
def test_the_commands_say_so_and_exit_2(tmp_path, capsys, command):
    path = _file(tmp_path, DAMAGE[0][0])
    argv = [command, str(path)] + ([] if command == "check" else ["-o", str(tmp_path / (
        "out.pdf" if command == "pdf" else "out.xlsx"))])
    assert cli.main(argv) == 2
    out = capsys.readouterr()
    assert "第 2 张表（坏项目）" in out.out + out.err
    assert "Traceback" not in out.err


def test_a_sound_body_still_reads_and_unknown_keys_are_ignored():
    form = build(Form, {"project": "甲", "from_a_newer_version": [1], "indicators": [{"level3": "x"}]})
    assert form.project == "甲" and form.indicators[0].level3 == "x"
    assert form.goals == []  # missing: the default


def test_the_error_names_the_deepest_address():
    with pytest.raises(BodyError) as caught:
        build(DepartmentFile, {"forms": [{}, {"indicators": [{}, {"score": 9}]}]})
    assert caught.value.address == "forms[1].indicators[1].score"
