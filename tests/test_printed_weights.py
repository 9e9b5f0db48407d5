"""Weights as the form prints them: in the 一级 cell, as the rows' 分值, or (none) the defaults."""

from __future__ import annotations

from forms import findings, found

from perfdesk.calc import calculate

# 产出 60 and 满意度 0 … printed only as the rows' 分值 (Sichuan prints a 权重 column).
SICHUAN = (
    ("产出指标", "数量指标", "发放覆盖率", "=100%", "100%", "60", "60"),
    ("效益指标", "社会效益指标", "足额保障率", "=100%", "100%", "20", "20"),
    ("满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10", "10"),
    ("预算执行率", "预算执行率", "预算执行率", "100%", "95%", "10", "9.5"),
)
# 一级 cells that print only their weight (seen in Anhui and Hubei forms).
WEIGHT_ONLY = (
    ("（50分）", "数量指标", "培训人数", "≥100人", "110人", "", "30"),
    ("", "质量指标", "培训合格率", "≥90%", "95%", "", "20"),
    ("（30分）", "社会效益指标", "培训后就业率", "≥80%", "85%", "", "30"),
    ("（10分）", "服务对象满意度指标", "学员满意度", "≥90%", "95%", "", "10"),
    ("预算执行率（10）", "预算执行率", "预算执行率", "100%", "95%", "", "9.5"),
)


def test_rows_points_are_the_weight():
    form, fs = findings({"rows": SICHUAN})
    assert calculate(form).groups["产出指标"].weight_value == 60
    # 60 scored under 产出 is within its printed 60: no S03; S09 names the unusual weights
    assert not found(fs, "S03")
    s09 = [f for f in fs if f.code == "S09"]
    assert len(s09) == 1 and "产出指标60" in s09[0].args["weights"]
    assert "效益指标20" in s09[0].args["weights"]


def test_rows_points_over_their_weight_fire_s03():
    rows = (("产出指标", "数量指标", "发放覆盖率", "=100%", "100%", "50", "55"), *SICHUAN[1:])
    _, fs = findings({"rows": rows})
    assert {code for code, _ in found(fs, "S03")} == {"S03"}


def test_weight_only_level1_blocks_stay_apart():
    form, fs = findings({"rows": WEIGHT_ONLY})
    calc = calculate(form)
    assert {g: calc.groups[g].weight_value for g in ("产出指标", "效益指标", "满意度指标")} == {
        "产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert not found(fs, "S03") and not found(fs, "I02") and not found(fs, "S09")


def test_unknown_weight_only_blocks_get_names_of_their_own():
    rows = (("（50分）", "其他指标", "甲", "1", "1", "", "30"),
            ("（30分）", "另一类", "乙", "1", "1", "", "30"), *WEIGHT_ONLY[3:])
    form, _ = findings({"rows": rows})
    assert len([g for g in calculate(form).groups if g.startswith("第")]) == 2
