"""Each report format is fed to the real consumer it is meant for."""
import json
import re
import subprocess

from click.testing import CliRunner
from junitparser import JUnitXml

from tmplint.cli import main

from .conftest import ROOT
from .external import sarif_multitool


def report(fmt, *paths, env=None):
    # The classifier's findings depend on the trained model; format tests should not.
    args = ["check", *(paths or [str(ROOT / "examples")]), "--ignore", "CT", *(["--format", fmt] if fmt else [])]
    result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_sarif_passes_the_official_validator(tmp_path):
    path = tmp_path / "report.sarif"
    path.write_text(report("sarif"))
    out = tmp_path / "validation.sarif"
    proc = subprocess.run([str(sarif_multitool()), "validate", str(path), "--output", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    problems = json.loads(out.read_text())["runs"][0].get("results", [])
    assert [(p["ruleId"], p.get("level"), p["message"]) for p in problems if p.get("level") in ("error", "warning")] == []


def test_sarif_content():
    data = json.loads(report("sarif"))
    run = data["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["PH002"]["properties"]["meta_reason"] == "INVALID_FORMAT"
    assert rules["PH002"]["helpUri"].endswith("docs/rules.md#ph002-placeholder-content")
    result = next(r for r in run["results"] if r["ruleId"] == "PH002")
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 19, "startColumn": 51, "endLine": 19, "endColumn": 58}
    assert result["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "[1].components[0].text", "kind": "member"}]
    assert run["columnKind"] == "unicodeCodePoints"


def test_fingerprints_survive_unrelated_edits(tmp_path):
    text = (ROOT / "examples" / "batch.json").read_text()
    (tmp_path / "batch.json").write_text(text)
    first = json.loads(report("gitlab", str(tmp_path / "batch.json")))
    (tmp_path / "batch.json").write_text("\n\n" + text.replace('"login_code"', '"login_code_v2"'))
    second = json.loads(report("gitlab", str(tmp_path / "batch.json")))
    assert sorted(i["fingerprint"] for i in first) == sorted(i["fingerprint"] for i in second)
    assert {i["location"]["lines"]["begin"] for i in second} == {i["location"]["lines"]["begin"] + 2 for i in first}
    sarif1 = json.loads(report("sarif", str(tmp_path / "batch.json")))
    sarif2 = json.loads(report("sarif", str(tmp_path / "batch.json")))
    assert sarif1 == sarif2


def test_gitlab_code_quality_shape():
    issues = json.loads(report("gitlab"))
    assert issues
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_github_annotations_and_auto_selection():
    out = report(None, env={"GITHUB_ACTIONS": "true"})
    lines = out.splitlines()
    pattern = re.compile(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,(endColumn|endLine)=\d+,title=[A-Z]{2}\d{3} [a-z-]+::.+$")
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations and all(pattern.match(line) for line in annotations), annotations[:3]
    assert ("::error file=examples/batch.json,line=19,col=51,endColumn=58,title=PH002 placeholder-content::"
            in out.replace(str(ROOT) + "/", ""))


def test_junit_parses_with_junitparser(tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(report("junit"))
    xml = JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert len(suites) == 5  # one per file
    cases = [case for suite in suites for case in suite]
    assert len(cases) == 7  # one per template
    failed = [case for case in cases if not case.is_passed]
    assert len(failed) == 3
    batch = next(s for s in suites if s.name.endswith("batch.json"))
    case = next(c for c in batch if c.name.startswith("payment_reminder"))
    assert sorted(r.type for r in case.result) == ["PH002"]


def test_markdown_summary():
    out = report("markdown")
    assert out.startswith("### ❌ tmplint: FAIL\n")
    assert "| FAIL | `payment_reminder` es_MX | UTILITY | 1 error, 2 warnings, 1 info |" in out
