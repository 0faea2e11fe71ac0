"""Placeholder rules (PH): syntax, numbering, kinds, position and example values."""
from __future__ import annotations

import re
import unicodedata

from ..findings import Edit, Hit
from ..model import Component, Template, Text
from ..placeholders import ENGINE, MALFORMED, NAMED, POSITIONAL, Token
from . import Context, check, string_nodes

_BRACE_PROBLEMS = {"single-braces", "braces", "unclosed", "stray-close"}
_KIND_ROLES = ("header", "body", "card_header", "card_body")
_BODY_ROLES = ("body", "card_body")


def _hit(code: str, text: Text, tok: Token, message: str, fix: tuple[Edit, ...] = ()) -> Hit:
    return Hit(code, text.node, message, tok.start, tok.end, fix=fix)


def _replace(text: Text, tok: Token, new: str) -> tuple[Edit, ...]:
    start, end = text.node.span(tok.start, tok.end)
    return (Edit(start, end, new),)


_SAFE_REWRITES = ("spaces", "leading-zero")


@check("PH001", "PH002", "PH003")
def syntax(t: Template, ctx: Context):
    for text in t.texts:
        for tok in text.tokens:
            if tok.kind == MALFORMED:
                code = "PH001" if tok.problem in _BRACE_PROBLEMS else "PH002"
                # Whitespace and leading zeros are certain; other rewrites guess the intent.
                fix = _replace(text, tok, tok.replacement) if tok.replacement else ()
                yield Hit(code, text.node, f"Malformed placeholder: {tok.detail}.", tok.start, tok.end, fix=fix,
                          unsafe=tok.problem not in _SAFE_REWRITES)
            elif tok.kind == ENGINE:
                yield _hit("PH003", text, tok, f"Template-engine syntax left in the text: {tok.detail}.")


def _renumber_fix(t: Template, comp_text: Text, positional: list[Token]) -> tuple[Edit, ...]:
    """Edits renumbering placeholders 1..n by first appearance and reordering examples to match."""
    if any(tok.kind in (MALFORMED, ENGINE) for tok in comp_text.tokens):
        return ()  # a malformed placeholder may be one of the numbers: fix that first
    numbers = sorted({tok.key for tok in positional})
    order = list(dict.fromkeys(tok.key for tok in positional))
    new_number = {old: i + 1 for i, old in enumerate(order)}
    edits = []
    for tok in positional:
        if tok.key != new_number[tok.key]:
            edits.extend(_replace(comp_text, tok, f"{{{{{new_number[tok.key]}}}}}"))
    comp = next((c for c in list(t.components) + [c for card in t.cards for c in card.components]
                 if c.text is comp_text), None)
    example = comp.field("example") if comp is not None else None
    key = "header_text" if comp_text.role in ("header", "card_header") else "body_text"
    values_node = example.get(key) if example is not None else None
    if values_node is not None:
        values = values_node.elements()
        if key == "body_text":
            values = values[0].elements() if values and values[0].kind == "array" else []
        if len(values) != len(numbers):
            return ()  # examples do not line up with the placeholders: do not guess
        raw = t.source.text
        by_rank = {old: values[numbers.index(old)] for old in numbers}
        for old in numbers:
            target = values[new_number[old] - 1]
            moved = by_rank[old]
            if target is not moved:
                edits.append(Edit(target.start, target.end, raw[moved.start:moved.end]))
    return tuple(edits)


