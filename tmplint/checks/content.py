"""Content and policy rules (CT, PL, CP) from the lexicons: explainable, span-exact evidence."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..findings import Hit
from ..lexicon import CATEGORIES, Match
from ..model import Template
from ..name_words import name_hits
from . import Context, check

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'{}]+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>\"'{}]*", re.IGNORECASE)
_INTERACTIVE = {"QUICK_REPLY", "URL", "PHONE_NUMBER", "FLOW", "COPY_CODE", "MPM", "CATALOG", "SPM", "VOICE_CALL"}
_LABEL = {"discount": "a discount or offer", "urgency": "urgency or scarcity", "buy_cta": "a call to buy",
          "upsell": "upselling or cross-selling", "renewal_push": "a renewal push",
          "reengagement": "re-engagement (abandoned cart, win-back)", "app_install": "an app-install nudge",
          "greeting": "a greeting or relationship message", "generic_survey": "a generic survey",
          "prizes": "a prize draw or giveaway", "marketing_optout": "a marketing opt-out"}


def _hits(ctx: Context, t: Template) -> list[tuple[object, Match]]:
    """(text field, lexicon match) pairs for every text of the template, computed once."""
    return ctx.lexicon_hits(t)


def _hit(code: str, text, m: Match, message: str) -> Hit:
    return Hit(code, text.node, message, m.start, m.end, severity=m.entry.severity)


@check("CT010", "CT011")
def promotional_language(t: Template, ctx: Context):
    promo = [(text, m) for text, m in _hits(ctx, t) if CATEGORIES.get(m.entry.category) == "promo"]
    for text, m in promo:
        if t.category in ("UTILITY", "AUTHENTICATION"):
            yield _hit("CT010", text, m,
                       f"“{m.text}” is {_LABEL.get(m.entry.category, 'promotional wording')} ({m.entry.note.rstrip('.')}); "
                       f"in a {t.category} template Meta reads it as marketing. Remove it or declare MARKETING.")
        if ctx.options.get("policy") == "no-marketing":
            yield Hit("CT011", text.node,
                      f"“{m.text}” is {_LABEL.get(m.entry.category, 'promotional wording')}; under the no-marketing "
                      "policy templates must not promote or sell. Remove it.", m.start, m.end)


@check("CT012")
def promotional_name(t: Template, ctx: Context):
    node = t.field("name")
    if t.category not in ("UTILITY", "AUTHENTICATION") or node is None or node.kind != "string":
        return
    for h in name_hits(node.value):
        yield Hit("CT012", node, f"“{h.text}” in the name {node.value!r} calls the template promotional "
                                 f"({h.entry.note.rstrip('.')}); Meta's reviewers read the name of a {t.category} "
                                 "template too. Rename it if the content is not promotional, or declare MARKETING.",
                  h.start, h.end)


@check("PL001", "PL002", "PL003", "PL007")
def policy_language(t: Template, ctx: Context):
    for text, m in _hits(ctx, t):
        group = CATEGORIES.get(m.entry.category)
        if group == "sensitive":
            yield _hit("PL001", text, m, f"“{m.text}” asks the customer for sensitive data ({m.entry.note.rstrip('.')}); "
                                         "Meta rejects such requests as scams. Never ask for full card numbers, "
                                         "CVV, PINs, passwords or codes over WhatsApp.")
        elif group == "threats":
            yield _hit("PL002", text, m, f"“{m.text}” reads as a threat or shaming ({m.entry.note.rstrip('.')}); "
                                         "Meta rejects abusive content. State the facts and the next step instead.")
        elif group == "regulated":
            yield _hit("PL003", text, m, f"“{m.text}” concerns goods or services WhatsApp's Commerce Policy restricts "
                                         f"({m.entry.note.rstrip('.')}); approval depends on your region and "
                                         "business verification.")
        elif group == "spam":
            yield _hit("PL007", text, m, f"“{m.text}” is a spam-like opener ({m.entry.note.rstrip('.')}); say who you "
                                         "are and why you are writing.")


@check("CP001")
def capabilities(t: Template, ctx: Context):
    caps = ctx.options.get("capabilities", {})
    for text, m in _hits(ctx, t):
        if m.entry.category == "whatsapp_group" and not caps.get("groups"):
            yield _hit("CP001", text, m, f"“{m.text}” asks the customer to join a WhatsApp group, but the "
                                         "capabilities profile says this number/integration has no group chats "
                                         "(capabilities.groups = false).")
        elif m.entry.category == "whatsapp_call" and not caps.get("calling"):
            yield _hit("CP001", text, m, f"“{m.text}” invites a WhatsApp call, but the capabilities profile says "
                                         "this number/integration cannot take calls (capabilities.calling = false).")
    for b in t.buttons:
        if b.type == "VOICE_CALL" and not caps.get("calling"):
            yield Hit("CP001", b.node.get_ci("type"), "VOICE_CALL buttons need the Calling API, but the capabilities "
                                                      "profile says this number cannot take calls "
                                                      "(capabilities.calling = false).")


@check("CP002")
def group_limits(t: Template, ctx: Context):
    caps = ctx.options.get("capabilities", {})
    if not caps.get("groups") or not ctx.options.get("group-template", lambda t: False)(t):
        return
    if t.category == "AUTHENTICATION":
        yield Hit("CP002", t.field("category"), "This template is marked for WhatsApp groups, where AUTHENTICATION "
                                                "templates cannot be sent.")
    for b in t.buttons:
        if b.type in _INTERACTIVE:
            yield Hit("CP002", b.node.get_ci("type") or b.node, f"This template is marked for WhatsApp groups, where "
                                                                f"interactive templates ({b.type} buttons) cannot be sent.")
            break


def _urls(t: Template):
    for text in t.texts:
        for m in _URL.finditer(text.value):
            url = m.group().rstrip(".,;:!?)")
            yield text, m.start(), m.start() + len(url), url


def _host(url: str) -> str:
    if not re.match(r"https?://", url, re.IGNORECASE):
        url = "http://" + url
    return (urlsplit(url).hostname or "").lower()


@check("PL004", "PL005", "PL006")
def links(t: Template, ctx: Context):
    shorteners = set(ctx.facts["url_shorteners"])
    allowed = [d.lower().lstrip(".") for d in ctx.options.get("allowed-domains", [])]
    for text, start, end, url in _urls(t):
        host = _host(url)
        if host in shorteners:
            yield Hit("PL004", text.node, f"{host} is a URL shortener; Meta rejects templates whose links hide their "
                                          "destination. Use the full link on your own domain.", start, end)
        elif allowed and not any(host == d or host.endswith("." + d) for d in allowed):
            yield Hit("PL005", text.node, f"{host} is not one of your allowed domains "
                                          f"({', '.join(allowed)}); links to other sites raise the risk of rejection.",
                      start, end)
        if host in ("wa.me", "api.whatsapp.com") and text.role == "url":
            yield Hit("PL006", text.node, "wa.me links in a call-to-action button are rejected; link to your "
                                          "website, or use a QUICK_REPLY or PHONE_NUMBER button.", start, end)


_FILLER = re.compile(r"[\W_]+", re.UNICODE)


@check("PL008")
def vague(t: Template, ctx: Context):
    body = t.text("body")
    if body is None or t.category == "AUTHENTICATION":
        return
    words = [w for tok in body.tokens if tok.kind == "literal" for w in _FILLER.split(tok.raw) if w]
    if body.placeholders and len(words) <= 3:
        yield Hit("PL008", body.node, f"The body is almost only variables ({len(words)} fixed "
                                      f"word{'s' if len(words) != 1 else ''}); Meta reads such templates as vague "
                                      "or spam-like: say what the message is about.", 0, len(body.value))


@check("PL009")
def language_mismatch(t: Template, ctx: Context):
    from ..language_id import CANDIDATES, detect, same_language
    declared = (t.language or "").split("_")[0].lower()
    body = t.text("body")
    if body is None or declared not in CANDIDATES:
        return
    literal = " ".join(tok.raw for tok in body.tokens if tok.kind == "literal")
    if len(_FILLER.split(literal.strip())) < ctx.options.get("language-min-words", 6):
        return  # too short to tell reliably
    found = detect(literal)
    if found is None:
        return
    code, confidence = found
    if same_language(code, declared) or confidence < ctx.options.get("language-confidence", 0.8):
        return
    yield Hit("PL009", t.field("language"), f"The body reads as {code!r} (confidence {confidence:.2f}) but the "
                                            f"template declares {t.language!r}; Meta rejects templates whose text "
                                            "does not match their language (TAG_CONTENT_MISMATCH).")
