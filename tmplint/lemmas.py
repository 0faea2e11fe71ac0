"""Lemma forms for lexicon patterns, compiled at build time from spacy-lookups-data.

A lexicon token `~comprar` matches every word form whose lemma is `comprar`
(compro, compras, compró, ...). Loading spaCy's lookup tables at run time costs
seconds for some languages (pt is 800k forms), so `python -m tmplint.lemmas`
inverts the tables once and keeps only the lemmas the lexicons use, in
rules/lemmas/<lang>.json. At run time tmplint reads those small files and never
needs spacy-lookups-data; `--check` (and a test) fails when they are stale.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .paths import rules_dir

LEMMA_TOKEN = re.compile(r"(?:^|\|)~([^|?\s]+)")
# The lemma table spacy-lookups-data has for each lexicon language; Hinglish (Latin-script Hindi) has none.
TABLES = {"de": "de_lemma_lookup", "en": "en_lemma_lookup", "es": "es_lemma_lookup", "fr": "fr_lemma_lookup",
          "id": "id_lemma_lookup", "it": "it_lemma_lookup", "nl": "nl_lemma_lookup", "pt": "pt_lemma_lookup",
          "tr": "tr_lemma_lookup"}


class LemmaError(ValueError):
    pass


def lemmas_in(pattern: str) -> set[str]:
    """The `~lemma` alternatives a pattern uses, lower-cased."""
    return {m.group(1).lower() for spec in pattern.split() for m in LEMMA_TOKEN.finditer(spec.rstrip("?"))}


@lru_cache(maxsize=None)
def forms(language: str) -> dict[str, tuple[str, ...]]:
    """lemma -> its word forms, from the compiled file (empty when the language has none)."""
    path = rules_dir() / "lemmas" / f"{language}.json"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return {lemma: tuple(words) for lemma, words in data["forms"].items()}


def forms_of(language: str | None, lemma: str) -> tuple[str, ...]:
    """Every form of `lemma` (the lemma itself included); unknown lemmas are an error, not a silent miss."""
    lemma = lemma.lower()
    if language is None:
        raise LemmaError(f"~{lemma}: lemma patterns need a language")
    table = forms(language)
    if lemma in table:
        return table[lemma]
    if language not in TABLES:
        raise LemmaError(f"~{lemma}: there is no lemma table for {language!r}; write the forms out (a|b|c)")
    try:  # a team's own vocabulary may use lemmas the shipped lexicons do not
        import spacy_lookups_data  # noqa: F401
    except ImportError:
        raise LemmaError(f"~{lemma}: not compiled for {language!r}; write the forms out (a|b|c), install "
                         f"spacy-lookups-data, or for the shipped lexicons run `python -m tmplint.lemmas`") from None
    found = compile_forms(language, {lemma})[lemma]
    if found == [lemma]:
        raise LemmaError(f"~{lemma}: spacy-lookups-data knows no forms of {lemma!r} in {language!r}; "
                         f"write the forms out (a|b|c)")
    return tuple(found)


@lru_cache(maxsize=2)
def _read_table(language: str) -> dict[str, str | list[str]]:
    try:
        import spacy_lookups_data
    except ImportError:  # pragma: no cover - the dev extra installs it
        raise SystemExit("spacy-lookups-data is needed to compile lemmas: pip install -e '.[dev]'") from None
    path = Path(spacy_lookups_data.__file__).parent / "data" / f"{TABLES[language]}.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def compile_forms(language: str, wanted: set[str]) -> dict[str, list[str]]:
    """Invert the language's lookup table for the wanted lemmas (forms lower-cased, sorted)."""
    out: dict[str, set[str]] = defaultdict(set)
    for form, lemma in _read_table(language).items():
        for lem in ([lemma] if isinstance(lemma, str) else lemma):
            if lem.lower() in wanted:
                out[lem.lower()].add(form.lower())
    return {lemma: sorted(out[lemma] | {lemma}) for lemma in sorted(wanted)}


def wanted_lemmas(language: str) -> set[str]:
    import yaml
    with open(rules_dir() / "lexicons" / f"{language}.yml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {lemma for items in (data.get("categories") or {}).values() for item in items or []
            for lemma in lemmas_in(item["pattern"])}


def render(language: str) -> str:
    payload = {"language": language, "source": f"spacy-lookups-data {TABLES[language]} (MIT), "
                                                "inverted for the lemmas rules/lexicons uses",
               "forms": compile_forms(language, wanted_lemmas(language))}
    return json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tmplint.lemmas", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a compiled file is missing or stale")
    args = parser.parse_args(argv)
    stale = []
    for lexicon in sorted((rules_dir() / "lexicons").glob("*.yml")):
        language = lexicon.stem
        path = rules_dir() / "lemmas" / f"{language}.json"
        if language not in TABLES:
            if wanted_lemmas(language):
                print(f"{lexicon}: ~lemma patterns, but there is no lemma table for {language}", file=sys.stderr)
                return 1
            continue
        text = render(language)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            stale.append(path)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                tmp.write_text(text, encoding="utf-8")
                tmp.replace(path)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path}")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
