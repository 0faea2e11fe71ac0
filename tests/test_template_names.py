"""rules/template_names.yml is the fixture set for CT012: each entry's example is flagged at
exactly its marked span, each clean name is not flagged at all, through the full lint."""
import json

import pytest
import yaml

from tmplint.api import lint_text
from tmplint.config import Config
from tmplint.lexicon import marked_span
from tmplint.name_words import entries, name_hits
from tmplint.paths import rules_dir

ENTRIES, UNLESS_ANY = entries()
NO_CLASSIFIER = Config(classifier=False)


def _lint(name: str, category: str = "UTILITY"):
    source = ('{"name": %s, "language": "en_US", "category": "%s", "components": '
              '[{"type": "BODY", "text": "Your visit is booked. Reply to this message to change it."}]}'
              % (json.dumps(name), category))
    report = lint_text(source, "fixture.json", config=NO_CLASSIFIER)
    return source, [f for f in report.templates[0].findings if f.code == "CT012"]


def test_data_is_sorted_unique_and_complete():
    data = yaml.safe_load((rules_dir() / "template_names.yml").read_text(encoding="utf-8"))
    firsts = [e["words"][0] for e in data["entries"]]
    assert firsts == sorted(firsts)
    words = [w for e in data["entries"] for w in e["words"]]
    assert len(words) == len(set(words))
    for e in data["entries"]:
        assert e["words"] == sorted(e["words"]) and e["note"] and e["example"] and e["clean"], e


@pytest.mark.parametrize("entry", ENTRIES, ids=[" ".join(e.words[0]) for e in ENTRIES])
def test_entry_example_is_flagged_at_its_span_and_clean_name_is_not(entry):
    name, start, end = marked_span(entry.example)
    source, found = _lint(name)
    offset = source.index(json.dumps(name)) + 1
    assert [(f.start - offset, f.end - offset, f.severity) for f in found] == [(start, end, "warning")]
    assert found[0].message.startswith(f"“{name[start:end]}” in the name {name!r} calls the template promotional")
    assert _lint(entry.clean)[1] == []


def test_only_utility_and_authentication_are_checked():
    assert _lint("summer_sale", "MARKETING")[1] == []
    assert len(_lint("summer_sale", "AUTHENTICATION")[1]) == 1


@pytest.mark.parametrize("name,expected", [
    ("summer_sale2026", ["sale"]),                     # letters and digits are separate words
    ("black_friday_flash_sale", ["black_friday", "flash_sale"]),
    ("order_confirmation_promo", ["promo"]),           # a mixed template is still flagged
    ("job_offer_letter", []),
    ("sale_deed_registration", []),
    ("newsletter_unsubscribe_confirmed", []),          # opting out of marketing is utility
    ("salesforce_sync_alert", []),                     # words, not substrings
    ("promoted_to_gold_tier", []),
    ("feliz_natal_clientes", ["feliz_natal"]),         # a holiday of several words
    ("yilbasi_gala_rezervasyon", []),                  # a booking the customer made for the holiday
    ("birthday_party_booking_confirmed", []),
    ("post_visit_survey", []),                         # feedback on a specific visit is utility
    ("nps_q3_2026", ["nps"]),                          # a survey sent to the base is not
    ("gp_referral_letter_medical", []),
])
def test_name_words(name, expected):
    assert [h.text for h in name_hits(name)] == expected
