"""The placeholder lexer: text -> literal runs, placeholders and malformed runs.

Meta's syntax is tiny (`{{1}}` or `{{snake_name}}`), but what people actually
write around it is not: single braces, `{{ 1 }}`, `{{First Name}}`, and
template-engine leftovers from whatever rendered the text before. Jinja syntax
is recognised with jinja2's own lexer, not by guessing from the characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jinja2
import jinja2.exceptions

NAMED_RE = re.compile(r"[a-z_][a-z0-9_]*\Z")
_NUMBER_RE = re.compile(r"\d+\Z")
_DECIMAL_RE = re.compile(r"\d+[.,]\d+\Z")
_SINGLE_INNER_RE = re.compile(r"\s*(\d+|[A-Za-z_][A-Za-z0-9_]{0,40})\s*\Z")
_MAX_INNER = 80

LITERAL = "literal"
POSITIONAL = "positional"
NAMED = "named"
MALFORMED = "malformed"  # braces wrong, or content Meta does not accept
ENGINE = "engine"  # Jinja / Handlebars syntax left in the text


@dataclass(frozen=True)
class Token:
    kind: str
    start: int  # character offsets in the decoded string, end exclusive
    end: int
    raw: str
    key: int | str | None = None  # placeholder number or name
    problem: str | None = None  # for MALFORMED/ENGINE: a short machine tag
    detail: str | None = None  # human explanation
    replacement: str | None = None  # a safe rewrite, when one is certain

    @property
    def is_placeholder(self) -> bool:
        return self.kind in (POSITIONAL, NAMED)


@lru_cache(maxsize=1)
def _jinja_env() -> jinja2.Environment:
    return jinja2.Environment(autoescape=False)


def _jinja_tokens(snippet: str) -> list[tuple[str, str]] | None:
    """Token (type, value) pairs from jinja2's lexer, or None if it is not Jinja."""
    try:
        return [(t, v) for _, t, v in _jinja_env().lex(snippet) if t != "whitespace"]
    except jinja2.exceptions.TemplateSyntaxError:
        return None


def _jinja_parses(snippet: str) -> bool:
    """True when jinja2's parser accepts the snippet as a complete template."""
    try:
        _jinja_env().parse(snippet)
        return True
    except jinja2.exceptions.TemplateSyntaxError:
        return False


@lru_cache(maxsize=4096)
def lex(text: str) -> tuple[Token, ...]:
    tokens: list[Token] = []
    literal_start = 0
    i, n = 0, len(text)

    def emit(tok: Token) -> None:
        nonlocal literal_start
        if tok.start > literal_start:
            tokens.append(Token(LITERAL, literal_start, tok.start, text[literal_start:tok.start]))
        tokens.append(tok)
        literal_start = tok.end

    while i < n:
        ch = text[i]
        if ch == "{":
            tok = _scan_open(text, i)
            if tok is not None:
                emit(tok)
                i = tok.end
                continue
            while i < n and text[i] == "{":
                i += 1
            continue
        if ch == "}":
            j = i
            while j < n and text[j] == "}":
                j += 1
            if j - i >= 2:
                emit(Token(MALFORMED, i, j, text[i:j], problem="stray-close",
                           detail=f"`{text[i:j]}` closes a placeholder that was never opened"))
            i = j
            continue
        i += 1
    if literal_start < n:
        tokens.append(Token(LITERAL, literal_start, n, text[literal_start:]))
    return tuple(tokens)


def _scan_open(text: str, i: int) -> Token | None:
    n = len(text)
    # Jinja statements and comments: {% ... %} and {# ... #}
    for opener, closer, what in (("{%", "%}", "statement"), ("{#", "#}", "comment")):
        if text.startswith(opener, i) and not text.startswith("{{", i):
            close = text.find(closer, i + 2)
            if close != -1 and close - i <= 200:
                raw = text[i:close + 2]
                toks = _jinja_tokens(raw)
                if toks is not None:
                    keyword = next((v for t, v in toks if t == "name"), "")
                    desc = f"`{{% {keyword} %}}` block" if what == "statement" and keyword else f"a {what}"
                    return Token(ENGINE, i, close + 2, raw, problem=f"jinja-{what}",
                                 detail=f"this is Jinja template syntax ({desc}), which WhatsApp does "
                                        "not process; render it before submitting, or rewrite it as "
                                        "plain text with {{1}}-style placeholders")
            return None
    opens = 0
    while i + opens < n and text[i + opens] == "{":
        opens += 1
    j = i + opens
    # Find the closing run: the next '}' before another '{' or a line break.
    k = j
    while k < n and text[k] not in "{}\n" and k - j <= _MAX_INNER:
        k += 1
    if k >= n or text[k] != "}":
        if opens >= 2:
            return Token(MALFORMED, i, j, text[i:j], problem="unclosed",
                         detail=f"`{text[i:j]}` opens a placeholder that is never closed")
        return None
    closes = 0
    while k + closes < n and text[k + closes] == "}":
        closes += 1
    end = k + closes
    raw = text[i:end]
    inner = text[j:k]
    stripped = inner.strip()
    if opens == 1 and closes == 1:
        if not _SINGLE_INNER_RE.match(inner):
            return None  # ordinary text in braces, e.g. "{see above}" is left alone
        fixed = f"{{{{{stripped}}}}}" if (stripped.isdigit() or NAMED_RE.match(stripped)) else None
        return Token(MALFORMED, i, end, raw, problem="single-braces",
                     detail=f"`{raw}` uses single braces; placeholders need two on each side"
                            + (f": `{fixed}`" if fixed else ""), replacement=fixed)
    if opens != closes or opens > 2:
        if opens == closes == 3:
            what = "three braces on each side (Handlebars' unescaped form)"
        elif opens != closes:
            what = f"{opens} opening and {closes} closing braces"
        else:
            what = f"{opens} braces on each side"
        fixed = f"{{{{{stripped}}}}}" if (stripped.isdigit() or NAMED_RE.match(stripped)) else None
        return Token(MALFORMED, i, end, raw, problem="braces",
                     detail=f"`{raw}` has {what}; a placeholder is exactly `{{{{` + name + `}}}}`"
                            + (f": `{fixed}`" if fixed else ""), replacement=fixed)
    return _classify(raw, inner, stripped, i, end)


