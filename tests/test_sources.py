"""Source maps: every decoded character maps back to the exact file position."""
import json

import pytest
from hypothesis import given, settings, strategies as st

from tmplint.json_reader import parse_json
from tmplint.nodes import Source, SourceError
from tmplint.sources import read_bytes, template_nodes
from tmplint.yaml_reader import parse_yaml


def _pos(text, node, begin, end):
    a, b = node.span(begin, end)
    src = Source("f", text)
    return src.position(a), src.position(b), text[a:b]


def test_json_escapes_map_to_raw_characters():
    text = '{"body": "caf\\u00e9 \\"{{1}}\\"\\n\\ud83d\\ude00 {{2}}"}'
    node = parse_json(text).get("body")
    assert node.value == 'café "{{1}}"\n😀 {{2}}'
    i = node.value.index("{{1}}")
    assert _pos(text, node, i, i + 5) == ((1, 23), (1, 28), "{{1}}")
    # é is the six characters \u00e9; 😀 is a twelve-character surrogate pair
    assert _pos(text, node, 3, 4)[2] == "\\u00e9"
    j = node.value.index("😀")
    assert _pos(text, node, j, j + 1)[2] == "\\ud83d\\ude00"
    k = node.value.index("{{2}}")
    assert _pos(text, node, k, k + 5) == ((1, 45), (1, 50), "{{2}}")


def test_json_tabs_non_ascii_and_crlf_lines():
    text = '{\r\n\t"name": "ñandú",\r\n\t"body": "日本 {{1}}"\r\n}'
    root = parse_json(text)
    body = root.get("body")
    i = body.value.index("{{1}}")
    assert _pos(text, body, i, i + 5) == ((3, 14), (3, 19), "{{1}}")
    assert root.get("name").path == "name"


def test_json_paths():
    text = json.dumps({"data": [{}, {}, {}, {"components": [{"buttons": [{}, {}, {"url": "https://x"}]}]}]})
    root = parse_json(text)
    url = root.get("data").value[3].get("components").value[0].get("buttons").value[2].get("url")
    assert url.path == "data[3].components[0].buttons[2].url"


@pytest.mark.parametrize("text,message,line,col", [
    ('{"a": 1,}', "trailing comma before '}'", 1, 9),
    ('{"a": 1\n "b": 2}', "unexpected character '\"'; expected ',' or '}' after the member 'a'", 2, 2),
    ("{'a': 1}", "unexpected character \"'\"; expected a member name in double quotes", 1, 2),
    ('{"a": "x\ny"}', "a line break inside a string is not allowed in JSON", 1, 9),
    ('{"a": tru}', "unexpected character 't'; expected a JSON value", 1, 7),
    ('{"a": "\\x"}', "invalid escape '\\x' in a string", 1, 8),
    ('', "the file is empty; expected a JSON template object, a list of them, or {\"data\": [...]}", 1, 1),
    ('{"a": [1, 2}', "unexpected character '}'; expected ',' or ']'", 1, 12),
])
def test_json_errors_have_positions(text, message, line, col):
    with pytest.raises(SourceError) as exc:
        parse_json(text)
    assert exc.value.message == message
    assert Source("f", text).position(exc.value.offset) == (line, col)


YAML = '''\
name: order_update   # comment
components:
  - type: BODY
    text: "Hi \\u00e9 {{1}},\\tok"
  - type: FOOTER
    text: 'It''s {{2}} here'
  - type: HEADER
    text: |
      Line one
        indented {{3}}
  - type: X
    text: >-
      folded
      line {{4}}
  - type: Y
    text: plain
      continued {{5}}
'''


@pytest.mark.parametrize("index,placeholder,line,col", [
    (0, "{{1}}", 4, 22), (1, "{{2}}", 6, 18), (2, "{{3}}", 10, 18), (3, "{{4}}", 14, 12), (4, "{{5}}", 17, 17),
])
def test_yaml_scalar_styles(index, placeholder, line, col):
    root = parse_yaml(YAML)
    node = root.get("components").value[index].get("text")
    i = node.value.index(placeholder)
    start, end, raw = _pos(YAML, node, i, i + len(placeholder))
    assert raw == placeholder
    assert start == (line, col)
    assert node.path == f"components[{index}].text"


