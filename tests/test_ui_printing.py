"""打印 / 导出PDF from the window: the preview paints the PDF's pages; export writes it."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pypdf import PdfReader  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402
from ui_support import pick  # noqa: E402

from perfdesk.ui import printing  # noqa: E402


def test_print_preview_paints_every_page_of_the_open_form(win, monkeypatch, tmp_path):
    pick(win, "劳务派遣人员专项资金")
    shown = []

    def exec_(dialog):
        # What the preview's printer receives is what a real printer would.
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        dialog._pages.paint(printer)
        shown.append((dialog.windowTitle(), len(dialog._pages)))
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    win.print_pdf(everything=False)
    assert shown == [("打印预览 — 劳务派遣人员专项资金", 2)]  # the form and its findings page
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2


def test_page_images_are_not_blank(win):
    form = win.doc.forms[0]
    pages = printing.PdfPages(printing.forms_pdf(win.doc.dfile, [form]))
    image = pages.image(0, 50)
    assert image.width() > 300 and image.format() == QImage.Format.Format_RGB32
    dark = sum(1 for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 100  # text and grid lines, not an empty page


def test_export_all_forms_to_pdf(win, dialogs, monkeypatch, tmp_path):
    out = tmp_path / "导出 全部.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert win.export_pdf(everything=True) == out
    reader = PdfReader(out)
    assert len(reader.pages) == 44
    [(_, title, text)] = dialogs.said("information")
    assert title == "已导出 PDF" and "22 张表" in text and "草稿" in text


def test_export_cancelled_writes_nothing(win, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert win.export_pdf(everything=False) is None
    assert not list(tmp_path.glob("*.pdf"))
