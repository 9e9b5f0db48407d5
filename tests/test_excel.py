"""Excel: export to the printed layouts, import by labels, and the round trip."""

import copy
import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import DEMO_FILE, ROOT
from office_builders import (
    comparable,
    layout_a,
    layout_b,
    national_b,
    same_forms,
    write_sheet,
)

from perfdesk import excel, form_reader, report, storage
from perfdesk.checks import evaluate
from perfdesk.cli import main
from perfdesk.errors import PerfdeskError
from perfdesk.model import DepartmentFile, Explanation, Form, Goal, Indicator, MoneyLine
from perfdesk.sources import load_any

# ---- rendering cells as Excel shows them ---------------------------------------------


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.224, "0.00%", "22.40%"),
        (0.224, "0.0%", "22.4%"),
        (1.0, "0%", "100%"),
        (1039.0, "General", "1039"),
        (1039, "General", "1039"),
        (1039, "#,##0", "1,039"),
        (4.9745, "General", "4.9745"),
        (10, "0.00", "10.00"),
        (0.1 + 0.2, "General", "0.3"),
        (-5, "0.00", "-5.00"),
        (1234.5, "#,##0.00_);(#,##0.00)", "1,234.50"),
        (-1234.5, "#,##0.00_);(#,##0.00)", "(1,234.50)"),
        (12, '0"人"', "12人"),
        (3.14159, "0.0#", "3.14"),
        (3.1, "0.0#", "3.1"),
        (1500, "[$¥-804]#,##0", "¥1,500"),
        (2.5, "[Red]0.0", "2.5"),
        (0.005, "0.00", "0.01"),  # Excel rounds half away from zero
        (1234567, "0.00E+00", "1.23E+06"),
        (True, "General", "TRUE"),
        (None, "General", ""),
        ("  typed  ", "General", "  typed  "),
        (date(2021, 1, 15), 'yyyy"年"m"月"d"日"', "2021年1月15日"),
        (date(2021, 1, 15), "yyyy-mm-dd", "2021-01-15"),
    ],
)
def test_render_shows_what_excel_shows(value, fmt, shown):
    assert excel.render(value, fmt) == shown


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1039", (1039.0, "General")),
        ("4.9745", (4.9745, "General")),
        ("1,039", (1039.0, "#,##0")),
        ("10.00", (10.0, "0.00")),
        ("22.4%", (0.224, "0.0%")),
        ("100.00%", (1.0, "0.00%")),
        ("0.00%", (0.0, "0.00%")),
        ("0", (0.0, "General")),
        ("１０３９", None),  # full-width: Excel would show 1039, so text
        ("22.4％", None),
        ("05", None),
        ("-5", None),  # begins with '-': text, never a formula
        ("+5", None),
        ("1,0390", None),
        ("2.96478万元", None),
        ("≥95%", None),
        ("12345678901234567", None),  # more digits than a double keeps
        (".5", None),
        ("5.", None),
        ("", None),
    ],
)
def test_as_number_only_when_the_typed_text_comes_back(typed, number):
    got = excel.as_number(typed)
    if number is None:
        assert got is None
    else:
        assert got[0] == pytest.approx(number[0]) and got[1] == number[1]
        assert excel.render(*got) == typed


def test_sheet_names_follow_excels_rules():
    taken: set[str] = set()
    names = [
        excel.sheet_name(p, taken, n)
        for n, p in enumerate(
            ["a/b:c*d?e[f]g\\h", "'引号'", "", "History", "x" * 40, "x" * 40, "重复", "重复", "perfdesk"],
            1,
        )
    ]
    for name in names:
        assert 1 <= len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")
    assert len({n.lower() for n in names}) == len(names)
    assert names[2] == "表3"
    assert names[3].lower() != "history"
    assert names[8].lower() != "perfdesk"
    assert names[6] == "重复" and names[7] != "重复"


# ---- export ----------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path, demo):
    demo.department = "高新区人社局"
    path = tmp_path / "demo.xlsx"
    excel.export_file(demo, path)
    return path


def _cell_with(ws, value):
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


def test_export_one_sheet_per_form_named_by_project(exported, demo):
    wb = openpyxl.load_workbook(exported)
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == [
        f.project for f in demo.forms
    ]
    meta = wb[excel.META_SHEET]
    assert meta.sheet_state == "veryHidden"
    assert meta["A1"].value == excel.META_MARK


