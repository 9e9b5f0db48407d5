"""Printing forms to PDF: every demo form, the font, wrapping, 草稿, markup, long tables, codes."""

import copy
import importlib
import io
import json
import pkgutil
import re
import shutil

import pypdf
import pytest
from conftest import DEMO_FILE
from pypdf.generic import ContentStream
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from perfdesk import pdf, storage
from perfdesk.checks import ERROR, evaluate
from perfdesk.cli import main
from perfdesk.errors import PerfdeskError
from perfdesk.model import Form, Indicator
from perfdesk.pdf import block as pdf_block
from perfdesk.pdf import fonts as pdf_fonts
from perfdesk.pdf import form as pdf_form
from perfdesk.pdf import grid as pdf_grid
from perfdesk.pdf import text as pdf_text
from perfdesk.resources import font_path
from perfdesk.verification import canonical, form_code, normalise_code, same_code

CLEAN = "退役人员待安置期间养老保险补助专项资金"
WITH_ERRORS = "就业专项资金"
PDF_MODULES = [importlib.import_module(f"perfdesk.pdf.{m.name}") for m in pkgutil.iter_modules(pdf.__path__)]
SUBSET_FONT = re.compile(r"^/[A-Z]{6}\+WenQuanYi")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages_by_form(result, reader):
    """Each printed form's page texts, in order."""
    out, at = [], 0
    for f in result.forms:
        out.append([reader.pages[i].extract_text() for i in range(at, at + f.pages)])
        at += f.pages
    assert at == len(reader.pages)
    return out


def _print(dfile, tmp_path, name="out.pdf", projects=None):
    result = pdf.write_pdf(dfile, tmp_path / name, projects)
    reader = pypdf.PdfReader(str(result.path))
    return result, reader, _pages_by_form(result, reader)


def _body(page_text: str, project: str = "") -> str:
    """A page's text without the footer and the watermark, flattened."""
    lines = [
        line for line in page_text.splitlines()
        if "校验码" not in line and "页 共" not in line
        and line.strip() not in (pdf.DRAFT, project)
    ]
    return _flat("".join(lines))


@pytest.fixture(scope="module")
def demo_file():
    return storage.load(DEMO_FILE)


@pytest.fixture(scope="module")
def demo_pdf(demo_file, tmp_path_factory):
    return _print(demo_file, tmp_path_factory.mktemp("pdf"), "demo.pdf")


def _by_project(demo_pdf):
    result, _, pages = demo_pdf
    return {f.project: (f, p) for f, p in zip(result.forms, pages, strict=True)}


# ---- every demo form -------------------------------------------------------------


def test_every_demo_form_prints_with_its_figures(demo_file, demo_pdf):
    result, reader, pages = demo_pdf
    assert len(result.forms) == len(demo_file.forms) == 22
    assert result.pages == len(reader.pages)
    for form, info, texts in zip(demo_file.forms, result.forms, pages, strict=True):
        assert info.pages >= 1
        text = _flat(texts[0]) + _flat("".join(texts[1:]))
        assert _flat(form.project) in text, form.project
        assert "部门预算项目绩效自评表" in texts[0]
        m = form.money
        for typed in (m.budget.total, m.arrived.total, m.executed.total, m.budget.fiscal,
                      m.executed.fiscal, m.progress, form.total_score, form.grade):
            assert _flat(typed) in text, (form.project, typed)
        for ind in form.indicators:
            assert _flat(ind.score) in text
        # 第 N 页 共 M 页, per form, and the code on every page
        for n, page in enumerate(texts, 1):
            assert f"第 {n} 页 共 {info.pages} 页" in page
            assert f"校验码 {info.code}" in page


def test_the_font_is_embedded_as_a_subset(demo_pdf):
    _, reader, _ = demo_pdf
    fonts = {}
    for page in reader.pages[:6]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert SUBSET_FONT.match(name), name  # nothing else (no unembedded Helvetica)
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name


