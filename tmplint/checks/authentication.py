"""AUTHENTICATION template rules (AU): preset body, expiry, OTP button, supported apps."""
from __future__ import annotations

import re

import emoji

from ..findings import Hit
from ..model import Template
from . import Context, check, string_nodes

_PACKAGE = re.compile(r"[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+\Z")
_HASH = re.compile(r"[A-Za-z0-9+/=]{11}\Z")
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def _auth(t: Template) -> bool:
    return t.category == "AUTHENTICATION"


@check("AU001", "AU009")
def preset_texts(t: Template, ctx: Context):
    if not _auth(t):
        return
    body = t.body
    if body is not None and body.text is not None:
        yield Hit("AU001", body.text.node, "AUTHENTICATION templates use Meta's preset body (\"<code> is "
                                           "your verification code.\"); remove \"text\" and set "
                                           "\"add_security_recommendation\": true if you want the "
                                           "security line.", 0, len(body.text.value))
    footer = t.footer
    if footer is not None and footer.text is not None:
        yield Hit("AU009", footer.text.node, "AUTHENTICATION footers cannot carry text; use "
                                             "\"code_expiration_minutes\" (1-90) instead.",
                  0, len(footer.text.value))


@check("AU002")
def code_expiration(t: Template, ctx: Context):
    if not _auth(t) or t.footer is None:
        return
    node = t.footer.field("code_expiration_minutes")
    if node is None:
        return
    low, high = ctx.facts["limits"]["auth_code_expiration_min"], ctx.facts["limits"]["auth_code_expiration_max"]
    if node.kind != "number" or isinstance(node.value, float) or not low <= node.value <= high:
        yield Hit("AU002", node, f"code_expiration_minutes must be a whole number from {low} to {high}, "
                                 f"not {node.value!r}.")


@check("AU003", "AU004", "AU005", "AU006", "AU007")
def otp_button(t: Template, ctx: Context):
    if not _auth(t):
        return
    buttons = [b for b in t.buttons if b.node.kind == "object"]
    otp = [b for b in buttons if b.type == "OTP"]
    comps = t.component("BUTTONS")
    if not otp:
        target = comps.node if comps is not None else t.field("components") or t.node
        yield Hit("AU003", target, "AUTHENTICATION templates need exactly one OTP button (otp_type "
                                      "COPY_CODE, ONE_TAP or ZERO_TAP).")
        return
    for b in otp[1:]:
        yield Hit("AU003", b.node, "AUTHENTICATION templates take exactly one OTP button; remove this one.")
    for b in buttons:
        if b.type not in ("OTP", None):
            yield Hit("AU003", b.node, f"AUTHENTICATION templates can only have the OTP button; remove "
                                          f"this {b.type} button.")
    button = otp[0]
    otp_type_node = button.node.get_ci("otp_type")
    otp_type = otp_type_node.value.upper() if otp_type_node is not None and otp_type_node.kind == "string" else None
    if otp_type not in ctx.facts["otp_types"]:
        target = otp_type_node or button.node
        got = f"not {otp_type_node.value!r}" if otp_type_node is not None else "and it is missing"
        yield Hit("AU004", target, f"otp_type must be COPY_CODE, ONE_TAP or ZERO_TAP, {got}.")
        return
    if otp_type == "COPY_CODE":
        return
    apps = button.field("supported_apps")
    if apps is None or apps.kind != "array" or not apps.value:
        yield Hit("AU005", apps or button.node,
                     f"{otp_type} buttons need \"supported_apps\": a list of "
                     "{\"package_name\", \"signature_hash\"} for the Android apps that receive the code.")
        return
    limit = ctx.facts["limits"]["auth_supported_apps"]
    if len(apps.value) > limit:
        yield Hit("AU005", apps.value[limit], f"At most {limit} supported_apps are allowed; this one has "
                                                 f"{len(apps.value)}.")
    for app in apps.value:
        if app.kind != "object":
            continue
        package = app.get("package_name")
        if package is None:
            yield Hit("AU006", app, "This supported app has no \"package_name\".")
        elif package.kind != "string" or len(package.value) > ctx.facts["limits"]["auth_package_name"] \
                or not _PACKAGE.match(package.value):
            yield Hit("AU006", package, f"{package.value!r} is not a valid Android package name: at most "
                                        "224 characters, two or more dot-separated parts, each starting "
                                        "with a letter (e.g. com.example.app).")
        sig = app.get("signature_hash")
        if sig is None:
            yield Hit("AU007", app, "This supported app has no \"signature_hash\".")
        elif sig.kind != "string" or not _HASH.match(sig.value):
            yield Hit("AU007", sig, f"signature_hash must be exactly 11 characters of A-Z, a-z, 0-9, +, / "
                                    f"or =; {sig.value!r} is not.")


@check("AU008", "AU010")
def auth_content(t: Template, ctx: Context):
    if not _auth(t):
        return
    header = t.header
    if header is not None:
        yield Hit("AU008", header.node.get_ci("type") or header.node,
                     "AUTHENTICATION templates cannot have a header (no media, no text).")
    for text in t.texts:
        m = _URL.search(text.value)
        if m:
            yield Hit("AU008", text.node, "AUTHENTICATION templates cannot contain URLs.", m.start(), m.end())
        found = emoji.emoji_list(text.value)
        if found:
            yield Hit("AU008", text.node, "AUTHENTICATION templates cannot contain emoji.",
                      found[0]["match_start"], found[0]["match_end"])
    limit = ctx.facts["limits"]["auth_parameter"]
    for comp in t.components:
        example = comp.field("example")
        for s in string_nodes(example):
            if len(s.value) > limit:
                yield Hit("AU010", s, f"Authentication parameters are at most {limit} characters; this "
                                      f"example is {len(s.value)}.", limit, len(s.value))
            found = emoji.emoji_list(s.value)
            if found:
                yield Hit("AU008", s, "AUTHENTICATION parameters cannot contain emoji.",
                          found[0]["match_start"], found[0]["match_end"])
