"""Formatting rules (FM): WhatsApp markup where it is allowed, and layout that renders badly."""
from __future__ import annotations

import re

import emoji

from ..findings import Edit, Hit
from ..model import Template, Text
from . import Context, check

_MARKUP_CHARS = "*_~`"
_BODY_ROLES = ("body", "card_body")


def _outside_placeholders(text: Text):
    """(start, end) runs of the text that are not placeholder tokens."""
    for tok in text.tokens:
        if tok.kind == "literal":
            yield tok.start, tok.end


@check("FM001", "FM002", "FM003")
def header_footer_markup(t: Template, ctx: Context):
    for text in t.texts:
        if text.role not in ("header", "footer", "card_header"):
            continue
        code = "FM002" if text.role == "footer" else "FM001"
        value = text.value
        marks = [start + m.start() for start, end in _outside_placeholders(text)
                 for m in re.finditer(r"[*_~`]", value[start:end])]
        if marks:
            pos = marks[0]
            where = "footer" if code == "FM002" else "header"
            fix = tuple(Edit(*text.node.span(i, i + 1), "") for i in marks) if code == "FM001" else ()
            yield Hit(code, text.node, f"The {where} contains the formatting character "
                                       f"{value[pos]!r}; WhatsApp does not format {where}s, so it "
                                       "shows literally. Remove it.", pos, pos + 1, fix=fix)
        if text.role == "header":
            stripped = value.rstrip("\r\n")
            if stripped != value and "\n" not in stripped and "\r" not in stripped:
                start, end = text.node.span(len(stripped), len(value))
                # Only an escaped break ("\n" in a quoted string) can be deleted without
                # changing the file's structure; a YAML block scalar's break is layout.
                escaped = t.source.text[start:end].startswith("\\")
                yield Hit("FM003", text.node, "The header ends with a line break; headers are one line. "
                                              "Remove it.", len(stripped), len(value),
                          fix=(Edit(start, end, ""),) if escaped else ())
            elif "\n" in value or "\r" in value:
                pos = min(i for i in (value.find("\n"), value.find("\r")) if i != -1)
                yield Hit("FM003", text.node, "The header contains a line break; headers are one line.",
                          pos, pos + 1)
            found = emoji.emoji_list(value)
            if found:
                yield Hit("FM003", text.node, f"The header contains emoji ({found[0]['emoji']}); Meta's "
                                              "header rules do not allow emoji there: move it to the body.",
                          found[0]["match_start"], found[0]["match_end"])


_UNSUPPORTED = [
    (re.compile(r"\*\*[^*\n]+\*\*"), "`**bold**` is Markdown; WhatsApp shows the asterisks. Use `*bold*`"),
    (re.compile(r"__[^_\n]+__"), "`__bold__` is Markdown; WhatsApp shows the underscores. Use `*bold*`"),
    (re.compile(r"(?m)^#{1,6} \S.*$"), "`# heading` is Markdown; WhatsApp has no headings. Use `*bold*` "
                                        "on its own line"),
    (re.compile(r"\[[^\]\n]+\]\((https?://|www\.)[^)\s]+\)"), "`[text](url)` is a Markdown link; "
                                                             "WhatsApp shows it literally. Write the URL "
                                                             "in the text or use a URL button"),
]


@check("FM004")
def unsupported_markdown(t: Template, ctx: Context):
    for text in t.texts:
        if text.role not in _BODY_ROLES:
            continue
        for pattern, message in _UNSUPPORTED:
            for m in pattern.finditer(text.value):
                yield Hit("FM004", text.node, message + ".", m.start(), m.end())


_URLISH = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def _markers(line: str, marker: str):
    """Opening and closing positions of a WhatsApp marker in one line."""
    opens, closes = [], []
    for i, ch in enumerate(line):
        if ch != marker:
            continue
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if before == marker or after == marker:
            continue  # doubled markers are FM004's business
        if marker == "*" and i == 0 and after == " ":
            continue  # a "* " list item
        can_open = (before.isspace() or not before.isalnum()) and not after.isspace()
        can_close = not before.isspace() and (after.isspace() or not after.isalnum())
        if can_open and (not can_close or not opens):
            opens.append(i)
        elif can_close and opens:
            opens.pop()
            closes.append(i)
        elif can_close:
            closes.append(i)
    return opens


@check("FM005")
def unbalanced_markers(t: Template, ctx: Context):
    for text in t.texts:
        if text.role not in _BODY_ROLES:
            continue
        value = text.value
        masked = list(value)
        for tok in text.tokens:  # placeholder names and URLs may hold _ and ~ legitimately
            if tok.kind != "literal":
                masked[tok.start:tok.end] = "x" * (tok.end - tok.start)
        for m in _URLISH.finditer(value):
            masked[m.start():m.end()] = "x" * (m.end() - m.start())
        masked = "".join(masked)
        fences = [m.start() for m in re.finditer("```", masked)]
        if len(fences) % 2:
            yield Hit("FM005", text.node, "A ``` monospace block is opened but never closed; add the "
                                          "closing ```.", fences[-1], fences[-1] + 3)
        masked = masked.replace("```", "xxx")
        offset = 0
        for line in masked.split("\n"):
            for marker, name in (("*", "bold"), ("_", "italic"), ("~", "strikethrough")):
                for pos in _markers(line, marker):
                    yield Hit("FM005", text.node, f"The {name} marker {marker!r} is never closed on this "
                                                  f"line; WhatsApp will show it literally. Close it "
                                                  f"(`{marker}text{marker}`) or remove it.",
                              offset + pos, offset + pos + 1)
            offset += len(line) + 1


@check("FM006", "FM007", "FM008")
def whitespace(t: Template, ctx: Context):
    limits = ctx.facts["limits"]
    run = limits["body_space_run"]
    for text in t.texts:
        if text.role not in _BODY_ROLES:
            continue
        value = text.value
        for m in re.finditer("\t", value):
            yield Hit("FM006", text.node, "The body contains a tab; WhatsApp renders tabs inconsistently "
                                          "and Meta rejects tabs in parameters: use spaces.",
                      m.start(), m.end())
        for m in re.finditer(f" {{{run},}}", value):
            start, end = text.node.span(m.start(), m.end())
            yield Hit("FM007", text.node, f"{m.end() - m.start()} consecutive spaces; WhatsApp collapses "
                                          "nothing, so this shows as a gap. Use a single space.",
                      m.start(), m.end(), fix=(Edit(start, end, " "),))
        for m in re.finditer(r"\n(?:[ \t]*\n){%d,}" % (limits["blank_lines"] + 1), value):
            blank = m.group().count("\n") - 1
            yield Hit("FM008", text.node, f"{blank} consecutive blank lines; keep at most "
                                          f"{limits['blank_lines']}.", m.start(), m.end())


@check("FM009")
def emoji_count(t: Template, ctx: Context):
    limit = ctx.facts["limits"]["body_emoji"]
    for text in t.texts:
        if text.role not in _BODY_ROLES:
            continue
        found = emoji.emoji_list(text.value)
        if len(found) > limit:
            extra = found[limit]
            yield Hit("FM009", text.node, f"The body has {len(found)} emoji; providers report that more "
                                          f"than {limit} raise the chance of rejection as spam.",
                      extra["match_start"], found[-1]["match_end"])
