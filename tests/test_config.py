"""Configuration discovery, validation and effects."""
import json

import pytest

from tmplint.api import lint_paths
from tmplint.config import ConfigError, load_config

from .conftest import base_template, dumps

BAD_BODY = {"type": "BODY", "text": "Hi {{ 1 }}, your order shipped today.", "example": {"body_text": [["A"]]}}


def _project(tmp_path, config_text, name="tmplint.toml"):
    (tmp_path / name).write_text(config_text)
    (tmp_path / "templates").mkdir(exist_ok=True)
    path = tmp_path / "templates" / "t.json"
    path.write_text(dumps(base_template(category="utility", components=[BAD_BODY])))
    return path


def codes(report):
    return sorted(f.code for f in report.findings)


def test_defaults_without_config(tmp_path):
    path = _project(tmp_path, "", name="unrelated.txt")
    assert codes(lint_paths([path])) == ["PH002", "ST006"]


def test_ignore_and_select_prefix(tmp_path):
    path = _project(tmp_path, 'ignore = ["ST"]\n')
    assert codes(lint_paths([path])) == ["PH002"]
    path = _project(tmp_path, 'select = ["PH"]\n')
    assert codes(lint_paths([path])) == ["PH002"]


def test_more_specific_selector_wins(tmp_path):
    path = _project(tmp_path, 'select = ["ALL"]\nignore = ["PH"]\nextend-select = ["PH002"]\n')
    assert codes(lint_paths([path])) == ["PH002", "ST006"]


def test_pyproject_table_and_nearest_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.tmplint]\nignore = ["PH002"]\n')
    path = _project(tmp_path / "sub" if (tmp_path / "sub").mkdir() is None else tmp_path, 'ignore = ["ST006"]\n')
    # tmplint.toml in sub/ is nearer than pyproject.toml in the parent
    assert codes(lint_paths([path])) == ["PH002"]


def test_severity_override_and_fail_on(tmp_path):
    path = _project(tmp_path, 'fail-on = "info"\n[severity]\nPH002 = "warning"\n')
    report = lint_paths([path])
    assert {f.code: f.severity for f in report.findings} == {"PH002": "warning", "ST006": "info"}
    assert report.failed


def test_per_file_ignores(tmp_path):
    path = _project(tmp_path, '[per-file-ignores]\n"templates/*.json" = ["PH002"]\n')
    assert codes(lint_paths([path])) == ["ST006"]


def test_template_ignores_by_name_and_language(tmp_path):
    path = _project(tmp_path, '[[template-ignores]]\nname = "order_*"\nlanguage = "en_US"\nignore = ["PH002"]\n'
                              'reason = "legacy"\n')
    assert codes(lint_paths([path])) == ["ST006"]
    path = _project(tmp_path, '[[template-ignores]]\nname = "order_*"\nlanguage = "es_MX"\nignore = ["PH002"]\n')
    assert codes(lint_paths([path])) == ["PH002", "ST006"]


def test_exclude(tmp_path):
    _project(tmp_path, 'exclude = ["templates"]\n')
    report = lint_paths([tmp_path])
    assert report.files == 0


@pytest.mark.parametrize("text,message", [
    ('selcet = ["PH"]\n', "unknown key 'selcet' (did you mean 'select'?)"),
    ('ignore = ["PH999"]\n', "ignore: unknown rule or prefix 'PH999'"),
    ('fail-on = "fatal"\n', "fail-on must be one of error, warning, info, not 'fatal'"),
    ('[severity]\nPH002 = "high"\n', "severity.PH002 must be one of info, warning, error, not 'high'"),
    ('ignore = [\n', "invalid TOML"),
    ('[[template-ignores]]\nnam = "x"\nignore = []\n', "template-ignores #1: unknown key 'nam' (did you mean 'name'?)"),
])
def test_invalid_config_is_an_error_with_a_hint(tmp_path, text, message):
    _project(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        load_config(start=tmp_path / "templates")
    assert message in str(exc.value)
    assert str(tmp_path / "tmplint.toml") in str(exc.value)


def test_show_config(tmp_path):
    from click.testing import CliRunner
    from tmplint.cli import main
    _project(tmp_path, 'ignore = ["ST006"]\n')
    result = CliRunner().invoke(main, ["show-config", str(tmp_path)])
    data = json.loads(result.output)
    assert data["ignore"] == ["ST006"] and "ST006" not in data["enabled-rules"]
    assert data["config-file"] == str(tmp_path / "tmplint.toml")
