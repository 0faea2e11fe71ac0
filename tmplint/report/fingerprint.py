"""Stable identities for findings: the same problem keeps its id across runs and unrelated edits."""
from __future__ import annotations

import hashlib

from ..engine import Report
from ..findings import Finding


def fingerprint(report: Report, f: Finding, name: str | None, language: str | None) -> str:
    """sha256 of file, template, rule, JSON path and the offending text; never line numbers."""
    source = report.sources.get(f.path)
    text = source.text[f.start:f.end] if source is not None else ""
    key = "\0".join([f.path, name or "", language or "", f.code, f.json_path, text])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def findings_with_templates(report: Report):
    """(finding, template result or None) for every finding, file errors last."""
    for t in report.templates:
        for f in t.findings:
            yield f, t
    for f in report.errors:
        yield f, None