@check("PH004", "PH005", "PH020")
def positional_sequence(t: Template, ctx: Context):
    for text in t.texts:
        if text.role not in _KIND_ROLES:
            continue
        positional = [tok for tok in text.tokens if tok.kind == POSITIONAL]
        if not positional or _has_broken(text):
            continue  # a malformed placeholder may be one of the numbers: PH001-PH003 say so first
        numbers = sorted({tok.key for tok in positional})
        expected = list(range(1, len(numbers) + 1))
        if numbers != expected:
            missing = [n for n in range(1, numbers[-1] + 1) if n not in numbers]
            first_bad = next(tok for tok in positional if tok.key not in expected)
            gap = ", ".join(f"{{{{{n}}}}}" for n in missing)
            yield _hit("PH004", text, first_bad,
                       f"Positional placeholders in the {_role(text)} must be numbered 1 to "
                       f"{len(numbers)} without gaps; {gap} {'is' if len(missing) == 1 else 'are'} "
                       f"missing before `{first_bad.raw}`.", _renumber_fix(t, text, positional))
        seen: list[int] = []
        order_reported = False
        for tok in positional:
            if tok.key in seen:
                yield _hit("PH020", text, tok,
                           f"`{tok.raw}` is used more than once in the {_role(text)}; Meta accepts it "
                           "but the same value is then shown twice; check that this is intended.")
                continue
            if not order_reported and numbers == expected and tok.key != len(seen) + 1:
                order_reported = True
                yield _hit("PH005", text, tok,
                           f"`{tok.raw}` appears where `{{{{{len(seen) + 1}}}}}` was expected: number "
                           "positional placeholders in order of first appearance (Meta asks for "
                           "ordered values; one provider says any order is accepted).",
                           _renumber_fix(t, text, positional))
            seen.append(tok.key)


def _role(text: Text) -> str:
    return {"header": "header", "body": "body", "footer": "footer", "card_body": "card body",
            "card_header": "card header", "url": "URL", "button_text": "button text",
            "lto_text": "offer text"}.get(text.role, text.role)


@check("PH006", "PH007")
def placeholder_kinds(t: Template, ctx: Context):
    texts = [x for x in t.texts if x.role in _KIND_ROLES]
    tokens = [(x, tok) for x in texts for tok in x.tokens if tok.is_placeholder]
    if not tokens:
        return
    kinds = {tok.kind for _, tok in tokens}
    if len(kinds) > 1:
        first_kind = tokens[0][1].kind
        text, tok = next((x, tok) for x, tok in tokens if tok.kind != first_kind)
        yield _hit("PH006", text, tok,
                   f"`{tok.raw}` is a {_kind(tok.kind)} placeholder but the template already uses "
                   f"{_kind(first_kind)} ones (`{tokens[0][1].raw}`); use one kind throughout the header "
                   "and body.")
        return
    declared_node = t.field("parameter_format")
    declared = t.parameter_format or "POSITIONAL"
    kind = tokens[0][1].kind
    if declared not in ("POSITIONAL", "NAMED"):
        return  # ST011 reports an invalid value
    if kind == NAMED and declared == "POSITIONAL":
        text, tok = tokens[0]
        how = "is POSITIONAL" if declared_node is not None else "is not set (POSITIONAL is the default)"
        yield _hit("PH007", text, tok,
                   f"`{tok.raw}` is a named placeholder but parameter_format {how}; "
                   'set "parameter_format": "NAMED".')
    elif kind == POSITIONAL and declared == "NAMED":
        text, tok = tokens[0]
        yield _hit("PH007", text, tok,
                   f"`{tok.raw}` is a positional placeholder but parameter_format is NAMED; use names "
                   "such as `{{first_name}}` or set parameter_format to POSITIONAL.")


def _kind(kind: str) -> str:
    return "named" if kind == NAMED else "positional"


def _is_punct(s: str) -> bool:
    return bool(s) and all(unicodedata.category(c).startswith("P") or c.isspace() for c in s)


