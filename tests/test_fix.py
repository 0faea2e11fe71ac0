"""Safe fixes: exact before/after text, idempotence, the fixed file passes, nothing else touched."""
import os
import stat

import pytest
from click.testing import CliRunner

from tmplint.cli import main
from tmplint.config import Config
from tmplint.engine import Linter
from tmplint.fixer import fix_document
from tmplint.sources import parse

LINTER = Linter(Config(ignore=["CT"]))


def fixed(text, path="t.json", unsafe=False):
    result = fix_document(LINTER, parse(text, path), unsafe)
    again = fix_document(LINTER, parse(result.fixed, path), unsafe)
    assert not again.changed, "fixing must be idempotent"
    return result


def codes_after(text, path="t.json"):
    return sorted(f.code for f in LINTER.lint([parse(text, path)]).findings)


JSON_BASE = """{
  "name": "order_update",
  "language": %s,
  "category": %s,%s
  "components": [
    {"type": "BODY", "text": %s, "example": {"body_text": [%s]}}
  ]
}
"""


def doc(language='"en_US"', category='"UTILITY"', extra="", body='"Hi {{1}}, order {{2}} ships today from our store."',
        examples='["Ana", "#12"]'):
    return JSON_BASE % (language, category, extra, body, examples)


@pytest.mark.parametrize("before,after,code", ids=lambda v: v if isinstance(v, str) and len(v) < 8 else "", argvalues=[
    (doc(body='"Hi {{ 1 }}, order {{2}} ships today from our store."'), doc(), "PH002"),
    (doc(body='"Hi {{01}}, order {{2}} ships today from our store."'), doc(), "PH002"),
    (doc(category='"utility"'), doc(), "ST006"),
    (doc(language='"en-US"'), doc(), "ST003"),
    (doc(language='"EN_us"'), doc(), "ST003"),
    (doc(extra='\n  "allow_category_change": true,'), doc(), "ST007"),
    (doc(body='"Hi {{1}},     order {{2}} ships today from our store."'), doc(), "FM007"),
    (doc(body='"Hi {{2}}, order {{1}} ships today from our store."', examples='["#12", "Ana"]'), doc(), "PH005"),
    (doc(body='"Hi {{1}}, order {{3}} ships today from our store."'), doc(), "PH004"),
])
def test_safe_fix_before_after(before, after, code):
    assert code in codes_after(before)
    result = fixed(before)
    assert [f.code for f in result.applied] == [code]
    assert result.fixed == after
    assert codes_after(result.fixed) == []


def test_header_newline_and_markup_fix():
    before = ('{"name": "a", "language": "en_US", "category": "UTILITY", "components": [\n'
              ' {"type": "HEADER", "format": "TEXT", "text": "*Order* update\\n"},\n'
              ' {"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}\n')
    result = fixed(before)
    assert sorted(f.code for f in result.applied) == ["FM001", "FM003"]
    assert result.fixed == before.replace('"*Order* update\\n"', '"Order update"')
    assert codes_after(result.fixed) == []


def test_yaml_member_removal_keeps_everything_else():
    before = ("# our templates\nname: order_update   # keep me\nlanguage: en_US\ncategory: utility\n"
              "allow_category_change: true\ncomponents:\n  - type: BODY\n"
              "    text: Your order has shipped and arrives tomorrow.\n")
    result = fixed(before, "t.yaml")
    assert result.fixed == before.replace("category: utility\nallow_category_change: true\n",
                                          "category: UTILITY\n")


def test_renumbering_moves_examples_with_their_placeholders():
    before = doc(body='"Dear {{3}}, your {{1}} is due on {{2}}."', examples='["invoice", "1 May", "Ana"]')
    result = fixed(before)
    assert result.fixed == doc(body='"Dear {{1}}, your {{2}} is due on {{3}}."',
                               examples='["Ana", "invoice", "1 May"]')


def test_unsafe_fix_only_on_request():
    before = doc(body='"Hi {1}, order {{2}} ships today from our store."')
    assert not fixed(before).changed
    assert fixed(before, unsafe=True).fixed == doc()


def test_unparsable_file_is_never_touched():
    text = '{"name": "a",, "components": []}'
    result = fix_document(LINTER, parse(text, "t.json"))
    assert not result.changed and result.applied == []


def test_block_scalar_header_break_is_not_fixed():
    text = ("name: a\nlanguage: en_US\ncategory: UTILITY\ncomponents:\n  - type: HEADER\n    format: TEXT\n"
            "    text: |\n      Order update\n  - type: BODY\n    text: Your order has shipped today, see you soon.\n")
    assert "FM003" in codes_after(text, "t.yaml")
    assert not fixed(text, "t.yaml").changed


def test_cli_fix_writes_atomically_preserving_bytes(tmp_path):
    path = tmp_path / "t.json"
    original = doc(category='"utility"').replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    os.chmod(path, 0o640)
    result = CliRunner().invoke(main, ["fix", "--ignore", "CT", str(path)])
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data == b"\xef\xbb\xbf" + doc().replace("\n", "\r\n").encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]  # no temp files left behind


def test_cli_diff_changes_nothing(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(doc(category='"utility"'))
    result = CliRunner().invoke(main, ["check", "--diff", str(path)])
    assert result.exit_code == 1
    assert '-  "category": "utility",\n+  "category": "UTILITY",' in result.output
    assert path.read_text() == doc(category='"utility"')


def test_fix_reports_remaining_findings(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(doc(category='"utility"', body='"{{1}}, order {{2}} ships today from our store."'))
    result = CliRunner(mix_stderr=False).invoke(main, ["check", "--fix", str(path)]) if "mix_stderr" in \
        CliRunner.__init__.__code__.co_varnames else CliRunner().invoke(main, ["check", "--fix", str(path)])
    assert result.exit_code == 1
    assert "PH008" in result.output
    assert '"category": "UTILITY"' in path.read_text()
