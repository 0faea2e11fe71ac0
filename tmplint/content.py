"""Content analysis computed once per template and shared by every content check and the report."""
from __future__ import annotations

from dataclasses import dataclass

from .classifier.features import Document, cues, template_text
from .classifier.model import CategoryModel, Phrase, Prediction
from .model import Template, Text

# The texts the classifier reads, in the order it reads them.
_ROLES = ("header", "body", "footer", "button_text")


@dataclass(frozen=True)
class Segment:
    text: Text
    offset: int  # where this field starts in the combined classifier input


@dataclass(frozen=True)
class Analysis:
    document: Document
    segments: tuple[Segment, ...]
    prediction: Prediction | None
    model: CategoryModel | None

    def locate(self, start: int, end: int) -> tuple[Text, int, int] | None:
        """Map a span of the combined input back to (field, begin, end) in that field."""
        for seg in self.segments:
            if seg.offset <= start < seg.offset + len(seg.text.value):
                return seg.text, start - seg.offset, min(end - seg.offset, len(seg.text.value))
        return None

    @property
    def text(self) -> str:
        return self.document.text

    def phrases(self, target: str, limit: int = 5) -> list[Phrase]:
        if self.model is None or not self.text:
            return []
        return self.model.explain(self.document, target, limit)


def analyse(template: Template, model: CategoryModel | None, lexicon_hits: list = ()) -> Analysis:
    """Join the template's texts, add the cues, and predict its category.

    `lexicon_hits` are the content rules' (text field, match) pairs; matches in fields the
    classifier does not read (URLs, carousel cards) are left out.
    """
    fields = {role: [t for t in template.texts if t.role == role] for role in _ROLES}
    header = fields["header"][0] if fields["header"] else None
    body = fields["body"][0] if fields["body"] else None
    footer = fields["footer"][0] if fields["footer"] else None
    buttons = fields["button_text"]
    text, layout = template_text(header.value if header else None, body.value if body else None,
                                 footer.value if footer else None, [b.value for b in buttons])
    by_role = {"header": [header] if header else [], "body": [body] if body else [],
               "footer": [footer] if footer else [], "button": list(buttons)}
    segments = []
    for role, start, _end in layout:
        segments.append(Segment(by_role[role].pop(0), start))
    document = Document(text)
    if model is not None and text.strip():
        from .lexicon import CATEGORIES
        from .name_words import name_hits
        offsets = {id(seg.text): seg.offset for seg in segments}
        lexicon = [(m.entry.category, CATEGORIES.get(m.entry.category) == "promo",
                    offsets[id(field)] + m.start, offsets[id(field)] + m.end)
                   for field, m in lexicon_hits if id(field) in offsets]
        types = {id(b.field("text")): b.type for b in template.buttons if b.field("text") is not None}
        document = Document(text, cues(text, layout, [types.get(id(seg.text.node)) for seg in segments
                                                      if seg.text.role == "button_text"],
                                       lexicon, bool(template.name and name_hits(template.name))))
    prediction = model.predict(document) if model is not None and text.strip() else None
    return Analysis(document, tuple(segments), prediction, model)