def test_export_numbers_are_numbers_that_show_the_typed_text(exported):
    wb = openpyxl.load_workbook(exported)
    ws = wb["就业专项资金"]
    budget = _cell_with(ws, 1039)
    assert budget.data_type == "n"
    progress = ws.cell(budget.row, 6)  # 预算执行进度 after the three amounts, typed 100%
    assert progress.value == 1 and progress.number_format == "0%"
    ws = wb["劳动监察专项资金"]
    actual = _cell_with(ws, 100)  # typed 100.00
    assert actual.number_format == "0.00"
    assert excel.render(actual.value, actual.number_format) == "100.00"
    assert _cell_with(ws, "≥100%").data_type == "s"


def test_export_never_writes_a_formula(tmp_path):
    form = Form(project="公式", unit="=SUM(A1:A9)", filler="+86 13812345678", phone="-5",
                problems="@cmd", money=_money(budget="=1+1", executed="-3"))
    path = tmp_path / "f.xlsx"
    excel.export_file(DepartmentFile(year="2020", forms=[form]), path)
    with zipfile.ZipFile(path) as zf:
        sheets = [zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in s or b"<f " in s for s in sheets)
    ws = openpyxl.load_workbook(path)["公式"]
    for text in ("=SUM(A1:A9)", "+86 13812345678", "-5", "@cmd", "=1+1", "-3"):
        cell = _cell_with(ws, text)
        assert cell.data_type == "s"
        assert cell.quotePrefix
    back = excel.read_file(path).forms[0]
    assert (back.unit, back.filler, back.phone, back.problems) == (
        "=SUM(A1:A9)", "+86 13812345678", "-5", "@cmd")


def _money(**totals):
    from perfdesk.model import Money

    m = Money()
    for k, v in totals.items():
        getattr(m, k).total = v
    return m


def test_export_looks_like_the_printed_form(exported):
    wb = openpyxl.load_workbook(exported)
    ws = wb["劳动监察专项资金"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A1:H1" in merged  # the title across the form
    assert ws["A1"].value == "部门预算项目绩效自评表"
    assert ws["A1"].font.name == "宋体" and ws["A1"].font.b
    assert ws["A2"].value == "（2020年度）"
    label = _cell_with(ws, "项目名称")
    assert label.border.left.style == "thin"
    assert ws.print_area == "'劳动监察专项资金'!$A$1:$H$" + str(ws.max_row)
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    # 一级指标 merged down over its rows, like paper
    level1 = _cell_with(ws, "产出指标（50）")
    assert any(str(r).startswith(level1.coordinate + ":") for r in ws.merged_cells.ranges)
    # the definition column appears because this form has definitions
    assert _cell_with(ws, "指标解释")
    ws2 = wb["就业专项资金"]
    assert not [c for row in ws2.iter_rows() for c in row if c.value == "指标解释"]
    assert all(c.font.name == "宋体" for row in ws.iter_rows() for c in row if c.value)


def test_export_layout_b_prints_the_national_labels(tmp_path, demo):
    form = demo.forms[0]
    form.layout = "B"
    path = tmp_path / "b.xlsx"
    excel.export_file(DepartmentFile(year="2020", forms=[form]), path)
    ws = openpyxl.load_workbook(path).worksheets[0]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"项目支出绩效自评表", "主管部门", "实施单位", "二、项目资金（万元）", "年初预算数", "全年预算数",
            "全年执行数", "分值", "执行率", "得分", "年度资金总额", "其中：当年财政拨款", "上年结转资金",
            "其他资金", "年度总体目标", "预期目标", "实际完成情况", "年度指标值",
            "偏差原因分析及改进措施", "总分"} <= texts


# ---- round trip --------------------------------------------------------------------


def test_round_trip_gives_back_every_demo_form(exported, demo):
    back = excel.read_file(exported)
    assert (back.department, back.year, back.money_unit) == ("高新区人社局", "2020", "万元")
    same_forms(back, demo.forms)


