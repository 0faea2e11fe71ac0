"""A YAML reader that keeps file positions, built on PyYAML's composer.

PyYAML gives every node its start/end marks but decodes scalars (escapes,
folding, block indentation) without saying where each character came from.
We align the decoded value against the raw scalar text instead of
re-implementing YAML's scanner: equal characters match, double-quoted escapes
are decoded in place, and folded line breaks match the whitespace they replaced.
"""
from __future__ import annotations

import datetime

import yaml

from .nodes import Node, SourceError, join_path

_DQ_SIMPLE = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
              "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
              "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_DQ_HEX = {"x": 2, "u": 4, "U": 8}


def parse_yaml(text: str) -> Node:
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        offset = mark.index if mark is not None else 0
        problem = exc.problem or exc.context or "invalid YAML"
        context = f" ({exc.context})" if exc.context and exc.problem else ""
        raise SourceError(f"invalid YAML: {problem}{context}", offset,
                          "check the indentation and quoting on this line") from None
    except yaml.YAMLError as exc:  # reader errors: unprintable characters
        raise SourceError(f"invalid YAML: {exc}", getattr(exc, "position", 0) or 0) from None
    documents = [d for d in documents if d is not None]
    if not documents:
        raise SourceError("the file is empty; expected a YAML template mapping, a list of them, "
                          "or a mapping with a data: list", 0)
    builder = _Builder(text)
    if len(documents) == 1:
        return builder.build(documents[0], "")
    # Several `---` documents: treat them as a list of templates.
    items = [builder.build(doc, join_path("", i)) for i, doc in enumerate(documents)]
    return Node("array", items, "", documents[0].start_mark.index, documents[-1].end_mark.index)


class _Builder:
    def __init__(self, text: str):
        self.text = text
        self.constructor = yaml.SafeLoader("")
        self.active: set[int] = set()

    def build(self, node: yaml.Node, path: str, depth: int = 0) -> Node:
        start, end = node.start_mark.index, node.end_mark.index
        if id(node) in self.active or depth > 200:
            raise SourceError("recursive YAML alias; a template cannot contain itself", start)
        if isinstance(node, yaml.MappingNode):
            self.active.add(id(node))
            members: dict[str, Node] = {}
            duplicates = []
            for key_node, value_node in node.value:
                key = self.scalar_value(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str):
                    key = str(key) if isinstance(key, (int, float, bool)) or key is None else None
                if key is None:
                    raise SourceError("a mapping key must be a plain string", key_node.start_mark.index)
                child = self.build(value_node, join_path(path, key), depth + 1)
                child = Node(child.kind, child.value, child.path, child.start, child.end,
                             key_node.start_mark.index, key_node.end_mark.index,
                             child.char_starts, child.char_ends, child.duplicate_keys)
                if key in members:
                    duplicates.append((key, key_node.start_mark.index, key_node.end_mark.index))
                members[key] = child
            self.active.discard(id(node))
            return Node("object", members, path, start, end, duplicate_keys=tuple(duplicates))
        if isinstance(node, yaml.SequenceNode):
            self.active.add(id(node))
            items = [self.build(v, join_path(path, i), depth + 1) for i, v in enumerate(node.value)]
            self.active.discard(id(node))
            return Node("array", items, path, start, end)
        value = self.scalar_value(node)
        if isinstance(value, bool):
            return Node("bool", value, path, start, end)
        if value is None:
            return Node("null", None, path, start, end)
        if isinstance(value, (int, float)):
            return Node("number", value, path, start, end)
        if isinstance(value, (datetime.date, datetime.datetime)) or not isinstance(value, str):
            value = node.value  # keep what the user wrote (dates etc. are text to us)
        starts, ends = _align(self.text, start, end, value, node.style)
        return Node("string", value, path, start, end, char_starts=starts, char_ends=ends)

    def scalar_value(self, node: yaml.ScalarNode):
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value


def _align(text: str, start: int, end: int, value: str, style: str | None):
    """Map each character of the decoded `value` to its offsets in text[start:end]."""
    pos = start
    if style in ('"', "'"):
        pos += 1
        end = max(pos, end - 1)
    elif style in ("|", ">"):
        nl = text.find("\n", start, end)
        pos = nl + 1 if nl != -1 else end
    starts: list[int] = []
    ends: list[int] = []
    for ch in value:
        found = None
        while pos < end:
            raw = text[pos]
            if style == '"' and raw == "\\":
                decoded, length = _dq_escape(text, pos, end)
                if decoded is None:  # escaped line break: produces nothing
                    pos += length
                    continue
                if decoded == ch:
                    found = (pos, pos + length)
                    pos += length
                    break
                pos += length
                continue
            if raw == ch:
                found = (pos, pos + 1)
                pos += 1
                break
            if ch in " \n" and raw in "\r\n":  # a folded or kept line break
                found = (pos, pos + 1)
                pos += 2 if text.startswith("\r\n", pos) else 1
                break
            pos += 1
        if found is None:  # could not align (should not happen): point at the scalar's end
            last = ends[-1] if ends else start
            found = (last, last)
        starts.append(found[0])
        ends.append(found[1])
    return tuple(starts), tuple(ends)


def _dq_escape(text: str, pos: int, end: int):
    """Decode the double-quoted escape at pos: (char or None for a line join, raw length)."""
    if pos + 1 >= end:
        return "\\", 1
    code = text[pos + 1]
    if code in _DQ_SIMPLE:
        return _DQ_SIMPLE[code], 2
    if code in _DQ_HEX:
        width = _DQ_HEX[code]
        digits = text[pos + 2:pos + 2 + width]
        try:
            return chr(int(digits, 16)), 2 + width
        except ValueError:
            return "\\", 1
    if code in "\r\n":
        length = 2
        if text.startswith("\r\n", pos + 1):
            length = 3
        while pos + length < end and text[pos + length] in " \t":
            length += 1
        return None, length
    return "\\", 1
