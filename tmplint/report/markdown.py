"""A compact Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY."""
from __future__ import annotations

from ..engine import Report


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: Report) -> str:
    s = report.summary()
    icon = "✅" if s["result"] == "pass" else "❌"
    out = [f"### {icon} tmplint: {s['result'].upper()}", "",
           f"{s['templates']} templates in {s['files']} files: **{s['passed']} passed**, "
           f"**{s['failed']} failed**; {s['errors']} errors, {s['warnings']} warnings, {s['infos']} info "
           f"(fail-on: {s['fail_on']}).", ""]
    failing = [t for t in report.templates if t.findings]
    if report.errors:
        out += ["**Files that could not be linted**", "", "| file | problem |", "|---|---|"]
        out += [f"| `{f.path}:{f.line}:{f.column}` | {f.code} {_cell(f.message)} |" for f in report.errors]
        out.append("")
    if failing:
        out += ["| verdict | template | category | findings |", "|---|---|---|---|"]
        for t in failing:
            tally = {sev: sum(f.severity == sev for f in t.findings) for sev in ("error", "warning", "info")}
            counts = ", ".join(f"{n} {sev}{'s' if n > 1 and sev != 'info' else ''}" for sev, n in tally.items() if n)
            predicted = f" (reads as {t.predicted_category})" if t.predicted_category and t.predicted_category != t.category else ""
            out.append(f"| {t.verdict.upper()} | `{_cell(t.name or '?')}` {t.language or ''} | "
                       f"{t.category or '?'}{predicted} | {counts} |")
        out += ["", "<details><summary>Findings</summary>", ""]
        for t in failing:
            out.append(f"**{_cell(t.name or '?')}** ({t.language}) — `{t.path}`")
            out.append("")
            for f in t.findings:
                out.append(f"- `{f.path}:{f.line}:{f.column}` **{f.code}** {f.severity}: {_cell(f.message)}")
            out.append("")
        out.append("</details>")
    return "\n".join(out) + "\n"
