"""Inference with the shipped classifier: pure Python, no unpickling, no training stack.

The artifact is three plain files: `model.json` (classes, temperature,
provenance, metrics), `vocab.txt` (one feature per line) and `weights.bin`
(little-endian float64: idf, then one coefficient row per class, then the
intercepts). Loading them can never execute code.
"""
from __future__ import annotations

import bisect
import json
import math
import re
import sys
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..paths import models_dir
from .features import Document, analyzer, document_spans

ARTIFACT_DIR = "classifier"
FORMAT = "tmplint-linear-v1"


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    text: str
    weight: float  # contribution to the target class's logit, relative to the other classes


def decide(scores: dict[str, float], marketing_threshold: float) -> str:
    """MARKETING once its probability reaches the threshold, otherwise the most probable class.

    Missing marketing costs a rejection or a recategorised template; a false alarm costs a look,
    so training may set the threshold below 0.5 (see `train.marketing_threshold`).
    """
    if scores.get("MARKETING", 0.0) >= marketing_threshold:
        return "MARKETING"
    return max(scores, key=scores.get)


@dataclass(frozen=True)
class Prediction:
    label: str
    scores: dict[str, float]
    logits: dict[str, float]


class CategoryModel:
    def __init__(self, meta: dict, vocab: dict[str, int], idf: array, coef: list[array], intercept: list[float]):
        self.meta = meta
        self.classes: tuple[str, ...] = tuple(meta["classes"])
        self.temperature: float = meta["temperature"]
        self.marketing_threshold: float = meta.get("marketing_threshold", 0.5)
        self.vocab = vocab
        self.idf = idf
        self.coef = coef
        self.intercept = intercept

    # -- loading -------------------------------------------------------------------
    @classmethod
    def load(cls, directory: Path | str | None = None) -> "CategoryModel":
        directory = Path(directory) if directory else models_dir() / ARTIFACT_DIR
        meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{directory}: unknown model format {meta.get('format')!r}")
        terms = (directory / "vocab.txt").read_text(encoding="utf-8").split("\n")
        if terms and terms[-1] == "":
            terms.pop()
        n, k = len(terms), len(meta["classes"])
        weights = array("d")
        weights.frombytes((directory / "weights.bin").read_bytes())
        if sys.byteorder == "big":
            weights.byteswap()
        if len(weights) != n + k * n + k:
            raise ValueError(f"{directory}: weights.bin does not match vocab.txt ({len(weights)} values "
                             f"for {n} features and {k} classes)")
        vocab = {term: i for i, term in enumerate(terms)}
        idf = weights[:n]
        coef = [weights[n + c * n:n + (c + 1) * n] for c in range(k)]
        intercept = list(weights[n + k * n:])
        return cls(meta, vocab, idf, coef, intercept)

    # -- inference -------------------------------------------------------------------
    def vectorise(self, doc: Document | str,
                  spans: bool = False) -> tuple[dict[int, float], list[tuple[int, int, int]]]:
        """TF-IDF vector (sublinear tf, L2-normalised), and with `spans` the occurrences behind it."""
        occurrences = []
        if spans:
            for feature, start, end in document_spans(doc):
                index = self.vocab.get(feature)
                if index is not None:
                    occurrences.append((index, start, end))
            counts = Counter(index for index, _, _ in occurrences)
        else:
            vocab = self.vocab
            counts = Counter(i for i in map(vocab.get, analyzer(doc)) if i is not None)
        weights = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}
        norm = math.sqrt(math.fsum(w * w for w in weights.values()))
        if norm > 0:
            weights = {i: w / norm for i, w in weights.items()}
        return weights, occurrences

    def predict(self, doc: Document | str) -> Prediction:
        """The category of a document (or of a bare text, without cues)."""
        x, _ = self.vectorise(doc)
        logits = [math.fsum([self.intercept[c]] + [v * self.coef[c][i] for i, v in x.items()])
                  for c in range(len(self.classes))]
        scaled = [z / self.temperature for z in logits]
        top = max(scaled)
        exps = [math.exp(z - top) for z in scaled]
        total = math.fsum(exps)
        scores = {cls: e / total for cls, e in zip(self.classes, exps)}
        return Prediction(decide(scores, self.marketing_threshold), scores, dict(zip(self.classes, logits)))

    def explain(self, doc: Document | str, target: str, limit: int = 5) -> list[Phrase]:
        """Phrases pushing `target` up against the other classes, strongest first.

        Per-feature contributions of a linear model are exact; each feature's share is
        spread over its occurrences, then over the words those occurrences cover, and
        adjacent positive words on one line are merged into phrases. Cues with no place
        in the text (a promotional name, no variables) count in the score but name no phrase.
        """
        x, occurrences = self.vectorise(doc, spans=True)
        text = doc if isinstance(doc, str) else doc.text
        t = self.classes.index(target)
        others = [c for c in range(len(self.classes)) if c != t]
        counts = Counter(i for i, _, _ in occurrences)
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        if not words:
            return []
        starts = [a for a, _ in words]
        score = [0.0] * len(words)
        for i, a, b in occurrences:
            delta = self.coef[t][i] - sum(self.coef[c][i] for c in others) / len(others)
            share = x[i] * delta / counts[i] / self.temperature
            first = max(bisect.bisect_right(starts, a) - 1, 0)
            covered = [w for w in range(first, len(words)) if words[w][0] < b and words[w][1] > a]
            for w in covered:
                score[w] += share / len(covered)
        phrases: list[Phrase] = []
        breaker = [_is_breaker(text[a:b]) for a, b in words]
        w = 0
        while w < len(words):
            if score[w] <= 0 or breaker[w]:
                w += 1
                continue
            j = w
            while (j + 1 < len(words) and score[j + 1] > 0 and not breaker[j + 1]
                   and "\n" not in text[words[j][1]:words[j + 1][0]] and j + 1 - w < 5):
                j += 1
            a, b = words[w][0], words[j][1]
            phrases.append(Phrase(a, b, text[a:b], math.fsum(score[w:j + 1])))
            w = j + 1
        phrases.sort(key=lambda p: (-p.weight, p.start))
        return phrases[:limit]


_WORD = re.compile(r"\{\{[^{}\n]{0,60}\}\}|\w+|[^\w\s]", re.UNICODE)


_JOINERS = {"%", "-", "'", "’", "&", "/", "+"}


def _is_breaker(token: str) -> bool:
    """Sentence punctuation ends a phrase; symbols inside phrases ("25% off") do not."""
    return token not in _JOINERS and not any(c.isalnum() or c in "{}" for c in token)


@lru_cache(maxsize=2)
def load_model(directory: str | None = None) -> CategoryModel | None:
    """The shipped model, or None when no artifact has been trained yet."""
    path = Path(directory) if directory else models_dir() / ARTIFACT_DIR
    if not (path / "model.json").is_file():
        return None
    return CategoryModel.load(path)
