"""Write the blank Excel forms in templates/: one per layout (A, B, C).

    python tools/make_templates.py

The templates are made by the exporter (``perfdesk.excel.write_template``),
so they always match what ``perfdesk export`` writes; tests/test_excel.py
checks that the committed files are current.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfdesk import layouts  # noqa: E402
from perfdesk.excel import write_template  # noqa: E402

TARGETS = {code: ROOT / "templates" / f"layout_{code}.xlsx" for code in layouts.LAYOUTS}


def main() -> None:
    for layout, path in TARGETS.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_template(layout, path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
