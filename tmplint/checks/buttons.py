"""Button rules (BT): types, counts, grouping, required fields and URL variables."""
from __future__ import annotations

import difflib
import re

import emoji

from ..findings import Hit
from ..model import Template
from ..placeholders import lex
from . import Context, check

_REQUIRED = {"QUICK_REPLY": ("text",), "URL": ("text", "url"), "PHONE_NUMBER": ("text", "phone_number"),
             "COPY_CODE": ("example",), "VOICE_CALL": ("text",), "FLOW": ("text",)}
_PER_TYPE = {"URL": "buttons_url", "PHONE_NUMBER": "buttons_phone_number", "COPY_CODE": "buttons_copy_code"}
_PHONE = re.compile(r"\+?[0-9][0-9 ()-]*\Z")


def _buttons_components(t: Template):
    yield from (c for c in t.components if c.type == "BUTTONS")


@check("BT001", "BT006", "BT010")
def button_fields(t: Template, ctx: Context):
    types = ctx.facts["button_types"]
    for comp in _buttons_components(t):
        buttons_node = comp.field("buttons")
        if buttons_node is None or (buttons_node.kind == "array" and not buttons_node.value):
            yield Hit("BT010", buttons_node or comp.node,
                         "The BUTTONS component has no buttons; add at least one or remove the component.")
            continue
        for b in comp.buttons:
            if b.node.kind != "object":
                continue
            type_node = b.node.get_ci("type")
            if type_node is None:
                yield Hit("BT001", b.node, "This button has no \"type\".")
                continue
            if b.type not in types:
                close = difflib.get_close_matches(b.type or "", types, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else f"; use one of {', '.join(types)}"
                yield Hit("BT001", type_node, f"Unknown button type {type_node.value!r}{hint}.")
                continue
            for key in _REQUIRED.get(b.type, ()):
                if b.field(key) is None:
                    yield Hit("BT006", b.node, f"This {b.type} button has no \"{key}\".")
            if b.type == "FLOW":
                given = [k for k in ("flow_id", "flow_name", "flow_json") if b.field(k) is not None]
                if len(given) != 1:
                    yield Hit("BT006", b.node, "A FLOW button needs exactly one of flow_id, flow_name "
                                                  f"or flow_json; it has {len(given) or 'none'}"
                                                  f"{' (' + ', '.join(given) + ')' if given else ''}.")


@check("BT002", "BT003")
def button_counts(t: Template, ctx: Context):
    limits = ctx.facts["limits"]
    for comp in _buttons_components(t):
        buttons = [b for b in comp.buttons if b.node.kind == "object"]
        if len(buttons) > limits["buttons_total"]:
            extra = buttons[limits["buttons_total"]]
            yield Hit("BT002", extra.node, f"A template may have at most {limits['buttons_total']} "
                                              f"buttons; this one has {len(buttons)}.")
        for btype, key in _PER_TYPE.items():
            of_type = [b for b in buttons if b.type == btype]
            if len(of_type) > limits[key]:
                yield Hit("BT002", of_type[limits[key]].node,
                             f"At most {limits[key]} {btype} button{'s' if limits[key] > 1 else ''} "
                             f"allowed; this is number {limits[key] + 1}.")
        kinds = ["QR" if b.type == "QUICK_REPLY" else "X" for b in buttons]
        runs = "".join(k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k)
        if runs.count("QR") > 1:
            qr_runs = 0
            for i, b in enumerate(buttons):
                if kinds[i] == "QR" and (i == 0 or kinds[i - 1] != "QR"):
                    qr_runs += 1
                    if qr_runs == 2:
                        order = ", ".join(x.type or "?" for x in buttons)
                        yield Hit("BT003", b.node,
                                     f"Quick-reply buttons must be grouped together, all before or all "
                                     f"after the other buttons; the order is {order}.")


@check("BT004", "BT005", "BT008")
def url_buttons(t: Template, ctx: Context):
    comps = list(_buttons_components(t)) + [c for card in t.cards for c in card.components if c.type == "BUTTONS"]
    for comp in comps:
        for b in comp.buttons:
            if b.type != "URL":
                continue
            url = b.field("url")
            if url is None or url.kind != "string":
                continue
            value = url.value
            if not re.match(r"https?://[^\s/]+", value, re.IGNORECASE):
                yield Hit("BT008", url, f"The button URL {value!r} is not an absolute http(s) URL; start "
                                        "it with https:// and a domain.")
            tokens = lex(value)
            ph = [x for x in tokens if x.is_placeholder]
            if len(ph) > ctx.facts["limits"]["url_variables"]:
                yield Hit("BT004", url, "A button URL may hold only one variable, at its very end; this one "
                                        f"has {len(ph)}.", ph[1].start, ph[1].end)
            elif ph and value.rstrip() != value[:ph[0].end]:
                yield Hit("BT004", url, f"The variable `{ph[0].raw}` must be at the very end of the URL; "
                                        "move the fixed part before it.", ph[0].start, ph[0].end)
            if ph:
                example = b.field("example")
                if example is None or (example.kind == "array" and not example.value):
                    yield Hit("BT005", url, "The URL has a variable but the button has no example; add "
                                            "\"example\": [\"https://...full URL with a sample value\"].",
                              ph[0].start, ph[0].end)


@check("BT007")
def label_emoji(t: Template, ctx: Context):
    for text in t.texts:
        if text.role not in ("button_text", "card_button_text"):
            continue
        found = emoji.emoji_list(text.value)
        if found:
            first = found[0]
            yield Hit("BT007", text.node, f"The button label contains emoji ({first['emoji']}); some clients "
                                          "render them poorly and reviewers may flag them: prefer plain text.",
                      first["match_start"], first["match_end"])


@check("BT009")
def phone_numbers(t: Template, ctx: Context):
    for comp in _buttons_components(t):
        for b in comp.buttons:
            node = b.field("phone_number")
            if b.type == "PHONE_NUMBER" and node is not None and node.kind == "string":
                if not _PHONE.match(node.value.strip()) or not node.value.strip().startswith("+"):
                    yield Hit("BT009", node, f"{node.value!r} is not a phone number in international form; "
                                             "write it as + country code and digits, e.g. +15550001234.")