def test_every_character_prints_as_typed(demo_file, tmp_path):
    form = copy.deepcopy(demo_file.forms[0])
    form.project = "ASCII abc 123 全角ＡＢＣ１２３ ≥≤％＞＝× 鍀珺昇堃喆赟 “引号”"
    form.indicators[0].target = "＞＝80％"
    form.indicators[1].target = "<=10"
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    result, _, [texts] = _print(dfile, tmp_path)
    text = _flat("".join(texts))
    for typed in (form.project, "＞＝80％", "<=10"):
        assert _flat(typed) in text
    assert result.forms[0].missing == ""


def test_a_character_no_font_has_is_marked_not_dropped(demo_file, tmp_path):
    _, fallbacks = pdf_fonts._load_fonts()
    if any(0x20BB7 in chars for _, chars in fallbacks):
        pytest.skip("a fallback font on this machine has U+20BB7")
    form = copy.deepcopy(demo_file.forms[0])
    form.filler = "王𠮷"
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    result, _, [texts] = _print(dfile, tmp_path)
    assert result.forms[0].missing == "𠮷"
    assert "王" + pdf.MISSING in _flat("".join(texts))


def test_markup_uses_a_fallback_font_for_what_the_bundled_one_lacks(monkeypatch):
    main_chars, _ = pdf_fonts._load_fonts()
    monkeypatch.setattr(pdf_fonts, "_fonts", (main_chars, (("Other", frozenset({0x20BB7})),)))
    assert pdf.markup("王𠮷<b>") == '王<font name="Other">𠮷</font>&lt;b&gt;'
    assert pdf.missing_characters("王𠮷") == ""


# ---- wrapping ----------------------------------------------------------------


def _problems_text(n: int) -> str:
    text = "".join(f"问题{i:03d}：资金拨付滞后，下一步加快进度。" for i in range(n))
    return text[:n]


def test_long_text_wraps_into_a_taller_cell_and_nothing_is_lost(demo_file, tmp_path):
    short = pdf_form._problems("五、存在问题", "一句话。")
    long_text = _problems_text(600)
    long = pdf_form._problems("五、存在问题", long_text)
    h_short = short.wrap(pdf.FRAME_W, pdf.FRAME_H)[1]
    h_long = long.wrap(pdf.FRAME_W, pdf.FRAME_H)[1]
    assert h_long > h_short + 5 * 11  # at least five more lines
    assert long.width <= pdf.FRAME_W + 0.01

    form = copy.deepcopy(next(f for f in demo_file.forms if f.project == WITH_ERRORS))
    form.problems = long_text
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    _, _, [texts] = _print(dfile, tmp_path)
    joined = "\n".join(texts)
    assert long_text in _flat(joined)
    lines = [line for line in joined.splitlines() if "问题" in line and "资金拨付" in line]
    assert len(lines) >= 8  # about 60 characters a line


@pytest.mark.parametrize("style", ["cell", "center"])
def test_no_line_runs_past_its_cell(style):
    texts = ["日常检查企业数（家）", "规模以上企业劳动合同签订率（%）", "按时发放。", "资金“专款专用”，",
             "A" * 80, "≥100%、≤4%、＞＝80％" * 3]
    for text in texts:
        for width_mm in range(12, 60, 3):
            p = pdf_text._para(text, style)
            width = width_mm * 2.8346 - 5
            w, _ = p.wrap(width, 10_000)
            assert w <= width + 0.01
            lines = p.blPara.lines
            extras = [x[0] if isinstance(x, tuple) else x.extraSpace for x in lines]
            assert min(extras) >= -0.01, (text, width_mm)


def test_text_longer_than_a_page_continues_on_the_next(demo_file, tmp_path):
    form = copy.deepcopy(demo_file.forms[1])
    form.problems = _problems_text(7000)
    form.indicators[0].level3 = "X" * 300  # one unbreakable word
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    result, _, [texts] = _print(dfile, tmp_path)
    assert result.forms[0].pages >= 4
    body = "".join(_body(t, form.project) for t in texts).replace("五、存在问题、原因及下一步整改措施", "")
    assert form.problems in body
    assert "X" * 300 in body


# ---- 草稿 and the findings pages -------------------------------------------------


