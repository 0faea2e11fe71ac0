"""Typed, read-only views of a template built once from the document tree.

Checks read these instead of walking raw dicts. Every text field is lexed for
placeholders here, once, so no check parses a string a second time.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .nodes import Node, Source
from .placeholders import Token, lex


def upper(node: Node | None) -> str | None:
    """A string member's value in upper case (Meta accepts either case for enums)."""
    return node.value.upper() if node is not None and node.kind == "string" else None


@dataclass(frozen=True)
class Text:
    """A string field and its placeholder tokens."""

    node: Node
    role: str  # header | body | footer | button_text | url | card_body | lto_text ...
    tokens: tuple[Token, ...]

    @property
    def value(self) -> str:
        return self.node.value

    @property
    def placeholders(self) -> list[Token]:
        return [t for t in self.tokens if t.is_placeholder]


def _text(node: Node | None, role: str) -> Text | None:
    if node is None or node.kind != "string":
        return None
    return Text(node, role, lex(node.value))


@dataclass(frozen=True)
class Button:
    index: int  # position among all buttons of the component
    node: Node
    type: str | None

    def field(self, key: str) -> Node | None:
        return self.node.get(key)


@dataclass(frozen=True)
class Component:
    index: int
    node: Node
    type: str | None
    format: str | None
    text: Text | None
    buttons: tuple[Button, ...] = ()

    def field(self, key: str) -> Node | None:
        return self.node.get(key)


@dataclass(frozen=True)
class Card:
    index: int
    node: Node
    components: tuple[Component, ...]


@dataclass(frozen=True)
class Template:
    source: Source
    node: Node
    json_path: str
    components: tuple[Component, ...]
    cards: tuple[Card, ...]
    texts: tuple[Text, ...] = field(repr=False)

    def field(self, key: str) -> Node | None:
        return self.node.get(key)

    def value(self, key: str) -> str | None:
        node = self.node.get(key)
        return node.value if node is not None and node.kind == "string" else None

    @property
    def name(self) -> str | None:
        return self.value("name")

    @property
    def language(self) -> str | None:
        return self.value("language")

    @property
    def category(self) -> str | None:
        return upper(self.node.get("category"))

    @property
    def parameter_format(self) -> str | None:
        return upper(self.node.get("parameter_format"))

    def component(self, ctype: str) -> Component | None:
        return next((c for c in self.components if c.type == ctype), None)

    @property
    def header(self) -> Component | None:
        return self.component("HEADER")

    @property
    def body(self) -> Component | None:
        return self.component("BODY")

    @property
    def footer(self) -> Component | None:
        return self.component("FOOTER")

    @property
    def buttons(self) -> tuple[Button, ...]:
        comp = self.component("BUTTONS")
        return comp.buttons if comp else ()

    def text(self, role: str) -> Text | None:
        return next((t for t in self.texts if t.role == role), None)


def _components(node: Node | None, prefix: str = "") -> tuple[tuple[Component, ...], list[Text]]:
    comps: list[Component] = []
    texts: list[Text] = []
    for index, cnode in enumerate(node.elements() if node is not None else []):
        if cnode.kind != "object":
            comps.append(Component(index, cnode, None, None, None))
            continue
        ctype = upper(cnode.get_ci("type"))
        fmt = upper(cnode.get_ci("format"))
        role = {"HEADER": "header", "BODY": "body", "FOOTER": "footer",
                "LIMITED_TIME_OFFER": "lto_text"}.get(ctype or "", "other")
        text_node = cnode.get("text")
        if ctype == "LIMITED_TIME_OFFER":
            lto = cnode.get("limited_time_offer")
            text_node = lto.get("text") if lto is not None else None
        text = _text(text_node, prefix + role)
        if text is not None:
            texts.append(text)
        buttons: list[Button] = []
        if ctype == "BUTTONS":
            for bindex, bnode in enumerate((cnode.get("buttons") or Node("null", None, "", 0, 0)).elements()):
                btype = upper(bnode.get_ci("type")) if bnode.kind == "object" else None
                buttons.append(Button(bindex, bnode, btype))
                for key, role_name in (("text", "button_text"), ("url", "url")):
                    t = _text(bnode.get(key), prefix + role_name)
                    if t is not None:
                        texts.append(t)
        comps.append(Component(index, cnode, ctype, fmt, text, tuple(buttons)))
    return tuple(comps), texts


def build_template(source: Source, node: Node) -> Template:
    components, texts = _components(node.get("components"))
    cards: list[Card] = []
    carousel = next((c for c in components if c.type == "CAROUSEL"), None)
    if carousel is not None:
        for index, card in enumerate((carousel.node.get("cards") or Node("null", None, "", 0, 0)).elements()):
            ccomps, ctexts = _components(card.get("components"), prefix="card_")
            cards.append(Card(index, card, ccomps))
            texts.extend(ctexts)
    return Template(source, node, node.path, components, tuple(cards), tuple(texts))
