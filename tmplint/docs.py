"""Rule documentation rendered from the catalogue: `tmplint explain` and docs/rules.md."""
from __future__ import annotations

from .catalogue import Rule, catalogue

_BASIS = {"meta": "documented by Meta", "bsp": "a provider's rule of thumb (warning by default)",
          "tmplint": "tmplint's own check"}


def explain_text(rule: Rule) -> str:
    lines = [f"{rule.code} {rule.name} [{rule.severity}] ({rule.group})", "",
             rule.summary, "",
             f"What: {rule.what.strip()}", f"Why: {rule.why.strip()}", f"Fix: {rule.fix.strip()}", "",
             f"Meta rejection reason: {rule.meta_reason}",
             f"Basis: {_BASIS[rule.basis]}; source: {rule.source} ({rule.date})"]
    if rule.fail:
        lines += ["", "Bad:", _indent(rule.fail[0].source)]
        for e in rule.fail[0].expect:
            lines.append(f"  -> {e['at']}: {e['code']} {e['message']}")
    if rule.passes:
        lines += ["", "Good:", _indent(rule.passes[0].source)]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))


def rules_markdown() -> str:
    rules = catalogue()
    out = ["# Rule reference", "",
           "Generated from `rules/catalogue/*.yml` by `python -m tmplint.docs`; do not edit by hand "
           "(a test fails when this file is stale).", "",
           "Lengths are counted in Unicode code points after normalising line endings to `\\n`. "
           "Columns in reports are 1-based code points.", "",
           "| code | name | severity | Meta reason | summary |", "|---|---|---|---|---|"]
    for r in rules.values():
        out.append(f"| [{r.code}](#{r.anchor}) | {r.name} | {r.severity} | {r.meta_reason} | {r.summary} |")
    group = None
    for r in rules.values():
        if r.group != group:
            group = r.group
            out += ["", f"## {group.capitalize()}"]
        out += ["", f"### {r.code} {r.name}", "",
                f"*{r.severity}* · Meta reason `{r.meta_reason}` · {_BASIS[r.basis]} · source: {r.source} "
                f"({r.date})", "", r.summary, "",
                f"**What it checks.** {r.what.strip()}", "", f"**Why.** {r.why.strip()}", "",
                f"**How to fix.** {r.fix.strip()}"]
        if r.fail:
            case = r.fail[0]
            out += ["", "Bad:", "", f"```{case.format}", case.source.rstrip("\n"), "```", ""]
            out += [f"- `{e['at']}` {e['code']}: {e['message']}" for e in case.expect]
        if r.passes:
            case = r.passes[0]
            out += ["", "Good:", "", f"```{case.format}", case.source.rstrip("\n"), "```"]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    from pathlib import Path

    target = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    target.write_text(rules_markdown(), encoding="utf-8")
    print(f"wrote {target}")
