"""Last year's file beside this year's: found from the setting, read once, never this file's error.

A relative setting is taken from this file's folder.  A last year's file that
cannot be read is left out (``error`` says why): this year's forms are then
checked without it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import PerfdeskError
from .model import DepartmentFile
from .sources import load_any


def beside(name: str, this_file: Path | None) -> Path | None:
    """The file a setting names ("" : none); a relative one from ``this_file``'s folder."""
    name = name.strip()
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute() and this_file is not None:
        path = this_file.parent / path
    return path


class LastYears:
    """Last year's files read so far, by setting: (the file, or None and why not)."""

    def __init__(self) -> None:
        self._read: dict[str, tuple[DepartmentFile | None, str | None]] = {}

    def remember(self, setting: str, dfile: DepartmentFile) -> None:
        """The file ``setting`` names, already read by the caller."""
        self._read[setting] = (dfile, None)

    def forget(self, setting: str) -> None:
        """Read it again when next needed (it may have changed on disk)."""
        self._read.pop(setting, None)

    def entry(self, setting: str, this_file: Path | None) -> tuple[DepartmentFile | None, str | None]:
        if not setting.strip():
            return None, None
        entry = self._read.get(setting)
        if entry is None:
            entry = self._read[setting] = _read(beside(setting, this_file))
        return entry


def _read(path: Path | None) -> tuple[DepartmentFile | None, str | None]:
    if path is None:
        return None, None
    try:
        return load_any(path), None
    except PerfdeskError as err:
        return None, str(err)
    except (OSError, sqlite3.Error, ValueError, TypeError, KeyError) as err:
        return None, f"无法读取文件：{path.name}（{err}）"
