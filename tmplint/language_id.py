"""Which language a template's text is written in (lingua: accurate on short texts, offline).

The detector is built lazily with the languages templates are commonly written
in; lingua loads each language model on first use, so a run that never needs
detection never pays for it.
"""
from __future__ import annotations

from functools import lru_cache

# ISO 639-1 codes of the languages the detector considers (lingua names them by enum).
CANDIDATES = ("ar", "de", "en", "es", "fr", "he", "hi", "id", "it", "ms", "nl", "pl", "pt", "ru", "sw", "tr", "uk")


@lru_cache(maxsize=1)
def detector():
    from lingua import IsoCode639_1, LanguageDetectorBuilder
    codes = [getattr(IsoCode639_1, code.upper()) for code in CANDIDATES]
    # Low-accuracy mode uses trigram models only: loading drops from ~2.4 s to ~0.2 s, and for
    # the six-word-plus texts we check at confidence >= 0.8 the top language stays the same
    # (measured in benchmarks/run.py).
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def detect(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, confidence) of the most likely language, or None."""
    values = detector().compute_language_confidence_values(text)
    if not values:
        return None
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), top.value


# Languages a detector cannot reliably tell apart in short texts; a match within a group is no mismatch.
EQUIVALENT = ({"id", "ms"}, {"hi", "en"})


def same_language(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in EQUIVALENT)
