"""spaCy tokenisation for content rules: blank pipelines, placeholders as single tokens.

Pipelines are created lazily, one per language and process, and never download
anything (`spacy.blank` only). spaCy itself is imported on first use, so runs
that need no content rule do not pay for it.
"""
from __future__ import annotations

import re
from functools import lru_cache

_PLACEHOLDER = re.compile(r"\{\{[^{}\n]{0,60}\}\}")
# Languages spaCy has tokenizer rules for; anything else falls back to the multi-language tokenizer.
SPACY_LANGS = {"af", "ar", "az", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "ga",
               "gu", "he", "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml", "mr", "nb",
               "nl", "pl", "pt", "ro", "ru", "si", "sk", "sl", "sq", "sr", "sv", "ta", "te", "th", "tr", "uk",
               "ur", "vi", "zh"}
_NEEDS_EXTRA_DEPS = {"ja", "ko", "th", "vi", "zh"}  # tokenizers that need third-party packages


def spacy_lang(language: str | None) -> str:
    base = (language or "").replace("-", "_").split("_")[0].lower()
    if base in SPACY_LANGS and base not in _NEEDS_EXTRA_DEPS:
        return base
    return "xx"


@lru_cache(maxsize=None)
def pipeline(lang: str):
    import spacy
    nlp = spacy.blank(lang)
    if not nlp.vocab.strings:  # pragma: no cover - spaCy always has strings; keeps linters quiet
        pass
    return nlp


# Turkish and Azerbaijani lower-case I to ı and İ to i; Python's lower() would give "i̇" (two code
# points) for İ, so patterns written in lower case would miss capitalised words. Mapping one code
# point to one code point keeps every character offset of the original text valid.
_CASE_MAPS = {"tr": str.maketrans("İI", "iı"), "az": str.maketrans("İI", "iı")}


def tokenize(text: str, lang: str):
    """A spaCy Doc whose `{{...}}` placeholders are single tokens (norm "__var__").

    Token offsets always refer to `text`; for Turkish and Azerbaijani the doc's token texts
    use the languages' own dotted and dotless i when lower-cased.
    """
    nlp = pipeline(lang)
    doc = nlp.make_doc(text.translate(_CASE_MAPS[lang]) if lang in _CASE_MAPS else text)
    spans = []
    for m in _PLACEHOLDER.finditer(text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span) > 1:
            spans.append(span)
    if spans:
        from spacy.util import filter_spans
        with doc.retokenize() as retokenizer:
            for span in filter_spans(spans):
                retokenizer.merge(span, attrs={"NORM": "__var__"})
    for token in doc:
        if _PLACEHOLDER.fullmatch(token.text):
            token.norm_ = "__var__"
    return doc
