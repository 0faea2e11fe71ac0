"""Per-language lexicons (rules/lexicons/<lang>.yml) compiled to spaCy Matcher patterns.

Pattern language, one entry's `pattern` is space-separated tokens:

- `word`            the lower-cased token text (`Rabatt` matches rabatt, RABATT)
- `a|b|c`           any of several words (one token: `a|b c` is `a` or `b`, then `c`)
- `(a b|c)`         any of several phrases (`(thank you|thanks) for` is two patterns)
- `~lemma`          any form of a lemma (`~comprar` matches compro, compras, compró, ...), from
                    rules/lemmas/<lang>.json, compiled by `python -m tmplint.lemmas`; mixes
                    with alternatives (`~buy|shopping`). Hinglish has no lemma table: write forms out.
- `NUM`             a number-like token (20, 1.500, veinte)
- `PCT`             a percentage, whether the tokenizer gives `20%`, `20` `%` or (Turkish) `%` `20`,
                    with or without a suffix glued on (`25%-dək`, `%25'e`);
                    the Arabic percent sign `٪` counts too
- `CUR`             a currency symbol or code token ($, €, R$, Rp, EUR, INR)
- `VAR`             a placeholder such as {{1}} or {{name}}
- `...`             a gap of 0 to 3 arbitrary tokens
- `word?`           an optional token (any of the forms above with `?`)

Each entry also has a `note` (what it catches and why), a `severity`, an
`example` with the words it must flag in [brackets] (tests assert that exact span,
and the rule's finding on it), and `clean` texts (close but legitimate) that must not match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .lemmas import forms_of
from .paths import read_yaml, rules_dir

CATEGORIES = {
    # promotional signals: move UTILITY/AUTHENTICATION content to MARKETING
    "discount": "promo", "urgency": "promo", "buy_cta": "promo", "upsell": "promo", "renewal_push": "promo",
    "reengagement": "promo", "app_install": "promo", "greeting": "promo", "generic_survey": "promo",
    "prizes": "promo",  # giveaways and prize draws promote; betting and casinos are regulated_goods
    "marketing_optout": "promo",  # "Stop promotions": only marketing offers a way out of marketing
    # policy
    "regulated_goods": "regulated",
    "sensitive_data": "sensitive", "threats": "threats", "spam_opener": "spam",
    "whatsapp_group": "capability", "whatsapp_call": "capability",
}
CURRENCY = {"$", "€", "£", "¥", "₹", "r$", "rp", "rs", "rs.", "eur", "usd", "inr", "brl", "idr", "mxn", "gbp",
            "chf", "cop", "clp", "ars", "pen", "us$", "₺", "try", "tl", "aed", "sar", "€uro", "₼", "azn", "₪", "ils",
            "egp", "mad", "jod", "kwd", "qar"}


@dataclass(frozen=True)
class Entry:
    language: str
    category: str
    pattern: str
    note: str
    severity: str
    examples: tuple[str, ...]
    clean: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.language}:{self.category}:{self.pattern}"


def marked_span(example: str) -> tuple[str, int, int]:
    """An example with its expected match in [brackets] -> (plain text, start, end)."""
    start, end = example.find("["), example.find("]")
    if start < 0 or end < start or example.count("[") != 1 or example.count("]") != 1:
        raise ValueError(f"example {example!r} must mark the expected match with one [...]")
    return example[:start] + example[start + 1:end] + example[end + 1:], start, end - 1


@dataclass(frozen=True)
class Lexicon:
    language: str
    entries: tuple[Entry, ...]
    allow: tuple[str, ...]  # phrases that are legitimate even though an entry matches inside them


def _words(core: str, language: str | None) -> set[str]:
    words = set()
    for word in core.split("|"):
        if word.startswith("~") and len(word) > 1:
            words.update(forms_of(language, word[1:]))
        elif word:
            words.add(word.lower())
    return words


def _token(spec: str, language: str | None) -> list[dict[str, Any]]:
    """One or more alternative single-token specs for a pattern token."""
    optional = spec.endswith("?") and len(spec) > 1
    core = spec[:-1] if optional else spec
    if core == "NUM":
        tok: dict[str, Any] = {"LIKE_NUM": True}
    elif core == "CUR":
        tok = {"LOWER": {"IN": sorted(CURRENCY)}}
    elif core == "VAR":
        tok = {"NORM": "__var__"}
    elif "|" in core or core.startswith("~"):
        tok = {"LOWER": {"IN": sorted(_words(core, language))}}
    else:
        tok = {"LOWER": core.lower()}
    if optional:
        tok["OP"] = "?"
    return [tok]


def _phrases(pattern: str) -> list[str]:
    """Expand `(a b|c)` phrase groups into plain token patterns."""
    start = pattern.find("(")
    if start < 0:
        if ")" in pattern:
            raise ValueError(f"unbalanced ')' in {pattern!r}")
        return [pattern]
    end = pattern.find(")", start)
    if end < 0 or "(" in pattern[start + 1:end]:
        raise ValueError(f"unbalanced or nested '(' in {pattern!r}")
    head, tail = pattern[:start], pattern[end + 1:]
    if (head and not head.endswith(" ")) or (tail and not tail.startswith(" ")):
        raise ValueError(f"a (phrase|group) must stand alone between spaces in {pattern!r}")
    options = [o.strip() for o in pattern[start + 1:end].split("|")]
    if not all(options):
        raise ValueError(f"empty alternative in {pattern!r}")
    return [p for o in options for p in _phrases(f"{head}{o}{tail}")]


def compile_pattern(pattern: str, language: str | None = None) -> list[list[dict[str, Any]]]:
    """spaCy Matcher patterns for one entry (phrase groups and PCT expand to several)."""
    return [tokens for phrase in _phrases(pattern) for tokens in _compile_tokens(phrase, language)]


def _compile_tokens(pattern: str, language: str | None) -> list[list[dict[str, Any]]]:
    variants: list[list[dict[str, Any]]] = [[]]
    for spec in pattern.split():
        if spec in ("PCT", "PCT?"):
            opt = {"OP": "?"} if spec.endswith("?") else {}
            # 20% / 20 % and, as Turkish writes it, %20 / % 20
            # a suffix may be glued on: Azerbaijani "25%-dək", Turkish "%25'e"
            joined = {"TEXT": {"REGEX": r"^(\d+([.,٫]\d+)?[%٪]|[%٪]\d+([.,٫]\d+)?)(['’-]\w+)?$"}, **opt}
            split = [{"LIKE_NUM": True, **opt}, {"ORTH": {"IN": ["%", "٪"]}, **opt}]
            prefixed = [{"ORTH": {"IN": ["%", "٪"]}, **opt},
                        {"TEXT": {"REGEX": r"^\d+([.,٫]\d+)?(['’-]\w+)?$"}, **opt}]
            variants = [v + [joined] for v in variants] + [v + split for v in variants] + \
                [v + prefixed for v in variants]
        elif spec == "...":
            variants = [v + [{"OP": "{0,3}"}] for v in variants]
        else:
            variants = [v + _token(spec, language) for v in variants]
    return variants


def _list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


@lru_cache(maxsize=None)
def load_lexicon(language: str) -> Lexicon | None:
    path = rules_dir() / "lexicons" / f"{language}.yml"
    if not path.is_file():
        return None
    data = read_yaml(path) or {}
    entries = []
    for category, items in (data.get("categories") or {}).items():
        for item in items or []:
            entries.append(Entry(language, category, item["pattern"], item.get("note", ""),
                                 item.get("severity", "warning"), _list(item.get("example")),
                                 _list(item.get("clean"))))
    return Lexicon(language, tuple(entries), tuple(data.get("allow") or ()))


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in (rules_dir() / "lexicons").glob("*.yml")))


@dataclass(frozen=True)
class Match:
    entry: Entry
    start: int  # character offsets in the matched text
    end: int
    text: str


class LexiconMatcher:
    """All entries of one language compiled into one spaCy Matcher."""

    def __init__(self, lexicon: Lexicon, lang: str, extra: list[Entry] = (), accept: tuple[str, ...] = ()):
        from spacy.matcher import Matcher
        from .nlp import pipeline
        self.lexicon = lexicon
        self.lang = lang
        self.matcher = Matcher(pipeline(lang).vocab, validate=True)
        self.entries: dict[str, Entry] = {}
        for i, entry in enumerate(list(lexicon.entries) + list(extra)):
            key = f"e{i}"
            self.entries[key] = entry
            self.matcher.add(key, compile_pattern(entry.pattern, entry.language))
        self.allow = tuple(a.lower() for a in lexicon.allow + tuple(accept))
        phrases = sorted(set(self.allow), key=len, reverse=True)
        # Matched case-insensitively on the text itself: lower() can change lengths (Turkish İ) and offsets.
        self._allow_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)",
                                    re.IGNORECASE) if phrases else None

    def matches(self, text: str) -> list[Match]:
        from .nlp import tokenize
        doc = tokenize(text, self.lang)
        allowed = [m.span() for m in self._allow_re.finditer(text)] if self._allow_re else []
        found: dict[tuple, Match] = {}
        for match_id, start, end in self.matcher(doc):
            entry = self.entries[doc.vocab.strings[match_id]]
            span = doc[start:end]
            a, b = span.start_char, span.end_char
            if any(x <= a and b <= y for x, y in allowed):
                continue
            key = (entry.key, a)
            if key not in found or b - a > found[key].end - found[key].start:
                found[key] = Match(entry, a, b, text[a:b])
        # One match per span and category: two entries finding the same words say the same thing.
        unique: dict[tuple, Match] = {}
        for m in sorted(found.values(), key=lambda m: (m.start, -m.end, m.entry.category, m.entry.pattern)):
            unique.setdefault((m.start, m.end, m.entry.category), m)
        return list(unique.values())


def lexicon_language(language: str | None) -> str | None:
    """The lexicon for a template language code (es_MX -> es), or None if there is none."""
    base = (language or "").replace("-", "_").split("_")[0].lower()
    return base if base in available_languages() else None


@lru_cache(maxsize=None)
def matcher_for(language: str) -> LexiconMatcher | None:
    lexicon = load_lexicon(language)
    if lexicon is None:
        return None
    from .nlp import spacy_lang
    return LexiconMatcher(lexicon, spacy_lang(language))


def matcher_with_vocabulary(language: str, vocabulary: dict) -> LexiconMatcher | None:
    """The language's matcher plus a team's own phrases to flag and to accept (config `vocabulary`)."""
    if not vocabulary:
        return matcher_for(language)
    lexicon = load_lexicon(language)
    if lexicon is None:
        return None
    from .nlp import spacy_lang
    extra = [Entry(language, item.get("category", "discount"), item["pattern"],
                   item.get("note", "flagged by your configuration"), item.get("severity", "warning"), (), ())
             for item in vocabulary.get("flag", [])]
    return LexiconMatcher(lexicon, spacy_lang(language), extra, tuple(vocabulary.get("accept", [])))
