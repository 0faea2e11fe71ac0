"""Report formatters. They only format a finished `Report`; no check logic lives here."""
from __future__ import annotations

from typing import Callable

from ..engine import Report

Formatter = Callable[[Report], str]


def formatters() -> dict[str, Formatter]:
    from . import json_report, text
    return {"text": text.render, "json": json_report.render}
