"""Print forms to PDF, A4 portrait, looking like the paper form (no Qt here).

``write_pdf(dfile, out_path, projects=None)`` writes one PDF with every form
(or the named projects) each starting on a new page; ``render_pdf`` returns
the bytes.  Each form is laid out from its layout's description
(``perfdesk.layouts``): A, the seed's 部门预算项目绩效自评表, B, the national
项目支出绩效自评表 (form.md), or any layout registered.

- Tables are reportlab platypus Tables with a grid, one per section, stacked
  with the same outer width so they read as one ruled form.  Text goes into
  Paragraphs (CJK wrapping) so a long cell makes its row taller; nothing is
  shrunk except the page footer's project name.
- Speed (the 22 demo forms print in a fraction of a second): a cell whose
  lines each fit on one line of the main font, with nothing a Paragraph would
  change (markup, white space it collapses, a character from a fallback font),
  is a plain string placed exactly where its Paragraph would have put it (the
  blocks, the 填报部门 line, the signatures, the footer's project name); a
  table's strings and the lines of its simple Paragraphs are written into one
  text object (``_Grid``), each text encoded once per document; a Paragraph
  with nothing to parse gets its one fragment without the parser, and keeps
  its wrap; a block's cells and text widths are made once per document.
  tests/test_pdf.py checks that every line of text lands, in the same font
  and encoding, exactly where the plain Paragraphs put it.
- Merged cells: 一级 and 二级 are merged down their rows, each section's title
  down its column.  reportlab will not break a table inside a row span (a
  60-row 产出指标 group could never leave the page), so ``_Block`` splits
  itself between rows: each piece is a Table of its own with the column
  titles repeated, the section title marked （续） and the merged 一级/二级
  names shown again at the top of the new page.  A single row taller than a
  page has its long texts cut and continued on the next.
- Every page carries 第 N 页 共 M 页, counted per form (each form is handed in
  separately), and the form's verification code (``verification.form_code``).
- A form with 错误 prints 草稿 across every page and ends with a page listing
  every finding; a form without 错误 but with explained 警告/提示 ends with a
  page 已说明的问题 listing them with their notes; otherwise nothing is added
  (unexplained 警告/提示 are for the clerk's screen, not for the paper).
- A layout whose money block is ``scored`` (B) shows the 预算执行率 indicator
  row there (分值, 执行率, 得分), not in the indicator table.
- All text is escaped before it reaches a Paragraph: what was typed prints
  as typed.  The bundled WenQuanYi Micro Hei is embedded as a subset (it has
  every character of the basic CJK block); the rare characters it lacks (CJK
  extensions A/B) are drawn from a fallback font when one is found
  (``PERFDESK_FALLBACK_FONT`` or a few known system paths, e.g. Windows'
  SimSun-ExtB), and otherwise print as 〓 and are named in
  ``PrintedForm.missing`` so the caller can warn.

The package: ``fonts`` (faces, fallbacks, markup, styles) and ``text`` (the
CJK Paragraph, plain strings) set text; ``grid`` and ``block`` are the ruled
table engine; ``page`` the page and its canvas; ``form`` (with ``sections``,
``money`` and ``indicators``) and ``findings`` lay out a form from its layout;
``document`` is the public API re-exported here.
"""

from .document import PdfResult, render_pdf, select_forms, write_pdf
from .fonts import FONT, MISSING, markup, missing_characters, styles
from .page import DRAFT, FRAME_H, FRAME_W, PrintedForm

__all__ = [
    "DRAFT", "FONT", "FRAME_H", "FRAME_W", "MISSING", "PdfResult", "PrintedForm", "markup",
    "missing_characters", "render_pdf", "select_forms", "styles", "write_pdf",
]
