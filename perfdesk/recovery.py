"""Recovery copies: the open file's state written elsewhere every few seconds, and where it came from.

A copy is a department file; beside it ``<copy>.json`` names the file it was
made from (none: a new file never saved), so reopening the copy saves where
the clerk was working.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from . import storage
from .errors import PerfdeskError
from .model import DepartmentFile


def write_recovery(dfile: DepartmentFile, origin: Path | None, path: str | os.PathLike) -> None:
    """Write ``dfile`` to ``path`` (whole or not at all) and ``origin`` beside it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".writing")
    tmp.unlink(missing_ok=True)
    try:
        storage.save(dfile, tmp)  # (gives new forms their uid, as a save would)
        os.replace(tmp, path)
        meta = {
            "origin": str(origin) if origin is not None else None,
            "written": datetime.now().isoformat(timespec="seconds"),
        }
        _meta_path(path).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    except (OSError, sqlite3.Error) as err:
        tmp.unlink(missing_ok=True)
        raise PerfdeskError(f"无法写入恢复副本：{path}（{err}）") from err


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def recovery_origin(path: str | os.PathLike) -> str | None:
    """The file a recovery copy was made from (None: a new, never saved file)."""
    try:
        meta = json.loads(_meta_path(Path(path)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    origin = meta.get("origin") if isinstance(meta, dict) else None
    return origin if isinstance(origin, str) and origin else None


def remove_recovery(path: str | os.PathLike) -> None:
    path = Path(path)
    for p in (path, _meta_path(path), path.with_name(path.name + ".writing")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


