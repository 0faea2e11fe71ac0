"""A self-contained HTML page previewing each template as a WhatsApp chat bubble, findings marked."""
from __future__ import annotations

from functools import lru_cache

import jinja2

from .. import __version__
from ..engine import Report
from .preview import runs


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("tmplint.report", "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True)


def _views(report: Report) -> list[dict]:
    views = []
    for result in report.templates:
        t = result.template
        if t is None:
            continue
        findings = result.findings
        texts = {}
        for role in ("header", "body", "footer"):
            text = t.text(role)
            if text is not None:
                texts[role] = [_display(run, findings) for run in runs(t, text, findings)]
        header = t.header
        media = header.format if header is not None and header.format not in (None, "TEXT") else None
        buttons = []
        for b in t.buttons:
            label = b.field("text")
            buttons.append({"type": b.type or "?", "text": label.value if label is not None and label.kind == "string"
                            else (b.type or "").replace("_", " ").title(),
                            "findings": [i for i, f in enumerate(findings) if f.json_path.startswith(b.node.path)]})
        if t.category == "AUTHENTICATION" and "body" not in texts:
            texts.update(_auth_preset(t))
        views.append({"result": result, "texts": texts, "media": media, "buttons": buttons,
                      "cards": len(t.cards), "findings": findings})
    return views


def _plain(text: str, styles=frozenset()) -> dict:
    return {"text": text, "styles": styles, "title": "", "mark": None, "codes": "", "messages": ""}


def _auth_preset(t) -> dict:
    """Meta's fixed authentication texts, as the recipient sees them."""
    body = t.body
    security = body is not None and body.field("add_security_recommendation") is not None and \
        body.field("add_security_recommendation").value is True
    runs_ = [_plain("123456", frozenset({"b", "var"})), _plain(" is your verification code.")]
    if security:
        runs_.append(_plain(" For your security, do not share this code."))
    out = {"body": runs_}
    expiry = t.footer.field("code_expiration_minutes") if t.footer is not None else None
    if expiry is not None and expiry.kind == "number":
        out["footer"] = [_plain(f"This code expires in {expiry.value} minutes.")]
    return out


def _display(run, findings) -> dict:
    """A run plus what its <mark> needs: worst severity, codes and messages of the findings on it."""
    covering = [findings[i] for i in run.findings]
    severities = {f.severity for f in covering}
    worst = next((s for s in ("error", "warning", "info") if s in severities), None)
    return {"text": run.text, "styles": run.styles, "title": run.title, "mark": worst,
            "codes": " ".join(dict.fromkeys(f.code for f in covering)),
            "messages": " | ".join(f"{f.code}: {f.message}" for f in covering)}


def render(report: Report) -> str:
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, summary=report.summary(), views=_views(report), version=__version__)
