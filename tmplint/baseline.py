"""Baselines: accept today's findings so that only new ones fail a build.

Entries are keyed by file, template name, language, rule and a hash of the
offending text, never by line numbers, so unrelated edits do not invalidate
them. Matching is a multiset: two identical problems need two entries.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .engine import Report
from .findings import Finding, severity_rank

VERSION = 1


def _text_hash(report: Report, f: Finding) -> str:
    source = report.sources.get(f.path)
    text = source.text[f.start:f.end] if source is not None else ""
    return hashlib.sha256(f"{f.json_path}\0{text}".encode("utf-8")).hexdigest()[:16]


def _key(report: Report, path: str, template, f: Finding) -> tuple:
    return (Path(path).as_posix(), template.name if template else None, template.language if template else None,
            f.code, _text_hash(report, f))


def _keys(report: Report):
    for t in report.templates:
        for f in t.findings:
            yield t, f, _key(report, t.path, t, f)
    for f in report.errors:
        yield None, f, _key(report, f.path, None, f)


def write_baseline(report: Report, path: Path) -> int:
    entries = [dict(zip(("path", "name", "language", "code", "hash"), key)) for _, _, key in _keys(report)]
    entries.sort(key=lambda e: (e["path"], e["name"] or "", e["language"] or "", e["code"], e["hash"]))
    path.write_text(json.dumps({"version": VERSION, "tool": "tmplint", "entries": entries}, indent=2,
                               ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


@dataclass
class BaselineResult:
    suppressed: int
    stale: list[dict]


def load_baseline(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the baseline: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise ValueError(f"{path}: not a tmplint baseline (version {VERSION}); write one with --write-baseline")
    return Counter((e["path"], e.get("name"), e.get("language"), e["code"], e["hash"]) for e in data["entries"])


def apply_baseline(report: Report, entries: Counter) -> BaselineResult:
    """Remove baselined findings from the report (recomputing verdicts); return what is stale."""
    remaining = Counter(entries)
    suppressed = 0
    threshold = severity_rank(report.fail_on)
    keep_by_id = {}
    for template, finding, key in list(_keys(report)):
        if remaining[key] > 0:
            remaining[key] -= 1
            suppressed += 1
            keep_by_id[id(finding)] = False
    for t in report.templates:
        t.findings = [f for f in t.findings if keep_by_id.get(id(f), True)]
        t.verdict = "fail" if any(severity_rank(f.severity) >= threshold for f in t.findings) else "pass"
    report.errors = [f for f in report.errors if keep_by_id.get(id(f), True)]
    stale = [dict(zip(("path", "name", "language", "code", "hash"), key))
             for key, n in sorted(remaining.items(), key=lambda kv: tuple(str(x) for x in kv[0])) for _ in range(n)]
    return BaselineResult(suppressed, stale)
