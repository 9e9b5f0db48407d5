"""The .perfdesk file: round trip, history, refusals that change nothing on disk."""

import hashlib
import sqlite3

import pytest

from perfdesk import storage
from perfdesk.errors import PerfdeskError
from perfdesk.model import DepartmentFile, Form, Indicator


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _small():
    return DepartmentFile(
        department="人社局",
        year="2020",
        forms=[
            Form(project="就业专项资金", indicators=[Indicator(level1="产出指标（50）", score="５")]),
            Form(project="第二张", layout="B"),
        ],
    )


def test_round_trip_keeps_every_cell_as_typed(tmp_path, demo):
    path = tmp_path / "部门 2020.perfdesk"
    storage.save(demo, path)
    assert storage.load(path) == demo


def test_settings_round_trip(tmp_path):
    d = _small()
    d.settings.score_cap_by_rate = True
    storage.save(d, tmp_path / "x.perfdesk")
    assert storage.load(tmp_path / "x.perfdesk").settings.score_cap_by_rate


def test_explanations_are_stored(tmp_path):
    d = _small()
    d.forms[0].explain("C02", ["problems"], "已在报告中说明")
    storage.save(d, tmp_path / "x.perfdesk")
    form = storage.load(tmp_path / "x.perfdesk").forms[0]
    assert form.explanation_for("C02", ["problems"]).note == "已在报告中说明"


def test_replaced_and_deleted_forms_are_kept_as_revisions(tmp_path):
    path = tmp_path / "x.perfdesk"
    d = _small()
    storage.save(d, path)
    first, second = d.forms
    first.project = "改名后"
    d.forms = [first]
    storage.save(d, path)
    assert [f.project for _, f in storage.revisions(path, first.uid)] == ["就业专项资金"]
    assert [f.project for _, f in storage.revisions(path, second.uid)] == ["第二张"]
    assert [f.project for f in storage.load(path).forms] == ["改名后"]


def test_a_failed_save_leaves_the_previous_state(tmp_path, monkeypatch):
    path = tmp_path / "x.perfdesk"
    d = _small()
    storage.save(d, path)
    d.forms[0].project = "不会保存"
    d.forms.append(Form(project="也不会"))

    calls = []
    real = storage._keep_revision

    def crash(*args, **kwargs):
        calls.append(1)
        real(*args, **kwargs)
        raise OSError("断电")

    monkeypatch.setattr(storage, "_keep_revision", crash)
    with pytest.raises(OSError):
        storage.save(d, path)
    assert calls
    assert [f.project for f in storage.load(path).forms] == ["就业专项资金", "第二张"]


def test_a_failed_first_save_leaves_no_file(tmp_path, monkeypatch):
    path = tmp_path / "new.perfdesk"
    full = OSError(28, "No space left on device")
    monkeypatch.setattr(storage, "_write", lambda db, d: (_ for _ in ()).throw(full))
    with pytest.raises(PerfdeskError, match="磁盘已满") as caught:
        storage.save(_small(), path)
    assert "No space" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # no file, no *.saving, no journal


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "不是 perfdesk 文件"),
        (b"PK\x03\x04 an xlsx perhaps", "不是 perfdesk 文件"),
        ("项目名称,预算数\n".encode(), "不是 perfdesk 文件"),
    ],
)
def test_foreign_files_are_refused(tmp_path, content, message):
    path = tmp_path / "x.perfdesk"
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(PerfdeskError, match=message):
        storage.load(path)
    assert _digest(path) == before


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.perfdesk"
    con = sqlite3.connect(path)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(PerfdeskError, match="其他软件的数据库"):
        storage.load(path)
    with pytest.raises(PerfdeskError):
        storage.save(_small(), path)
    assert _digest(path) == before


def test_a_file_from_a_newer_version_is_refused_unchanged(tmp_path):
    path = tmp_path / "x.perfdesk"
    storage.save(_small(), path)
    con = sqlite3.connect(path)
    con.execute("update meta set value = '99' where key = 'schema_version'")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(PerfdeskError, match="较新版本"):
        storage.load(path)
    with pytest.raises(PerfdeskError, match="较新版本"):
        storage.save(_small(), path)
    assert _digest(path) == before


def test_a_damaged_file_is_refused(tmp_path):
    path = tmp_path / "x.perfdesk"
    storage.save(_small(), path)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(PerfdeskError, match="损坏"):
        storage.load(path)


def test_a_damaged_form_body_is_refused(tmp_path):
    path = tmp_path / "x.perfdesk"
    storage.save(_small(), path)
    con = sqlite3.connect(path)
    con.execute("update forms set body = '{not json' where position = 1")
    con.commit()
    con.close()
    with pytest.raises(PerfdeskError, match="第 2 张表"):
        storage.load(path)


def test_missing_file(tmp_path):
    with pytest.raises(PerfdeskError, match="找不到文件"):
        storage.load(tmp_path / "nope.perfdesk")


def test_old_schema_is_migrated_on_save_not_on_open(tmp_path, monkeypatch):
    path = tmp_path / "x.perfdesk"
    storage.save(_small(), path)
    ran = []
    monkeypatch.setattr(storage, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(storage.MIGRATIONS, 1, lambda db: ran.append(db))
    before = _digest(path)
    assert storage.load(path).forms[0].project == "就业专项资金"
    assert _digest(path) == before and not ran
    storage.save(storage.load(path), path)
    assert len(ran) == 1
    con = sqlite3.connect(path)
    assert con.execute("select value from meta where key='schema_version'").fetchone() == ("2",)
