"""Authoring aid for rule cases: print a case file's findings in the catalogue's `expect` form.

    python -m tests.show_case case.yaml

Paste only after checking each span and message by hand: the catalogue states
what tmplint *should* report, and the test compares it with what it does.
"""
import sys

import yaml

from pathlib import Path

from tmplint.api import lint_text
from tmplint.config import from_table


def main(path: str, *table: str) -> None:
    """Extra arguments are config settings, e.g. policy=no-marketing."""
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    settings = {"classifier": False, **dict(item.split("=", 1) for item in table)}
    if settings["classifier"] in ("true", "True"):
        settings["classifier"] = True
    report = lint_text(text, path, config=from_table(settings, None, Path.cwd()))
    out = []
    for f in sorted(report.findings, key=lambda f: (f.line, f.column, f.code)):
        entry = {"code": f.code, "at": f"{f.line}:{f.column}-{f.end_line}:{f.end_column}"}
        if f.line == f.end_line:
            entry["text"] = lines[f.line - 1][f.column - 1:f.end_column - 1]
        entry["message"] = f.message
        out.append(entry)
    print(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=1000))


if __name__ == "__main__":
    main(*sys.argv[1:])
