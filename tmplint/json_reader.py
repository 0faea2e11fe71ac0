"""A JSON reader that keeps where every value and every decoded character came from.

The standard library's `json` throws positions away; a linter cannot. This is a
small strict RFC 8259 recursive-descent parser (iterative for arrays/objects
would buy nothing: templates are shallow) that builds `Node`s directly.
"""
from __future__ import annotations

from .nodes import Node, SourceError, join_path

_WS = " \t\n\r"
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_MAX_DEPTH = 200


def parse_json(text: str) -> Node:
    parser = _Parser(text)
    parser.skip_ws()
    if parser.pos < len(text) and text[parser.pos] == "\ufeff":
        parser.pos += 1
        parser.skip_ws()
    if parser.pos >= len(text):
        raise SourceError("the file is empty; expected a JSON template object, a list of them, "
                          'or {"data": [...]}', parser.pos)
    node = parser.value("", 0)
    parser.skip_ws()
    if parser.pos < len(text):
        raise SourceError(f"unexpected {parser.describe()} after the end of the JSON value",
                          parser.pos, "a JSON file holds one value; wrap several templates in a list [...]")
    return node


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def describe(self) -> str:
        if self.pos >= len(self.text):
            return "end of file"
        ch = self.text[self.pos]
        return f"character {ch!r}" if ch.isprintable() else f"character U+{ord(ch):04X}"

    def fail(self, message: str, hint: str | None = None, at: int | None = None):
        raise SourceError(message, self.pos if at is None else at, hint)

    def skip_ws(self) -> None:
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in _WS:
            pos += 1
        if text.startswith("//", pos) or text.startswith("/*", pos):
            self.pos = pos
            self.fail("comments are not allowed in JSON",
                      "remove the comment, or keep the template as YAML, which allows # comments")
        self.pos = pos

    def value(self, path: str, depth: int) -> Node:
        if depth > _MAX_DEPTH:
            self.fail("the JSON is nested too deeply to be a template")
        if self.pos >= len(self.text):
            self.fail("unexpected end of file; the JSON value is incomplete")
        ch = self.text[self.pos]
        if ch == "{":
            return self.obj(path, depth)
        if ch == "[":
            return self.arr(path, depth)
        if ch == '"':
            return self.string(path)
        if ch == "-" or ch.isdigit():
            return self.number(path)
        for word, kind, val in (("true", "bool", True), ("false", "bool", False), ("null", "null", None)):
            if self.text.startswith(word, self.pos):
                start = self.pos
                self.pos += len(word)
                return Node(kind, val, path, start, self.pos)
        if ch == "'":
            self.fail("strings must use double quotes in JSON", "replace ' with \"")
        for word in ("True", "False", "None", "NaN", "Infinity", "undefined"):
            if self.text.startswith(word, self.pos):
                self.fail(f"{word!r} is not a JSON value", "use true, false or null")
        self.fail(f"unexpected {self.describe()}; expected a JSON value")

    def obj(self, path: str, depth: int) -> Node:
        start = self.pos
        self.pos += 1
        members: dict[str, Node] = {}
        duplicates = []
        self.skip_ws()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return Node("object", members, path, start, self.pos)
        while True:
            self.skip_ws()
            if self.pos >= len(self.text):
                self.fail("unexpected end of file inside an object", "add the missing '}'", at=start)
            if self.text[self.pos] == "}":
                self.fail("trailing comma before '}'", "remove the comma after the last member")
            if self.text[self.pos] != '"':
                self.fail(f"unexpected {self.describe()}; expected a member name in double quotes")
            key_node = self.string(path)
            key = key_node.value
            self.skip_ws()
            if not self.text.startswith(":", self.pos):
                self.fail(f"expected ':' after the member name {key!r}")
            self.pos += 1
            self.skip_ws()
            child_path = join_path(path, key)
            child = self.value(child_path, depth + 1)
            child = _with_key(child, key_node.start, key_node.end)
            if key in members:
                duplicates.append((key, key_node.start, key_node.end))
            members[key] = child
            self.skip_ws()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                continue
            if self.text.startswith("}", self.pos):
                self.pos += 1
                return Node("object", members, path, start, self.pos, duplicate_keys=tuple(duplicates))
            if self.pos >= len(self.text):
                self.fail("unexpected end of file inside an object", "add the missing '}'", at=start)
            self.fail(f"unexpected {self.describe()}; expected ',' or '}}' after the member {key!r}",
                      "a comma may be missing between two members")

    def arr(self, path: str, depth: int) -> Node:
        start = self.pos
        self.pos += 1
        items: list[Node] = []
        self.skip_ws()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return Node("array", items, path, start, self.pos)
        while True:
            self.skip_ws()
            if self.text.startswith("]", self.pos):
                self.fail("trailing comma before ']'", "remove the comma after the last element")
            items.append(self.value(join_path(path, len(items)), depth + 1))
            self.skip_ws()
            if self.text.startswith(",", self.pos):
                self.pos += 1
                continue
            if self.text.startswith("]", self.pos):
                self.pos += 1
                return Node("array", items, path, start, self.pos)
            if self.pos >= len(self.text):
                self.fail("unexpected end of file inside a list", "add the missing ']'", at=start)
            self.fail(f"unexpected {self.describe()}; expected ',' or ']'",
                      "a comma may be missing between two elements")

    def number(self, path: str) -> Node:
        text, start = self.text, self.pos
        pos = start
        if text[pos] == "-":
            pos += 1
        if pos < len(text) and text[pos] == "0":
            pos += 1
        elif pos < len(text) and text[pos].isdigit():
            while pos < len(text) and text[pos].isdigit():
                pos += 1
        else:
            self.pos = pos
            self.fail("invalid number")
        is_float = False
        if pos < len(text) and text[pos] == ".":
            is_float = True
            pos += 1
            if not (pos < len(text) and text[pos].isdigit()):
                self.pos = pos
                self.fail("invalid number: digits must follow the decimal point")
            while pos < len(text) and text[pos].isdigit():
                pos += 1
        if pos < len(text) and text[pos] in "eE":
            is_float = True
            pos += 1
            if pos < len(text) and text[pos] in "+-":
                pos += 1
            if not (pos < len(text) and text[pos].isdigit()):
                self.pos = pos
                self.fail("invalid number: digits must follow the exponent")
            while pos < len(text) and text[pos].isdigit():
                pos += 1
        if pos < len(text) and text[pos].isdigit():
            self.pos = pos
            self.fail("invalid number: leading zeros are not allowed in JSON")
        raw = text[start:pos]
        self.pos = pos
        return Node("number", float(raw) if is_float else int(raw), path, start, pos)

    def string(self, path: str) -> Node:
        text, start = self.text, self.pos
        pos = start + 1
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        n = len(text)
        while True:
            if pos >= n:
                self.fail("unterminated string", 'add the closing "', at=start)
            ch = text[pos]
            if ch == '"':
                pos += 1
                break
            if ch == "\\":
                esc_start = pos
                if pos + 1 >= n:
                    self.fail("unterminated string", 'add the closing "', at=start)
                code = text[pos + 1]
                if code in _ESCAPES:
                    chars.append(_ESCAPES[code])
                    pos += 2
                elif code == "u":
                    cp, pos = self._unicode_escape(pos)
                    if 0xD800 <= cp <= 0xDBFF and text.startswith("\\u", pos):
                        low, after = self._unicode_escape(pos)
                        if 0xDC00 <= low <= 0xDFFF:
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00)
                            pos = after
                    if 0xD800 <= cp <= 0xDFFF:  # a lone surrogate cannot be printed or encoded
                        cp = 0xFFFD
                    chars.append(chr(cp))
                else:
                    self.pos = pos
                    self.fail(f"invalid escape '\\{code}' in a string",
                              "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX; "
                              "write a backslash as \\\\")
                starts.append(esc_start)
                ends.append(pos)
                continue
            if ord(ch) < 0x20:
                self.pos = pos
                what = "a line break" if ch in "\r\n" else "a control character"
                self.fail(f"{what} inside a string is not allowed in JSON",
                          "write a line break as \\n" if ch in "\r\n" else "escape it as \\uXXXX")
            chars.append(ch)
            starts.append(pos)
            ends.append(pos + 1)
            pos += 1
        self.pos = pos
        return Node("string", "".join(chars), path, start, pos,
                    char_starts=tuple(starts), char_ends=tuple(ends))

    def _unicode_escape(self, pos: int) -> tuple[int, int]:
        digits = self.text[pos + 2:pos + 6]
        if len(digits) != 4 or any(c not in "0123456789abcdefABCDEF" for c in digits):
            self.pos = pos
            self.fail("invalid \\u escape: expected four hex digits")
        return int(digits, 16), pos + 6


def _with_key(node: Node, key_start: int, key_end: int) -> Node:
    return Node(node.kind, node.value, node.path, node.start, node.end, key_start, key_end,
                node.char_starts, node.char_ends, node.duplicate_keys)
