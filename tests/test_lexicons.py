"""The lexicons are data and are tested like code.

Every entry is also a rule fixture: its example, in a UTILITY template of its language,
must make the category's rule report exactly the [bracketed] words, and its clean texts
must not trigger that rule at all.
"""
import json

import pytest
import yaml

from tmplint import lint_text
from tmplint.config import Config
from tmplint.lexicon import CATEGORIES, compile_pattern, load_lexicon, marked_span, matcher_for
from tmplint.paths import rules_dir

REQUIRED = ("de", "en", "es", "fr", "hi", "id", "it", "pt")
FILES = sorted((rules_dir() / "lexicons").glob("*.yml"))
ENTRIES = [(e.language, e) for path in FILES for e in load_lexicon(path.stem).entries]


def _sort_key(pattern: str) -> str:
    return pattern.lower().replace("~", "")


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
        assert patterns == sorted(patterns, key=_sort_key), f"{category} is not sorted"
        assert len(set(p.lower() for p in patterns)) == len(patterns), f"{category} has duplicates"
        for e in entries:
            assert e.get("note") and e.get("example") and e.get("severity") in ("info", "warning", "error"), e
    allow = data.get("allow") or []
    assert allow == sorted(allow, key=_sort_key) and len(set(allow)) == len(allow)


@pytest.mark.parametrize("language,entry", ENTRIES, ids=[e.key for _, e in ENTRIES])
def test_entry_matches_its_examples_and_not_its_clean_texts(language, entry):
    assert compile_pattern(entry.pattern, language)
    matcher = matcher_for(language)
    for example in entry.examples:
        text, start, end = marked_span(example)
        hits = [(m.start, m.end) for m in matcher.matches(text) if m.entry.key == entry.key]
        assert (start, end) in hits, f"{entry.pattern!r} on {text!r}: expected {text[start:end]!r}, got " \
                                     f"{[text[a:b] for a, b in hits]}"
    for text in entry.clean:
        hits = [m for m in matcher.matches(text) if m.entry.category == entry.category]
        assert not hits, f"clean text {text!r} matched {[(m.entry.pattern, m.text) for m in hits]}"


# The rule that reports each category, and the template language each lexicon is tried with.
RULE = {"promo": "CT010", "regulated": "PL003", "sensitive": "PL001", "threats": "PL002", "spam": "PL007",
        "capability": "CP001"}
TEMPLATE_LANGUAGE = {"pt": "pt_BR"}
NO_CLASSIFIER = Config(classifier=False)


def _lint_body(language: str, body: str):
    """A one-line UTILITY template around `body`; returns (file text, body offset, findings)."""
    encoded = json.dumps(body, ensure_ascii=False)
    assert encoded[1:-1] == body, "examples must not need JSON escapes, so offsets stay simple"
    head = ('{"name": "lexicon_fixture", "language": "%s", "category": "UTILITY", '
            '"components": [{"type": "BODY", "text": ' % TEMPLATE_LANGUAGE.get(language, language))
    source = head + encoded + "}]}"
    report = lint_text(source, "fixture.json", config=NO_CLASSIFIER)
    return source, len(head) + 1, report.templates[0].findings


@pytest.mark.parametrize("language,entry", ENTRIES, ids=[e.key for _, e in ENTRIES])
def test_entry_is_a_rule_fixture(language, entry):
    code = RULE[CATEGORIES[entry.category]]
    for example in entry.examples:
        text, start, end = marked_span(example)
        source, offset, findings = _lint_body(language, text)
        spans = [(f.start - offset, f.end - offset) for f in findings if f.code == code]
        assert (start, end) in spans, f"{code} on {text!r}: expected {text[start:end]!r}, got " \
                                      f"{[text[a:b] for a, b in spans]}"
        finding = next(f for f in findings if f.code == code and (f.start, f.end) == (offset + start, offset + end))
        assert source[finding.start:finding.end] == text[start:end]
        assert finding.message.startswith(f"“{text[start:end]}”") or code == "CP001" and text[start:end] in \
            finding.message
    for text in entry.clean:
        source, _, findings = _lint_body(language, text)
        flagged = [source[f.start:f.end] for f in findings if f.code == code]
        assert not flagged, f"{code} flags the clean text {text!r} at {flagged}"


