"""Category rules (CT): what the classifier reads in the content versus the declared category."""
from __future__ import annotations

from ..findings import Hit
from ..model import Template
from . import Context, check


def _evidence(ctx: Context, t: Template, target: str):
    analysis = ctx.analysis(t)
    phrases = analysis.phrases(target, limit=3)
    quoted = ", ".join(f"“{p.text}”" for p in phrases)
    located = analysis.locate(phrases[0].start, phrases[0].end) if phrases else None
    return quoted, located


def _hit(code: str, t: Template, located, message: str) -> Hit:
    if located is not None:
        text, begin, end = located
        return Hit(code, text.node, message, begin, end)
    return Hit(code, t.field("category") or t.node, message)


@check("CT001", "CT002", "CT003", "CT004")
def category_content(t: Template, ctx: Context):
    analysis = ctx.analysis(t)
    prediction = analysis.prediction
    if prediction is None:
        return
    chosen = ctx.options.get("classifier-threshold")
    # unset: marketing uses the threshold the model was trained to (cross-validated), codes 0.5
    threshold = chosen if chosen is not None else getattr(ctx.model, "marketing_threshold", 0.5)
    code_threshold = chosen if chosen is not None else 0.5
    declared = t.category
    scores = prediction.scores
    marketing = scores.get("MARKETING", 0.0)
    if ctx.options.get("policy") == "no-marketing" and marketing >= threshold:
        quoted, located = _evidence(ctx, t, "MARKETING")
        yield _hit("CT004", t, located,
                   f"The content reads as marketing (p={marketing:.2f}): {quoted}. Under the no-marketing "
                   "policy, templates sent outside the 24-hour window must not promote or sell anything; "
                   "remove the promotional wording.")
    if declared in ("UTILITY", "AUTHENTICATION") and marketing >= threshold:
        quoted, located = _evidence(ctx, t, "MARKETING")
        yield _hit("CT001", t, located,
                   f"Declared {declared} but the content reads as MARKETING (p={marketing:.2f}); driven by "
                   f"{quoted}. Meta approves such templates as MARKETING or rejects them: remove the "
                   "promotional wording, or declare MARKETING.")
    authentication = scores.get("AUTHENTICATION", 0.0)
    if declared in ("UTILITY", "MARKETING") and authentication >= code_threshold:
        quoted, located = _evidence(ctx, t, "AUTHENTICATION")
        yield _hit("CT002", t, located,
                   f"Declared {declared} but the content delivers a one-time code (AUTHENTICATION "
                   f"p={authentication:.2f}; {quoted}). Only AUTHENTICATION templates may carry codes: "
                   "move the code to an AUTHENTICATION template.")
    utility = scores.get("UTILITY", 0.0)
    if declared == "MARKETING" and utility >= max(code_threshold, 0.8):
        category = t.field("category")
        yield Hit("CT003", category or t.node,
                     f"Declared MARKETING but the content reads as UTILITY (p={utility:.2f}); if it has no "
                     "promotional intent, declaring UTILITY avoids the marketing rate.")
