"""Machine-readable report: the versioned JSON contract documented in the README."""
from __future__ import annotations

import json

from .. import __version__
from ..engine import Report

SCHEMA_VERSION = "1.0"


def as_dict(report: Report) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "tmplint", "version": __version__},
        "templates": [t.to_dict() for t in report.templates],
        "errors": [{"path": f.path, "line": f.line, "column": f.column, "code": f.code,
                    "severity": f.severity, "message": f.message} for f in report.errors],
        "unused_suppressions": report.unused_suppressions,
        "baseline": report.baseline,
        "summary": report.summary(),
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
