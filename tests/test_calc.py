"""The form's arithmetic (form.md, "Calculations"): calculate() and its helpers."""

from __future__ import annotations

import pytest
from forms import EXEC, ROWS, ROWS_WITH_POINTS, build, make_form, row

from perfdesk.calc import calculate, canonical_level1, grade_of, normalise_grade


def calc(changes: dict | None = None, money_unit: str = "万元"):
    form, _ = build(changes)
    return calculate(form, money_unit)


# ---- 执行率 ---------------------------------------------------------------------

RATES = [
    ("95 of 100", {}, 95.0),
    ("thousands separator", {"budget": "1,039", "executed": "139"}, 139 / 1039 * 100),
    ("full-width figures", {"budget": "１０３９", "executed": "１３９"}, 139 / 1039 * 100),
    ("executed in 元 in a 万元 form", {"budget": "5", "executed": "24720元"}, 2.472 / 5 * 100),
    ("over 100 %", {"executed": "120"}, 120.0),
    ("nothing executed", {"executed": "0"}, 0.0),
    ("budget 0", {"budget": "0"}, None),
    ("budget blank", {"budget": ""}, None),
    ("budget a dash", {"budget": "—"}, None),
    ("budget negative", {"budget": "-100"}, None),
    ("budget unreadable", {"budget": "一百"}, None),
    ("executed blank", {"executed": ""}, None),
    ("executed unreadable", {"executed": "九十五"}, None),
]


@pytest.mark.parametrize("changes, expected", [r[1:] for r in RATES], ids=[r[0] for r in RATES])
def test_execution_rate(changes, expected):
    rate = calc(changes).execution_rate
    assert rate == (None if expected is None else pytest.approx(expected))


def test_execution_rate_in_a_yuan_file():
    c = calc({"budget": "1000000", "executed": "10万元"}, money_unit="元")
    assert c.execution_rate == pytest.approx(10.0)
    assert c.amount("money.executed.total") == pytest.approx(100000)


def test_progress_is_read_as_typed():
    c = calc({"progress": "95.00％"})
    assert (c.progress.value, c.progress.decimals) == (95.0, 2)


# ---- 预算执行率 score = weight × min(执行率, 1) ----------------------------------------

EXEC_SCORES = [
    ("95 %, weight 10", {}, 10.0, 9.5),
    ("120 % caps at the weight", {"executed": "120"}, 10.0, 10.0),
    ("0 %", {"executed": "0"}, 10.0, 0.0),
    ("weight 20 typed", row(EXEC, level1="预算执行率（20）"), 20.0, 19.0),
    ("no weight typed: default 10", row(EXEC, level1="预算执行率"), 10.0, 9.5),
    ("no 预算执行率 row: default 10", {"rows": ROWS[:EXEC]}, 10.0, 9.5),
    ("no rate, no score", {"budget": ""}, 10.0, None),
]


@pytest.mark.parametrize("changes, weight, score", [e[1:] for e in EXEC_SCORES],
                         ids=[e[0] for e in EXEC_SCORES])
def test_exec_score(changes, weight, score):
    c = calc(changes)
    assert c.exec_weight == weight
    assert c.exec_score == (None if score is None else pytest.approx(score))


def test_exec_row_is_suggested_its_exec_score_and_not_judged():
    c = calc()
    assert c.exec_row == EXEC
    r = c.rows[EXEC]
    assert r.suggested == pytest.approx((9.5, 9.5))
    assert r.met is None


def test_no_exec_row():
    assert calc({"rows": ROWS[:EXEC]}).exec_row is None


# ---- rule scores -------------------------------------------------------------------

RULES = [
    # positive targets: 分值 × min(actual ÷ x, 1)
    ("≥ missed", "≥100人", "90人", "30", 27.0, False),
    ("≥ met", "≥100人", "100人", "30", 30.0, True),
    ("≥ beaten, capped", "≥100人", "150人", "30", 30.0, True),
    ("bare target", "100", "50", "30", 15.0, False),
    ("= met", "=100%", "100%", "20", 20.0, True),
    ("= overshot", "=100%", "110%", "20", 20.0, True),
    ("> at the target: full score, target not met", ">100人", "100人", "30", 30.0, False),
    ("> above the target", ">100人", "101人", "30", 30.0, True),
    ("> below the target", ">100人", "50人", "30", 15.0, False),
    ("words for ≥", "不少于100人", "80人", "10", 8.0, False),
    ("bare actual takes the target's unit", "≥100人", "90", "30", 27.0, False),
    ("人次 counts as 人", "≥100人", "90人次", "30", 27.0, False),
    ("≥0 met", "≥0", "0", "10", 10.0, True),
    # reverse targets: full when actual ≤ x, else 分值 × x ÷ actual
    ("≤ met", "≤5%", "4%", "20", 20.0, True),
    ("≤ at the target", "≤5%", "5%", "20", 20.0, True),
    ("≤ missed", "≤5%", "8%", "20", 12.5, False),
    ("< below the target", "<5%", "4.9%", "20", 20.0, True),
    ("< at the target: full score, target not met", "<5%", "5%", "20", 20.0, False),
    ("< missed", "<10天", "20天", "10", 5.0, False),
    ("≤0 missed", "≤0", "2", "10", 0.0, False),
]


