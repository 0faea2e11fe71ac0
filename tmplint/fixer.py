"""Apply fixes to the original file text, one verified fix at a time, and write atomically.

Each round lints the current text, takes the first applicable fix, applies its
edits, then re-reads and re-lints: a fix that breaks parsing or creates a
finding that was not there before is dropped and reported. Files that do not
parse are never touched. Re-running on the result changes nothing.
"""
from __future__ import annotations

import difflib
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .engine import Linter
from .findings import Edit, Finding
from .sources import Document, parse

MAX_FIXES = 500


@dataclass
class FileFix:
    path: str
    original: str
    fixed: str
    encoding: str
    applied: list[Finding] = field(default_factory=list)
    dropped: list[tuple[Finding, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.original.splitlines(keepends=True),
                                            self.fixed.splitlines(keepends=True),
                                            f"a/{self.path}", f"b/{self.path}"))


def apply_edits(text: str, edits: tuple[Edit, ...]) -> str:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def _overlap(edits: tuple[Edit, ...]) -> bool:
    spans = sorted((e.start, e.end) for e in edits)
    return any(b[0] < a[1] for a, b in zip(spans, spans[1:]))


def _shape(node, out=None) -> set[tuple[str, str]]:
    """(json path, kind) of every value: a fix may change strings, never the structure."""
    out = set() if out is None else out
    out.add((node.path, node.kind))
    children = node.value.values() if node.kind == "object" else node.value if node.kind == "array" else ()
    for child in children:
        _shape(child, out)
    return out


def _removed_subtree(before: set, after: set, path: str) -> bool:
    """True when `after` is `before` minus exactly the member at `path` and its descendants."""
    def under(p: str) -> bool:
        return p == path or p.startswith(path + ".") or p.startswith(path + "[")
    return after == {item for item in before if not under(item[0])}


def _identity(f: Finding) -> tuple:
    return f.code, f.json_path, f.message


def fix_document(linter: Linter, document: Document, unsafe: bool = False) -> FileFix:
    path = document.source.path
    text = document.source.text
    result = FileFix(path, text, text, document.encoding)
    if document.problem is not None or document.root is None:
        return result  # never fix a file that failed to parse
    skipped: set[tuple] = set()
    for _ in range(MAX_FIXES):
        findings = linter.lint([parse(text, path, document.encoding)]).findings
        candidates = [f for f in findings if f.fix and (unsafe or not f.fix_unsafe)
                      and _identity(f) not in skipped and not _overlap(f.fix)]
        if not candidates:
            break
        finding = min(candidates, key=lambda f: (f.start, f.code))
        new_text = apply_edits(text, finding.fix)
        new_doc = parse(new_text, path, document.encoding)
        reason = None
        if new_doc.problem is not None:
            reason = f"it would make the file unreadable ({new_doc.problem.message})"
        else:
            before, after = _shape(parse(text, path).root), _shape(new_doc.root)
            if after != before and not _removed_subtree(before, after, finding.json_path):
                reason = "it would change the structure of the file"
            else:
                remaining = Counter(_identity(f) for f in linter.lint([new_doc]).findings)
                if remaining[_identity(finding)] >= Counter(_identity(f) for f in findings)[_identity(finding)]:
                    reason = "it did not remove the finding"
        if reason is not None:
            skipped.add(_identity(finding))
            result.dropped.append((finding, reason))
            continue
        result.applied.append(finding)
        text = new_text
    result.fixed = text
    return result


def write_atomically(path: Path, text: str, encoding: str) -> None:
    """Write via a temporary file in the same directory and rename, keeping the file's mode."""
    data = text.encode(encoding)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmplint", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