@check("PH008", "PH009", "PH010", "PH011", "PH013")
def placeholder_position(t: Template, ctx: Context):
    for text in t.texts:
        if text.role not in _BODY_ROLES:
            continue
        toks = [tok for tok in text.tokens if not (tok.kind == "literal" and not tok.raw.strip())]
        if not toks:
            continue
        if toks[0].is_placeholder:
            yield _hit("PH008", text, toks[0],
                       f"The {_role(text)} starts with the variable `{toks[0].raw}`; put fixed text "
                       "before it (Meta rejects templates whose body starts with a variable).")
        last = toks[-1]
        if last.is_placeholder:
            yield _hit("PH009", text, last,
                       f"The {_role(text)} ends with the variable `{last.raw}`; put fixed text after it "
                       "(Meta rejects templates whose body ends with a variable).")
        elif len(toks) >= 2 and toks[-2].is_placeholder and last.kind == "literal" and _is_punct(last.raw):
            yield _hit("PH010", text, toks[-2],
                       f"The {_role(text)} ends with `{toks[-2].raw}` followed only by punctuation; one "
                       "provider reports Meta treats this as ending with a variable: add a few words "
                       "after it.")
        # adjacency: two placeholders with nothing but whitespace between them
        all_toks = text.tokens
        for i, tok in enumerate(all_toks):
            if not tok.is_placeholder:
                continue
            j = i + 1
            if j < len(all_toks) and all_toks[j].kind == "literal" and not all_toks[j].raw.strip():
                j += 1
            if j < len(all_toks) and all_toks[j].is_placeholder:
                nxt = all_toks[j]
                yield Hit("PH011", text.node,
                          f"`{tok.raw}` and `{nxt.raw}` stand next to each other with no text between "
                          "them; separate them with words (Meta rejects adjacent variables).",
                          tok.start, nxt.end)
        # floating: a line holding only a variable
        offset = 0
        for line in text.value.split("\n"):
            stripped = line.strip()
            lead = len(line) - len(line.lstrip())
            tok = next((x for x in text.tokens if x.is_placeholder and x.start == offset + lead), None)
            if tok is not None and stripped == tok.raw and len(text.value.strip()) != len(stripped):
                yield _hit("PH013", text, tok,
                           f"`{tok.raw}` stands alone on its line (a \"floating\" variable); providers "
                           "report rejections for this: add words on the same line.")
            offset += len(line) + 1


_WORD = re.compile(r"\w+", re.UNICODE)


@check("PH012")
def variable_ratio(t: Template, ctx: Context):
    for text in t.texts:
        if text.role not in _BODY_ROLES:
            continue
        count = len(text.placeholders)
        if not count:
            continue
        words = sum(len(_WORD.findall(tok.raw)) for tok in text.tokens if tok.kind == "literal")
        needed = 2 * count + 1
        if words < needed:
            yield Hit("PH012", text.node,
                      f"The {_role(text)} has {count} variable{'s' if count > 1 else ''} but only {words} "
                      f"word{'s' if words != 1 else ''} of fixed text; providers report Meta wants at "
                      f"least {needed} (2 x variables + 1): add context around the variables.",
                      0, len(text.value))


@check("PH018", "PH019", "PH021")
def placeholder_placement(t: Template, ctx: Context):
    limit = ctx.facts["limits"]["named_parameter_length"]
    for text in t.texts:
        ph = text.placeholders
        if text.role in ("header", "card_header") and len(ph) > ctx.facts["limits"]["header_variables"]:
            for tok in ph[1:]:
                yield _hit("PH018", text, tok,
                           f"The header may hold at most one variable; `{tok.raw}` is number {ph.index(tok) + 1}.")
        if text.role == "footer":
            for tok in ph:
                yield _hit("PH019", text, tok,
                           f"Footers cannot contain variables; `{tok.raw}` must be replaced by fixed text "
                           "(Meta's components reference allows no variables in a footer).")
        for tok in ph:
            if tok.kind == NAMED and len(tok.key) > limit:
                yield _hit("PH021", text, tok,
                           f"The name `{tok.key}` is {len(tok.key)} characters long; one client library "
                           f"limits names to {limit}: shorten it.")


# -- examples -----------------------------------------------------------------

@check("PH014", "PH015", "PH016")
def examples(t: Template, ctx: Context):
    groups = [(t.components, "")] + [(card.components, "card_") for card in t.cards]
    for comps, prefix in groups:
        for comp in comps:
            if comp.type not in ("HEADER", "BODY") or comp.text is None:
                continue
            if t.category == "AUTHENTICATION" and comp.type == "BODY":
                continue  # the preset body's code variable needs no example
            yield from _check_examples(comp, comp.text, "header" if comp.type == "HEADER" else "body")


