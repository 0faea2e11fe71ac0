"""The Python API returns typed results."""
import pytest

import tmplint
from tmplint import Config, Finding, Report, TemplateResult

from .conftest import ROOT, base_template


def test_lint_template_returns_typed_result():
    result = tmplint.lint_template(base_template(components=[
        {"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped.",
         "example": {"body_text": [["Ana"]]}}]))
    assert isinstance(result, TemplateResult)
    assert result.verdict == "fail"
    [finding] = result.findings
    assert isinstance(finding, Finding)
    assert (finding.code, finding.severity, finding.json_path) == ("PH015", "error", "components[0].example.body_text")
    assert finding.message == ("The body has 2 variables but example.body_text gives 1 value; give exactly one "
                               "example per variable, in order.")


def test_lint_template_with_config():
    result = tmplint.lint_template(base_template(category="utility"), config=Config(ignore=["ST006"]))
    assert result.findings == [] and result.verdict == "pass"


def test_lint_paths_report():
    report = tmplint.lint_paths([ROOT / "examples"])
    assert isinstance(report, Report)
    assert report.failed
    summary = report.summary()
    assert summary["templates"] == len(report.templates) == summary["passed"] + summary["failed"]


def test_lint_paths_missing_path():
    with pytest.raises(FileNotFoundError):
        tmplint.lint_paths(["/nonexistent/templates"])


def test_lint_template_rejects_non_template():
    with pytest.raises(ValueError):
        tmplint.lint_template({"messaging_product": "whatsapp"})
