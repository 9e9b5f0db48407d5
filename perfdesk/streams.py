"""The encoding of what perfdesk prints: the commands' reports, the window's smoke-test line."""

from __future__ import annotations

import sys


def utf8_unless_console() -> None:
    """A pipe or file gets UTF-8 whatever the code page (Windows would use GBK or cp1252 and
    die on characters outside it); a console keeps its own encoding, unencodable ones escaped."""
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure"):
            continue  # None in a windowed .exe, or replaced by a test harness or an embedding program
        if stream.isatty():
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
