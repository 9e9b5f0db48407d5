"""Recent files (QSettings) and recovery copies (autosave), and the file dialogs.

Each running window keeps its own recovery copy ``session-<id>.perfdesk`` in
the user's data folder, guarded by a QLockFile.  A copy whose lock is not held
by a running perfdesk was left by a session that did not close cleanly: it is
offered back at the next start.  A clean close or a save removes it.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QLockFile, QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ..document import Document
from ..recovery import recovery_origin, remove_recovery
from ..storage import EXTENSION

MAX_RECENT = 8
FILTER = f"perfdesk 文件 (*{EXTENSION});;所有文件 (*)"


def default_settings() -> QSettings:
    return QSettings("perfdesk", "perfdesk")


def default_recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".perfdesk") / "recovery"


class RecentFiles:
    def __init__(self, settings: QSettings):
        self.settings = settings

    def paths(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or []) if v]

    def add(self, path) -> None:
        path = str(Path(path).resolve())
        items = [p for p in self.paths() if p != path]
        self.settings.setValue("recent", [path, *items][:MAX_RECENT])
        self.settings.sync()

    def remove(self, path) -> None:
        path = str(path)
        self.settings.setValue("recent", [p for p in self.paths() if p != path])
        self.settings.sync()

    def last(self) -> str | None:
        items = self.paths()
        return items[0] if items else None

    def last_folder(self) -> str:
        return str(self.settings.value("last_folder", "") or "")

    def set_last_folder(self, folder) -> None:
        self.settings.setValue("last_folder", str(folder))


class RecoveryStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path: Path | None = None
        self._lock: QLockFile | None = None
        self._written_generation: int | None = None

    # ---- this session's copy -----------------------------------------------------

    def claim(self) -> Path:
        if self.path is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.path = self.folder / f"session-{uuid.uuid4().hex[:12]}.perfdesk"
            self._lock = QLockFile(str(self.path) + ".lock")
            self._lock.setStaleLockTime(0)
            self._lock.tryLock(0)
        return self.path

    def write(self, doc: Document) -> bool:
        """Autosave: write the recovery copy if there is something new; drop it when clean."""
        if not doc.dirty:
            self.discard()
            return False
        if self._written_generation == doc.generation and self.path is not None and self.path.exists():
            return False
        doc.write_recovery(self.claim())
        self._written_generation = doc.generation
        return True

    def discard(self) -> None:
        """Remove this session's copy (after a save, or on a clean close)."""
        if self.path is not None:
            remove_recovery(self.path)
        self._written_generation = None

    def release(self) -> None:
        self.discard()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.path = None

    # ---- copies left by earlier sessions ------------------------------------------------

    def orphans(self) -> list[Path]:
        """Recovery copies no running perfdesk holds: the newest first."""
        if not self.folder.is_dir():
            return []
        out = []
        for path in self.folder.glob("*.perfdesk"):
            if path == self.path:
                continue
            lock = QLockFile(str(path) + ".lock")
            lock.setStaleLockTime(0)
            if lock.tryLock(0):
                lock.unlock()
                out.append(path)
        out.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        return out

    @staticmethod
    def origin(path: Path) -> str | None:
        return recovery_origin(path)

    @staticmethod
    def remove(path: Path) -> None:
        remove_recovery(path)
        Path(str(path) + ".lock").unlink(missing_ok=True)


def ask_open_path(parent: QWidget, recent: RecentFiles) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "打开部门文件", recent.last_folder(), FILTER)
    if path:
        recent.set_last_folder(Path(path).parent)
    return path or None


def ask_save_path(parent: QWidget, recent: RecentFiles, suggested: str) -> str | None:
    folder = recent.last_folder()
    start = str(Path(folder) / suggested) if folder else suggested
    path, _ = QFileDialog.getSaveFileName(parent, "另存为", start, FILTER)
    if not path:
        return None
    if not path.lower().endswith(EXTENSION) and "." not in Path(path).name:
        path += EXTENSION
    recent.set_last_folder(Path(path).parent)
    return path
