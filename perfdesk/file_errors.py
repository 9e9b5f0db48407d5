"""What went wrong with a file, in the clerk's words; the library's own words go to the log.

SQLite and the operating system say "database is locked", "disk is full" or
"readonly database" in English; a clerk is told 被占用、磁盘已满、只读 instead of a
generic 文件已损坏, and the English detail is logged for whoever looks later.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path

log = logging.getLogger("perfdesk.files")

_REASONS = (
    # (words in SQLite's message, errno values, the clerk's reason)
    (("locked", "busy"), (errno.EBUSY,), "文件被占用（另一个程序或窗口正在写它），请稍后再试"),
    (("disk is full",), (errno.ENOSPC, errno.EDQUOT), "磁盘已满，请腾出空间后再试"),
    (("readonly", "read-only"), (errno.EROFS, errno.EACCES, errno.EPERM), "文件或所在文件夹是只读的（或没有写入权限）"),
    (("unable to open",), (errno.ENOENT,), "无法打开文件（文件夹不存在或没有权限）"),
)


def reason(err: BaseException) -> str | None:
    """The clerk's reason for ``err``, or None when it is not one we can name."""
    text = str(err).lower()
    code = getattr(err, "errno", None)
    if isinstance(err, PermissionError):
        code = errno.EACCES
    for words, codes, said in _REASONS:
        if code in codes or (isinstance(err, sqlite3.Error) and any(w in text for w in words)):
            return said
    return None


def describe_failure(action: str, path: Path, err: BaseException, otherwise: str = "文件可能已损坏") -> str:
    """``action``（what happened）：the file's name — Chinese only; logs the English detail."""
    log.warning("%s: %s: %r", action, path, err)
    said = reason(err) or otherwise
    return f"{action}：{said}：{Path(path).name}"


def recover_hot_journal(path: Path) -> None:
    """Roll back a save that a crash cut short (a "hot" journal beside the file).

    A read-only connection cannot roll a hot journal back, so the file would look
    damaged until something opened it for writing: opening it for writing once,
    briefly, makes SQLite restore the last committed state.
    """
    journal = Path(str(path) + "-journal")
    try:
        if not journal.exists() or journal.stat().st_size == 0:
            return
    except OSError:
        return
    conn = sqlite3.connect(str(path), timeout=2)
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError as err:
        from .errors import PerfdeskError

        raise PerfdeskError(
            describe_failure("上次保存时中断，无法恢复", path, err, "文件可能已损坏")
        ) from err
    finally:
        conn.close()


def refusal(message: str, path: Path, err: BaseException):
    """A ``PerfdeskError`` saying ``message`` (Chinese only); the parser's English goes to the log."""
    from .errors import PerfdeskError

    log.warning("%s: %s: %r", message, path, err)
    return PerfdeskError(message)


def unreadable(path: Path, err: OSError):
    """The file cannot be read at all: why, in Chinese (被占用、没有权限 …)."""
    return refusal(f"无法读取文件：{reason(err) or '读取时出错'}：{Path(path).name}", path, err)
