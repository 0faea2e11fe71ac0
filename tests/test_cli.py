"""The command line: exit codes, formats, stdin, output files, bad input."""
import json
import os
import subprocess
import sys

from click.testing import CliRunner

from tmplint import __version__
from tmplint.cli import main

from .conftest import ROOT, base_template, dumps


def run(*args, input=None, cwd=None):
    runner = CliRunner()
    if cwd:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)
    finally:
        if cwd:
            os.chdir(old)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_clean_file_exits_zero(tmp_path):
    (tmp_path / "ok.json").write_text(dumps(base_template()))
    result = run("check", str(tmp_path / "ok.json"))
    assert result.exit_code == 0, result.output
    assert f"PASS {(tmp_path / 'ok.json').as_posix()} order_update (en_US, UTILITY)" in result.output
    assert "Result: PASS" in result.output


def test_text_format_line_caret_and_verdict(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "name": "a",\n  "language": "en_US",\n  "category": "UTILITY",\n'
                    '  "components": [{"type": "BODY", "text": "Hi {{ 1 }}, your order shipped today."}]\n}\n')
    result = run("check", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    first = f"{path.as_posix()}:5:47: PH002 [error] Malformed placeholder: `{{{{ 1 }}}}` has spaces inside the braces; write `{{{{1}}}}`."
    assert first in lines
    i = lines.index(first)
    assert lines[i + 2] == ' 5 |   "components": [{"type": "BODY", "text": "Hi {{ 1 }}, your order shipped today."}]'
    assert lines[i + 3] == "   | " + " " * 46 + "^" * 7
    assert any(line.startswith(f"FAIL {path.as_posix()} a (en_US, UTILITY): ") for line in lines)


def test_json_report_contract(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(dumps(base_template(category="utility")))
    result = run("check", str(path), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema_version"] == "1.0"
    t = data["templates"][0]
    assert set(t) == {"path", "json_path", "name", "language", "category", "verdict", "predicted_category",
                      "category_scores", "findings"}
    assert t["verdict"] == "pass" and t["category"] == "UTILITY"
    f = t["findings"][0]
    assert {k: f[k] for k in ("code", "name", "severity", "meta_reason", "json_path", "line", "column",
                             "end_line", "end_column")} == {
        "code": "ST006", "name": "lowercase-category", "severity": "info", "meta_reason": "NONE",
        "json_path": "category", "line": 4, "column": 16, "end_line": 4, "end_column": 23}
    assert data["summary"]["infos"] == 1 and data["errors"] == []


def test_fail_on_and_exit_zero(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(dumps(base_template(category="utility")))
    assert run("check", str(path), "--fail-on", "info").exit_code == 1
    assert run("check", str(path), "--fail-on", "info", "--exit-zero").exit_code == 0


def test_stdin_with_filename():
    text = "name: a\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: BODY\n    text: Hi {{1}} there\n"
    result = run("check", "-", "--stdin-filename", "templates/a.yaml", "--no-source", input=text)
    assert result.exit_code == 1
    assert "templates/a.yaml:6:14: PH014 [error]" in result.output


def test_malformed_file_does_not_stop_others(tmp_path):
    (tmp_path / "a_bad.json").write_text('{"name": "x",\n  "language": "en_US" "category": 1}')
    (tmp_path / "b_ok.json").write_text(dumps(base_template()))
    result = run("check", str(tmp_path), "--no-source")
    assert result.exit_code == 1
    assert (f"{(tmp_path / 'a_bad.json').as_posix()}:2:23: IO002 [error] unexpected character '\"'; "
            "expected ',' or '}' after the member 'language'; a comma may be missing between two members"
            ) in result.output
    assert f"PASS {(tmp_path / 'b_ok.json').as_posix()}" in result.output
    assert "1 unreadable" in result.output


def test_output_file(tmp_path):
    (tmp_path / "t.json").write_text(dumps(base_template()))
    out = tmp_path / "report.json"
    result = run("check", str(tmp_path / "t.json"), "--format", "json", "--output-file", str(out))
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text())["summary"]["templates"] == 1


def test_missing_path_is_usage_error(tmp_path):
    result = run("check", str(tmp_path / "nope.json"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_unknown_rule_suggests(tmp_path):
    (tmp_path / "t.json").write_text(dumps(base_template()))
    result = run("check", str(tmp_path / "t.json"), "--select", "PH0O1")
    assert result.exit_code == 2
    assert "unknown rule or prefix 'PH0O1' (did you mean 'PH001'?)" in result.output
    result = run("check", str(tmp_path / "t.json"), "--ignore", "placeholder-brace")
    assert "unknown rule or prefix 'placeholder-brace' (did you mean 'placeholder-braces'?)" in result.output


def test_rules_and_explain():
    result = run("rules")
    assert result.exit_code == 0
    assert any(line.startswith("PH002  placeholder-content") for line in result.output.splitlines())
    result = run("explain", "PH002")
    assert result.exit_code == 0
    assert result.output.startswith("PH002 placeholder-content [error] (placeholders)")
    assert "Bad:" in result.output and "Good:" in result.output
    assert run("explain", "PH999").exit_code == 2


def test_python_dash_m_runs():
    proc = subprocess.run([sys.executable, "-m", "tmplint", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_examples_have_passing_and_failing_templates():
    result = run("check", str(ROOT / "examples"), "--format", "json")
    data = json.loads(result.output)
    verdicts = {t["verdict"] for t in data["templates"]}
    assert verdicts == {"pass", "fail"} and result.exit_code == 1
    suffixes = {t["path"].rsplit(".", 1)[1] for t in data["templates"]}
    assert {"json", "yaml", "yml"} <= suffixes
    assert any(t["json_path"].startswith("data[") for t in data["templates"])


def test_jobs_and_cache_give_identical_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(6):
        (tmp_path / f"t{i}.json").write_text((ROOT / "examples" / "batch.json").read_text())
    serial = run("check", ".", "--format", "json", "--no-cache").output
    parallel = run("check", ".", "--format", "json", "--no-cache", "--jobs", "3").output
    first = run("check", ".", "--format", "json").output  # fills .tmplint_cache
    cached = run("check", ".", "--format", "json").output
    assert serial == parallel == first == cached
    assert any((tmp_path / ".tmplint_cache").rglob("*.json"))
    # a changed file is re-checked, not served stale from the cache
    (tmp_path / "t0.json").write_text((ROOT / "examples" / "order_shipped.json").read_text())
    changed = json.loads(run("check", ".", "--format", "json").output)
    assert changed["templates"][0]["name"] == "order_shipped"
