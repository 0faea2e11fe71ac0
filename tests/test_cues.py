"""Cues: the evidence besides words that the classifier reads, the same from records and from templates."""
import json

from tmplint.checks import Context
from tmplint.classifier.corpus import read_jsonl, record_from
from tmplint.classifier.documents import document
from tmplint.classifier.model import load_model
from tmplint.lexicon_eval import _template
from tmplint.model import build_template
from tmplint.sources import read_bytes, template_nodes

from .conftest import ROOT

RECORD = {"id": "x", "language": "en", "label": "UTILITY", "name": "spring_sale_update",
          "body": "Hi {{1}}, your order shipped! Get 20% off your next order today only!",
          "buttons": [{"type": "URL", "text": "Track order"}, "Stop promotions"]}


def _span(text, cue):
    return text[cue[1]:cue[2]]


def test_cues_of_a_record_name_their_evidence_and_where_it_is():
    record = record_from(RECORD, "x")
    doc = document(record)
    text = doc.text
    lexicon = [(name, _span(text, c)) for c in doc.cues for name in [c[0]] if name.startswith("s:lex:")]
    assert ("s:lex:discount", "20% off") in lexicon
    assert ("s:lex:marketing_optout", "Stop promotions") in lexicon
    promo = [_span(text, c) for c in doc.cues if c[0] == "s:promo"]
    assert "20% off" in promo and "Stop promotions" in promo  # both categories are promotional
    assert [(c[0], _span(text, c)) for c in doc.cues if c[0].startswith("s:button:")] == [
        ("s:button:URL", "Track order"), ("s:button:QUICK_REPLY", "Stop promotions")]
    placeless = [c for c in doc.cues if c[1] == c[2]]
    assert placeless == [("s:name", 0, 0), ("s:bang2", 0, 0)]  # variables present: no s:novar


def test_a_plain_record_has_only_the_cues_it_earns():
    doc = document(record_from({"language": "en", "label": "UTILITY", "name": "parcel_update",
                                "body": "Your parcel has left the depot."}, "y"))
    assert doc.cues == (("s:novar", 0, 0),)
    # a language without a lexicon still gets the structural cues
    doc = document(record_from({"language": "as", "label": "UTILITY", "body": "{{1}}!"}, "z"))
    assert doc.cues == (("s:bang1", 0, 0),)


def _linted_document(obj):
    source = read_bytes(json.dumps(_template(obj), ensure_ascii=False).encode("utf-8"), "t.json")
    nodes, _ = template_nodes(source.root)
    template = build_template(source.source, nodes[0])
    ctx = Context(model=load_model())
    return ctx.analysis(template).document


def test_the_linter_gives_the_classifier_what_training_saw():
    """A corpus record and the template it describes become the same document, cues included."""
    records = read_jsonl(ROOT / "models" / "corpus.jsonl")
    objs = [json.loads(line) for line in (ROOT / "models" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    checked = with_lexicon = with_buttons = 0
    for record, obj in list(zip(records, objs))[::97] + [(record_from(RECORD, "x"), RECORD)]:
        if obj.get("name") and not _template(obj)["name"] == obj["name"]:
            continue  # a name the linter would not accept is replaced; the cue could differ
        doc = document(record)
        assert _linted_document(obj) == doc, record.id
        checked += 1
        with_lexicon += any(c[0].startswith("s:lex:") for c in doc.cues)
        with_buttons += any(c[0].startswith("s:button:") for c in doc.cues)
    assert checked > 60 and with_lexicon > 10 and with_buttons > 10
