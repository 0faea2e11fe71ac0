"""Baselines, x-tmplint suppressions and unused template-ignores."""
import json

from click.testing import CliRunner

from tmplint.cli import main

from .conftest import base_template, dumps

BODY = {"type": "BODY", "text": "Hi {{1}}, your order {{2}} has shipped today.",
        "example": {"body_text": [["Ana"]]}}


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_baseline_hides_known_findings_and_reports_stale(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "t.json"
    path.write_text(dumps(base_template(components=[BODY])))
    assert run("check", "t.json").exit_code == 1
    assert run("check", "t.json", "--write-baseline", "baseline.json").exit_code == 0
    entries = json.loads((tmp_path / "baseline.json").read_text())["entries"]
    assert [(e["path"], e["name"], e["language"], e["code"]) for e in entries] == [
        ("t.json", "order_update", "en_US", "PH015")]
    assert "line" not in entries[0]
    # unrelated edits (a new first line shifts every line) keep the baseline valid
    path.write_text("\n\n" + dumps(base_template(components=[BODY])))
    result = run("check", "t.json", "--baseline", "baseline.json")
    assert result.exit_code == 0, result.output
    assert "1 known finding(s) ignored" in result.output
    # a new problem fails the build; the fixed one makes the entry stale
    body = dict(BODY, text="Hi {{1}}, your order {{3}} has shipped today.", example={"body_text": [["Ana", "1"]]})
    path.write_text(dumps(base_template(components=[body])))
    result = run("check", "t.json", "--baseline", "baseline.json", "--format", "json")
    data = json.loads(result.output)
    assert result.exit_code == 1
    assert [f["code"] for t in data["templates"] for f in t["findings"]] == ["PH004"]
    assert [e["code"] for e in data["baseline"]["stale"]] == ["PH015"]


def test_bad_baseline_file_is_exit_2(tmp_path):
    (tmp_path / "t.json").write_text(dumps(base_template()))
    (tmp_path / "b.json").write_text("[]")
    result = run("check", str(tmp_path / "t.json"), "--baseline", str(tmp_path / "b.json"))
    assert result.exit_code == 2


def test_inline_suppression_and_unused_entry(tmp_path):
    template = base_template(components=[BODY])
    template["x-tmplint"] = {"ignore": ["PH015", "FM"], "reason": "examples come from the CMS"}
    path = tmp_path / "t.json"
    path.write_text(dumps(template))
    data = json.loads(run("check", str(path), "--format", "json").output)
    found = [(f["code"], f["line"], f["column"]) for t in data["templates"] for f in t["findings"]]
    assert found == [("ST020", 18, 3), ("SP001", 21, 7)]
    assert data["templates"][0]["verdict"] == "pass"


def test_unused_template_ignore_is_reported(tmp_path):
    (tmp_path / "tmplint.toml").write_text('[[template-ignores]]\nname = "promo_*"\nignore = ["PH"]\n')
    (tmp_path / "t.json").write_text(dumps(base_template()))
    result = run("check", str(tmp_path / "t.json"))
    assert ("warning: unused suppression: template-ignores entry name='promo_*' ignore=['PH'] matched no finding"
            in result.output)