def _classify(raw: str, inner: str, stripped: str, i: int, end: int) -> Token:
    spaced = inner != stripped

    def bad(problem: str, detail: str, replacement: str | None = None) -> Token:
        return Token(MALFORMED, i, end, raw, problem=problem, detail=detail, replacement=replacement)

    if not stripped:
        return bad("empty", f"`{raw}` is empty; put a number (`{{{{1}}}}`) or a name inside")
    if _NUMBER_RE.match(stripped):
        number = int(stripped)
        if number == 0:
            return bad("zero", f"`{raw}`: positional placeholders start at 1, not 0")
        if stripped != str(number):
            return bad("leading-zero", f"`{raw}` has a leading zero; write `{{{{{number}}}}}`",
                       f"{{{{{number}}}}}")
        if spaced:
            return bad("spaces", f"`{raw}` has spaces inside the braces; write `{{{{{number}}}}}`",
                       f"{{{{{number}}}}}")
        return Token(POSITIONAL, i, end, raw, key=number)
    if _DECIMAL_RE.match(stripped):
        return bad("decimal", f"`{raw}` is a decimal; positional placeholders are whole numbers 1, 2, 3...")
    if NAMED_RE.match(stripped):
        if spaced:
            return bad("spaces", f"`{raw}` has spaces inside the braces; write `{{{{{stripped}}}}}`",
                       f"{{{{{stripped}}}}}")
        return Token(NAMED, i, end, raw, key=stripped)
    if stripped[0] in "#/>!^" or stripped == "else" or stripped.startswith("else "):
        if stripped[0] in "#/" and stripped[1:2].isdigit():
            return bad("characters", f"`{raw}` contains `{stripped[0]}`; only a number or a lowercase "
                                     f"name may stand inside the braces (`{stripped[0]}{{{{1}}}}` is fine)")
        return Token(ENGINE, i, end, raw, problem="handlebars",
                     detail=f"`{raw}` is Handlebars/Mustache syntax (a block, partial or comment), "
                            "which WhatsApp does not process; remove it or rewrite the text with "
                            "{{1}}-style placeholders")
    toks = _jinja_tokens("{{" + inner + "}}")
    if toks is not None and _jinja_parses("{{" + inner + "}}"):
        body = toks[1:-1]
        operators = [v for t, v in body if t == "operator"]
        if operators:
            if "|" in operators:
                what = "a filter"
            elif "." in operators or "[" in operators:
                what = "attribute access"
            elif "(" in operators:
                what = "a function call"
            else:
                what = "an operator"
            return Token(ENGINE, i, end, raw, problem="jinja-expression",
                         detail=f"`{raw}` is a Jinja expression ({what}), which WhatsApp does not "
                                "evaluate; render it before submitting, or use a plain placeholder "
                                "such as `{{1}}` or `{{first_name}}`")
    if any(c.isspace() for c in stripped):
        suggestion = re.sub(r"\W+", "_", stripped).strip("_").lower()
        hint = f"; write `{{{{{suggestion}}}}}`" if NAMED_RE.match(suggestion or "-") else ""
        return bad("spaces-in-name", f"`{raw}` has spaces in the name; names are lowercase letters "
                                     f"and underscores{hint}")
    odd = sorted({c for c in stripped if not (c.isalnum() or c == "_")})
    if odd:
        chars = " ".join(f"`{c}`" for c in odd)
        return bad("characters", f"`{raw}` contains {chars}; only a number or a lowercase name may "
                                 "stand inside the braces (put symbols outside: `${{amount}}`)")
    if stripped.lower() != stripped and NAMED_RE.match(_snake(stripped)):
        snake = _snake(stripped)
        return bad("uppercase", f"`{raw}` has uppercase letters; names are lowercase letters and "
                                f"underscores: `{{{{{snake}}}}}`")
    return bad("characters", f"`{raw}` is not a valid placeholder; use a number (`{{{{1}}}}`) or a "
                             "lowercase name (`{{first_name}}`)")


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def placeholders(tokens: tuple[Token, ...]) -> list[Token]:
    return [t for t in tokens if t.is_placeholder]
