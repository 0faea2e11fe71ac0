"""Rules across the linted set (DU): duplicate content, duplicate names, translations that disagree."""
from __future__ import annotations

import re
from collections import defaultdict

from ..findings import Hit
from ..model import Template
from . import Context, set_check


def _where(first: Template, t: Template) -> str:
    place = first.json_path or "the root"
    return f"{place} in this file" if first.source.path == t.source.path else f"{place} in {first.source.path}"


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "")).strip().lower()


@set_check("DU001")
def duplicate_content(templates: list[Template], ctx: Context):
    seen: dict[tuple, Template] = {}
    for t in templates:
        if t.category == "AUTHENTICATION" or t.text("body") is None:
            continue
        footer = t.text("footer")
        key = (_norm(t.text("body").value), _norm(footer.value if footer else None), t.language)
        first = seen.setdefault(key, t)
        if first is not t:
            yield t, Hit("DU001", t.text("body").node,
                         f"Same body and footer as {first.name!r} ({_where(first, t)}); Meta rejects a template "
                         "that duplicates an existing one: merge them or change the wording.",
                         0, len(t.text("body").value))


@set_check("DU002")
def duplicate_name(templates: list[Template], ctx: Context):
    seen: dict[tuple, Template] = {}
    for t in templates:
        if t.name is None or t.language is None:
            continue
        first = seen.setdefault((t.name, t.language), t)
        if first is not t:
            yield t, Hit("DU002", t.field("name"), f"{t.name!r} in {t.language} is defined twice (also at "
                                                   f"{_where(first, t)}); a name and language pair is unique "
                                                   "per WhatsApp account.")


def _shape(t: Template) -> tuple:
    keys = []
    for role in ("header", "body"):
        text = t.text(role)
        keys.append(tuple(sorted({str(tok.key) for tok in text.placeholders})) if text else ())
    buttons = tuple((b.type or "") for b in t.buttons)
    return tuple(keys), buttons


@set_check("DU003")
def translations_disagree(templates: list[Template], ctx: Context):
    by_name = defaultdict(list)
    for t in templates:
        if t.name is not None:
            by_name[t.name].append(t)
    for name, group in by_name.items():
        languages = {t.language for t in group}
        if len(languages) < 2:
            continue
        reference = group[0]
        for t in group[1:]:
            if t.language == reference.language:
                continue
            (ph_a, bt_a), (ph_b, bt_b) = _shape(reference), _shape(t)
            if ph_a != ph_b:
                yield t, Hit("DU003", t.field("name"),
                                f"The {t.language} translation of {name!r} has placeholders "
                                f"{_fmt(ph_b)} but the {reference.language} version has {_fmt(ph_a)}; every "
                                "translation of a template must take the same parameters.")
            elif bt_a != bt_b:
                yield t, Hit("DU003", t.field("name"),
                                f"The {t.language} translation of {name!r} has buttons {list(bt_b)} but the "
                                f"{reference.language} version has {list(bt_a)}; translations share one set "
                                "of buttons.")


def _fmt(parts) -> str:
    names = [f"{{{{{k}}}}}" for part in parts for k in part]
    return ", ".join(dict.fromkeys(names)) or "none"
