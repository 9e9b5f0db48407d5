"""The demo file is the 22 forms of seed 001, value by value as printed."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from perfdesk.model import DepartmentFile

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parents[1].parent / "shared/seeds"
DEMO = ROOT / "resources" / "demo" / "demo-2020.json"


def _load_tool():
    spec = importlib.util.spec_from_file_location("seed_forms", ROOT / "tools" / "seed_forms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


seed_forms = _load_tool()


@pytest.fixture(scope="module")
def seed_file() -> DepartmentFile:
    found = sorted(SEEDS.glob("001_*.txt"))
    if not found:
        pytest.skip(f"seed 001 not found under {SEEDS}")
    return seed_forms.read_seed(found[0])


@pytest.fixture(scope="module")
def forms(seed_file):
    return {form.project: form for form in seed_file.forms}


def test_matches_committed_json(seed_file):
    committed = json.loads(DEMO.read_text(encoding="utf-8"))
    assert DepartmentFile.from_dict(committed) == seed_file
    assert DEMO.read_text(encoding="utf-8") == seed_forms.dump(seed_file)


def test_file_header(seed_file):
    assert len(seed_file.forms) == 22
    assert (seed_file.department, seed_file.year, seed_file.money_unit) == ("", "2020", "万元")
    assert all(form.layout == "A" for form in seed_file.forms)
    assert len({form.project for form in seed_file.forms}) == 22


# indicator rows per form, counted in the seed (one per row of section 四)
ROW_COUNTS = [
    ("劳动监察专项资金", 10),
    ("就业专项资金", 15),
    ("“雨露计划”扶贫资金", 7),
    ("就业扶持专项资金", 7),
    ("创业扶持资金", 8),
    ("劳务派遣人员专项资金", 7),
    ("公开招聘专项资金", 7),
    ("老干部专项资金", 8),
    ("机关档案室建设", 5),
    ("建国前老党员生活补贴（专项资金）", 9),
    ("组织人事及重点工作大督查", 10),
    ("远程教育站点专项资金", 10),
    ("基层党建工作经费（专项）", 8),
    ("被征地农民社会保障费", 7),
    ("9村村民参加企业职工养老保险区级财政补贴资金", 9),
    ("提前下达2020城乡居民养老保险中央、省、市、区财政补助资金", 9),
    ("区属企业、学校离休人员等医疗保险补贴资金", 8),
    ("社保系统及终端购置专项资金", 9),
    ("区属退休人员生活补贴", 8),
    ("退役人员待安置期间养老保险补助专项资金", 6),
    ("城乡居民医疗保险财政补助资金", 4),
    ("提前下达2020省级财政城乡居民医保代办员补助资金", 6),
]


def test_projects_in_order_with_row_counts(seed_file):
    got = [(form.project, len(form.indicators)) for form in seed_file.forms]
    assert got == ROW_COUNTS


# (project, cell address, value as printed), each checked by eye in the seed
SPOTS = [
    # 就业专项资金 (seed lines 276-459): 预算数 1039 but 其中：财政资金 10839
    ("就业专项资金", "money.budget.total", "1039"),
    ("就业专项资金", "money.budget.fiscal", "10839"),
    ("就业专项资金", "money.arrived.fiscal", "1039"),
    ("就业专项资金", "money.executed.total", "139"),
    ("就业专项资金", "money.progress", "100%"),
    ("就业专项资金", "money.budget.other", ""),
    ("就业专项资金", "indicators[11].target", "≤4%"),
    ("就业专项资金", "indicators[14].level3", "资金执行情况"),
    ("就业专项资金", "filler", "董波"),
    ("就业专项资金", "phone", "5776176"),
    # 劳务派遣人员专项资金 (1021-1160)
    ("劳务派遣人员专项资金", "money.progress", "22.4%"),
    ("劳务派遣人员专项资金", "indicators[6].level1", "预算执行率（10）"),
    ("劳务派遣人员专项资金", "indicators[6].actual", "66.55%"),
    ("劳务派遣人员专项资金", "indicators[6].score", "10"),
    ("劳务派遣人员专项资金", "indicators[2].level1", ""),
    ("劳务派遣人员专项资金", "indicators[2].level2", "社会效益指标"),
    ("劳务派遣人员专项资金", "phone", "5776535"),  # number in the cell after the label
    # 劳动监察专项资金 (48-218): definition column, 联系电话5776425 with no colon
    ("劳动监察专项资金", "department", ""),
    ("劳动监察专项资金", "unit", "劳动和社会保障监察大队"),
    ("劳动监察专项资金", "money.executed.total", "4.9745"),
    ("劳动监察专项资金", "money.budget.other", ""),  # a U+3000 cell
    ("劳动监察专项资金", "completion", "99%"),
    ("劳动监察专项资金", "filler", "张明静"),
    ("劳动监察专项资金", "phone", "5776425"),
    ("劳动监察专项资金", "indicators[0].definition", "规模以上企业劳动合同签订数占应签订数的比率"),
    ("劳动监察专项资金", "indicators[1].level1", ""),
    ("劳动监察专项资金", "indicators[1].level3", "日常检查企业数（家）"),
    ("劳动监察专项资金", "indicators[1].definition", "当年对区内企业日常检查数"),
    ("劳动监察专项资金", "indicators[1].target", "≥100%"),
    ("劳动监察专项资金", "indicators[1].actual", "72.00"),
    ("劳动监察专项资金", "indicators[1].score", "9"),
    ("劳动监察专项资金", "indicators[2].level3", "办结业务数(件)"),
    ("劳动监察专项资金", "indicators[8].level3", "服务对象达到满意"),  # row without definition
    ("劳动监察专项资金", "indicators[8].definition", ""),
    ("劳动监察专项资金", "indicators[8].target", "≥100%"),
    ("劳动监察专项资金", "indicators[9].level3", ""),
    ("劳动监察专项资金", "indicators[9].score", "10"),
    ("劳动监察专项资金", "total_score", "95"),
    (
        "劳动监察专项资金",
        "problems",
        "(主要填写项目绩效存在问题及原因分析,下一步拟采取的纠偏措施及对策建议,项目绩效目标指标设定存在的问题及修改完善措施)",
    ),
    # 就业扶持专项资金 (661-799): mixed parens, inner spaces kept
    ("就业扶持专项资金", "indicators[0].target", ">=20人次"),
    ("就业扶持专项资金", "indicators[3].actual", "专岗：600元/人/月       公益岗：1650元/人/月"),
    ("就业扶持专项资金", "indicators[4].level1", "效益指标（30)"),
    ("就业扶持专项资金", "money.progress", "81.72%"),
    # 创业扶持资金 (822-969): 其他 typed 0; name typed across two cells
    ("创业扶持资金", "money.executed.other", "0"),
    ("创业扶持资金", "filler", "雷晓静"),
    ("创业扶持资金", "phone", "3196173"),
    # 公开招聘专项资金 / 老干部专项资金: amounts as typed
    ("公开招聘专项资金", "money.budget.total", "10.00"),
    ("公开招聘专项资金", "indicators[2].target", "是否完成"),
    ("老干部专项资金", "money.progress", "100.00%"),
    # 组织处 forms (1729-2376): header and footer typed outside the table
    ("建国前老党员生活补贴（专项资金）", "department", "组织处"),
    ("建国前老党员生活补贴（专项资金）", "filler", "刘芸蕾"),
    ("建国前老党员生活补贴（专项资金）", "phone", "5776727"),
    ("建国前老党员生活补贴（专项资金）", "money.progress", "17%"),
    ("建国前老党员生活补贴（专项资金）", "indicators[8].actual", "40.96"),
    ("建国前老党员生活补贴（专项资金）", "indicators[8].score", "1"),
    ("组织人事及重点工作大督查", "department", "组织处"),
    (
        "组织人事及重点工作大督查",
        "goals[0].target",
        "开展组织人事教育、培训、考察等工作；\n做好重点工作大督查",
    ),
    (
        "组织人事及重点工作大督查",
        "goals[0].result",
        "培训、考察工作按计划完成；\n大督查工作按任务完成",
    ),
    ("组织人事及重点工作大督查", "indicators[7].actual", "产生一定激励效果"),
    ("远程教育站点专项资金", "money.progress", "90.86%"),
    ("远程教育站点专项资金", "indicators[0].target", "≤52"),
    ("远程教育站点专项资金", "indicators[3].target", "≤20800"),
    ("远程教育站点专项资金", "indicators[8].target", "≥"),
    ("远程教育站点专项资金", "indicators[8].actual", "80"),
    ("远程教育站点专项资金", "indicators[9].target", "≥"),
    ("远程教育站点专项资金", "total_score", "88"),
    ("远程教育站点专项资金", "grade", "良"),
    ("基层党建工作经费（专项）", "total_score", "82"),
    # 被征地农民社会保障费 (2419-2558): odd scores kept as typed
    ("被征地农民社会保障费", "total_score", "90"),
    ("被征地农民社会保障费", "grade", "良"),
    ("被征地农民社会保障费", "completion", "100"),
    ("被征地农民社会保障费", "goals[0].target", "2000"),
    ("被征地农民社会保障费", "indicators[0].score", "优"),
    ("被征地农民社会保障费", "indicators[1].level3", "指标 １"),
    ("被征地农民社会保障费", "indicators[1].target", "社会保障费"),
    ("被征地农民社会保障费", "indicators[5].target", ""),
    ("被征地农民社会保障费", "indicators[6].actual", "100"),
    ("被征地农民社会保障费", "indicators[6].score", "55"),
    ("被征地农民社会保障费", "filler", "赵新月"),
    ("被征地农民社会保障费", "phone", "5776430"),
    # 社保局 forms (2596-3884): blank 实施预算单位 and footer
    ("9村村民参加企业职工养老保险区级财政补贴资金", "unit", ""),
    ("9村村民参加企业职工养老保险区级财政补贴资金", "indicators[0].level1", "产出指标(50)"),
    ("9村村民参加企业职工养老保险区级财政补贴资金", "indicators[0].level2", ""),
    ("9村村民参加企业职工养老保险区级财政补贴资金", "indicators[0].score", ""),
    ("9村村民参加企业职工养老保险区级财政补贴资金", "indicators[1].level2", "质量指标"),
    ("9村村民参加企业职工养老保险区级财政补贴资金", "filler", ""),
    ("9村村民参加企业职工养老保险区级财政补贴资金", "phone", ""),
    ("区属企业、学校离休人员等医疗保险补贴资金", "indicators[0].target", "<=10"),
    ("提前下达2020省级财政城乡居民医保代办员补助资金", "money.executed.total", "0"),
    ("提前下达2020省级财政城乡居民医保代办员补助资金", "money.progress", "0.00%"),
    ("提前下达2020省级财政城乡居民医保代办员补助资金", "goals[0].result", ""),
]


def cell(form, address: str):
    """The value at ``indicators[3].level1``-style addresses.

    (``perfdesk.model.get_cell`` cannot be used here: its step pattern
    ``[a-z_]+`` rejects the field names ``level1``/``level2``/``level3``.)
    """
    obj = form
    for part in address.split("."):
        name, index = re.fullmatch(r"(\w+?)(?:\[(\d+)\])?", part).groups()
        obj = getattr(obj, name)
        if index is not None:
            obj = obj[int(index)]
    return obj


@pytest.mark.parametrize(("project", "address", "value"), SPOTS)
def test_spot_values(forms, project, address, value):
    assert cell(forms[project], address) == value


def test_definition_column_only_in_labour_inspection(seed_file):
    with_definitions = [
        f.project for f in seed_file.forms if any(i.definition for i in f.indicators)
    ]
    assert with_definitions == ["劳动监察专项资金"]


def test_department_only_on_the_organisation_forms(seed_file):
    departments = [f.department for f in seed_file.forms]
    assert departments[9:13] == ["组织处"] * 4
    assert set(departments[:9] + departments[13:]) == {""}


def test_goals_keep_only_filled_rows(seed_file):
    assert all(len(f.goals) == 1 for f in seed_file.forms)


def test_cells_are_trimmed(seed_file):
    def strings(obj):
        if isinstance(obj, dict):
            for v in obj.values():
                yield from strings(v)
        elif isinstance(obj, list):
            for v in obj:
                yield from strings(v)
        elif isinstance(obj, str):
            yield obj

    for text in strings(seed_file.to_dict()):
        assert text == text.strip(), repr(text)
        assert "\u3000" not in text and "\t" not in text and "\xa0" not in text


# ---- the dump reader on small inputs ---------------------------------------


def test_split_rows_cells_continuations_and_lines():
    lines = [
        "标题行",
        "填报部门：组织处      金额单位：万元",
        "\t一、 基本情况",
        "\t项目名称",
        "\t  某项目\u3000",
        "",
        "\t二、预算",
        "执行情况",
        "\t\u3000",
        "",
    ]
    assert seed_forms.split_rows(lines) == [
        ["标题行"],
        ["填报部门：组织处      金额单位：万元"],
        ["一、 基本情况", "项目名称", "某项目"],
        ["二、预算\n执行情况", ""],
    ]


def test_form_spans_skip_a_title_that_only_names_an_attachment():
    lines = [
        "      2.部门预算项目绩效自评表（2020年度） ",
        "",
        "\t部门预算项目绩效自评表",
        "",
        "\t项目名称",
        "\t甲",
        "部门预算项目绩效自评表",
        "\t项目名称",
    ]
    assert seed_forms.form_spans(lines) == [(2, 6), (6, 8)]


def test_labelled_values_in_one_cell_or_the_next():
    labels = {r"填报人[：:]?": "filler", r"联系电话[：:]?": "phone"}
    assert seed_forms.labelled(["填报人：刘芸蕾          联系电话：5776727"], labels) == {
        "filler": "刘芸蕾",
        "phone": "5776727",
    }
    assert seed_forms.labelled(["填报人：", "赵新月", "", "联系电话：", "5776430"], labels) == {
        "filler": "赵新月",
        "phone": "5776430",
    }
    assert seed_forms.labelled(["填报人：张明静", "\u3000", "联系电话5776425", ""], labels) == {
        "filler": "张明静",
        "phone": "5776425",
    }
