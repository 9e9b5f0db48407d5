"""The seed reports, checked as a reviewer reads them: each finding below was found by
reading the report by hand, and every other figure of these reports agrees (17 % for
16.67 %, 元 and 万元 in one sum, a 其中 listing only some parts, a 预算经费 indicator scored
as an execution rate) and must stay silent.  001 is checked with its forms (the demo file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfdesk.cli import main
from perfdesk.reports import check_report, form_refs, render
from perfdesk.sources import load_any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "resources" / "demo" / "demo-2020.perfdesk"

EXPECTED = {
    "000_086ca14daebe26cb.txt": [
        ("T01", 238, "执行率应为 56.67%"),  # 年初预算15万元，全年支出8.5万元，执行率56.91%
        ("T10", 240, "17.8万元"),  # 2225 名 × 人均 80 元 > the 8.5 万元 spent
        ("T01", 244, "执行率应为 77.88%"),  # 6.23 ÷ 8 = 77.875 %, printed 77.85 %
        ("T01", 317, "执行率应为 54.88%"),  # 229.3976296 ÷ 418, printed 45.9 %
        ("T01", 358, "执行率应为 100.00%"),  # 37.7331 of 37.7331 (or of 100), printed 77.56 %
        ("T07", 362, "37.7331万元"),  # the same project's spending later given as 31.73 万元
        ("T01", 521, "执行率应为 93.84%"),  # 17.83 ÷ 19, printed 94.86 %
        ("T08", 575, "执行率应为 82.24%"),  # 2965.57 ÷ 3606 (共计 in the sentence before), printed 79.35 %
    ],
    "001_da47dba02cfd0856.txt": [
        ("T02", 7, "900万元"),  # 9村村民…补贴资金450万元; its form says 900
        ("T08", 22, "评优率应为 100.00%"),  # one project, graded 优, 评优率 95 %
        ("T02", 2380, "2000万元"),  # 被征地农民社会保障费 3000 万元; its form says 2000
        ("T08", 2391, "评优率应为 100.00%"),
        ("T02", 2391, "「良」"),  # graded 优 in the prose, 良 on its form
        ("T02", 2394, "90 分"),  # 自评总分为95分; its form says 90
        ("T02", 2394, "「良」"),  # 评价等级优秀; its form says 良
        ("T09", 2564, "列出的是 9 项"),  # "10个专项项目分别为" and nine follow
    ],
    "002_07793994578fbebf.txt": [],
    "003_cf2b5c68ffc4d7be.txt": [
        ("T01", 47, "执行率应为 57.39%"),  # 4044.35 ÷ 7047.68, printed 52.39 %
        ("T07", 93, "52.39%"),  # and 57.39 % for the same two figures in 三、
    ],
    "004_043825adc2a1e450.txt": [],
}

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside the checkout")


@pytest.fixture(scope="module")
def demo_forms():
    return form_refs(load_any(DEMO), str(DEMO))


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_report_findings(seed, demo_forms):
    forms = demo_forms if seed.startswith("001") else None
    found = check_report(SEEDS / seed, forms).findings
    got = [(f.code, f.line, render(f)) for f in found]
    assert [(c, line) for c, line, _ in got] == [(c, line) for c, line, _ in EXPECTED[seed]], got
    for (_, _, message), (_, _, words) in zip(got, EXPECTED[seed], strict=True):
        assert words in message


def test_each_quote_is_the_reports_own_text():
    for seed in EXPECTED:
        lines = (SEEDS / seed).read_text(encoding="utf-8").splitlines()
        for f in check_report(SEEDS / seed).findings:
            joined = "".join(line.strip() for line in lines[f.line - 1:f.line + 3])
            assert f.quote in joined, (seed, f.line, f.quote)


def test_the_seeds_without_forms_give_no_T02(demo_forms):
    for seed in EXPECTED:
        assert "T02" not in {f.code for f in check_report(SEEDS / seed).findings}


def test_perfdesk_check_json_on_a_report_with_its_forms(capsys):
    seed = SEEDS / "001_da47dba02cfd0856.txt"
    assert main(["check", "--json", str(seed), "--forms", str(DEMO)]) == 1
    [entry] = json.loads(capsys.readouterr().out)["files"]
    assert entry["kind"] == "report" and entry["error"] is None
    first = entry["findings"][0]
    assert set(first) >= {"code", "severity", "message", "line", "quote", "cells"}
    assert first == {
        "code": "T02", "severity": "错误", "line": 7, "quote": "450万元", "cells": ["money.budget.total"],
        "form": "9村村民参加企业职工养老保险区级财政补贴资金",
        "message": "报告中「9村村民参加企业职工养老保险区级财政补贴资金」的预算数为 450万元，自评表中为 900万元",
    }
