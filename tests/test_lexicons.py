"""The lexicons are data and are tested like code."""
import pytest
import yaml

from tmplint.lexicon import CATEGORIES, compile_pattern, load_lexicon, matcher_for
from tmplint.paths import rules_dir

REQUIRED = ("de", "en", "es", "fr", "hi", "id", "it", "pt")
FILES = sorted((rules_dir() / "lexicons").glob("*.yml"))
ENTRIES = [(e.language, e) for path in FILES for e in load_lexicon(path.stem).entries]


def test_required_languages_present():
    assert {p.stem for p in FILES} >= set(REQUIRED)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_category_covered_sorted_unique(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["language"] == path.stem
    categories = data["categories"]
    assert set(categories) == set(CATEGORIES), set(CATEGORIES) ^ set(categories)
    for category, entries in categories.items():
        patterns = [e["pattern"] for e in entries]
        assert len(entries) >= 3, f"{category} needs at least 3 entries"
        assert patterns == sorted(patterns, key=str.lower), f"{category} is not sorted"
        assert len(set(p.lower() for p in patterns)) == len(patterns), f"{category} has duplicates"
        for e in entries:
            assert e.get("note") and e.get("example") and e.get("severity") in ("info", "warning", "error"), e
    allow = data.get("allow") or []
    assert allow == sorted(allow, key=str.lower) and len(set(allow)) == len(allow)


@pytest.mark.parametrize("language,entry", ENTRIES, ids=[e.key for _, e in ENTRIES])
def test_entry_matches_its_examples_and_not_its_clean_texts(language, entry):
    assert compile_pattern(entry.pattern)
    matcher = matcher_for(language)
    for example in entry.examples:
        hits = [m for m in matcher.matches(example) if m.entry.key == entry.key]
        assert hits, f"{entry.pattern!r} does not match its example {example!r}"
    for text in entry.clean:
        hits = [m for m in matcher.matches(text) if m.entry.category == entry.category]
        assert not hits, f"clean text {text!r} matched {[(m.entry.pattern, m.text) for m in hits]}"
