"""Human-readable report: ruff-style finding lines with a caret under the span."""
from __future__ import annotations

import unicodedata

from ..engine import Report
from ..findings import Finding


def _width(ch: str) -> int:
    if ch == "\t":
        return 4
    if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _display(line: str) -> str:
    return line.replace("\t", "    ")


def snippet(finding: Finding, source_line: str) -> list[str]:
    col = finding.column - 1
    if finding.end_line == finding.line:
        end = max(finding.end_column - 1, col + 1)
    else:
        end = len(source_line)
    end = max(min(end, len(source_line)), col + 1)
    pad = sum(_width(c) for c in source_line[:col])
    carets = max(1, sum(_width(c) for c in source_line[col:end]))
    gutter = str(finding.line)
    blank = " " * len(gutter)
    return [f" {blank} |", f" {gutter} | {_display(source_line)}", f" {blank} | {' ' * pad}{'^' * carets}"]


def finding_line(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"


def render(report: Report, show_source: bool = True, explain: bool = False) -> str:
    out: list[str] = []
    findings = sorted(report.findings, key=lambda f: (f.path, f.line, f.column, f.code))
    for f in findings:
        out.append(finding_line(f))
        source = report.sources.get(f.path)
        if show_source and source is not None and source.text and f.line <= len(source.line_starts):
            out.extend(snippet(f, source.line_text(f.line)))
    if findings:
        out.append("")
    for t in report.templates:
        counts = {}
        for f in t.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
        detail = ", ".join(f"{n} {s}{'s' if n > 1 else ''}" for s, n in
                           sorted(counts.items(), key=lambda kv: ("error", "warning", "info").index(kv[0])))
        where = f"{t.path}" + (f" {t.json_path}" if t.json_path else "")
        label = f"{t.name or '<unnamed>'} ({t.language or '?'}, {t.category or '?'})"
        out.append(f"{t.verdict.upper()} {where} {label}" + (f": {detail}" if detail else ""))
        if explain and t.predicted_category:
            scores = ", ".join(f"{k} {v:.2f}" for k, v in sorted(t.category_scores.items(), key=lambda kv: -kv[1]))
            out.append(f"    predicted {t.predicted_category} ({scores})")
            for e in t.evidence or []:
                out.append(f"      {e['weight']:+.2f}  “{e['text']}”  {t.path}:{e['line']}:{e['column']} "
                           f"{e['json_path']}")
    for note in report.unused_suppressions:
        out.append(f"warning: unused suppression: {note}")
    if report.baseline is not None:
        out.append(f"Baseline {report.baseline['file']}: {report.baseline['suppressed']} known finding(s) ignored.")
        for e in report.baseline["stale"]:
            out.append(f"warning: stale baseline entry: {e['code']} in {e['path']} "
                       f"({e['name']}, {e['language']}) no longer occurs; rewrite the baseline.")
    s = report.summary()
    unreadable = f", {s['unreadable_files']} unreadable" if s["unreadable_files"] else ""
    out.append(f"{s['templates']} template{'s' if s['templates'] != 1 else ''} in {s['files']} "
               f"file{'s' if s['files'] != 1 else ''}{unreadable}: {s['passed']} passed, {s['failed']} "
               f"failed; {s['errors']} error{'s' if s['errors'] != 1 else ''}, {s['warnings']} "
               f"warning{'s' if s['warnings'] != 1 else ''}, {s['infos']} info. "
               f"Result: {s['result'].upper()} (fail-on: {s['fail_on']}).")
    return "\n".join(out) + "\n"
