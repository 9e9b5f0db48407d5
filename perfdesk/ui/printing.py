"""打印 and 导出PDF from the window.

The page is the PDF that ``perfdesk.pdf`` makes (one layout, one look, the same
verification code as ``perfdesk pdf``); pdfium turns its pages into images for
Qt's print preview and for printing through Qt's print dialog.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..document import Document
from ..errors import PerfdeskError
from ..model import DepartmentFile, Form
from ..pdf import render_pdf, write_pdf


def forms_pdf(dfile: DepartmentFile, forms: list[Form]) -> bytes:
    """The PDF of some of the file's forms, with the file's year, department and unit."""
    return render_pdf(dataclasses.replace(dfile, forms=list(forms)))


class PdfPages:
    """The pages of a PDF, rendered on demand as images."""

    def __init__(self, data: bytes):
        self._pdf = pdfium.PdfDocument(data)

    def __len__(self) -> int:
        return len(self._pdf)

    def image(self, index: int, dpi: float) -> QImage:
        # BGRx in memory is Qt's RGB32 on a little-endian PC.
        bitmap = self._pdf[index].render(scale=dpi / 72, force_bitmap_format=pdfium_raw.FPDFBitmap_BGRx)
        pixels = bytes(bitmap.buffer)
        image = QImage(pixels, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32)
        return image.copy()  # own the pixels

    def paint(self, printer: QPrinter) -> None:
        """Draw every page on the printer (or the preview), one sheet each, fitted to A4."""
        dpi = min(printer.resolution(), 300)
        painter = QPainter(printer)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        try:
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            for i in range(len(self)):
                if i:
                    printer.newPage()
                image = self.image(i, dpi)
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
        finally:
            painter.end()


def a4_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF carries its own margins
    return printer


def preview(parent: QWidget, data: bytes, title: str) -> QPrintPreviewDialog:
    """Qt's print preview of the PDF; its 打印 button goes through Qt's print dialog."""
    pages = PdfPages(data)
    printer = a4_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"打印预览 — {title}")
    dialog.paintRequested.connect(pages.paint)
    dialog.resize(1000, 900)
    # The dialog does not own its printer: keep both alive as long as it is open.
    dialog._printer, dialog._pages = printer, pages
    return dialog


def _chosen(doc: Document, index: int, everything: bool) -> list[Form]:
    return list(doc.dfile.forms) if everything else [doc.dfile.forms[index]]


def _name(doc: Document, forms: list[Form]) -> str:
    if len(forms) == 1:
        return forms[0].project or "未命名的表"
    return doc.path.stem if doc.path else "全部表"


def print_forms(parent: QWidget, doc: Document, index: int, everything: bool) -> None:
    """Show the print preview of the open form (or all forms); print from there."""
    forms = _chosen(doc, index, everything)
    try:
        data = forms_pdf(doc.dfile, forms)
    except PerfdeskError as err:
        QMessageBox.critical(parent, "无法打印", str(err))
        return
    preview(parent, data, _name(doc, forms)).exec()


def export_pdf(parent: QWidget, doc: Document, index: int, everything: bool) -> Path | None:
    """Ask where, write the PDF, and say how it came out (草稿 when 错误 remain)."""
    forms = _chosen(doc, index, everything)
    folder = doc.path.parent if doc.path else Path.home()
    start = str(folder / f"{_safe_name(_name(doc, forms))}.pdf")
    path, _ = QFileDialog.getSaveFileName(parent, "导出 PDF", start, "PDF 文件 (*.pdf)")
    if not path:
        return None
    try:
        result = write_pdf(dataclasses.replace(doc.dfile, forms=forms), path)
    except PerfdeskError as err:
        QMessageBox.critical(parent, "无法导出 PDF", str(err))
        return None
    drafts = [f.project for f in result.forms if f.draft]
    text = f"已导出 {Path(path).name}：{len(result.forms)} 张表，共 {result.pages} 页。"
    if drafts:
        text += f"\n\n{len(drafts)} 张表还有错误，每页印有“草稿”，最后一页列出审核意见：\n" + "\n".join(drafts[:10])
    QMessageBox.information(parent, "已导出 PDF", text)
    return Path(path)


def _safe_name(name: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' else c for c in name).strip() or "perfdesk"
