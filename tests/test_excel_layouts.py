"""Excel follows the layout descriptions: a layout defined here exports, templates and reads back."""

from pathlib import Path

import openpyxl
import pytest
from office_builders import comparable

from perfdesk import excel, layouts, storage
from perfdesk.layouts import Field, IndicatorColumn, Label, Layout, Level1, MoneyColumn, MoneyRow
from perfdesk.layouts.base import Goals, Money
from perfdesk.model import DepartmentFile, Form, Goal, Indicator

TEST_LAYOUT = Layout(
    code="T",
    name="测试布局",
    title="测试专项资金绩效自评表",
    basic_title="一、项目概况",
    basic=(Field("project", Label("项目名称")), Field("unit", Label("承办单位"))),
    money=Money(
        title="二、资金使用",
        columns=(MoneyColumn("budget", Label("核定预算"), "核定预算"),
                 MoneyColumn("executed", Label("实际支出"), "实际支出")),
        rows=(MoneyRow("total", parent=None, label=Label("资金合计")),
              MoneyRow("fiscal", Label("其中：本级资金"), "本级资金")),
        progress=Label("支出进度"),
    ),
    goals=Goals("三、目标", Label("本年目标"), Label("目标达成情况"), rows=2, completion="none"),
    indicators_title="四、指标",
    indicator_columns=(
        IndicatorColumn("level1", Label("一级指标")), IndicatorColumn("level2", Label("二级指标")),
        IndicatorColumn("level3", Label("三级指标")), IndicatorColumn("target", Label("计划值")),
        IndicatorColumn("actual", Label("实现值")), IndicatorColumn("score", Label("评分")),
    ),
    tree=(Level1("产出指标", 60.0, ("数量指标",), starts=("数量指标",), blank=(2,)),
          Level1("效益指标", 40.0, ("社会效益指标",), starts=("社会效益指标",), blank=(1,))),
    totals=(Field("total_score", Label("综合得分")),),
    problems=Field("problems", Label("问题与整改"), lines=3),
    footer=(Field("filler", Label("制表人")), Field("phone", Label("联系电话"))),
)


@pytest.fixture
def test_layout():
    layouts.register(TEST_LAYOUT)
    yield TEST_LAYOUT
    layouts.unregister("T")


def _form() -> Form:
    form = Form(layout="T", project="测试项目", unit="测试承办处", completion="",
                goals=[Goal("完成培训", "已完成"), Goal("", "另有说明")],
                indicators=[Indicator("产出指标（60）", "数量指标", "培训人数", target="≥100人",
                                      actual="120人", score="60"),
                            Indicator("效益指标（40）", "社会效益指标", "满意度", target="≥90%",
                                      actual="95%", score="38.5")],
                total_score="98.5", problems="无", filler="张三", phone="0851-1234567")
    form.money.budget.total, form.money.budget.fiscal = "100", "80"
    form.money.executed.total, form.money.executed.fiscal = "99.5", "80"
    form.money.progress = "99.5%"
    return form


def test_a_layout_described_in_a_test_exports_and_reads_back_exactly(tmp_path, test_layout):
    form = _form()
    path = tmp_path / "t.xlsx"
    excel.export_file(DepartmentFile(department="测试局", year="2024", forms=[form]), path, meta=False)
    ws = openpyxl.load_workbook(path).worksheets[0]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"测试专项资金绩效自评表", "承办单位", "核定预算", "实际支出", "支出进度", "资金合计",
            "其中：本级资金", "本年目标", "目标达成情况", "计划值", "实现值", "评分", "综合得分",
            "问题与整改", "制表人："} <= texts
    assert not texts & {"实施预算单位", "预算数", "自评得分", "总分", "评价等级", "总体完成率"}
    back = excel.read_file(path)
    assert back.year == "2024"
    assert comparable(back.forms[0]) == comparable(form)


def test_the_test_layouts_blank_template_reads_as_blank(tmp_path, test_layout):
    path = tmp_path / "t.xlsx"
    excel.write_template("T", path)
    [(read, _, _)] = excel.read_workbook(path).forms
    assert read.problems == []
    assert read.form.layout == "T"
    assert [i.level1 for i in read.form.indicators] == ["产出指标（60）", "效益指标（40）"]  # blank rows are not read


ROOT = Path(__file__).resolve().parents[1]
DEPT_DEMO = ROOT / "resources" / "demo" / "dept-2023.perfdesk"


@pytest.mark.parametrize("meta", [True, False], ids=["with the hidden sheet", "by its labels alone"])
def test_the_department_form_exports_and_reads_back_exactly(tmp_path, meta):
    dept = storage.load(DEPT_DEMO)
    path = tmp_path / "dept.xlsx"
    excel.export_file(dept, path, meta=meta)
    ws = openpyxl.load_workbook(path).worksheets[0]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert {"部门（单位）名称（公章）：", "填报时间：", "调增", "调减", "调整率", "三、项目支出情况",
            "类别", "小计（7个项目）", "年中监控\n实际完成值", "改进措施", "综合得分"} <= texts
    assert not texts & {"项目名称：", "一级指标", "实施单位", "总体完成率"}
    back = excel.read_file(path)
    [form] = back.forms
    assert form.layout == "C"
    assert comparable(form) == comparable(dept.forms[0])
    assert [p.subtotal for p in form.projects] == [p.subtotal for p in dept.forms[0].projects]


def test_the_department_forms_blank_template_reads_as_blank_and_the_shipped_one_is_current(tmp_path):
    path = tmp_path / "c.xlsx"
    excel.write_template("C", path)
    for p in (path, ROOT / "templates" / "layout_C.xlsx"):
        [(read, _, _)] = excel.read_workbook(p).forms
        assert read.problems == []
        assert read.form.layout == "C" and read.form.projects == [] and read.form.indicators == []


def test_a_project_lists_head_is_not_taken_for_a_forms_project_name_row(tmp_path):
    dept = storage.load(DEPT_DEMO)
    dept.forms.append(dept.forms[0])  # two department forms on two sheets: each read whole
    path = tmp_path / "two.xlsx"
    excel.export_file(dept, path, meta=False)
    back = excel.read_file(path)
    assert [len(f.projects) for f in back.forms] == [13, 13]
