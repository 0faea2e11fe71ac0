"""`tmplint evaluate --rules`: how often the content rules alone (no classifier) flag each label.

Each labelled record is linted as a UTILITY template (its own name and buttons kept) with the
classifier off; it counts as flagged when promotional wording (CT010), a promotional name
(CT012), a spam-like opener (PL007) or the vague-template rule (PL008) fires, which is what a
team relying on the rules alone would see.
Reports the share flagged per label and language, and the lexicon entries behind flags on
non-marketing records (false alarms).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from .classifier.corpus import iter_jsonl, language_family, record_from

PROMO_CODES = ("CT010", "CT012", "PL007", "PL008")
_NAME = re.compile(r"[a-z0-9_]{1,512}")


def _template(obj: dict) -> dict:
    components = []
    if isinstance(obj.get("header"), str) and obj["header"].strip():
        components.append({"type": "HEADER", "format": "TEXT", "text": obj["header"]})
    components.append({"type": "BODY", "text": obj["body"]})
    if isinstance(obj.get("footer"), str) and obj["footer"].strip():
        components.append({"type": "FOOTER", "text": obj["footer"]})
    buttons = [b if isinstance(b, dict) and isinstance(b.get("type"), str) else {"type": "QUICK_REPLY", "text": b}
               for b in obj.get("buttons") or [] if isinstance(b, (str, dict))]
    if buttons:
        components.append({"type": "BUTTONS", "buttons": buttons})
    name = obj.get("name") if isinstance(obj.get("name"), str) and _NAME.fullmatch(obj["name"]) else "evaluated_template"
    return {"name": name, "language": obj.get("language") or "en", "category": "UTILITY", "components": components}


def evaluate_rules(path: Path) -> dict:
    from .api import lint_template
    from .config import Config
    config = Config(classifier=False)
    flagged: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # (label, language) -> [hit, n]
    false_alarms: Counter = Counter()
    for where, obj in iter_jsonl(path):
        record_from(obj, where)  # the same checks and messages as the classifier's
        result = lint_template(_template(obj), config=config)
        hits = [f for f in result.findings if f.code in PROMO_CODES]
        for key in ((obj["label"], language_family(obj.get("language") or "und")), (obj["label"], "all")):
            flagged[key][0] += bool(hits)
            flagged[key][1] += 1
        if obj["label"] != "MARKETING":
            for f in hits:
                what = f.message.split("”")[0].lstrip("“").lower() if f.code in ("CT010", "CT012") else f.name
                false_alarms[f"{f.code} {what}"] += 1
    table = {f"{label}/{lang}": {"flagged": hit, "n": n, "share": round(hit / n, 4)}
             for (label, lang), (hit, n) in sorted(flagged.items())}
    return {"file": str(path), "flagged": table, "false_alarms": false_alarms.most_common(15)}


def render_rules(result: dict) -> str:
    labels = sorted({k.split("/")[0] for k in result["flagged"]})
    langs = sorted({k.split("/")[1] for k in result["flagged"]}, key=lambda x: (x == "all", x))
    lines = [f"Content rules alone (classifier off) on {result['file']}: share flagged as promotional", "",
             "| language | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for lang in langs:
        cells = []
        for label in labels:
            cell = result["flagged"].get(f"{label}/{lang}")
            cells.append(f"{cell['share']:.1%} ({cell['flagged']}/{cell['n']})" if cell else "")
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    if result["false_alarms"]:
        lines += ["", "Most frequent flags on non-marketing records:"]
        lines += [f"- {text}: {n}" for text, n in result["false_alarms"]]
    return "\n".join(lines)