def _layout_b_forms(demo: DepartmentFile) -> list[Form]:
    forms = []
    for i, f in enumerate(copy.deepcopy(demo.forms)):
        f.layout = "B"
        f.authority = "高新区人力资源和社会保障局"
        f.money.budget_initial = copy.deepcopy(f.money.budget)
        if i % 2:
            f.money.arrived = MoneyLine()
        if i % 3 == 0:
            f.completion = ""
            f.money.budget.carryover = "1.5"
            f.money.executed.carryover = "0"
        for k, ind in enumerate(f.indicators):
            ind.points = "" if k % 3 == 0 else "5"
            ind.deviation = "进度滞后，下年加快" if k == 1 else ""
        f.indicators[-1].not_applicable = i % 4 == 0
        if i == 0:
            f.head, f.finance_head, f.date = "王局长", "李会计", "2021年1月15日"
            f.explanations = [Explanation("I05", ["indicators[1].actual"], "当年专项检查增加")]
        forms.append(f)
    return forms


def test_round_trip_layout_b_forms_made_from_the_demo(tmp_path, demo):
    forms = _layout_b_forms(demo)
    dfile = DepartmentFile(department="高新区人社局", year="2020", forms=forms)
    path = tmp_path / "b.xlsx"
    excel.export_file(dfile, path)
    back = excel.read_file(path)
    same_forms(back, forms)
    assert back.forms[0].explanations == forms[0].explanations


def test_round_trip_keeps_every_typed_oddity(tmp_path):
    form = Form(
        layout="A", department="组织处", project="  前后有空格的项目  ", unit="单位\n第二行",
        authority="主管局",
        goals=[Goal("目标一", "完成一"), Goal("", "只有结果"), Goal("目标三", "")],
        completion="99.5%",
        indicators=[
            Indicator("产出指标（50）", "数量指标", "人数（人）", "定义", "≥１００人", "１０３９", "5", "10.00"),
            Indicator("", "", "比率", "", "＞＝80%", "22.4％", "", "05"),
            Indicator("", "质量指标", "=A1", "", "=100%", "-", "", "0"),
            Indicator("效益指标（30）", "社会效益指标", "效果", "", "效果明显", "是", "", "12.5"),
        ],
        total_score="１００", grade="优秀", problems="1. 问题一\n2. 问题二\n", filler="张三",
        phone="0851-86812345",
    )
    form.money.budget = MoneyLine("1,039", "1,000.50", "38.5", "0.00")
    form.money.budget_initial = MoneyLine("1039", "", "", "")
    form.money.arrived = MoneyLine("１０３９", "24720元", "", "—")
    form.money.executed = MoneyLine("2.96478万元", "4。9745", "", "")
    form.money.progress = "13.38％"
    dfile = DepartmentFile(department="部门", year="2021", money_unit="元", forms=[form])
    path = tmp_path / "odd.xlsx"
    excel.export_file(dfile, path)
    back = excel.read_file(path)
    assert (back.year, back.money_unit) == ("2021", "元")
    assert comparable(back.forms[0]) == comparable(form)


def test_import_does_not_need_the_perfdesk_sheet(tmp_path, demo):
    path = tmp_path / "plain.xlsx"
    excel.export_file(demo, path, meta=False)
    back = excel.read_file(path)
    same_forms(back, demo.forms)
    assert back.year == "2020" and back.money_unit == "万元"
    assert back.department == "组织处"  # the only 填报部门 typed on the forms


# ---- forms typed by other offices --------------------------------------------------

VARIANTS = {
    "seed": dict(where={}, merge=True, numbers=True, definition=None),
    "shifted": dict(where=dict(row0=5, col0=3, spacers=(2, 5), blank_rows=1), merge=False,
                    numbers=True, definition=None),
    "text-only-with-definition-column": dict(where=dict(row0=2, col0=2), merge=True,
                                             numbers=False, definition=True),
    "numbers-without-merges": dict(where=dict(spacers=(1,)), merge=False, numbers=True,
                                   definition=None),
}


def _office_workbook(path, forms, year, *, where, merge, numbers, definition, instructions=True):
    wb = openpyxl.Workbook()
    first = wb.active
    if instructions:
        first.title = "填表说明"
        first["A1"] = "填表说明"
        first["A2"] = "1. 项目名称填写预算批复的项目名称。"
        first["A3"] = "2. 金额单位：万元；预算执行进度 = 执行数 ÷ 预算数。"
    else:
        wb.remove(first)
    for n, f in enumerate(forms, 1):
        ws = wb.create_sheet(f"Sheet{n}")
        d = definition if definition is not None else any(i.definition for i in f.indicators)
        write_sheet(ws, layout_a(f, year, definition=d, merge=merge), numbers=numbers,
                    merge=merge, **where)
    wb.save(path)


