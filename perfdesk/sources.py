"""Open any file a form can come from, by its extension."""

from __future__ import annotations

from pathlib import Path

from . import storage
from .errors import PerfdeskError
from .model import DepartmentFile

READABLE = (storage.EXTENSION,)


def load_any(path: str | Path) -> DepartmentFile:
    """A department file from ``path``; a Chinese ``PerfdeskError`` if it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == storage.EXTENSION:
        return storage.load(path)
    raise PerfdeskError(
        f"不支持的文件类型「{path.suffix or '无扩展名'}」：{path.name}（可以打开：{'、'.join(READABLE)}）"
    )
