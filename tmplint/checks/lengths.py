"""Length and count limits (LN). Characters are Unicode code points after normalising line endings."""
from __future__ import annotations

from ..findings import Hit
from ..model import Template
from ..nodes import Node
from . import Context, check


def _normalised_index(value: str) -> list[int]:
    """Original string index of each character once CRLF/CR are normalised to LF."""
    index = []
    i = 0
    while i < len(value):
        index.append(i)
        i += 2 if value.startswith("\r\n", i) else 1
    return index


def too_long(code: str, node: Node, limit: int, what: str, extra: str = "") -> Hit | None:
    value = node.value
    index = _normalised_index(value)
    if len(index) <= limit:
        return None
    return Hit(code, node, f"The {what} is {len(index)} characters long; the limit is {limit}{extra}. "
                           f"Shorten it by {len(index) - limit}.", index[limit], len(value))


@check("LN001", "LN002", "LN003", "LN009")
def text_lengths(t: Template, ctx: Context):
    limits = ctx.facts["limits"]
    has_lto = t.component("LIMITED_TIME_OFFER") is not None
    for text in t.texts:
        node = text.node
        if text.role in ("header", "card_header"):
            h = too_long("LN001", node, limits["header_text"], "header text")
        elif text.role == "body":
            if has_lto:
                h = too_long("LN002", node, limits["body_text_limited_time_offer"], "body",
                             " in a limited-time offer template")
            else:
                h = too_long("LN002", node, limits["body_text"], "body")
        elif text.role == "card_body":
            h = too_long("LN002", node, limits["body_text_carousel_card"], "carousel card body")
        elif text.role in ("footer", "card_footer"):
            h = too_long("LN003", node, limits["footer_text"], "footer")
        elif text.role == "lto_text":
            h = too_long("LN009", node, limits["limited_time_offer_text"], "offer text")
        else:
            h = None
        if h is not None:
            yield h


@check("LN004", "LN005", "LN006", "LN007")
def button_lengths(t: Template, ctx: Context):
    limits = ctx.facts["limits"]
    comps = list(t.components) + [c for card in t.cards for c in card.components]
    for comp in comps:
        for b in comp.buttons:
            checks = [("text", "LN004", limits["button_text"], "button label"),
                      ("url", "LN005", limits["url"], "URL"),
                      ("phone_number", "LN006", limits["phone_number"], "phone number")]
            if b.type == "COPY_CODE":
                checks.append(("example", "LN007", limits["copy_code_example"], "copy-code example"))
            for key, code, limit, what in checks:
                node = b.field(key)
                if node is not None and node.kind == "array" and key == "example" and node.value:
                    node = node.value[0]
                if node is not None and node.kind == "string":
                    h = too_long(code, node, limit, what)
                    if h is not None:
                        yield h


@check("LN008")
def carousel_cards(t: Template, ctx: Context):
    comp = t.component("CAROUSEL")
    if comp is None:
        return
    low, high = ctx.facts["limits"]["carousel_cards_min"], ctx.facts["limits"]["carousel_cards_max"]
    n = len(t.cards)
    if not low <= n <= high:
        cards = comp.node.get("cards")
        yield Hit("LN008", cards if cards is not None else comp.node,
                     f"A carousel needs {low} to {high} cards; this one has {n}.")
