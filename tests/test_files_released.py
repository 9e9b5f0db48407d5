"""A file perfdesk refused is let go at once: on Windows an open file cannot be renamed,
replaced or deleted, so the clerk could not fix or remove a damaged file while perfdesk runs."""

import io
import os
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from perfdesk import excel, reports, word
from perfdesk.errors import PerfdeskError


def _held(path: Path) -> bool:
    """Does this process still have PATH open?"""
    if os.name == "nt":  # Windows refuses to rename a file that is open
        moved = path.with_name(path.name + ".moved")
        try:
            path.rename(moved)
        except PermissionError:
            return True
        moved.rename(path)
        return False
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("no way to list open files here")
    target = os.path.realpath(path)
    for fd in fds.iterdir():
        try:
            if os.readlink(fd) == target:
                return True
        except OSError:
            continue
    return False


def _break_part(data: bytes, part: str) -> bytes:
    """The Office file DATA with PART's XML cut off mid-element (a well-formed zip still)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, body[: len(body) // 2] + b"<" if info.filename == part else body)
    return buf.getvalue()


@pytest.fixture
def damaged_xlsx(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "部门预算项目绩效自评表"
    buf = io.BytesIO()
    wb.save(buf)
    path = tmp_path / "损坏 的表.xlsx"
    path.write_bytes(_break_part(buf.getvalue(), "xl/worksheets/sheet1.xml"))
    return path


@pytest.fixture
def damaged_docx(tmp_path):
    d = docx.Document()
    d.add_paragraph("项目支出绩效自评报告")
    buf = io.BytesIO()
    d.save(buf)
    path = tmp_path / "损坏 的报告.docx"
    path.write_bytes(_break_part(buf.getvalue(), "word/document.xml"))
    return path


def test_a_refused_workbook_is_not_left_open(damaged_xlsx):
    with pytest.raises(PerfdeskError, match="已损坏") as caught:
        excel.read_workbook(damaged_xlsx)
    assert caught.value is not None and not _held(damaged_xlsx)


def test_a_refused_word_form_is_not_left_open(damaged_docx):
    with pytest.raises(PerfdeskError, match="已损坏") as caught:
        word.read_document(damaged_docx)
    assert caught.value is not None and not _held(damaged_docx)


def test_a_refused_word_report_is_not_left_open(damaged_docx):
    with pytest.raises(PerfdeskError, match="已损坏") as caught:
        reports.read_report(damaged_docx)
    assert caught.value is not None and not _held(damaged_docx)
