"""What checks produce and reports consume."""
from __future__ import annotations

from dataclasses import dataclass, field

from .nodes import Node

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Edit:
    """Replace file text [start, end) with `text` (offsets in the original file)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Hit:
    """A check's raw result: which rule, which node, which characters, what to say."""

    code: str
    node: Node
    message: str
    begin: int | None = None  # character offsets inside a string node
    end: int | None = None
    on_key: bool = False  # point at the member's key rather than its value
    fix: tuple[Edit, ...] = ()
    unsafe: bool = False  # the fix may change meaning: applied only with --unsafe-fixes
    severity: str | None = None  # overrides the rule's default (lexicon entries carry their own)

    def offsets(self) -> tuple[int, int]:
        """File offsets: a member's key, a container's key (or its bracket), or the characters."""
        node = self.node
        if self.on_key or (node.kind in ("object", "array") and node.key_start is not None):
            return node.key_span()
        if node.kind in ("object", "array"):
            return node.start, node.start + 1
        return node.span(self.begin, self.end)


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    meta_reason: str
    path: str
    json_path: str
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive, as in SARIF
    start: int = field(repr=False, default=0)  # file offsets
    end: int = field(repr=False, default=0)
    fix: tuple[Edit, ...] = field(repr=False, default=())
    fix_unsafe: bool = field(repr=False, default=False)

    @property
    def fix_kind(self) -> str | None:
        if not self.fix:
            return None
        return "unsafe" if self.fix_unsafe else "safe"

    def to_state(self) -> dict:
        """Everything, for the cache and worker processes (to_dict is the public report form)."""
        state = {k: getattr(self, k) for k in ("code", "name", "severity", "message", "meta_reason", "path",
                                               "json_path", "line", "column", "end_line", "end_column",
                                               "start", "end", "fix_unsafe")}
        state["fix"] = [[e.start, e.end, e.text] for e in self.fix]
        return state

    @classmethod
    def from_state(cls, state: dict) -> "Finding":
        data = dict(state)
        data["fix"] = tuple(Edit(*e) for e in data["fix"])
        return cls(**data)

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "message": self.message, "meta_reason": self.meta_reason, "path": self.path,
                "json_path": self.json_path, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column,
                "fix": self.fix_kind}