def test_compiled_lemmas_cover_exactly_what_the_lexicons_use():
    from tmplint.lemmas import TABLES, forms, wanted_lemmas
    for path in FILES:
        language = path.stem
        wanted = wanted_lemmas(language)
        if language not in TABLES:
            assert not wanted, f"{language} has no lemma table; write forms out instead of {sorted(wanted)}"
            continue
        assert set(forms(language)) == wanted, f"run `python -m tmplint.lemmas` ({language})"
        for lemma in wanted:
            assert lemma in forms(language)[lemma]


def test_compiled_lemmas_are_what_spacy_lookups_data_gives():
    pytest.importorskip("spacy_lookups_data")
    from tmplint.lemmas import main
    assert main(["--check"]) == 0, "rules/lemmas is stale: run `python -m tmplint.lemmas`"


def test_lemma_tokens_match_inflected_forms_only_through_the_table():
    from tmplint.lemmas import LemmaError, forms_of, lemmas_in
    assert lemmas_in("~buy|shopping now ~save?") == {"buy", "save"}
    assert {"discounted", "discounts"} <= set(forms_of("en", "discount"))
    [[token]] = compile_pattern("~discount", "en")
    assert set(token["LOWER"]["IN"]) == set(forms_of("en", "discount"))
    with pytest.raises(LemmaError, match="no lemma table for 'hi'"):
        compile_pattern("~kharidna", "hi")
    with pytest.raises(LemmaError, match="knows no forms of 'qwertyzebra' in 'en'"):
        compile_pattern("~qwertyzebra", "en")


def test_vocabulary_lemmas_beyond_the_shipped_ones(monkeypatch):
    """A team's vocabulary may use any lemma when spacy-lookups-data is installed, else gets a clear error."""
    import sys
    from tmplint import lemmas
    pytest.importorskip("spacy_lookups_data")
    assert "pintaron" in lemmas.forms_of("es", "pintar")
    monkeypatch.setitem(sys.modules, "spacy_lookups_data", None)
    with pytest.raises(lemmas.LemmaError, match="write the forms out .* install spacy-lookups-data"):
        lemmas.forms_of("es", "pintar")


def test_evaluate_rules_counts_flags_per_label_and_language(tmp_path):
    from click.testing import CliRunner
    from tmplint.cli import main
    labelled = tmp_path / "labelled.jsonl"
    rows = [{"id": "a", "language": "en_US", "label": "MARKETING", "body": "Get 25% off everything today only!"},
            {"id": "b", "language": "en", "label": "MARKETING", "body": "We have news about your account."},
            {"id": "c", "language": "en", "label": "UTILITY", "body": "Your order {{1}} has shipped."},
            {"id": "d", "language": "es", "label": "UTILITY", "body": "Tu pedido {{1}} ya salió.",
             "buttons": [{"type": "QUICK_REPLY", "text": "Compra ahora"}]},
            # the record's own name and button types are linted too (CT012; a URL button stays a URL)
            {"id": "e", "language": "pt_BR", "label": "MARKETING", "name": "black_friday_aviso",
             "body": "Olá {{1}}, a loja abre às 8h na sexta.",
             "buttons": [{"type": "URL", "text": "Ver loja", "url": "https://loja.example.com"}]},
            {"id": "f", "language": "pt_BR", "label": "UTILITY", "name": "Not A Valid Name!",
             "body": "Seu pedido {{1}} foi entregue."}]
    labelled.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "--rules", str(labelled), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["flagged"]["MARKETING/en"] == {"flagged": 1, "n": 2, "share": 0.5}
    assert data["flagged"]["UTILITY/all"] == {"flagged": 1, "n": 3, "share": 0.3333}
    assert data["flagged"]["MARKETING/pt"] == {"flagged": 1, "n": 1, "share": 1.0}
    assert data["false_alarms"] == [["CT010 compra ahora", 1]]
    text = CliRunner().invoke(main, ["evaluate", "--rules", str(labelled)]).output
    assert "| en | 50.0% (1/2) | 0.0% (0/1) |" in text
    assert "- CT010 compra ahora: 1" in text


