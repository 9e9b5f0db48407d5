"""The PDF lays out any registered layout from its description: a layout defined here
prints with its own labels, columns and rows, and no other file knows it."""

import copy
import io
import re
from dataclasses import replace

import pypdf
import pytest

from perfdesk import layouts, pdf
from perfdesk.layouts import Field, IndicatorColumn, Label, Layout, MoneyColumn, MoneyRow
from perfdesk.layouts.base import Goals, Money
from perfdesk.pdf.sections import section_label, share

LAYOUT_T = Layout(
    code="T",
    name="布局T（测试用）",
    title="试验绩效登记簿",
    basic_title="甲、概况",
    basic=(
        Field("project", Label("登记项目")),
        Field("unit", Label("承办处室")),
        Field("authority", Label("归口科室")),
    ),
    money=Money(
        title="乙、钱款",
        columns=(
            MoneyColumn("budget", Label("核定额度"), "核定额度"),
            MoneyColumn("arrived", Label("拨入款项"), "拨入款项", optional=True),
            MoneyColumn("executed", Label("花销款项"), "花销款项"),
        ),
        rows=(
            MoneyRow("total", parent=None, label=Label("款项总计")),
            MoneyRow("fiscal", Label("内含拨款"), "内含拨款"),
            MoneyRow("other", Label("零星来源"), "零星来源", optional=True),
        ),
        progress=Label("花销比例"),
    ),
    goals=Goals("丙、打算", Label("原定打算"), Label("落实结果"), rows=2, completion="none"),
    indicators_title="丁、考核",
    indicator_columns=(
        IndicatorColumn("level3", Label("考核事项"), width=40),
        IndicatorColumn("target", Label("约定数值"), width=20),
        IndicatorColumn("actual", Label("达到数值"), width=20),
        IndicatorColumn("deviation", Label("差距说明"), optional=True, width=30),
        IndicatorColumn("score", Label("折算分数"), width=15),
    ),
    tree=layouts.NATIONAL_TREE,
    totals=(Field("total_score", Label("分数合计")),),
    problems=None,
    footer=(Field("filler", Label("登记员")), Field("head", Label("处室负责人"))),
)

LABELS = ("试验绩效登记簿", "登记项目", "承办处室", "归口科室", "核定额度", "花销款项", "款项总计",
          "内含拨款", "花销比例", "原定打算", "落实结果", "考核事项", "约定数值", "达到数值",
          "折算分数", "分数合计", "登记员：", "处室负责人（签字）：")


@pytest.fixture
def layout_t():
    layouts.register(LAYOUT_T)
    yield LAYOUT_T
    layouts.unregister(LAYOUT_T.code)