def _findings(dfile: DepartmentFile) -> list[list[tuple]]:
    return [[(f.code, f.cells) for f in evaluate(form, dfile).findings] for form in dfile.forms]


def _report_findings(path) -> list[list[tuple]]:
    [r] = report.check_files([path])
    assert r.error is None, r.error
    return [[(f.code, f.cells) for f in ev.findings] for _, ev in r.results]


@pytest.mark.parametrize("variant", VARIANTS)
def test_other_offices_workbooks_read_value_for_value(tmp_path, demo, variant):
    path = tmp_path / f"{variant}.xlsx"
    _office_workbook(path, demo.forms, demo.year, **VARIANTS[variant])
    back = excel.read_file(path)
    same_forms(back, demo.forms)
    assert back.year == "2020" and back.money_unit == "万元"
    assert _report_findings(path) == _findings(demo)


def test_national_layout_b_workbook(tmp_path, demo):
    forms = [national_b(f) for f in demo.forms]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, f in enumerate(forms, 1):
        write_sheet(wb.create_sheet(f"项目{n}"), layout_b(f, demo.year), row0=2, col0=2)
    path = tmp_path / "national.xlsx"
    wb.save(path)
    back = excel.read_file(path)
    assert all(f.layout == "B" for f in back.forms)
    same_forms(back, forms)
    source = DepartmentFile(year="2020", forms=forms)
    assert _report_findings(path) == _findings(source)


def test_many_files_import_into_one(tmp_path, demo):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _office_workbook(a, demo.forms[:10], "2020", **VARIANTS["seed"])
    _office_workbook(b, demo.forms[10:], "2020", **VARIANTS["shifted"], )
    out = tmp_path / "all.perfdesk"
    assert main(["import", str(a), str(b), "-o", str(out)]) == 0
    same_forms(storage.load(out), demo.forms)


def test_check_reads_xlsx_and_folders(tmp_path, demo, capsys):
    folder = tmp_path / "forms"
    folder.mkdir()
    _office_workbook(folder / "a.xlsx", demo.forms[:3], "2020", **VARIANTS["seed"])
    excel.export_file(DepartmentFile(year="2020", forms=demo.forms[3:6]), folder / "b.xlsx")
    (folder / "~$a.xlsx").write_bytes(b"lock file of an open workbook")
    (folder / "notes.txt").write_text("not a form", encoding="utf-8")
    status = main(["check", "--json", str(folder)])
    doc = json.loads(capsys.readouterr().out)
    assert status == 1  # the demo forms have errors
    assert [Path(f["path"]).name for f in doc["files"]] == ["a.xlsx", "b.xlsx"]
    assert [f["project"] for file in doc["files"] for f in file["forms"]] == [
        f.project for f in demo.forms[:6]
    ]
    assert main(["check", str(folder / "a.xlsx")]) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["check", str(empty)]) == 2
    assert "文件夹中没有可审核的文件" in capsys.readouterr().out


def test_load_any_reads_xlsx(exported, demo):
    same_forms(load_any(exported), demo.forms)


# ---- what cannot be read is reported, and nothing is saved ---------------------------


