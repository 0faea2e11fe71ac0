"""Classification metrics in plain Python, shared by training and `tmplint evaluate`."""
from __future__ import annotations

from collections import Counter, defaultdict


def report(y_true: list[str], y_pred: list[str], languages: list[str], labels: tuple[str, ...]) -> dict:
    confusion = {t: {p: 0 for p in labels} for t in labels}
    for t, p in zip(y_true, y_pred):
        confusion[t][p] += 1
    per_class = {}
    for c in labels:
        tp = confusion[c][c]
        fp = sum(confusion[t][c] for t in labels if t != c)
        fn = sum(confusion[c][p] for p in labels if p != c)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[c] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    present = [c for c in labels if per_class[c]["support"]]
    macro_f1 = sum(per_class[c]["f1"] for c in present) / len(present) if present else 0.0
    by_lang: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for t, p, lang in zip(y_true, y_pred, languages):
        by_lang[lang][0] += t == p
        by_lang[lang][1] += 1
    utility_total = sum(confusion["UTILITY"].values()) if "UTILITY" in confusion else 0
    return {
        "n": len(y_true),
        "accuracy": sum(t == p for t, p in zip(y_true, y_pred)) / len(y_true) if y_true else 0.0,
        "macro_f1": macro_f1,
        "per_class": per_class,
        "per_language": {k: {"accuracy": v[0] / v[1], "n": v[1]} for k, v in sorted(by_lang.items())},
        "confusion": confusion,
        "utility_called_marketing": (confusion["UTILITY"]["MARKETING"] / utility_total) if utility_total else 0.0,
        "label_counts": dict(sorted(Counter(y_true).items())),
    }


def markdown(metrics: dict, labels: tuple[str, ...]) -> str:
    lines = [f"- samples: {metrics['n']}", f"- accuracy: {metrics['accuracy']:.3f}",
             f"- macro-F1: {metrics['macro_f1']:.3f}",
             f"- true UTILITY predicted MARKETING: {metrics['utility_called_marketing']:.1%}", "",
             "| class | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for c in labels:
        m = metrics["per_class"][c]
        lines.append(f"| {c} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    lines += ["", "Confusion matrix (rows: true, columns: predicted)", "",
              "| true \\ predicted | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
    for t in labels:
        lines.append(f"| {t} | " + " | ".join(str(metrics["confusion"][t][p]) for p in labels) + " |")
    lines += ["", "| language | accuracy | n |", "|---|---|---|"]
    for lang, m in metrics["per_language"].items():
        lines.append(f"| {lang} | {m['accuracy']:.3f} | {m['n']} |")
    return "\n".join(lines)
