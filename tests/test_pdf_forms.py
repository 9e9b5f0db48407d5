"""Forms published as PDF: text-layer tables read; scans, damaged and hostile files refused."""

from __future__ import annotations

import pytest
from corpus_builder import corpus, pdf

from perfdesk import pdf_tables, sources
from perfdesk.errors import PerfdeskError

FORMS = {f.name: f for f in corpus()}


def _refused(path, *fragments):
    with pytest.raises(PerfdeskError) as err:
        sources.import_files([path])
    for fragment in fragments:
        assert fragment in str(err.value), str(err.value)


def test_a_published_pdf_form_reads(tmp_path):
    real = FORMS["sichuan-qingshen-2023-wages"]
    dfile = sources.import_files([pdf(real, tmp_path / "青神.pdf")])
    form = dfile.forms[0]
    assert (dfile.year, form.authority, form.money.budget_initial.total) == ("2023", "青神县发展和改革局本级", "238.93")
    assert [i.target for i in form.indicators[:2]] == ["=100%", "=100%"]


def _canvas(path, draw, **kw):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), **kw)
    draw(c)
    c.save()
    return path


def test_a_scan_is_refused_saying_so(tmp_path):
    def draw(c):
        c.setFillGray(0.5)
        c.rect(50, 50, 400, 300, fill=1)  # a picture, no text

    _refused(_canvas(tmp_path / "扫描件.pdf", draw), "没有文字层", "扫描件")


def test_a_password_protected_pdf_is_refused(tmp_path):
    from reportlab.lib import pdfencrypt

    def draw(c):
        c.drawString(50, 50, "hello")

    path = _canvas(tmp_path / "加密.pdf", draw,
                   encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    _refused(path, "已损坏、加密")


def test_not_a_pdf(tmp_path):
    path = tmp_path / "表.pdf"
    path.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    _refused(path, "不是 PDF 文件")
    path.write_bytes(b"")
    _refused(path, "文件是空的")


def test_too_many_pages_or_bytes(tmp_path, monkeypatch):
    def draw(c):
        for n in range(3):
            c.drawString(50, 50, f"page {n}")
            c.showPage()

    path = _canvas(tmp_path / "多页.pdf", draw)
    monkeypatch.setattr(pdf_tables, "MAX_PDF_PAGES", 2)
    _refused(path, "页数太多")
    monkeypatch.setattr(pdf_tables, "MAX_PDF_BYTES", 10)
    _refused(path, "PDF 文件太大")
