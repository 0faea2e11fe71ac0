"""Labelled template records (the project's corpus, or any file in the same shape)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .features import template_text

LABELS = ("AUTHENTICATION", "MARKETING", "UTILITY")


@dataclass(frozen=True)
class Record:
    id: str
    language: str
    label: str
    text: str
    layout: tuple[tuple[str, int, int], ...]
    sector: str | None = None
    hard_case: str | None = None
    name: str | None = None
    button_types: tuple[str | None, ...] = ()  # one per button segment of `layout`


def _buttons(buttons) -> list[tuple[str, str | None]]:
    """(text, type) of each button with a text; a bare string is a quick reply."""
    out = []
    for b in buttons or []:
        if isinstance(b, str):
            out.append((b, "QUICK_REPLY"))
        elif isinstance(b, dict) and isinstance(b.get("text"), str):
            out.append((b["text"], b["type"].upper() if isinstance(b.get("type"), str) else None))
    return [(text, kind) for text, kind in out if text]


def record_from(obj: dict, where: str) -> Record:
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: each line must be a JSON object with label and body, not {type(obj).__name__}")
    label = obj.get("label")
    if label not in LABELS:
        raise ValueError(f"{where}: label must be one of {', '.join(LABELS)}, not {label!r}")
    if not isinstance(obj.get("body"), str) or not obj["body"].strip():
        raise ValueError(f"{where}: body must be a non-empty string")
    buttons = obj.get("buttons")
    if buttons is not None and (not isinstance(buttons, list)
                                or not all(isinstance(b, (str, dict)) for b in buttons)):
        raise ValueError(f"{where}: buttons must be a list of button texts or button objects "
                         "({\"type\": ..., \"text\": ...}), one per button")
    buttons = _buttons(obj.get("buttons"))
    text, layout = template_text(obj.get("header") if isinstance(obj.get("header"), str) else None,
                                 obj["body"],
                                 obj.get("footer") if isinstance(obj.get("footer"), str) else None,
                                 [t for t, _ in buttons])
    return Record(str(obj.get("id", where)), str(obj.get("language") or "und"), label, text, tuple(layout),
                  obj.get("sector"), obj.get("hard_case"),
                  obj["name"] if isinstance(obj.get("name"), str) else None, tuple(k for _, k in buttons))


def iter_jsonl(path: Path | str):
    """(where, object) for each non-blank line; raises ValueError naming the line of bad JSON."""
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}:{exc.colno}: invalid JSON: {exc.msg}") from None
            yield f"{path}:{number}", obj


def read_jsonl(path: Path | str) -> list[Record]:
    """Read a labelled JSONL file; raises ValueError naming the line of a bad record."""
    return [record_from(obj, where) for where, obj in iter_jsonl(path)]


def language_family(code: str) -> str:
    return code.split("_")[0].split("-")[0].lower()
