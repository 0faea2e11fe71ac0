"""SARIF 2.1.0 for code-scanning UIs (GitHub, Azure DevOps, IDE viewers)."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import DOCS_URL, __version__
from ..catalogue import catalogue
from ..engine import Report
from .fingerprint import findings_with_templates, fingerprint

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def artifact_uri(path: str) -> str:
    """A SARIF artifact URI: file:// for absolute paths, a relative reference otherwise."""
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix())


def _descriptor(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what.strip()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "help": {"text": f"{rule.why.strip()} Fix: {rule.fix.strip()}",
                 "markdown": f"{rule.why.strip()}\n\n**How to fix.** {rule.fix.strip()}"},
        "helpUri": f"{DOCS_URL}#{rule.anchor}",
        "properties": {"meta_reason": rule.meta_reason, "group": rule.group, "basis": rule.basis,
                       "tags": [rule.group, rule.meta_reason]},
    }


def as_dict(report: Report) -> dict:
    rules = list(catalogue().values())
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f, t in findings_with_templates(report):
        region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                  "endColumn": max(f.end_column, f.column + 1) if f.end_line == f.line else f.end_column}
        location = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}, "region": region}}
        if f.json_path:
            location["logicalLocations"] = [{"fullyQualifiedName": f.json_path, "kind": "member"}]
        result = {
            "ruleId": f.code, "ruleIndex": index[f.code], "level": LEVELS[f.severity],
            "message": {"text": f.message}, "locations": [location],
            "partialFingerprints": {"tmplintFinding/v1": fingerprint(report, f, t and t.name, t and t.language)},
            "properties": {"meta_reason": f.meta_reason},
        }
        if t is not None:
            result["properties"].update({"template": t.name, "language": t.language, "category": t.category})
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "tmplint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": DOCS_URL.rsplit("/", 1)[0], "rules": [_descriptor(r) for r in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"