@pytest.mark.parametrize("target, actual, points, score, met", [r[1:] for r in RULES],
                         ids=[r[0] for r in RULES])
def test_quantitative_rule(target, actual, points, score, met):
    r = calc({"rows": ROWS_WITH_POINTS, **row(0, target=target, actual=actual, points=points)}).rows[0]
    assert r.quantitative
    assert r.met is met
    assert r.suggested == pytest.approx((score, score))


def test_rule_without_points_judges_the_target_only():
    r = calc(row(0, actual="90人")).rows[0]
    assert (r.met, r.suggested) == (False, None)


@pytest.mark.parametrize("actual", ["90元", "是"], ids=["other measure", "qualitative"])
def test_quantitative_target_other_actuals(actual):
    r = calc({"rows": ROWS_WITH_POINTS, **row(0, actual=actual)}).rows[0]
    if actual == "是":  # a quantitative target answered in words: judged by the words
        assert (r.met, r.suggested) == (True, pytest.approx((24, 30)))
    else:  # 人 against 元 cannot be compared
        assert (r.met, r.suggested) == (None, None)


TIERS = [
    ("是", True, (24, 30)),
    ("完成", True, (24, 30)),
    ("效果明显", True, (24, 30)),
    ("基本完成", False, (18, 24)),
    ("较好", False, (18, 24)),
    ("否", False, (0, 18)),
    ("未完成", False, (0, 18)),
]


@pytest.mark.parametrize("actual, met, tier", TIERS, ids=[t[0] for t in TIERS])
def test_qualitative_tiers(actual, met, tier):
    r = calc({"rows": ROWS_WITH_POINTS, **row(2, target="是", actual=actual)}).rows[2]
    assert r.actual.kind == "qualitative"
    assert r.met is met
    assert r.suggested == pytest.approx(tier)


def test_free_text_is_not_judged():
    r = calc({"rows": ROWS_WITH_POINTS, **row(2, target="逐步提高", actual="有所提高")}).rows[2]
    assert (r.met, r.suggested) == (None, None)


# ---- subtotals, 总分, 不适用 -----------------------------------------------------------


def test_subtotals_by_level1_carried_down():
    c = calc()
    assert {name: g.subtotal for name, g in c.groups.items()} == {
        "产出指标": 50.0, "效益指标": 30.0, "满意度指标": 10.0, "预算执行率": 9.5}
    assert c.groups["产出指标"].rows == [0, 1]
    assert c.groups["产出指标"].weight_cell == "indicators[0].level1"
    assert [r.level1 for r in c.rows] == ["产出指标", "产出指标", "效益指标", "满意度指标", "预算执行率"]
    assert [r.level2 for r in c.rows][:2] == ["数量指标", "质量指标"]


def test_level2_carried_down_and_reset_by_a_new_level1():
    c = calc({"rows": (ROWS[0], ("", "", "培训场次", "≥5场", "6场", "", "0"), ROWS[2],
                       ("", "", "就业人数", "≥50人", "60人", "", "0"), *ROWS[3:])})
    assert [r.level2 for r in c.rows][:4] == ["数量指标", "数量指标", "社会效益指标", "社会效益指标"]


def test_weights_typed_and_default():
    c = calc({**row(0, level1="产出指标（40）"), **row(2, level1="效益指标")})
    assert c.groups["产出指标"].weight_value == 40.0
    assert c.groups["效益指标"].weight is None
    assert c.groups["效益指标"].weight_value == 30.0
    assert c.groups["效益指标"].weight_cell == ""


def test_total_is_the_sum_including_exec_row():
    c = calc()
    assert c.score_sum == pytest.approx(99.5)
    assert c.total == pytest.approx(99.5)


def test_unreadable_and_blank_scores_add_nothing():
    c = calc({**row(0, score="优"), **row(1, score="")})
    assert c.total == pytest.approx(49.5)
    assert c.groups["产出指标"].subtotal == 0.0


