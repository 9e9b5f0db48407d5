"""Build each resources/demo/*.perfdesk from its readable source beside it (*.json).

demo-2020.json is the 22 seed forms of seed 001 value by value (made by
tools/seed_forms.py); dept-2023.json is seed 003's department form (layout C)
as its text gives it.  Run this after editing one:  python tools/build_demo.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfdesk import storage  # noqa: E402
from perfdesk.model import DepartmentFile  # noqa: E402

DEMO = ROOT / "resources/demo"
SOURCE = DEMO / "demo-2020.json"
TARGET = DEMO / "demo-2020.perfdesk"


def build(source: Path = SOURCE, target: Path = TARGET) -> DepartmentFile:
    dfile = DepartmentFile.from_dict(json.loads(source.read_text(encoding="utf-8")))
    if not dfile.department:
        dfile.department = "高新区人社局"
    for n, form in enumerate(dfile.forms, 1):
        form.uid = form.uid or f"{source.stem}-{n:02d}"
    target.unlink(missing_ok=True)
    storage.save(dfile, target)
    return dfile


if __name__ == "__main__":
    for source in sorted(DEMO.glob("*.json")):
        target = source.with_suffix(".perfdesk")
        build(source, target)
        print(f"wrote {target.relative_to(ROOT)}")