def test_phrase_groups_expand_to_one_pattern_per_phrase():
    assert compile_pattern("(thank you|thanks) for") == [
        [{"LOWER": "thank"}, {"LOWER": "you"}, {"LOWER": "for"}], [{"LOWER": "thanks"}, {"LOWER": "for"}]]
    assert len(compile_pattern("(a b|c) x|y (d|e f)")) == 4
    for bad, message in [("(thanks for", "unbalanced"), ("thanks)", "unbalanced"), ("((a)|b)", "nested"),
                         ("(a|) b", "empty alternative"), ("x(a|b)", "stand alone")]:
        with pytest.raises(ValueError, match=message):
            compile_pattern(bad)


def test_allow_list_spans_survive_case_changes_that_alter_length():
    """'İ'.lower() is two characters; allow-list offsets must still line up with the text."""
    matcher = matcher_for("en")
    text = "İİİ Use your PICKUP CODE 4411. Get 20% off today!"
    assert [(m.text, m.start) for m in matcher.matches(text)] == [("20% off", text.index("20% off"))]
    assert not matcher.matches("İİİİ Your FREE CANCELLATION ends on Monday.")


@pytest.mark.parametrize("text", ["خصم 20%", "خصم 20٪", "خصم ٢٠٪", "خصم ٪20", "خصم 20 ٪", "خصم 12.5٪"])
def test_pct_knows_the_arabic_percent_sign_and_digits(text):
    from spacy.matcher import Matcher
    from tmplint.nlp import pipeline
    nlp = pipeline("ar")
    matcher = Matcher(nlp.vocab)
    matcher.add("pct", compile_pattern("خصم PCT", "ar"))
    doc = nlp(text)
    assert [doc[a:b].text for _, a, b in matcher(doc)] == [text]


def test_turkish_capitals_match_lower_case_patterns_at_the_right_offsets():
    matcher = matcher_for("tr")
    text = "İNDİRİM KODU: YAZ20 ile %20 İndirim!"
    hits = {(m.text, m.start) for m in matcher.matches(text)}
    assert ("İNDİRİM KODU", 0) in hits
    assert ("%20 İndirim", text.index("%20")) in hits


def test_azerbaijani_capitals_match_lower_case_patterns_at_the_right_offsets():
    """Azerbaijani has its own spaCy tokenizer and the Turkish dotted/dotless i, not the generic fallback."""
    from tmplint.nlp import spacy_lang
    assert spacy_lang("az") == "az"
    text = "Salam! İNDİ SİFARİŞ EDİN və qazanın."
    hits = {(m.text, m.start, m.entry.category) for m in matcher_for("az").matches(text)}
    assert ("İNDİ SİFARİŞ EDİN", text.index("İNDİ"), "buy_cta") in hits


@pytest.mark.parametrize("lang,text,span", [
    ("az", "Bütün paltarlara 25%-dək endirim!", "25%-dək endirim"),
    ("az", "30%-li endirim yalnız bu həftə", "30%-li endirim"),
    ("tr", "Tüm ürünlerde %25'e varan indirim", "%25'e varan indirim"),
])
def test_pct_takes_a_glued_suffix(lang, text, span):
    from spacy.matcher import Matcher
    from tmplint.nlp import pipeline, tokenize
    matcher = Matcher(pipeline(lang).vocab)
    pattern = "PCT endirim" if lang == "az" else "PCT varan indirim"
    matcher.add("pct", compile_pattern(pattern, lang))
    doc = tokenize(text, lang)
    assert [text[doc[a].idx:doc[b - 1].idx + len(doc[b - 1])] for _, a, b in matcher(doc)] == [span]
