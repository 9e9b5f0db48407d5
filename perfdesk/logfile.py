"""Where the English detail of a refusal goes: a log file in the user's folder, never the screen.

A clerk reads Chinese only (``file_errors``); whoever investigates later reads
``perfdesk.log``: ``%LOCALAPPDATA%\\perfdesk`` on Windows, ``$XDG_STATE_HOME/perfdesk``
(``~/.local/state/perfdesk``) elsewhere, or the folder ``PERFDESK_LOG_DIR`` names.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

MAX_BYTES = 1024 * 1024  # the log is started afresh once it is bigger than this


def folder() -> Path:
    if os.environ.get("PERFDESK_LOG_DIR"):
        return Path(os.environ["PERFDESK_LOG_DIR"])
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "perfdesk"
    state = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(state) / "perfdesk"


def install() -> Path | None:
    """Send perfdesk's log, and the libraries' warnings (openpyxl's "invalid specification …"),
    to the file (once per process); None if it cannot be written."""
    logging.captureWarnings(True)
    warned = logging.getLogger("py.warnings")
    if not warned.handlers:
        warned.addHandler(logging.NullHandler())
    logger = logging.getLogger("perfdesk")
    if any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        return Path(next(h for h in logger.handlers if isinstance(h, logging.FileHandler)).baseFilename)
    path = folder() / "perfdesk.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            path.unlink()
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    warned.addHandler(handler)
    return path
