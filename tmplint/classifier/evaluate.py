"""`tmplint evaluate`: the classifier's metrics on any labelled JSONL file, and its worst mistakes."""
from __future__ import annotations

from pathlib import Path

from .corpus import LABELS, language_family, read_jsonl
from .documents import documents
from .metrics import markdown, report
from .model import CategoryModel, load_model


def evaluate_file(path: Path, model_dir: str | None = None) -> dict:
    model = CategoryModel.load(model_dir) if model_dir else load_model()
    if model is None:
        raise ValueError("no trained model found; run `tmplint train` first")
    records = read_jsonl(path)
    docs = documents(records)
    predictions = [model.predict(d) for d in docs]
    metrics = report([r.label for r in records], [p.label for p in predictions],
                     [language_family(r.language) for r in records], LABELS)
    mistakes = []
    for r, d, p in zip(records, docs, predictions):
        if p.label != r.label:
            phrases = model.explain(d, p.label, limit=3)
            mistakes.append({"id": r.id, "language": r.language, "label": r.label, "predicted": p.label,
                             "confidence": round(p.scores[p.label], 4),
                             "phrases": [ph.text for ph in phrases],
                             "text": r.text[:160]})
    mistakes.sort(key=lambda m: -m["confidence"])
    return {"file": str(path), "metrics": metrics, "mistakes": mistakes}


def render_text(result: dict, worst: int) -> str:
    lines = [f"Evaluation of {result['file']}", "", markdown(result["metrics"], LABELS), ""]
    shown = result["mistakes"][:worst]
    lines.append(f"Most confident mistakes ({len(shown)} of {len(result['mistakes'])}):")
    for m in shown:
        phrases = ", ".join(f"“{p}”" for p in m["phrases"])
        text = m["text"].replace("\n", " ")
        lines.append(f"- {m['id']} [{m['language']}] true {m['label']}, predicted {m['predicted']} "
                     f"({m['confidence']:.2f}); {phrases}: {text}")
    return "\n".join(lines)
