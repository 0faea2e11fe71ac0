"""Check registry. Each check is a small function owning one or more rule codes.

A check receives a built `Template` and a `Context` and yields `Hit`s; it never
formats output, applies config, or re-parses text (the model did that).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..facts import facts
from ..findings import Hit
from ..model import Template
from ..nodes import Node

CheckFn = Callable[[Template, "Context"], Iterable[Hit]]
SetCheckFn = Callable[[list[Template], "Context"], Iterable[tuple[Template, Hit]]]
REGISTRY: list[tuple[tuple[str, ...], CheckFn]] = []
SET_REGISTRY: list[tuple[tuple[str, ...], SetCheckFn]] = []


@dataclass
class Context:
    """What every check may read besides the template: facts, options, shared content analysis."""

    facts: dict[str, Any] = field(default_factory=facts)
    options: dict[str, Any] = field(default_factory=dict)
    model: Any = None  # the category model, or None to run without the classifier
    _current: tuple = field(default=(None, None), repr=False)
    _matchers: dict = field(default_factory=dict, repr=False)

    def _cache(self, template: Template) -> dict:
        """Per-template memo; templates are checked one at a time, so the latest is enough."""
        if self._current[0] is not template:
            self._current = (template, {})
        return self._current[1]

    def analysis(self, template: Template):
        """The template's classifier analysis, computed once and shared by all checks."""
        cache = self._cache(template)
        if "analysis" not in cache:
            from ..content import analyse
            cache["analysis"] = analyse(template, self.model,
                                        self.lexicon_hits(template) if self.model is not None else [])
        return cache["analysis"]

    def lexicon_hits(self, template: Template) -> list:
        """(text field, lexicon match) for every text of the template in its language's lexicon."""
        cache = self._cache(template)
        if "lexicon" not in cache:
            matcher = self.matcher(template.language)
            cache["lexicon"] = [(text, m) for text in template.texts for m in matcher.matches(text.value)] \
                if matcher is not None else []
        return cache["lexicon"]

    def matcher(self, language: str | None):
        from ..lexicon import lexicon_language, matcher_with_vocabulary
        lang = lexicon_language(language)
        if lang is None:
            return None
        if lang not in self._matchers:
            vocabulary = self.options.get("vocabulary", {}).get(lang, {})
            self._matchers[lang] = matcher_with_vocabulary(lang, vocabulary)
        return self._matchers[lang]


def check(*codes: str):
    def register(fn: CheckFn) -> CheckFn:
        REGISTRY.append((codes, fn))
        return fn
    return register


def set_check(*codes: str):
    """A check over every template of the run (duplicates, translations), after the per-template ones."""
    def register(fn: SetCheckFn) -> SetCheckFn:
        SET_REGISTRY.append((codes, fn))
        return fn
    return register


ENGINE_CODES = ("IO001", "IO002", "IO003", "SP001")  # produced by the engine, not by a check


def registered() -> list[tuple[tuple[str, ...], CheckFn]]:
    from . import (authentication, buttons, category, content, duplicates, formatting,  # noqa: F401
                   lengths, placeholders, structure)
    return REGISTRY


def registered_set_checks() -> list[tuple[tuple[str, ...], SetCheckFn]]:
    registered()
    return SET_REGISTRY


def string_nodes(node: Node | None, skip: tuple[str, ...] = ()) -> Iterator[Node]:
    """Every string inside a value, depth first, leaving out members named in `skip`."""
    if node is None:
        return
    if node.kind == "string":
        yield node
    elif node.kind == "array":
        for item in node.value:
            yield from string_nodes(item, skip)
    elif node.kind == "object":
        for key, item in node.value.items():
            if key not in skip:
                yield from string_nodes(item, skip)
