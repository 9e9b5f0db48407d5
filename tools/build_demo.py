"""Build resources/demo/demo-2020.perfdesk from its readable source, demo-2020.json.

The JSON is the 22 seed forms value by value (made by tools/seed_forms.py);
run this after editing it:  python tools/build_demo.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfdesk import storage  # noqa: E402
from perfdesk.model import DepartmentFile  # noqa: E402

SOURCE = ROOT / "resources/demo/demo-2020.json"
TARGET = ROOT / "resources/demo/demo-2020.perfdesk"


def build(source: Path = SOURCE, target: Path = TARGET) -> DepartmentFile:
    dfile = DepartmentFile.from_dict(json.loads(source.read_text(encoding="utf-8")))
    if not dfile.department:
        dfile.department = "高新区人社局"
    for n, form in enumerate(dfile.forms, 1):
        form.uid = form.uid or f"demo-2020-{n:02d}"
    target.unlink(missing_ok=True)
    storage.save(dfile, target)
    return dfile


if __name__ == "__main__":
    build()
    print(f"wrote {TARGET.relative_to(ROOT)}")
