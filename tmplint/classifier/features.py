"""Features that survive languages and placeholders, with the character spans they came from.

Training (scikit-learn) and inference (pure Python) call the same functions, so
the two can never tokenise differently. Every feature occurrence keeps the span
of original text it came from; that is what lets a prediction name its phrases.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDER = "\ue000"  # one private-use symbol stands for any {{...}} placeholder
_PLACEHOLDER_RE = re.compile(r"\{\{[^{}\n]{0,60}\}\}")
_TOKEN_RE = re.compile(PLACEHOLDER + r"|\w+|[^\w\s]", re.UNICODE)
CHAR_MIN, CHAR_MAX = 3, 5  # chosen by grouped CV: 3-5 and word trigrams beat 2-5 and bigrams (0.954 vs 0.951)
WORD_MAX = 3


@dataclass(frozen=True)
class Normalised:
    text: str
    starts: tuple[int, ...]  # original offset of each normalised character
    ends: tuple[int, ...]


def normalise(text: str) -> Normalised:
    """Lower-case, digits -> 0, placeholders -> one symbol, whitespace runs -> one space."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        m = _PLACEHOLDER_RE.match(text, i) if text[i] == "{" else None
        if m:
            out.append(PLACEHOLDER)
            starts.append(i)
            ends.append(m.end())
            i = m.end()
            continue
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            if out and out[-1] != " ":
                out.append(" ")
                starts.append(i)
                ends.append(j)
            i = j
            continue
        if ch.isdigit():
            low = "0"
        else:
            low = ch.lower()
        for c in low:
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
        i += 1
    return Normalised("".join(out), tuple(starts), tuple(ends))


def feature_spans(text: str) -> list[tuple[str, int, int]]:
    """(feature, start, end) for every word 1-3 gram and in-word character 3-5 gram of `text`."""
    return _features(text, True)


def feature_names(text: str) -> list[str]:
    """The same features as `feature_spans`, without their spans: what prediction needs, at half the cost."""
    return _features(text, False)


def _features(text: str, spans: bool) -> list:
    norm = normalise(text)
    t, starts, ends = norm.text, norm.starts, norm.ends
    # Numbers become one token whatever their length, with no character n-grams: their digits
    # say nothing about intent, and amounts vs order numbers would otherwise leak through "000".
    tokens = [("<num>" if m.group().isdigit() else m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(t)]
    out: list = []
    add = out.append
    for k, (tok, a, b) in enumerate(tokens):
        add(("w:" + tok, starts[a], ends[b - 1]) if spans else "w:" + tok)
        for n in range(2, WORD_MAX + 1):
            if k + n <= len(tokens):
                name = "w:" + " ".join(t for t, _, _ in tokens[k:k + n])
                add((name, starts[a], ends[tokens[k + n - 1][2] - 1]) if spans else name)
        if tok in (PLACEHOLDER, "<num>") or not tok[0].isalnum() and tok[0] != "_":
            continue
        padded = " " + tok + " "
        for size in range(CHAR_MIN, CHAR_MAX + 1):
            for s in range(0, len(padded) - size + 1):
                name = "c:" + padded[s:s + size]
                if not spans:
                    add(name)
                    continue
                # map the padded window back onto the token's characters
                lo = a + s - 1 if s else a
                hi = a + s - 1 + size
                add((name, starts[lo], ends[(hi if hi < b else b) - 1]))
    return out


@dataclass(frozen=True)
class Document:
    """What the classifier reads: the joined texts plus cues the words alone do not carry.

    A cue is (feature, start, end): lexicon categories matched in the text (the
    curated evidence the content rules show), button types, a promotional name,
    no variables, exclamation marks. Cues without a place in the text have start == end.
    """
    text: str
    cues: tuple[tuple[str, int, int], ...] = ()


def document_spans(doc: "Document | str") -> list[tuple[str, int, int]]:
    if isinstance(doc, str):
        return feature_spans(doc)
    return feature_spans(doc.text) + list(doc.cues)


def analyzer(doc: "Document | str") -> list[str]:
    """The scikit-learn analyzer: feature names only."""
    if isinstance(doc, str):
        return feature_names(doc)
    return feature_names(doc.text) + [f for f, _, _ in doc.cues]


def cues(text: str, layout: list[tuple[str, int, int]], button_types: list[str | None],
         lexicon: list[tuple[str, bool, int, int]], promotional_name: bool) -> tuple[tuple[str, int, int], ...]:
    """The cue features of one template (see `Document`).

    `layout` is what `template_text` returned, `button_types` the type of each button
    segment in order, `lexicon` (category, is_promotional, start, end) in `text`.
    """
    out: list[tuple[str, int, int]] = []
    for category, promotional, start, end in sorted(lexicon, key=lambda h: (h[2], h[3], h[0])):
        out.append(("s:lex:" + category, start, end))
        if promotional:
            out.append(("s:promo", start, end))
    buttons = [(start, end) for role, start, end in layout if role == "button"]
    for (start, end), kind in zip(buttons, button_types):
        out.append(("s:button:" + (kind or "UNKNOWN").upper(), start, end))
    if promotional_name:
        out.append(("s:name", 0, 0))
    if PLACEHOLDER not in normalise(text).text:
        out.append(("s:novar", 0, 0))
    bangs = text.count("!")
    if bangs:
        out.append((f"s:bang{min(bangs, 3)}", 0, 0))
    return tuple(out)


def template_text(header: str | None, body: str | None, footer: str | None,
                  buttons: list[str] | None) -> tuple[str, list[tuple[str, int, int]]]:
    """Join a template's texts into one classifier input; returns (text, [(role, start, end)])."""
    parts: list[tuple[str, str]] = []
    if header:
        parts.append(("header", header))
    if body:
        parts.append(("body", body))
    if footer:
        parts.append(("footer", footer))
    for b in buttons or []:
        if b:
            parts.append(("button", b))
    text = ""
    layout = []
    for role, value in parts:
        if text:
            text += "\n"
        layout.append((role, len(text), len(text) + len(value)))
        text += value
    return text, layout