def _text(dfile) -> str:
    """The text of the form's pages (the findings page left aside)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf.render_pdf(dfile)))
    texts = [page.extract_text() for page in reader.pages]
    return "\n".join(t for t in texts if "审核发现的问题" not in t and "已说明的问题" not in t)


def _form_t(demo):
    form = copy.deepcopy(next(f for f in demo.forms if f.project == "劳动监察专项资金"))
    form.layout = "T"
    form.authority = "第三科"
    form.filler = "李登记"
    for column in form.money.COLUMNS:  # 拨入款项 and 零星来源 left empty
        getattr(form.money, column).other = ""
    form.money.arrived.total = form.money.arrived.fiscal = ""
    dfile = copy.deepcopy(demo)
    dfile.forms = [form]
    return dfile, form


def test_a_layout_registered_in_a_test_prints_as_described(layout_t, demo):
    dfile, form = _form_t(demo)
    text = _text(dfile)
    flat = re.sub(r"\s+", "", text)
    for label in LABELS:
        assert label in flat, label
    for typed in (form.project, form.unit, "第三科", form.money.executed.total, form.money.progress,
                  form.goals[0].result[:12], form.indicators[0].level3, form.total_score,
                  form.filler):
        assert re.sub(r"\s+", "", typed) in flat, typed
    # the sections' titles down their column, and nothing of layouts A and B
    for title in ("甲、概况", "乙、钱款", "丙、打算", "丁、考核"):
        assert title in flat, title
    for other in ("部门预算项目绩效自评表", "项目名称", "一级指标", "自评得分", "总体完成率",
                  "评价等级", "存在问题", "拨入款项", "零星来源", "差距说明"):
        assert other not in flat, other  # not in the layout, or optional and left empty
    # the column heads in the layout's order, on one line
    heads = next(line for line in text.splitlines() if "考核事项" in line)
    assert [h for h in ("考核事项", "约定数值", "达到数值", "折算分数") if h in heads] == [
        "考核事项", "约定数值", "达到数值", "折算分数"]


def test_optional_columns_and_rows_print_when_filled(layout_t, demo):
    dfile, form = _form_t(demo)
    form.money.arrived.total = "4.5"
    form.money.executed.other = "0.3"
    form.indicators[1].deviation = "偏差很小，已经说明。"
    flat = re.sub(r"\s+", "", _text(dfile))
    for label in ("拨入款项", "零星来源", "差距说明", "偏差很小，已经说明。", "4.5", "0.3"):
        assert label in flat, label


def test_a_form_of_an_unregistered_layout_prints_as_layout_a(demo):
    dfile, _ = _form_t(demo)  # "T" is not registered here
    flat = re.sub(r"\s+", "", _text(dfile))
    assert "部门预算项目绩效自评表" in flat and "项目名称" in flat
    assert "试验绩效登记簿" not in flat


def test_section_titles_wrap_down_their_column():
    assert section_label("四、年度绩效指标完成情况") == "四、年度\n绩效指标\n完成情况"
    assert section_label("一、基本情况") == "一、基本\n情况"
    assert section_label("绩效指标") == "绩效指标"
    assert section_label("项目资金\n（万元）") == "项目资金\n（万元）"


def test_widths_fill_the_frame_from_the_hints():
    assert share([10, 0, 0], 50) == [10, 20, 20]
    # room left over goes to the growing columns, in proportion to their hints
    assert share([10, 20, 10], 60, [False, True, True]) == pytest.approx([10, 100 / 3, 50 / 3])
    # too wide: the growing columns give up room first, then all shrink alike
    assert share([10, 30], 30, [False, True]) == [10, 20]
    assert share([30, 30], 30, [False, True]) == pytest.approx([18, 12])  # 30 + 20, scaled


def test_a_layout_without_tree_or_basic_fields_prints_its_extra_fields_and_sums_its_points(demo):
    columns = LAYOUT_T.indicator_columns
    layout = replace(LAYOUT_T, code="U", tree=(), basic=(),
                     extra_fields=(Field("authority", Label("附带科室")),),
                     indicator_columns=(*columns[:4], IndicatorColumn("points", Label("配分"), width=12),
                                        *columns[4:]))
    layouts.register(layout)
    try:
        dfile, form = _form_t(demo)
        form.layout = "U"
        for n, ind in enumerate(form.indicators):
            ind.points = "2.5" if n % 2 else "5"
        total = sum(2.5 if n % 2 else 5 for n in range(len(form.indicators)))
        flat = re.sub(r"\s+", "", _text(dfile))
        assert "附带科室第三科" in flat and "登记项目" not in flat
        assert f"分数合计{total:g}{form.total_score}" in flat  # Σ 配分, then the total
        form.indicators[0].points = "五分"  # one that cannot be read: no sum printed
        flat = re.sub(r"\s+", "", _text(dfile))
        assert f"分数合计{form.total_score}" in flat
    finally:
        layouts.unregister("U")


def test_the_department_demo_prints_as_layout_c():
    from conftest import ROOT

    from perfdesk import storage

    dfile = storage.load(ROOT / "resources/demo/dept-2023.perfdesk")
    flat = re.sub(r"\s+", "", _text(dfile))
    for label in ("部门（单位）整体支出绩效自评表", "部门（单位）名称（公章）", "填报时间", "调增", "调减",
                  "调整率", "49.11%", "57.39%", "三、项目支出情况", "小计（7个项目）", "4492.29",
                  "年中监控实际完成值", "改进措施", "综合得分", "10085.25", "评价结果良", "五、存在问题及改进措施"):
        assert label in flat, label