def test_draft_exactly_when_errors_remain(demo_file, demo_pdf):
    for form, (info, texts) in zip(demo_file.forms, _by_project(demo_pdf).values(), strict=True):
        has_errors = evaluate(form, demo_file).count(ERROR) > 0
        assert info.draft == has_errors
        for page in texts:
            assert (pdf.DRAFT in page) == has_errors, form.project
    clean, clean_texts = _by_project(demo_pdf)[CLEAN]
    assert not clean.draft and clean.pages == 1
    assert all(pdf.DRAFT not in t for t in clean_texts)
    bad, bad_texts = _by_project(demo_pdf)[WITH_ERRORS]
    assert bad.draft and len(bad_texts) >= 2
    assert all(pdf.DRAFT in t for t in bad_texts)


def test_a_draft_ends_with_every_finding(demo_file, demo_pdf):
    form = next(f for f in demo_file.forms if f.project == WITH_ERRORS)
    ev = evaluate(form, demo_file)
    info, texts = _by_project(demo_pdf)[WITH_ERRORS]
    last = texts[-1]
    assert "审核发现的问题" in last
    assert info.listed == len(ev.findings)
    flat = _body(last, form.project)
    for f in ev.findings:
        assert f.code in last
        from perfdesk.messages import render

        assert _flat(render(f, form)) in flat


def test_explained_warnings_print_clean_with_their_notes(demo_file, tmp_path):
    form = copy.deepcopy(next(f for f in demo_file.forms if f.project == CLEAN))
    form.uid = ""
    notes = {}
    for n, f in enumerate(evaluate(form, demo_file).findings):
        assert f.severity != ERROR
        notes[f.code, f.cells] = f"说明{n}：<该项&已核实>"
        form.explain(f.code, f.cells, notes[f.code, f.cells])
    assert notes
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    result, _, [texts] = _print(dfile, tmp_path)
    info = result.forms[0]
    assert not info.draft and info.listed == len(notes) and info.pages == 2
    assert all(pdf.DRAFT not in t for t in texts)
    assert "已说明的问题" in texts[-1]
    for note in notes.values():
        assert _flat(note) in _flat(texts[-1])


def test_unexplained_warnings_alone_add_no_page(demo_pdf):
    info, texts = _by_project(demo_pdf)[CLEAN]
    assert info.listed == 0 and len(texts) == 1
    assert "已说明的问题" not in texts[0] and "审核发现的问题" not in texts[0]


# ---- markup, layout B -------------------------------------------------------


def test_markup_characters_print_as_typed(demo_file, tmp_path):
    form = copy.deepcopy(demo_file.forms[0])
    form.project = "项目<b>粗体</b> & <i>斜</i> &amp; A<B"
    form.unit = "<font size=40>大</font>"
    form.problems = "第一行<br/>\n第二行 &lt; 3"
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    _, _, [texts] = _print(dfile, tmp_path)
    text = _flat("".join(texts))
    for typed in (form.project, form.unit, "第一行<br/>", "第二行&lt;3"):
        assert _flat(typed) in text


def _layout_b(demo_file) -> Form:
    form = copy.deepcopy(next(f for f in demo_file.forms if f.project == CLEAN))
    form.layout = "B"
    form.authority = "高新区人社局"
    form.money.budget_initial.total = "12.5"
    for ind in form.indicators:
        ind.points = ind.score
    form.indicators[0].score = "8"
    form.indicators[0].deviation = "部分人员户籍迁出，下一步加强信息共享。"
    return form


def test_layout_b_prints_the_national_form(demo_file, tmp_path):
    form = _layout_b(demo_file)
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    _, _, [texts] = _print(dfile, tmp_path)
    first = texts[0]
    flat = _flat(first)
    for title in ("项目支出绩效自评表", "主管部门", "实施单位", "年初预算数", "全年预算数", "全年执行数",
                  "分值", "执行率", "得分", "年度总体目标", "偏差原因分析及改进措施", "年度指标值"):
        assert title in flat, title
    assert "12.5" in flat and _flat(form.indicators[0].deviation) in flat
    exec_row = next(i for i in form.indicators if i.level1.startswith("预算执行率"))
    # the 预算执行率 row moves into the money block
    assert _flat(exec_row.level3) not in flat


