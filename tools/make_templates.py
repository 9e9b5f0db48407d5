"""Write the blank Excel forms in templates/: layout A and layout B.

    python tools/make_templates.py

The templates are made by the exporter (``perfdesk.excel.write_template``),
so they always match what ``perfdesk export`` writes; tests/test_excel.py
checks that the committed files are current.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from perfdesk.excel import write_template  # noqa: E402

TARGETS = {
    "A": ROOT / "templates" / "layout_A.xlsx",  # 部门预算项目绩效自评表
    "B": ROOT / "templates" / "layout_B.xlsx",  # 项目支出绩效自评表（财预〔2020〕10号）
}


def main() -> None:
    for layout, path in TARGETS.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_template(layout, path)
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
