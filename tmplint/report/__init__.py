"""Report formatters. They only format a finished `Report`; no check logic lives here."""
from __future__ import annotations

from typing import Callable

from ..engine import Report

Formatter = Callable[[Report], str]


FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "markdown", "html")


def formatters() -> dict[str, Formatter]:
    from . import github, gitlab, json_report, junit, markdown, sarif, text
    out = {"text": text.render, "json": json_report.render, "sarif": sarif.render, "github": github.render,
           "gitlab": gitlab.render, "junit": junit.render, "markdown": markdown.render}
    try:
        from . import html
        out["html"] = html.render
    except ImportError:  # the HTML report lands separately
        pass
    return out
