"""GitHub Actions workflow commands: annotations on the pull request's changed lines."""
from __future__ import annotations

from ..engine import Report
from .fingerprint import findings_with_templates

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f, _t in findings_with_templates(report):
        props = [f"file={_prop(f.path)}", f"line={f.line}", f"col={f.column}"]
        if f.end_line != f.line:
            props.append(f"endLine={f.end_line}")
        else:
            props.append(f"endColumn={max(f.end_column, f.column + 1)}")
        props.append(f"title={_prop(f'{f.code} {f.name}')}")
        lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{_data(f.message)}")
    s = report.summary()
    lines.append(f"tmplint: {s['templates']} templates, {s['passed']} passed, {s['failed']} failed; "
                 f"{s['errors']} errors, {s['warnings']} warnings. Result: {s['result'].upper()}")
    return "\n".join(lines) + "\n"
