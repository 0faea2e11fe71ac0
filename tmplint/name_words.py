"""Words in a template's name that declare it promotional (CT012), from rules/template_names.yml.

Meta's reviewers see the name; a UTILITY template called `diwali_offer` announces its own
category. Names are matched as words (runs of letters or digits) so spans stay exact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .paths import read_yaml, rules_dir

_WORD = re.compile(r"[a-z]+|[0-9]+")


@dataclass(frozen=True)
class NameEntry:
    words: tuple[tuple[str, ...], ...]  # alternatives, each one or more words in a row
    note: str
    unless: frozenset[str]
    example: str
    clean: str


@dataclass(frozen=True)
class NameHit:
    entry: NameEntry
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def entries() -> tuple[tuple[NameEntry, ...], frozenset[str]]:
    data = read_yaml(rules_dir() / "template_names.yml")
    loaded = tuple(NameEntry(tuple(tuple(a.split()) for a in e["words"]), e["note"], frozenset(e.get("unless", ())),
                             e["example"], e["clean"]) for e in data["entries"])
    return loaded, frozenset(data.get("unless_any", ()))


def name_hits(name: str) -> list[NameHit]:
    """Every promotional word run in `name`, in order of position, at most one per place."""
    tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(name.lower())]
    present = {t for t, _, _ in tokens}
    table, unless_any = entries()
    if present & unless_any:
        return []
    hits: list[NameHit] = []
    taken: set[int] = set()
    for i in range(len(tokens)):
        for entry in table:
            if present & entry.unless:
                continue
            for alt in entry.words:
                j = i + len(alt)
                if j <= len(tokens) and all(tokens[i + k][0] == w for k, w in enumerate(alt)) \
                        and not taken & set(range(i, j)):
                    start, end = tokens[i][1], tokens[j - 1][2]
                    hits.append(NameHit(entry, start, end, name[start:end]))
                    taken.update(range(i, j))
                    break
    return hits