def test_yaml_double_quoted_escape_maps_to_escape():
    root = parse_yaml(YAML)
    node = root.get("components").value[0].get("text")
    assert node.value == "Hi é {{1}},\tok"
    assert _pos(YAML, node, 3, 4)[2] == "\\u00e9"
    assert _pos(YAML, node, node.value.index("\t"), node.value.index("\t") + 1)[2] == "\\t"


def test_yaml_error_position():
    with pytest.raises(SourceError) as exc:
        parse_yaml("name: a\n  bad: [1, 2\n")
    line, col = Source("f", "name: a\n  bad: [1, 2\n").position(exc.value.offset)
    assert exc.value.message.startswith("invalid YAML")
    assert line >= 2


def test_template_shapes():
    for text, count in [('{"name": "a", "components": []}', 1), ('[{"name": "a"}, {"name": "b"}]', 2),
                        ('{"data": [{"name": "a"}], "paging": {}}', 1)]:
        nodes, problem = template_nodes(parse_json(text))
        assert len(nodes) == count and problem is None
    nodes, problem = template_nodes(parse_json('{"dependencies": {}}'))
    assert nodes == [] and problem.code == "IO003"


def test_invalid_utf8_is_a_positioned_problem():
    doc = read_bytes(b'{"name": "ok",\n "body": "\xff"}', "bad.json")
    assert doc.problem.code == "IO001"
    assert doc.source.position(doc.problem.offset) == (2, 11)


# -- property tests ----------------------------------------------------------------

_texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


def _encode_json_string(value: str, draw_bits) -> str:
    """JSON-encode with a random mix of literal characters and \\u escapes."""
    out = []
    for ch, bit in zip(value, draw_bits):
        if ch in '"\\' or ord(ch) < 0x20 or bit:
            if ord(ch) > 0xFFFF:
                v = ord(ch) - 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)))
            else:
                out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@settings(max_examples=300, deadline=None)
@given(value=_texts, bits=st.lists(st.booleans(), min_size=60, max_size=60),
       prefix=st.text(alphabet=" \t\n", max_size=5))
def test_json_source_map_roundtrip(value, bits, prefix):
    text = prefix + '{"body": ' + _encode_json_string(value, bits) + "}"
    node = parse_json(text).get("body")
    assert node.value == value
    for i, ch in enumerate(value):
        a, b = node.span(i, i + 1)
        assert 0 <= a < b <= len(text)
        raw = text[a:b]
        decoded = json.loads('"' + raw + '"')
        assert decoded == ch


@settings(max_examples=300, deadline=None)
@given(value=_texts, style=st.sampled_from(["plain", "single", "double", "literal"]))
def test_yaml_source_map_spans_inside_text(value, style):
    if style == "double":
        scalar = json.dumps(value, ensure_ascii=False)
    elif style == "single":
        scalar = "'" + value.replace("'", "''") + "'"
    elif style == "literal":
        scalar = "|\n" + "\n".join("  " + line for line in (value or "x").split("\n"))
    else:
        scalar = value
    text = "body: " + scalar + "\n"
    try:
        root = parse_yaml(text)
    except SourceError:
        return  # not every random string is a valid YAML scalar in every style
    node = root.get("body") if root.kind == "object" else None
    if node is None or node.kind != "string":
        return
    for i in range(len(node.value)):
        a, b = node.span(i, i + 1)
        assert 0 <= a <= b <= len(text)
        Source("f", text).position(a)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_reading_arbitrary_bytes_never_raises(data):
    for name in ("x.json", "x.yaml"):
        doc = read_bytes(data, name)
        if doc.problem is not None:
            assert 0 <= doc.problem.offset <= len(doc.source.text)