# ---- the fast paths: plain strings, batched text, Paragraphs made without the parser ---


def _glyphs_placed(data: bytes) -> list:
    """Every line of text in the PDF: where it starts on its page (rounded to 0.01 pt),
    its font and its encoded characters, the page's lines sorted by place."""

    def mul(a, b):
        return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
                a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
                a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]

    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        lines = []
        ctm, stack = [1, 0, 0, 1, 0, 0], []
        tm = tlm = [1, 0, 0, 1, 0, 0]
        leading, font, line = 0.0, None, None
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = mul([float(v) for v in operands], ctm)
            elif op == b"BT":
                tm = tlm = [1, 0, 0, 1, 0, 0]
            elif op in (b"Tm", b"Td", b"T*"):
                if op == b"Tm":
                    tlm = [float(v) for v in operands]
                else:
                    dx, dy = (0.0, -leading) if op == b"T*" else (float(v) for v in operands)
                    tlm = mul([1, 0, 0, 1, dx, dy], tlm)
                tm, line = tlm, None
            elif op == b"TL":
                leading = float(operands[0])
            elif op == b"Tf":
                font = (str(operands[0]), float(operands[1]))
            elif op == b"Tj":
                if line is None:
                    at = mul(tm, ctm)
                    line = [round(at[4], 2), round(at[5], 2)]
                    lines.append(line)
                v = operands[0]
                line.append((font, bytes(v) if isinstance(v, bytes) else v.get_original_bytes()))
        pages.append(sorted(map(tuple, lines)))
    return pages


def _slow(monkeypatch):
    """Print every text through a parsed Paragraph drawn on its own, as before the fast paths."""
    for module in PDF_MODULES:  # each module that uses them, under the name it imported
        if hasattr(module, "_plain_fits"):
            monkeypatch.setattr(module, "_plain_fits", lambda *a: False)
        if hasattr(module, "_paragraph"):
            monkeypatch.setattr(module, "_paragraph",
                                lambda text, style, cls=Paragraph: cls(pdf.markup(text), style))
    monkeypatch.setattr(pdf_grid._Grid, "_queue_paragraph", lambda *a: False)
    monkeypatch.setattr(pdf_text._Para, "breakLinesCJK", Paragraph.breakLinesCJK)


def test_plain_strings_and_batched_lines_sit_where_their_paragraphs_would(demo_file, monkeypatch):
    forms = [copy.deepcopy(next(f for f in demo_file.forms if f.project == p))
             for p in (WITH_ERRORS, "劳动监察专项资金")] + [_layout_b(demo_file)]
    forms[0].indicators[0].target = "<b>&amp; A<B"
    forms[0].indicators[1].actual = " 两个  空格 "
    forms[0].indicators[2].level3 = "不换行\u00a0空格、软\u00ad连字符和（括号）" * 3
    forms[0].unit = "<i>单位</i>"
    forms[0].filler = "填报人 & 联系人"
    dfile = copy.deepcopy(demo_file)
    dfile.forms = forms
    fast = _glyphs_placed(pdf.render_pdf(dfile))
    _slow(monkeypatch)
    slow = _glyphs_placed(pdf.render_pdf(dfile))
    assert len(fast) == len(slow)
    for n, (a, b) in enumerate(zip(fast, slow, strict=True)):
        assert a == b, f"page {n + 1}"


@pytest.mark.parametrize("text", [
    "资金拨付滞后，下一步加快进度。" * 4, "日常检查企业数（家）", "ASCII text, and  spaces ", " lead",
    "不换行\u00a0空格", "软\u00ad连字符", "全角　空格", "A" * 90, "≥100%、≤4%、＞＝80％" * 3, "\u200b",
])
def test_a_paragraph_made_without_the_parser_is_the_parsed_one(text):
    for name in ("cell", "center", "note", "subtitle"):
        style = pdf.styles()[name]
        made, parsed = pdf_text._paragraph(text, style, pdf_text._Para), pdf_text._Para(pdf.markup(text), style)
        assert [f.__dict__ for f in made.frags] == [f.__dict__ for f in parsed.frags]
        assert made.style is parsed.style
        for width in (20, 45, 100, 300):
            lines = made.breakLinesCJK([width, width]).lines
            assert lines == Paragraph.breakLinesCJK(parsed, [width, width]).lines, (text, width)


