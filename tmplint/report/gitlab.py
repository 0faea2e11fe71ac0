"""GitLab Code Quality report (the `codequality` artifact of a merge request)."""
from __future__ import annotations

import json

from ..engine import Report
from .fingerprint import findings_with_templates, fingerprint

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(report: Report) -> str:
    issues = []
    for f, t in findings_with_templates(report):
        issues.append({
            "type": "issue",
            "description": f"{f.code} {f.message}",
            "check_name": f"{f.code} {f.name}",
            "categories": ["Style"] if f.severity == "info" else ["Bug Risk"],
            "fingerprint": fingerprint(report, f, t and t.name, t and t.language)[:32],
            "severity": SEVERITIES[f.severity],
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
