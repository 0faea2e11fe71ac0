"""Labelled records as the classifier's documents: the text plus the cues the linter computes.

Training, `tmplint evaluate` and the benchmarks read records, the linter reads templates;
both go through `features.cues`, and both run the same lexicon matcher on each field, so
a record and the template it describes give the classifier the same input.
"""
from __future__ import annotations

from .corpus import Record
from .features import Document, cues


def lexicon_spans(language: str, layout, text: str) -> list[tuple[str, bool, int, int]]:
    """(category, is_promotional, start, end) of lexicon matches in each field of `text`."""
    from ..lexicon import CATEGORIES, lexicon_language, matcher_for
    lang = lexicon_language(language)
    matcher = matcher_for(lang) if lang else None
    if matcher is None:
        return []
    out = []
    for _role, start, end in layout:
        for m in matcher.matches(text[start:end]):
            out.append((m.entry.category, CATEGORIES.get(m.entry.category) == "promo", start + m.start, start + m.end))
    return out


def document(record: Record) -> Document:
    from ..name_words import name_hits
    return Document(record.text, cues(record.text, list(record.layout), list(record.button_types),
                                      lexicon_spans(record.language, record.layout, record.text),
                                      bool(record.name and name_hits(record.name))))


def documents(records: list[Record]) -> list[Document]:
    return [document(r) for r in records]