def test_a_one_line_cell_is_a_plain_string_printed_as_typed(demo_file, tmp_path, monkeypatch):
    block = pdf_block._Block([1])
    for typed in ("≥100%", "<b>粗体</b>", "A&B &amp;", "二、预算\n执行情况"):
        assert block._cell(typed, "center", 60) == typed  # drawn as typed, never parsed
    for typed in ("长" * 30, " 前后空格 ", "两个  空格", "软\u00ad连字符", "a\n", "王𠮷"):
        assert isinstance(block._cell(typed, "center", 60), Paragraph), typed

    # a character only a fallback font has: the cell stays a Paragraph with its <font> run
    main_chars, _ = pdf_fonts._load_fonts()
    fallback = pdf.FONT + "TestFallback"
    pdfmetrics.registerFont(TTFont(fallback, str(font_path())))
    monkeypatch.setattr(pdf_fonts, "_fonts", (main_chars - {ord("王")}, ((fallback, frozenset({ord("王")})),)))
    cell = pdf_block._Block([1])._cell("王五", "center", 60)
    assert isinstance(cell, Paragraph) and f'<font name="{fallback}">王</font>' in cell.text
    form = copy.deepcopy(demo_file.forms[0])
    form.indicators[0].target = "王五<b>"
    form.indicators[0].actual = "<=10 &"
    form.indicators[1].score = "<i>"
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    _, _, [texts] = _print(dfile, tmp_path)
    text = _flat("".join(texts))
    for typed in ("王五<b>", "<=10&", "<i>"):
        assert typed in text


# ---- a long indicator table ---------------------------------------------------------


def test_sixty_indicator_rows_span_pages_with_the_header_repeated(demo_file, tmp_path):
    form = copy.deepcopy(next(f for f in demo_file.forms if f.project == WITH_ERRORS))
    groups = [("产出指标（50）", "数量指标"), ("效益指标（30）", "社会效益指标"),
              ("满意度指标（10）", "满意度指标")]
    form.indicators = []
    for i in range(59):
        level1, level2 = groups[i * len(groups) // 59]
        first = not form.indicators or form.indicators[-1].level2 != level2
        form.indicators.append(Indicator(
            level1=level1 if first else "", level2=level2 if first else "",
            level3=f"指标{i:02d}号", target="≥90%", actual="95%", score="1"))
    form.indicators.append(Indicator(level1="预算执行率（10）", level2="预算执行率",
                                     level3="资金执行情况", score="1"))
    dfile = copy.deepcopy(demo_file)
    dfile.forms = [form]
    result, _, [texts] = _print(dfile, tmp_path)
    pages = result.forms[0].pages
    assert pages >= 3  # two for the form, one for the findings
    form_pages = [t for t in texts if re.search(r"指标\d\d号", t)]
    assert len(form_pages) >= 2
    for n, t in enumerate(texts, 1):
        assert f"第 {n} 页 共 {pages} 页" in t
    for t in form_pages:
        for head in ("一级指标", "二级指标", "三级指标", "预期指标值", "实际完成值", "自评得分"):
            assert head in t
    assert "（续）" in form_pages[1]
    # the merged 一级 name is repeated at the top of the continuation
    assert "效益指标" in form_pages[1] or "满意度指标" in form_pages[1]
    joined = "".join(form_pages)
    for i in range(59):
        assert joined.count(f"指标{i:02d}号") == 1


# ---- verification code ---------------------------------------------------------


def test_the_code_in_the_pdf_is_the_code_of_check_json(demo_pdf, capsys):
    main(["check", "--json", str(DEMO_FILE)])
    doc = json.loads(capsys.readouterr().out)
    codes = [f["verification_code"] for f in doc["files"][0]["forms"]]
    result, _, pages = demo_pdf
    assert codes == [f.code for f in result.forms]
    for code, texts in zip(codes, pages, strict=True):
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)
        assert all(f"校验码 {code}" in t for t in texts)


