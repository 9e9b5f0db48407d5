"""The department file: one SQLite database (``.perfdesk``) per department and year.

Tables: ``meta`` (what the file is and its schema version), ``department``
(one row: name, year, unit, settings), ``forms`` (one row per form, its
content as JSON) and ``revisions`` (every earlier version of a form that a save
replaced or deleted, so nothing is ever lost).  A save is one transaction.

Reading uses the standard library's sqlite3 alone, so opening a file (at every
start of the window) does not pay for importing sqlite-utils; writing goes
through sqlite-utils.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from .errors import PerfdeskError
from .file_errors import describe_failure, recover_hot_journal, unreadable
from .model import DepartmentFile, Form
from .schema import BodyError

APP = "perfdesk"
SCHEMA_VERSION = 1
EXTENSION = ".perfdesk"
_SQLITE_MAGIC = b"SQLite format 3\x00"

# Upgrades of a file's schema, keyed by the version they upgrade from.  They
# run inside the save transaction, so opening an old file never changes it.
MIGRATIONS: dict[int, callable] = {}


def load(path: str | os.PathLike) -> DepartmentFile:
    """Read a department file; a save that a crash cut short is rolled back first."""
    path = Path(path)
    db = _open_readonly(path)
    try:
        version = _check_identity(db, path)
        return _read(db, path, version)
    except sqlite3.DatabaseError as err:
        raise PerfdeskError(describe_failure("无法读取", path, err, "文件已损坏")) from err
    finally:
        db.close()


def save(dfile: DepartmentFile, path: str | os.PathLike) -> None:
    """Write ``dfile`` to ``path`` in one transaction.

    An existing perfdesk file is updated in place (earlier versions of
    changed or deleted forms go to ``revisions``); anything else is written to
    a temporary file first and moved into place, so a crash leaves the
    previous state.
    """
    path = Path(path)
    for form in dfile.forms:
        if not form.uid:
            form.uid = uuid.uuid4().hex
    import sqlite_utils  # only writing needs it: opening stays quick

    if path.exists() and _is_perfdesk(path):
        db = _open_for_writing(path, sqlite_utils)
        try:
            version = _check_identity(db.conn, path)
            with _transaction(db.conn):
                for v in range(version, SCHEMA_VERSION):
                    MIGRATIONS[v](db)
                _write(db.conn, dfile)
        except sqlite3.DatabaseError as err:
            raise PerfdeskError(describe_failure("保存失败", path, err)) from err
        finally:
            db.close()
        return
    tmp = path.with_name(path.name + ".saving")
    try:
        tmp.unlink(missing_ok=True)
        db = _open_for_writing(tmp, sqlite_utils)
        try:
            with _transaction(db.conn):
                _create_schema(db)
                _write(db.conn, dfile)
        finally:
            db.close()
        os.replace(tmp, path)
    except (OSError, sqlite3.DatabaseError) as err:
        _remove_with_journal(tmp)
        raise PerfdeskError(describe_failure("保存失败", path, err)) from err


def revisions(path: str | os.PathLike, uid: str) -> list[tuple[str, Form]]:
    """Earlier versions of one form, oldest first, as (saved_at, form)."""
    db = _open_readonly(Path(path))
    try:
        rows = db.execute(
            "select saved_at, body from revisions where uid = ? order by id", [uid]
        ).fetchall()
    finally:
        db.close()
    return [(saved_at, Form.from_dict(json.loads(body))) for saved_at, body in rows]


# ---- internals -------------------------------------------------------------


def _is_perfdesk(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(16) == _SQLITE_MAGIC


def _open_readonly(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise PerfdeskError(f"找不到文件：{path}")
    if path.is_dir():
        raise PerfdeskError(f"这是一个文件夹，不是 perfdesk 文件：{path}")
    try:
        if not _is_perfdesk(path):
            raise PerfdeskError(f"不是 perfdesk 文件（文件内容不是本软件的格式）：{path.name}")
    except OSError as err:
        raise unreadable(path, err) from err
    recover_hot_journal(path)
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def _open_for_writing(path: Path, sqlite_utils):
    # Autocommit mode: the transaction is ours alone (sqlite-utils would
    # otherwise commit each statement on its own, see _transaction).
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=2)
    return sqlite_utils.Database(conn)


@contextmanager
def _transaction(conn: sqlite3.Connection):
    """One explicit transaction: all of a save, or (after a crash or error) none of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _remove_with_journal(path: Path) -> None:
    for p in (path, Path(str(path) + "-journal")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


def _check_identity(db: sqlite3.Connection, path: Path) -> int:
    """The file's schema version, or a refusal if it is not ours or too new."""
    try:
        tables = {name for (name,) in db.execute("select name from sqlite_master where type='table'")}
        if "meta" not in tables:
            raise PerfdeskError(f"不是 perfdesk 文件（是其他软件的数据库）：{path.name}")
        meta = dict(db.execute("select key, value from meta").fetchall())
    except sqlite3.DatabaseError as err:
        raise PerfdeskError(describe_failure("无法读取", path, err, "文件已损坏")) from err
    if meta.get("app") != APP:
        raise PerfdeskError(f"不是 perfdesk 文件（是其他软件的数据库）：{path.name}")
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError as err:
        raise PerfdeskError(f"文件已损坏：版本信息无法读取：{path.name}") from err
    if version > SCHEMA_VERSION:
        raise PerfdeskError(
            f"此文件由较新版本的 perfdesk 创建（文件格式第 {version} 版，"
            f"本软件只支持到第 {SCHEMA_VERSION} 版），请升级 perfdesk 后再打开：{path.name}"
        )
    return version


def _create_schema(db) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["meta"].insert_all(
        [
            {"key": "app", "value": APP},
            {"key": "schema_version", "value": str(SCHEMA_VERSION)},
            {"key": "created", "value": _now()},
        ]
    )
    db["department"].create(
        {"id": int, "department": str, "year": str, "money_unit": str, "settings": str},
        pk="id",
    )
    db["forms"].create(
        {"uid": str, "position": int, "layout": str, "project": str, "body": str, "saved_at": str},
        pk="uid",
    )
    db["revisions"].create(
        {"id": int, "uid": str, "saved_at": str, "deleted": int, "body": str}, pk="id"
    )
    db["revisions"].create_index(["uid"])


def _write(db, dfile: DepartmentFile) -> None:
    """Replace the file's content; call inside a transaction."""
    now = _now()
    settings = json.dumps(dfile.to_dict()["settings"], ensure_ascii=False)
    db.execute(
        "insert or replace into department (id, department, year, money_unit, settings)"
        " values (1, ?, ?, ?, ?)",
        [dfile.department, dfile.year, dfile.money_unit, settings],
    )
    old = dict(db.execute("select uid, body from forms").fetchall())
    keep = set()
    for position, form in enumerate(dfile.forms):
        body = json.dumps(form.to_dict(), ensure_ascii=False)
        keep.add(form.uid)
        if form.uid in old and old[form.uid] != body:
            _keep_revision(db, form.uid, old[form.uid], now, deleted=False)
        db.execute(
            "insert or replace into forms (uid, position, layout, project, body, saved_at)"
            " values (?, ?, ?, ?, ?, ?)",
            [form.uid, position, form.layout, form.project, body, now],
        )
    for uid in old.keys() - keep:
        _keep_revision(db, uid, old[uid], now, deleted=True)
        db.execute("delete from forms where uid = ?", [uid])
    db.execute("update meta set value = ? where key = 'schema_version'", [str(SCHEMA_VERSION)])


def _keep_revision(db, uid: str, body: str, now: str, deleted: bool) -> None:
    db.execute(
        "insert into revisions (uid, saved_at, deleted, body) values (?, ?, ?, ?)",
        [uid, now, int(deleted), body],
    )


def _read(db: sqlite3.Connection, path: Path, version: int) -> DepartmentFile:
    row = db.execute(
        "select department, year, money_unit, settings from department where id = 1"
    ).fetchone()
    if row is None:
        raise PerfdeskError(f"文件已损坏：缺少部门信息：{path.name}")
    department, year, money_unit, settings = row
    try:
        dfile = DepartmentFile.from_dict({
            "department": department or "",
            "year": year or "",
            "money_unit": money_unit or "万元",
            "settings": json.loads(settings or "{}"),
        })
    except (ValueError, RecursionError) as err:
        raise PerfdeskError(f"文件已损坏：部门信息{_said(err)}：{path.name}") from err
    for position, (project, body) in enumerate(
        db.execute("select project, body from forms order by position")
    ):
        try:
            dfile.forms.append(Form.from_dict(json.loads(body)))
        except (ValueError, TypeError, RecursionError) as err:
            name = project if isinstance(project, str) and project else "未填项目名称"
            raise PerfdeskError(
                f"文件已损坏：第 {position + 1} 张表（{name}）{_said(err)}：{path.name}"
            ) from err
    return dfile


_PARTS = {"money_unit": "金额单位", "settings": "设置", "money": "资金情况", "goals": "年度目标",
          "explanations": "已说明的问题"}
_ROWS = {"indicators": "第 {} 行指标", "goals": "第 {} 条年度目标", "explanations": "第 {} 条说明"}


def _said(err: BaseException) -> str:
    """Which field of a body is wrong and how (a ``BodyError``), or that it is not readable."""
    if not isinstance(err, BodyError):
        return "的内容无法读取"
    return f"的「{_field_label(err.address)}」{err.said}" if err.address else err.said


def _field_label(address: str) -> str:
    from .messages import cell_label  # only a damaged file needs the labels

    label = cell_label(address)
    if label != address:
        return label
    head, _, rest = address.partition(".")
    name, _, index = head.rstrip("]").partition("[")
    if index.isdigit() and name in _ROWS:
        label = _ROWS[name].format(int(index) + 1)
    else:
        label = _PARTS.get(name, name)
    return f"{label}（{rest}）" if rest else label


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")