def _has_broken(text: Text) -> bool:
    return any(tok.kind in (MALFORMED, ENGINE) for tok in text.tokens)


def _check_examples(comp: Component, text: Text, part: str):
    ph = text.placeholders
    if not ph or _has_broken(text):
        return  # counting would be wrong until the malformed placeholders are fixed
    example = comp.field("example")
    positional = [tok for tok in ph if tok.kind == POSITIONAL]
    named = [tok for tok in ph if tok.kind == NAMED]
    where = f"{part}'s"
    if positional:
        key = f"{part}_text"
        values_node = example.get(key) if example is not None else None
        count = len({tok.key for tok in positional})
        if values_node is None:
            shape = '["value"]' if part == "header" else '[["value 1", "value 2"]]'
            yield _hit("PH014", text, positional[0],
                       f"The {part} has {count} variable{'s' if count > 1 else ''} but no example "
                       f"values; add example.{key}: {shape} (Meta rejects templates without "
                       "sample values).")
            return
        values = values_node.elements()
        if part == "body":
            if values and values[0].kind == "array":
                values = values[0].elements()
            elif values_node.kind == "array" and values and values[0].kind == "string":
                yield Hit("PH015", values_node,
                          "example.body_text must be a list holding one list of values "
                          "([[...]]), not a flat list.")
                return
        if len(values) != count:
            yield Hit("PH015", values_node,
                         f"The {part} has {count} variable{'s' if count != 1 else ''} but "
                         f"example.{key} gives {len(values)} value{'s' if len(values) != 1 else ''}; "
                         "give exactly one example per variable, in order.")
    if named:
        key = f"{part}_text_named_params"
        params_node = example.get(key) if example is not None else None
        given: dict[str, object] = {}
        for param in (params_node.elements() if params_node is not None else []):
            name_node = param.get("param_name") if param.kind == "object" else None
            if name_node is not None and name_node.kind == "string":
                given[name_node.value] = name_node
        names = list(dict.fromkeys(tok.key for tok in named))
        reported = set()
        for tok in named:
            if tok.key not in given and tok.key not in reported:
                reported.add(tok.key)
                yield _hit("PH014", text, tok,
                           f"`{tok.raw}` has no example value; add {{\"param_name\": \"{tok.key}\", "
                           f"\"example\": \"...\"}} to example.{key}.")
        for name, node in given.items():
            if name not in names:
                yield Hit("PH016", node,
                          f"example.{key} gives a value for `{name}`, but the {where[:-2]} has no "
                          f"`{{{{{name}}}}}` placeholder; remove it or fix the name.")


_BAD_WS = re.compile(r"\n|\r|\t| {5,}")


@check("PH017")
def example_whitespace(t: Template, ctx: Context):
    for comp in list(t.components) + [c for card in t.cards for c in card.components]:
        nodes = []
        example = comp.field("example")
        if example is not None:
            nodes.append(example)
        for button in comp.buttons:
            if button.field("example") is not None:
                nodes.append(button.field("example"))
        for node in nodes:
            for s in string_nodes(node, skip=("param_name",)):
                m = _BAD_WS.search(s.value)
                if m:
                    what = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}.get(m.group(), "5 or more consecutive spaces")
                    yield Hit("PH017", s,
                              f"This example value contains {what}; parameter values sent with the "
                              "template may not contain line breaks, tabs or more than 4 consecutive "
                              "spaces, so the example must not either.", m.start(), m.end())


@check("PH022")
def media_header_example(t: Template, ctx: Context):
    media = set(ctx.facts["media_header_formats"])
    comps = list(t.components) + [c for card in t.cards for c in card.components]
    for comp in comps:
        if comp.type != "HEADER" or comp.format not in media:
            continue
        example = comp.field("example")
        handle = example.get("header_handle") if example is not None else None
        if handle is None or (handle.kind == "array" and not handle.value):
            yield Hit("PH022", comp.field("format") or comp.node,
                         f"{'An' if comp.format[0] in 'AEIOU' else 'A'} {comp.format} header needs a sample: add example.header_handle with the "
                         "handle of an uploaded sample file (Meta reviews the media).")
