"""Authoring aid for rule cases: print a case file's findings in the catalogue's `expect` form.

    python -m tests.show_case case.yaml

Paste only after checking each span and message by hand: the catalogue states
what tmplint *should* report, and the test compares it with what it does.
"""
import sys

import yaml

from tmplint.api import lint_text
from tmplint.config import Config


def main(path: str) -> None:
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    report = lint_text(text, path, config=Config())
    out = []
    for f in sorted(report.findings, key=lambda f: (f.line, f.column, f.code)):
        entry = {"code": f.code, "at": f"{f.line}:{f.column}-{f.end_line}:{f.end_column}"}
        if f.line == f.end_line:
            entry["text"] = lines[f.line - 1][f.column - 1:f.end_column - 1]
        entry["message"] = f.message
        out.append(entry)
    print(yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=1000))


if __name__ == "__main__":
    main(sys.argv[1])