NOT_APPLICABLE = [
    ("one row of 20 out: 72 of 80 → 90", {1}, ("30", "", "24", "8.5", "9.5"), 72.0, 90.0),
    ("a score typed on a 不适用 row is ignored", {1}, ("30", "20", "24", "8.5", "9.5"), 72.0, 90.0),
    ("two rows out: 50 of 60", {1, 2}, ("30", "", "", "10", "10"), 50.0, 50 * 100 / 50),
    ("nothing out", set(), ("30", "20", "24", "8.5", "9.5"), 92.0, 92.0),
]


@pytest.mark.parametrize("na, scores, score_sum, total", [n[1:] for n in NOT_APPLICABLE],
                         ids=[n[0] for n in NOT_APPLICABLE])
def test_not_applicable_rescales_to_100(na, scores, score_sum, total):
    changes = {"rows": ROWS_WITH_POINTS}
    for i, s in enumerate(scores):
        changes.update(row(i, score=s, not_applicable=i in na))
    c = calc(changes)
    assert c.score_sum == pytest.approx(score_sum)
    assert c.total == pytest.approx(total)


def test_not_applicable_rows_leave_the_subtotal():
    c = calc({"rows": ROWS_WITH_POINTS, **row(1, not_applicable=True)})
    assert c.groups["产出指标"].subtotal == 30.0


def test_everything_not_applicable_is_not_divided_by_zero():
    form = make_form(rows=ROWS_WITH_POINTS)
    for ind in form.indicators:
        ind.not_applicable = True
    c = calculate(form)
    assert (c.score_sum, c.total) == (0.0, 0.0)


# ---- 评价等级 ----------------------------------------------------------------------

GRADES = [
    (100, "优"), (90, "优"), (89.99, "良"), (89.9999999999, "优"), (80, "良"), (79.99, "中"),
    (60, "中"), (59.99, "差"), (0, "差"),
]


@pytest.mark.parametrize("total, grade", GRADES, ids=[str(g[0]) for g in GRADES])
def test_grade_boundaries(total, grade):
    assert grade_of(total) == grade


def test_grade_float_noise_at_a_boundary():
    assert grade_of(0.1 * 3 * 300) == "优"  # 90.00000000000001
    assert grade_of(sum([29.7, 30.1, 20.2]) + 0) == "良"  # 80.0 give or take a bit


@pytest.mark.parametrize(
    "typed, computed_scores, grade",
    [("89", None, "优"), ("", None, "优"), ("优", None, "优"), ("", ("20", "20"), "良"),
     ("90", ("20", "20"), "良")],
    ids=["typed 89, computed 99.5", "blank", "unreadable", "computed 89.5", "typed 90, computed 89.5"],
)
def test_calculation_grade_is_the_grade_of_the_computed_total(typed, computed_scores, grade):
    # The typed 总分 is S04's business; S05 grades what was typed (test_checks_scores).
    changes = {"total": typed}
    if computed_scores:
        changes.update(row(0, score=computed_scores[0]))
        changes.update(row(1, score=computed_scores[1]))
    assert calc(changes).grade == grade


# ---- canonical_level1 and normalise_grade ---------------------------------------------

LEVEL1 = [
    ("产出指标（50）", "产出指标"),
    ("产出指标(50)", "产出指标"),
    ("效益指标（30分）", "效益指标"),
    ("满意度指标（１０）", "满意度指标"),
    ("预算执行率（10）", "预算执行率"),
    ("一、产出指标（50）", "产出指标"),
    ("产出 指标", "产出指标"),
    ("效益指标", "效益指标"),
    ("其他（社会）", "其他（社会）"),
    (" 其他指标 ", "其他指标"),
]


@pytest.mark.parametrize("text, name", LEVEL1, ids=[t for t, _ in LEVEL1])
def test_canonical_level1(text, name):
    assert canonical_level1(text) == name


NORMAL_GRADES = [
    ("优", "优"), ("良", "良"), ("中", "中"), ("差", "差"), (" 良 ", "良"),
    ("优秀", "优"), ("良好", "良"), ("中等", "中"), ("合格", "中"), ("较差", "差"),
    ("不合格", "差"), ("A", ""), ("90", ""), ("", ""),
]


@pytest.mark.parametrize("text, grade", NORMAL_GRADES, ids=[repr(t) for t, _ in NORMAL_GRADES])
def test_normalise_grade(text, grade):
    assert normalise_grade(text) == grade


def test_calculate_does_not_change_the_form():
    form = make_form(rows=ROWS_WITH_POINTS)
    before = form.to_dict()
    calculate(form)
    assert form.to_dict() == before


def test_not_applicable_row_without_points_takes_an_equal_part_of_its_weight():
    # The baseline's 产出指标（50）has two rows and no 分值: a 不适用 one is worth 25.
    base = calc()
    na = calc(row(1, not_applicable=True))
    out_of = 100 - 25
    assert na.total == pytest.approx((base.score_sum - base.rows[1].score.value) * 100 / out_of)
