"""The rule catalogue is the single source of docs, examples and fixtures.

Every rule needs docs, a failing case and a passing case; every failing case
states the exact code, span (line:column-line:column, end exclusive), spanned
text and message; every passing case is completely clean.
"""
import pytest

from tmplint.catalogue import catalogue
from tmplint.checks import ENGINE_CODES, registered, registered_set_checks
from tmplint.docs import rules_markdown

from .conftest import ROOT, at, lint_source

RULES = catalogue()
FAIL_CASES = [(code, i, case) for code, rule in RULES.items() for i, case in enumerate(rule.fail)]
PASS_CASES = [(code, i, case) for code, rule in RULES.items() for i, case in enumerate(rule.passes)]


def _ext(case):
    return "case.json" if case.format == "json" else "case.yaml"


def _table(code, case):
    """Rule fixtures must not depend on the trained model, except the classifier's own rules."""
    table = dict(case.config or {})
    if RULES[code].group != "category":
        table.setdefault("classifier", False)
    return table


@pytest.mark.parametrize("code", list(RULES))
def test_rule_is_documented_and_has_cases(code):
    rule = RULES[code]
    for part in ("what", "why", "fix", "summary", "source"):
        value = getattr(rule, part)
        assert value and "TODO" not in value, f"{code} lacks {part}"
    assert rule.fail, f"{code} has no failing case"
    assert rule.passes, f"{code} has no passing case"


def test_every_checked_code_is_catalogued_and_every_rule_checked():
    checked = {code for codes, _ in registered() + registered_set_checks() for code in codes}
    assert checked | set(ENGINE_CODES) == set(RULES)


@pytest.mark.parametrize("code,index,case", FAIL_CASES, ids=[f"{c}-fail{i}" for c, i, _ in FAIL_CASES])
def test_failing_case(code, index, case):
    report = lint_source(case.data(), _ext(case), _table(code, case))
    source = case.source
    lines = source.split("\n")
    got = sorted((f.code, at(f), f.message) for f in report.findings if f.code == code)
    want = sorted((e["code"], e["at"], e["message"]) for e in case.expect if e["code"] == code)
    assert want, f"{code} fail case {index} expects no {code} finding"
    assert got == want
    # The hand-written span must cover the text the case says it covers.
    for e in case.expect:
        if "text" not in e:
            continue
        (l1, c1), (l2, c2) = [tuple(map(int, p.split(":"))) for p in e["at"].split("-")]
        if l1 == l2:
            assert lines[l1 - 1][c1 - 1:c2 - 1] == e["text"], e
    want_severity = {e.get("severity", RULES[code].severity) for e in case.expect if e["code"] == code}
    assert {f.severity for f in report.findings if f.code == code} == want_severity


@pytest.mark.parametrize("code,index,case", PASS_CASES, ids=[f"{c}-pass{i}" for c, i, _ in PASS_CASES])
def test_passing_case_is_clean(code, index, case):
    report = lint_source(case.data(), _ext(case), _table(code, case))
    assert [(f.code, at(f), f.message) for f in report.findings] == []


def test_docs_rules_md_is_current():
    path = ROOT / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == rules_markdown(), \
        "docs/rules.md is stale: run `python -m tmplint.docs`"
