"""Structure rules (ST): required members, enums, names, languages, components, carousel, LTO."""
from __future__ import annotations

import difflib
import re
import unicodedata

from ..findings import Edit, Hit
from ..model import Template
from ..nodes import Node
from . import Context, check

_TYPES = {"name": "string", "language": "string", "category": "string", "components": "array",
          "parameter_format": "string"}


def _suggest(word: str, choices, cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _a(kind: str) -> str:
    if kind == "null":
        return "null"
    if kind == "bool":
        return "a boolean"
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


@check("ST002", "ST013")
def required_members(t: Template, ctx: Context):
    for key, kind in _TYPES.items():
        node = t.field(key)
        if node is None:
            if key == "parameter_format":
                continue
            yield Hit("ST002", t.node, f"The template has no \"{key}\"; Meta requires name, language, "
                                       "category and components.", on_key=False)
            continue
        if node.kind != kind:
            yield Hit("ST013", node, f"\"{key}\" must be {_a(kind)}, not {_a(node.kind)}.",
                      on_key=node.kind == "null")
    comps = t.field("components")
    if comps is not None and comps.kind == "array":
        for comp in t.components:
            if comp.node.kind != "object":
                yield Hit("ST013", comp.node, f"Each component must be an object, not {_a(comp.node.kind)}.")
                continue
            for key, kind in (("type", "string"), ("text", "string"), ("format", "string"),
                              ("buttons", "array"), ("example", "object"), ("cards", "array")):
                node = comp.node.get(key)
                if node is not None and node.kind != kind:
                    yield Hit("ST013", node, f"\"{key}\" must be {_a(kind)}, not {_a(node.kind)}.",
                              on_key=node.kind == "null")
            for button in comp.buttons:
                if button.node.kind != "object":
                    yield Hit("ST013", button.node, f"Each button must be an object, not {_a(button.node.kind)}.")
                    continue
                for key in ("text", "url", "phone_number", "type"):
                    node = button.node.get(key)
                    if node is not None and node.kind != "string":
                        yield Hit("ST013", node, f"\"{key}\" must be a string, not {_a(node.kind)}.",
                                  on_key=node.kind == "null")


@check("ST001")
def name(t: Template, ctx: Context):
    node = t.field("name")
    if node is None or node.kind != "string":
        return
    value = node.value
    if not re.fullmatch(ctx.facts["name_pattern"], value):  # fullmatch: `$` would accept a final newline
        if not value:
            why = "it is empty"
        elif len(value) > 512:
            why = f"it is {len(value)} characters long (at most 512)"
        else:
            bad = sorted({c for c in value if not re.match(r"[a-z0-9_]", c)})
            why = "it contains " + ", ".join(repr(c) for c in bad)
        ascii_value = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
        suggestion = re.sub(r"[^a-z0-9_]+", "_", ascii_value.lower()).strip("_")[:512]
        hint = f"; for example {suggestion!r}" if suggestion and suggestion != value else ""
        yield Hit("ST001", node, f"Invalid template name {value!r}: {why}. Names may only use lowercase "
                                 f"letters a-z, digits and underscores{hint}.")


@check("ST003")
def language(t: Template, ctx: Context):
    node = t.field("language")
    if node is None:
        return
    if node.kind == "object" and node.get("code") is not None:
        node = node.get("code")  # the send-time shape {"code": "en_US"} sometimes ends up here
    if node.kind != "string":
        return
    value = node.value
    codes = ctx.facts["languages"]
    if value in codes:
        return
    lookup = {c.lower(): c for c in codes}
    normal = lookup.get(value.strip().replace("-", "_").lower())
    if normal:
        start, end = node.span(0, len(value))
        yield Hit("ST003", node, f"Language code {value!r} is not in Meta's form; write {normal!r} "
                                 f"({_language_form(value, normal)}).", 0, len(value),
                  fix=(Edit(start, end, normal),))
        return
    base = value.replace("-", "_").split("_")[0].lower()
    family = [c for c in codes if c.split("_")[0] == base]
    hint = f"; supported codes for {base!r}: {', '.join(family)}" if family else _suggest(value, codes)
    yield Hit("ST003", node, f"Language code {value!r} is not one of Meta's supported template "
                             f"languages{hint}.", 0, len(value))


def _language_form(value: str, normal: str) -> str:
    """Say what differs between a near-miss language code and Meta's spelling of it."""
    core = value.strip()
    parts = ["no spaces"] if core != value else []
    if "-" in core:
        parts.append("an underscore instead of a hyphen")
    lang, _, region = core.replace("-", "_").partition("_")
    if lang != lang.lower():
        parts.append("the language in lower case")
    if region and region != region.upper():
        parts.append("the region in upper case")
    return " and ".join(filter(None, (", ".join(parts[:-1]), parts[-1])))


@check("ST004", "ST005", "ST006")
def category(t: Template, ctx: Context):
    node = t.field("category")
    if node is None or node.kind != "string":
        return
    value = node.value
    up = value.upper()
    legacy = ctx.facts["legacy_categories"]
    if up in ctx.facts["categories"]:
        if value != up:
            start, end = node.span(0, len(value))
            yield Hit("ST006", node, f"Category {value!r} is accepted by Meta but is usually written in "
                                     f"upper case: {up!r}.", 0, len(value), fix=(Edit(start, end, up),))
        return
    if up in legacy:
        yield Hit("ST005", node, f"{value!r} is a category from before June 2023 and is no longer "
                                 f"accepted; use {legacy[up]!r}.", 0, len(value))
        return
    yield Hit("ST004", node, f"Unknown category {value!r}; use MARKETING, UTILITY or "
                             f"AUTHENTICATION{_suggest(up, ctx.facts['categories'])}.", 0, len(value))


@check("ST007", "ST014", "ST016", "ST020")
def members(t: Template, ctx: Context):
    known = set(ctx.facts["template_fields"]) | set(ctx.facts["read_only_fields"]) | {"x-tmplint"}
    for key, node in t.node.items():
        if key == "x-tmplint":
            yield Hit("ST020", node, "\"x-tmplint\" holds tmplint's suppressions and is not part of Meta's "
                                     "template format; strip it from the payload you submit.", on_key=True,
                      fix=_remove_member_fix(t, key), unsafe=True)
            continue
        if key == "allow_category_change":
            yield Hit("ST007", node, "\"allow_category_change\" was removed on 2025-04-09; Meta now "
                                     "assigns the category it reads from the content. Remove the member.",
                      on_key=True, fix=_remove_member_fix(t, key))
        elif key not in known:
            yield Hit("ST014", node, f"Unknown template member {key!r}{_suggest(key, sorted(known), 0.7)}; "
                                     "Meta ignores or rejects members it does not know.", on_key=True)
    yield from _duplicate_keys(t.node)


def _duplicate_keys(node: Node):
    if node.kind == "object":
        for key, start, end in node.duplicate_keys:
            dup = Node("string", key, node.path, start, end)
            yield Hit("ST016", dup, f"The member {key!r} appears more than once in this object; this "
                                    "later one silently replaces the earlier value. Keep only one of them.")
        for child in node.value.values():
            yield from _duplicate_keys(child)
    elif node.kind == "array":
        for child in node.value:
            yield from _duplicate_keys(child)


def _member_start(t: Template, node: Node) -> int:
    return node.key_start if node.key_start is not None else node.start


def _remove_member_fix(t: Template, key: str) -> tuple[Edit, ...]:
    """Delete `"key": value` together with one adjacent comma (JSON) or its line (YAML)."""
    text = t.source.text
    node = t.node.get(key)
    start, end = _member_start(t, node), node.end
    if text[t.node.start] != "{":  # block YAML: delete the whole line(s)
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip():
            return ()
        while end > start and text[end - 1] in " \t\r\n":  # a block value's end includes its line break
            end -= 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end == -1 else line_end + 1
        return (Edit(line_start, line_end, ""),)
    after = end
    while after < len(text) and text[after] in " \t\r\n":
        after += 1
    if after < len(text) and text[after] == ",":
        # remove through the comma and the whitespace that followed the member's line start
        after += 1
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip():
            nl = text.find("\n", after)
            if nl != -1 and not text[after:nl].strip():
                return (Edit(line_start, nl + 1, ""),)
        while after < len(text) and text[after] in " \t":
            after += 1
        return (Edit(start, after, ""),)
    before = start - 1
    while before > t.node.start and text[before] in " \t\r\n":
        before -= 1
    if text[before] == ",":
        return (Edit(before, end, ""),)
    return ()


@check("ST008", "ST009", "ST010", "ST015")
def components(t: Template, ctx: Context):
    comps = t.field("components")
    if comps is None or comps.kind != "array":
        return
    seen = yield from _component_list(t.components, ctx.facts["component_types"], t.category, None)
    if "BODY" not in seen and t.category != "AUTHENTICATION":
        yield Hit("ST008", comps, "The template has no BODY component; every template except "
                                     "AUTHENTICATION needs one.")
    for card in t.cards:
        yield from _component_list(card.components, ctx.facts["card_component_types"], t.category, card.index)


_READING_ORDER = ["HEADER", "BODY", "FOOTER", "BUTTONS", "CAROUSEL", "LIMITED_TIME_OFFER"]


def _component_list(components, allowed: list[str], category: str | None, card: int | None):
    """ST009/ST010/ST015 over one list of components: the template's, or carousel card `card`'s."""
    of = f" of carousel card {card + 1}" if card is not None else ""
    in_card = f" in carousel card {card + 1}" if card is not None else ""
    shown = sorted(allowed, key=lambda c: _READING_ORDER.index(c) if c in _READING_ORDER else len(_READING_ORDER))
    choices = f"{', '.join(shown[:-1])} or {shown[-1]}"
    seen: dict[str, int] = {}
    for comp in components:
        if comp.node.kind != "object":
            continue
        type_node = comp.node.get_ci("type")
        if type_node is None:
            yield Hit("ST010", comp.node, f"This component{of} has no \"type\"; use {choices}.")
            continue
        if comp.type not in allowed:
            yield Hit("ST010", type_node, f"Unknown component type {type_node.value!r}{in_card}"
                                          f"{_suggest(comp.type or '', allowed)}; use {choices}.")
            continue
        if comp.type in seen:
            owner = f"Carousel card {card + 1}" if card is not None else "A template"
            yield Hit("ST009", type_node, f"{owner} may have only one {comp.type} component; this "
                                          f"repeats components[{seen[comp.type]}].")
        else:
            seen[comp.type] = comp.index
        if comp.type in ("BODY", "FOOTER") or (comp.type == "HEADER" and comp.format == "TEXT"):
            if comp.type in ("BODY", "FOOTER") and category == "AUTHENTICATION":
                continue
            text = comp.node.get("text")
            if text is None:
                yield Hit("ST015", comp.node, f"The {comp.type} component{of} has no \"text\".")
            elif text.kind == "string" and not text.value.strip():
                yield Hit("ST015", text, f"The {comp.type.lower()} text{of} is empty.")
    return seen


@check("ST011")
def parameter_format(t: Template, ctx: Context):
    node = t.field("parameter_format")
    if node is None or node.kind != "string":
        return
    if node.value.upper() not in ctx.facts["parameter_formats"]:
        yield Hit("ST011", node, f"parameter_format must be POSITIONAL or NAMED, not {node.value!r}"
                                 f"{_suggest(node.value.upper(), ctx.facts['parameter_formats'], 0.75)}.")


@check("ST012")
def header_format(t: Template, ctx: Context):
    for comp in list(t.components) + [c for card in t.cards for c in card.components]:
        if comp.type != "HEADER":
            continue
        node = comp.node.get_ci("format")
        if node is None:
            yield Hit("ST012", comp.node, "The HEADER has no \"format\"; use TEXT, IMAGE, VIDEO, GIF, "
                                              "DOCUMENT or LOCATION.")
        elif comp.format not in ctx.facts["header_formats"]:
            yield Hit("ST012", node, f"Unknown header format {node.value!r}"
                                     f"{_suggest(comp.format or '', ctx.facts['header_formats'])}; "
                                     "use TEXT, IMAGE, VIDEO, GIF, DOCUMENT or LOCATION.")
        elif comp.format == "LOCATION" and t.category not in (None, "UTILITY", "MARKETING"):
            yield Hit("ST012", node, "LOCATION headers are only allowed in UTILITY and MARKETING templates.")


@check("ST017", "ST018")
def carousel(t: Template, ctx: Context):
    comp = t.component("CAROUSEL")
    if comp is None:
        return
    type_node = comp.node.get_ci("type")
    if t.category not in (None, "MARKETING"):
        yield Hit("ST017", type_node, f"Carousel templates must be MARKETING; this one is {t.category}.")
    media = {"IMAGE", "VIDEO"}
    shapes = []
    for card in t.cards:
        header = next((c for c in card.components if c.type == "HEADER"), None)
        if header is None or header.format not in media:
            fmt = header.node.get_ci("format") if header is not None else None
            if fmt is not None and fmt.kind == "string":
                article = "an" if fmt.value[:1].lower() in ("a", "e", "i", "o", "u") else "a"
                yield Hit("ST018", fmt, f"Carousel card {card.index + 1} has {article} {fmt.value} header; "
                                        "every card needs an IMAGE or VIDEO header.")
            else:
                yield Hit("ST018", card.node, f"Carousel card {card.index + 1} needs an IMAGE or VIDEO header.")
        # The header has its own message above; the shape compares the other components.
        shapes.append((card, tuple(sorted(c.type or "" for c in card.components if c.type != "HEADER"))))
        most = ctx.facts["limits"]["carousel_card_buttons"]
        for c in card.components:
            if c.type == "BUTTONS":
                if len(c.buttons) > most:
                    yield Hit("ST018", c.buttons[most].node,
                              f"Carousel card {card.index + 1} has {len(c.buttons)} buttons; at most {most}.")
                for b in c.buttons:
                    if b.type not in (None, "QUICK_REPLY", "URL", "PHONE_NUMBER"):
                        yield Hit("ST018", b.node.get_ci("type"), "Carousel card buttons must be QUICK_REPLY, "
                                                                  f"URL or PHONE_NUMBER, not {b.type}.")
    if shapes:
        first = shapes[0][1]
        for card, shape in shapes[1:]:
            if shape != first:
                yield Hit("ST018", card.node, f"Carousel card {card.index + 1} has components "
                                                  f"{', '.join(shape) or 'none'} besides its header; every card "
                                                  f"must have the same components as card 1 "
                                                  f"({', '.join(first) or 'none'}).")


@check("ST019")
def limited_time_offer(t: Template, ctx: Context):
    comp = t.component("LIMITED_TIME_OFFER")
    if comp is None:
        return
    type_node = comp.node.get_ci("type")
    if t.category not in (None, "MARKETING"):
        yield Hit("ST019", type_node, f"Limited-time offer templates must be MARKETING; this one is "
                                      f"{t.category}.")
    footer = t.footer
    if footer is not None:
        yield Hit("ST019", footer.node.get_ci("type"), "Limited-time offer templates cannot have a footer.")
