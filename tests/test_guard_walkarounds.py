"""The guards look at what the parsers will read, not at the parts' names, and at the shape of
each row: a hostile file is refused before openpyxl or python-docx see it (issue 14)."""

import importlib.util
import time
import tracemalloc
from pathlib import Path

import pytest

from perfdesk import excel, safety
from perfdesk.errors import PerfdeskError
from perfdesk.sources import load_any

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def _hostile():
    spec = importlib.util.spec_from_file_location("hostile_office", ROOT / "tools" / "hostile_office.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


H = _hostile()

CASES = [
    ("sheet_not_named_xml.xlsx", H.sheet_not_named_xml, "工作表（sheet1.dat）的行数超过"),
    ("body_not_named_xml.docx", H.body_not_named_xml, "文档中的表格的行数超过"),
    ("cells_in_one_row.xlsx", H.cells_in_one_row, "的一行超过 1000 列"),
    ("every_column.xlsx", H.every_column, "的一行超过 1000 列"),
    ("last_column.xlsx", H.last_column, "的一行超过 1000 列"),
    ("last_row.xlsx", H.last_row, "用到了第 1048576 行"),
]


@pytest.mark.parametrize(("name", "build", "said"), CASES, ids=[c[0] for c in CASES])
def test_a_walk_around_is_refused_before_parsing(tmp_path, name, build, said):
    path = build(tmp_path / name)
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(PerfdeskError) as caught:
            load_any(path)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert said in str(caught.value), str(caught.value)
    assert "拒绝导入" in str(caught.value)
    assert time.monotonic() - started < 10  # (measured: well under 1 s, see tools/hostile_office.py)
    assert peak < 64 * MB, f"peak {peak / MB:.0f} MB"


def test_a_relationship_target_is_scanned_whatever_its_name(tmp_path):
    import zipfile

    path = H.sheet_not_named_xml(tmp_path / "x.xlsx", rows=10)
    with zipfile.ZipFile(path) as zf:
        parts = safety.parsed_parts(zf)
    assert "xl/worksheets/sheet1.dat" in parts
    assert "docProps/thumbnail.jpeg" not in parts


def test_our_own_exports_and_the_templates_pass_the_guards(tmp_path, demo):
    # Their themes hold r="50000" (a gradient's edge): only cells and rows count.
    path = tmp_path / "demo.xlsx"
    excel.export_file(demo, path)
    for p in (path, ROOT / "templates/layout_A.xlsx", ROOT / "templates/layout_B.xlsx"):
        safety.check_office_file(p, "xlsx")


def test_a_sheet_of_form_size_still_reads(tmp_path):
    # A long form: 600 rows of 12 columns is nowhere near the caps.
    import openpyxl

    wb = openpyxl.Workbook()
    for r in range(1, 601):
        for c in range(1, 13):
            wb.active.cell(r, c, f"{r}-{c}")
    path = tmp_path / "长表.xlsx"
    wb.save(path)
    safety.check_office_file(path, "xlsx")
