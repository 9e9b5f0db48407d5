"""Entry point: a command (``perfdesk check …``) runs headless; anything else opens the window.

This module sits outside the core on purpose: it is the one place that may
hand over to the Qt window.  It imports only what the chosen path needs, so
the window starts without loading the command line and vice versa.
"""

from __future__ import annotations

import sys

COMMANDS = ("check", "pdf", "export", "import", "new-year", "draft", "summary")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help")):
        from . import cli

        return cli.main(argv)
    from .streams import utf8_unless_console

    utf8_unless_console()  # the window prints one line too (--quit-after, for smoke tests)
    try:
        from .ui.app import run
    except ImportError as err:
        sys.stderr.write(f"无法启动窗口：{err}\n")
        return 2
    return run(argv)
