"""The check catalogue (../shared/spec/checks.md) against the registry: one place per check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from perfdesk import reports
from perfdesk.checks import BY_CODE, CHECKS
from perfdesk.checks.base import ERROR, HINT, WARNING, Check

SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "checks.md"
TESTS = Path(__file__).resolve().parent
ADDED = TESTS.parent / "docs" / "checks-added.md"  # perfdesk's own codes, in the same form
SEVERITY = {"错误": ERROR, "警告": WARNING, "提示": HINT}
# Sections of checks.md whose checks run on forms; T (narrative reports) has a registry of its own.
FORM_AREAS = "BSIGCY"
REPORT_AREAS = "T"


def _catalogue() -> dict[str, str]:
    """Code -> severity as checks.md's tables give it (the first word of the cell)."""
    text = SPEC.read_text(encoding="utf-8") + ADDED.read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([A-Z]\d\d) \| (错误|警告|提示)", text, re.M)
    return {code: SEVERITY[sev] for code, sev in rows}


def _table_tested() -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_checks_*.py"))
    return set(re.findall(r"\(\"([A-Z]\d\d)\", ", text))


pytestmark = pytest.mark.skipif(not SPEC.exists(), reason="../shared/spec is not beside the checkout")


def test_every_catalogued_form_code_has_one_check_with_its_severity():
    spec = {c: s for c, s in _catalogue().items() if c[0] in FORM_AREAS}
    assert set(spec) == set(BY_CODE)
    assert {c: BY_CODE[c].severity for c in spec} == spec


def test_the_registry_holds_each_code_once():
    codes = [c.code for c in CHECKS]
    assert len(codes) == len(set(codes))


def test_every_check_has_a_title_a_template_and_a_table_test():
    tested = _table_tested()
    for check in CHECKS:
        assert check.title and check.template, check.code
        assert check.code in tested, f"{check.code} has no table-test case"


def test_every_catalogued_report_code_has_one_check_with_its_severity():
    spec = {c: s for c, s in _catalogue().items() if c[0] in REPORT_AREAS}
    assert set(spec) == set(reports.BY_CODE)
    assert {c: reports.BY_CODE[c].severity for c in spec} == spec
    codes = [c.code for c in reports.CHECKS]
    assert len(codes) == len(set(codes))


def test_every_report_check_is_a_check_with_a_title_a_template_and_a_table_test():
    tested = _table_tested()
    for check in reports.CHECKS:
        assert isinstance(check, Check)
        assert check.title and check.template, check.code
        assert check.code in tested, f"{check.code} has no table-test case"