def _one_form_workbook(path, form, year="2020", mutate=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "劳务派遣"
    write_sheet(ws, layout_a(form, year, definition=False))
    if mutate:
        mutate(ws)
    wb.save(path)


def _find(ws, text):
    return next(c for row in ws.iter_rows() for c in row if c.value == text)


def test_missing_project_label_is_reported_with_file_and_sheet(tmp_path, demo):
    path = tmp_path / "a.xlsx"
    _one_form_workbook(path, demo.forms[5], mutate=lambda ws: setattr(_find(ws, "项目名称"), "value", "项目"))
    with pytest.raises(PerfdeskError) as err:
        excel.read_file(path)
    assert "文件 a.xlsx，工作表「劳务派遣」：找不到「项目名称」" in str(err.value)


def test_missing_column_and_stray_cell_are_reported_by_cell(tmp_path, demo):
    def mutate(ws):
        _find(ws, "实际完成值").value = "备注"
        ws.cell(_find(ws, "总分").row - 1, 12).value = "多出来的数"

    path = tmp_path / "a.xlsx"
    _one_form_workbook(path, demo.forms[5], mutate=mutate)
    with pytest.raises(PerfdeskError) as err:
        excel.read_file(path)
    text = str(err.value)
    assert "工作表「劳务派遣」：绩效指标表中找不到「实际完成值」一栏" in text
    assert "单元格 L" in text and "「多出来的数」不在表中任何一栏之下" in text


def test_import_fails_whole_and_saves_nothing(tmp_path, demo, capsys):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    _one_form_workbook(good, demo.forms[0])
    _one_form_workbook(bad, demo.forms[5], mutate=lambda ws: setattr(_find(ws, "项目名称"), "value", "x"))
    out = tmp_path / "out.perfdesk"
    assert main(["import", str(good), str(bad), "-o", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "没有保存任何内容" in err and "文件 bad.xlsx，工作表「劳务派遣」：找不到「项目名称」" in err


def test_formula_without_a_saved_result_is_reported(tmp_path, demo):
    def mutate(ws):
        cell = _find(ws, 4.9745) if any(c.value == 4.9745 for r in ws.iter_rows() for c in r) else None
        target = cell or ws.cell(_find(ws, "执行数：").row, _find(ws, "执行数：").column + 1)
        target.value = "=C6*1"

    path = tmp_path / "f.xlsx"
    _one_form_workbook(path, demo.forms[0], mutate=mutate)
    with pytest.raises(PerfdeskError) as err:
        excel.read_file(path)
    assert "是公式，但文件中没有保存计算结果" in str(err.value)


def test_a_sheet_without_a_form_is_skipped_and_a_file_without_any_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "只是一张说明"
    path = tmp_path / "none.xlsx"
    wb.save(path)
    with pytest.raises(PerfdeskError, match="没有找到绩效自评表"):
        excel.read_file(path)


def test_a_blank_template_sheet_is_skipped(tmp_path, demo, capsys):
    path = tmp_path / "with-template.xlsx"
    excel.export_file(DepartmentFile(year="2020", forms=[Form(project=""), demo.forms[0]]), path,
                      meta=False)
    skipped: list[str] = []
    dfile = form_reader.assemble([excel.read_workbook(path)], skipped)
    assert [f.project for f in dfile.forms] == [demo.forms[0].project]
    assert skipped == ["文件 with-template.xlsx，工作表「表1」"]


def test_years_that_disagree_are_refused(tmp_path, demo):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _one_form_workbook(a, demo.forms[0], year="2020")
    _one_form_workbook(b, demo.forms[1], year="2021")
    from perfdesk.sources import import_files

    with pytest.raises(PerfdeskError, match="各表的年度不一致"):
        import_files([a, b])


# ---- templates ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["A", "B"])
def test_templates_are_current_and_read_as_blank(tmp_path, layout):
    committed = ROOT / "templates" / f"layout_{layout}.xlsx"
    fresh = tmp_path / committed.name
    excel.write_template(layout, fresh)

    def cells(path):
        ws = openpyxl.load_workbook(path).worksheets[0]
        values = {c.coordinate: (c.value, c.number_format) for row in ws.iter_rows() for c in row
                  if c.value is not None}
        return values, sorted(str(r) for r in ws.merged_cells.ranges), ws.print_area

    assert cells(committed) == cells(fresh), "run: python tools/make_templates.py"
    [(read, _, _)] = excel.read_workbook(committed).forms
    assert read.problems == []
    assert read.form.layout == layout
    assert not form_reader.form_has_content(read.form)


def test_cli_export_and_import(tmp_path, capsys):
    out = tmp_path / "demo.xlsx"
    assert main(["export", str(DEMO_FILE), "-o", str(out)]) == 0
    assert "22 张表" in capsys.readouterr().out
    back = tmp_path / "back.perfdesk"
    assert main(["import", str(out), "-o", str(back)]) == 0
    assert main(["import", str(out), "-o", str(back)]) == 2  # no overwrite without --force
    assert "已存在" in capsys.readouterr().err
    assert main(["import", str(out), "-o", str(back), "--force"]) == 0
    original = storage.load(DEMO_FILE)
    got = storage.load(back)
    assert got.department == original.department
    same_forms(got, original.forms)
