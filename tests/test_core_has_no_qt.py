"""The core never imports Qt: every core module imports with Qt made unimportable."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import perfdesk

ROOT = Path(__file__).resolve().parents[1]


def _core_modules():
    for info in pkgutil.walk_packages(perfdesk.__path__, "perfdesk."):
        if not info.name.startswith(("perfdesk.ui", "perfdesk.launch")):
            yield info.name


def test_core_imports_without_qt():
    modules = sorted(_core_modules())
    assert "perfdesk.checks.money" in modules
    code = (
        "import sys, importlib\n"
        "class NoQt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('Qt is not allowed in the core: ' + name)\n"
        "sys.meta_path.insert(0, NoQt())\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "assert not any(k.startswith('PySide6') for k in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_launch_knows_every_command():
    from perfdesk import cli, launch

    assert set(cli.COMMANDS) <= set(launch.COMMANDS)  # launch must not import cli to know