def test_check_text_shows_the_code(capsys):
    main(["check", str(DEMO_FILE)])
    out = capsys.readouterr().out
    assert re.search(r"【1】劳动监察专项资金　校验码 [0-9A-Z]{4}-[0-9A-Z]{4}", out)


def test_codes_survive_new_model_fields(demo_file):
    """Fields added after version 1 (layout C's cells) count only when filled: a code
    printed before they existed still checks."""
    assert form_code(demo_file.forms[0], demo_file) == "QESR-18YQ"  # as version 1 gave it
    f = copy.deepcopy(demo_file.forms[0])
    f.indicators[0].rate = "100%"
    assert form_code(f, demo_file) != "QESR-18YQ"


def test_the_code_follows_the_printed_content(demo_file):
    form = demo_file.forms[0]
    code = form_code(form, demo_file)
    assert form_code(copy.deepcopy(form), demo_file) == code

    def changed(edit, on_file=False):
        f, d = copy.deepcopy(form), copy.deepcopy(demo_file)
        edit(d if on_file else f)
        return form_code(f, d)

    assert changed(lambda f: setattr(f, "uid", "other")) == code
    for edit in (
        lambda f: setattr(f.money.executed, "total", "4.9746"),
        lambda f: setattr(f, "project", f.project + " "),
        lambda f: setattr(f.indicators[3], "score", "16"),
        lambda f: setattr(f.goals[0], "result", f.goals[0].result.replace("2.96478", "4.9745")),
        lambda f: setattr(f, "layout", "B"),
        lambda f: f.explain("I06", ("indicators[8].target",), "已核实"),
    ):
        assert changed(edit) != code
    for edit in (
        lambda d: setattr(d, "year", "2021"),
        lambda d: setattr(d, "department", "别的部门"),
        lambda d: setattr(d, "money_unit", "元"),
    ):
        assert changed(edit, on_file=True) != code


def test_the_code_ignores_the_order_of_explanations(demo_file):
    a, b = copy.deepcopy(demo_file.forms[0]), copy.deepcopy(demo_file.forms[0])
    a.explain("I04", ("x",), "一"), a.explain("I06", ("y",), "二")
    b.explain("I06", ("y",), "二"), b.explain("I04", ("x",), "一")
    assert canonical(a, demo_file) == canonical(b, demo_file)
    assert form_code(a, demo_file) == form_code(b, demo_file)


def test_a_code_typed_back(demo_file):
    code = form_code(demo_file.forms[0], demo_file)
    assert same_code(code.lower().replace("-", " "), code)
    assert normalise_code("ilo0-1234") == "1100-1234"


# ---- the command ---------------------------------------------------------------


def test_pdf_command(tmp_path, capsys):
    src = tmp_path / "demo.perfdesk"
    shutil.copy(DEMO_FILE, src)
    assert main(["pdf", str(src), "--project", CLEAN, "--project", WITH_ERRORS]) == 0
    out = capsys.readouterr().out
    reader = pypdf.PdfReader(str(tmp_path / "demo.pdf"))
    assert "已写入" in out and "校验码" in out and "草稿" in out
    text = "".join(p.extract_text() for p in reader.pages)
    assert CLEAN in text and WITH_ERRORS in text
    assert "劳动监察专项资金" not in text

    other = tmp_path / "sub" / "x.pdf"
    other.parent.mkdir()
    assert main(["pdf", str(src), "-o", str(other)]) == 0
    assert len(pypdf.PdfReader(str(other)).pages) > 22
    capsys.readouterr()

    assert main(["pdf", str(src), "--project", "没有这个项目"]) == 2
    assert "没有这个项目" in capsys.readouterr().err
    assert main(["pdf", str(tmp_path / "missing.txt")]) == 2


def test_render_pdf_returns_bytes_and_refuses_an_empty_file(demo_file):
    data = pdf.render_pdf(demo_file, [CLEAN])
    assert data.startswith(b"%PDF")
    empty = copy.deepcopy(demo_file)
    empty.forms = []
    with pytest.raises(PerfdeskError):
        pdf.render_pdf(empty)
