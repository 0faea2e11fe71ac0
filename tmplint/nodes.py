"""The document tree every reader produces: values with exact file positions.

JSON and YAML both become the same `Node` tree, so no check ever needs to know
which format a template came from. Strings carry a per-character source map
(`char_starts`/`char_ends`: file offsets of each decoded code point), which is
what lets a finding point at the exact character even across escapes.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class Source:
    """A file's text with a line table; turns offsets into 1-based line/column.

    Columns count Unicode code points (a tab is one column), the unit SARIF
    calls `unicodeCodePoints`.
    """

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        starts = [0]
        starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        self.line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def join_path(base: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    if _IDENT.match(key):
        return f"{base}.{key}" if base else key
    escaped = key.replace("\\", "\\\\").replace('"', '\\"')
    return f'{base}["{escaped}"]'


@dataclass(frozen=True, eq=False)
class Node:
    """One JSON/YAML value. `start`/`end` are file offsets of the whole value."""

    kind: str  # "object" | "array" | "string" | "number" | "bool" | "null"
    value: Any  # dict[str, Node] | list[Node] | str | int | float | bool | None
    path: str
    start: int
    end: int
    key_start: int | None = None  # where this member's key is, for object members
    key_end: int | None = None
    char_starts: tuple[int, ...] | None = None
    char_ends: tuple[int, ...] | None = None
    duplicate_keys: tuple[tuple[str, int, int], ...] = field(default=())

    # -- object helpers -------------------------------------------------
    def get(self, key: str) -> Node | None:
        if self.kind != "object":
            return None
        return self.value.get(key)

    def get_ci(self, key: str) -> Node | None:
        """Case-insensitive member lookup (Meta accepts `Type`/`TYPE` in places)."""
        if self.kind != "object":
            return None
        if key in self.value:
            return self.value[key]
        low = key.lower()
        for k, v in self.value.items():
            if k.lower() == low:
                return v
        return None

    def items(self) -> Iterator[tuple[str, Node]]:
        if self.kind == "object":
            yield from self.value.items()

    def elements(self) -> list[Node]:
        return list(self.value) if self.kind == "array" else []

    # -- scalar helpers -------------------------------------------------
    @property
    def text(self) -> str | None:
        return self.value if self.kind == "string" else None

    def span(self, begin: int | None = None, stop: int | None = None) -> tuple[int, int]:
        """File offsets for characters [begin, stop) of a string (whole value if None)."""
        if self.kind != "string" or begin is None or not self.char_starts:
            return self.start, self.end
        n = len(self.char_starts)
        begin = max(0, min(begin, n))
        stop = max(begin, min(stop if stop is not None else n, n))
        if begin == n:  # empty span at the end of the string
            pos = self.char_ends[n - 1]
            return pos, pos
        if stop == begin:
            return self.char_starts[begin], self.char_starts[begin]
        return self.char_starts[begin], self.char_ends[stop - 1]

    def key_span(self) -> tuple[int, int]:
        if self.key_start is not None and self.key_end is not None:
            return self.key_start, self.key_end
        return self.start, self.end


class SourceError(Exception):
    """A file that cannot be read as JSON/YAML; carries the offending offset."""

    def __init__(self, message: str, offset: int = 0, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint
