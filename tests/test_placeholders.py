"""The placeholder lexer: kinds, spans and explanations for every malformed form in the spec."""
import pytest
from hypothesis import given, settings, strategies as st

from tmplint.placeholders import ENGINE, LITERAL, MALFORMED, NAMED, POSITIONAL, lex


def only(text):
    toks = [t for t in lex(text) if t.kind != LITERAL]
    assert len(toks) == 1, toks
    return toks[0]


@pytest.mark.parametrize("text,kind,key", [
    ("Hi {{1}}!", POSITIONAL, 1), ("Hi {{12}}!", POSITIONAL, 12), ("Hi {{first_name}}", NAMED, "first_name"),
    ("#{{2}}", POSITIONAL, 2), ("${{amount}}", NAMED, "amount"), ("{{address_line_2}}", NAMED, "address_line_2"),
])
def test_valid_placeholders(text, kind, key):
    tok = only(text)
    assert (tok.kind, tok.key) == (kind, key)
    assert text[tok.start:tok.end] == tok.raw


@pytest.mark.parametrize("text,problem,raw", [
    ("a {1} b", "single-braces", "{1}"),
    ("a {{1} b", "braces", "{{1}"),
    ("a {1}} b", "braces", "{1}}"),
    ("a {{{1}}} b", "braces", "{{{1}}}"),
    ("a {{ b", "unclosed", "{{"),
    ("a }} b", "stray-close", "}}"),
    ("a {{ 1 }} b", "spaces", "{{ 1 }}"),
    ("a {{#1}} b", "characters", "{{#1}}"),
    ("a {{$amount}} b", "characters", "{{$amount}}"),
    ("a {{%}} b", "characters", "{{%}}"),
    ("a {{1.5}} b", "decimal", "{{1.5}}"),
    ("a {{First Name}} b", "spaces-in-name", "{{First Name}}"),
    ("a {{FirstName}} b", "uppercase", "{{FirstName}}"),
    ("a {{0}} b", "zero", "{{0}}"),
    ("a {{01}} b", "leading-zero", "{{01}}"),
    ("a {{}} b", "empty", "{{}}"),
])
def test_malformed_forms(text, problem, raw):
    tok = only(text)
    assert tok.kind == MALFORMED
    assert (tok.problem, tok.raw) == (problem, raw)
    assert text[tok.start:tok.end] == raw


def test_messages_say_what_to_write():
    assert only("{{ 1 }}").detail == "`{{ 1 }}` has spaces inside the braces; write `{{1}}`"
    assert only("{{First Name}}").detail == ("`{{First Name}}` has spaces in the name; names are lowercase "
                                             "letters and underscores; write `{{first_name}}`")
    assert only("{{0}}").detail == "`{{0}}`: positional placeholders start at 1, not 0"


@pytest.mark.parametrize("text,problem,what", [
    ("Hi {{ user.name|title }}!", "jinja-expression", "a filter"),
    ("Hi {{ user.name }}!", "jinja-expression", "attribute access"),
    ("Hi {{ items[0] }}!", "jinja-expression", "attribute access"),
    ("Hi {{ greet() }}!", "jinja-expression", "a function call"),
    ("{% if vip %}Hi{% endif %}", "jinja-statement", "`{% if %}` block"),
    ("Hi {# note #}", "jinja-comment", "a comment"),
    ("{{#each items}}x{{/each}}", "handlebars", "Handlebars"),
    ("{{> footer}}", "handlebars", "Handlebars"),
])
def test_template_engine_leftovers(text, problem, what):
    toks = [t for t in lex(text) if t.kind == ENGINE]
    assert toks and toks[0].problem == problem
    assert what in toks[0].detail


def test_plain_braces_in_prose_are_left_alone():
    assert [t.kind for t in lex("Use {see above} and a smiley :-}")] == [LITERAL]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}%#| .$1a_Z \n")) | st.characters(), max_size=80))
def test_lexer_never_crashes_and_tiles_the_text(text):
    toks = lex(text)
    pos = 0
    for tok in toks:
        assert tok.start == pos and tok.end > tok.start
        assert text[tok.start:tok.end] == tok.raw
        pos = tok.end
    assert pos == len(text)
