"""Turn a template's texts into display runs for the HTML preview.

WhatsApp formatting is rendered (bold, italic, strikethrough, monospace),
placeholders are filled from the examples, and every character remembers which
findings cover it, so the page can mark findings on the text as users will see it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..findings import Finding
from ..model import Template, Text
from ..nodes import Node
from ..placeholders import NAMED, POSITIONAL

_MARKERS = {"*": "b", "_": "i", "~": "s"}


@dataclass(frozen=True)
class Run:
    text: str
    styles: frozenset[str]  # b, i, s, code, var
    findings: tuple[int, ...]  # indices into the template's finding list
    title: str = ""


def _examples(t: Template, text: Text) -> dict:
    """Example values by placeholder key for a header or body text."""
    comp = next((c for c in list(t.components) + [c for card in t.cards for c in card.components]
                 if c.text is text), None)
    example = comp.field("example") if comp is not None else None
    if example is None or example.kind != "object":
        return {}
    part = "header" if text.role in ("header", "card_header") else "body"
    values: dict = {}
    positional = example.get(f"{part}_text")
    if positional is not None:
        items = positional.elements()
        if part == "body" and items and items[0].kind == "array":
            items = items[0].elements()
        for i, node in enumerate(items, 1):
            if node.kind == "string":
                values[i] = node.value
    for param in (example.get(f"{part}_text_named_params") or Node("null", None, "", 0, 0)).elements():
        name, value = param.get("param_name"), param.get("example")
        if name is not None and value is not None and name.kind == value.kind == "string":
            values[name.value] = value.value
    return values


def _formatting(value: str, skip: set[int]) -> tuple[list[set[str]], set[int]]:
    """Per-character styles and the positions of marker characters to hide."""
    styles = [set() for _ in value]
    hidden: set[int] = set()
    for m in re.finditer(r"```(.+?)```", value, re.S):
        hidden.update(range(m.start(), m.start() + 3))
        hidden.update(range(m.end() - 3, m.end()))
        for i in range(m.start() + 3, m.end() - 3):
            styles[i].add("code")
    offset = 0
    for line in value.split("\n"):
        for marker, style in _MARKERS.items():
            pattern = re.compile(r"(?<![\w%s])%s(?=\S)(.+?)(?<=\S)%s(?![\w%s])" % ((re.escape(marker),) * 4))
            for m in pattern.finditer(line):
                a, b = offset + m.start(), offset + m.end()
                if a in skip or b - 1 in skip or a in hidden:
                    continue
                hidden.update((a, b - 1))
                for i in range(a + 1, b - 1):
                    styles[i].add(style)
        offset += len(line) + 1
    return styles, hidden


def runs(t: Template, text: Text, findings: list[Finding], fill: bool = True) -> list[Run]:
    value = text.value
    start_of = text.node.char_starts or ()
    end_of = text.node.char_ends or ()
    covering: list[list[int]] = [[] for _ in value]
    for index, f in enumerate(findings):
        if f.json_path != text.node.path:
            continue
        for i in range(len(value)):
            if start_of and start_of[i] < max(f.end, f.start + 1) and end_of[i] > f.start:
                covering[i].append(index)
    placeholder_at = {tok.start: tok for tok in text.tokens if tok.kind in (POSITIONAL, NAMED)}
    inside = {i for tok in placeholder_at.values() for i in range(tok.start, tok.end)}
    styles, hidden = _formatting(value, inside)
    examples = _examples(t, text) if fill else {}
    out: list[Run] = []
    i = 0
    while i < len(value):
        tok = placeholder_at.get(i)
        if tok is not None:
            marks = tuple(sorted({x for k in range(tok.start, tok.end) for x in covering[k]}))
            shown = examples.get(tok.key, tok.raw)
            out.append(Run(shown, frozenset(styles[i] | {"var"}), marks, title=tok.raw))
            i = tok.end
            continue
        if i in hidden:
            i += 1
            continue
        out.append(Run(value[i], frozenset(styles[i]), tuple(covering[i])))
        i += 1
    merged: list[Run] = []
    for run in out:
        if merged and "var" not in run.styles and "var" not in merged[-1].styles and \
                (merged[-1].styles, merged[-1].findings) == (run.styles, run.findings):
            merged[-1] = Run(merged[-1].text + run.text, run.styles, run.findings)
        else:
            merged.append(run)
    return merged
