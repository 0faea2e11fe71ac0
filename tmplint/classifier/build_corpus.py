"""Merge the hand-written corpus parts into models/corpus.jsonl, deduplicated, with a sameness report.

    python -m tmplint.classifier.build_corpus            # writes models/corpus.jsonl, prints stats

Exact duplicates (after normalising case, digits, whitespace and placeholders)
and near-duplicates (character 3-5 gram cosine >= 0.9) are dropped, keeping
the first by id. The report lists the most repeated openings so that a part
written from one mould shows up before it is trained on.
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ..paths import models_dir
from .corpus import LABELS, language_family, record_from
from .features import normalise

NEAR_DUPLICATE = 0.9
FIELDS = ("id", "language", "label", "sector", "name", "header", "body", "footer", "buttons", "hard_case", "reason")


def load_parts(parts_dir: Path) -> list[dict]:
    rows = []
    for path in sorted(parts_dir.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                obj = json.loads(line)
                record_from(obj, f"{path.name}:{number}")  # validates label and body
                obj["_part"] = path.stem
                rows.append(obj)
    return rows


def _key(obj: dict) -> str:
    return normalise(record_from(obj, obj["id"]).text).text


def deduplicate(rows: list[dict]) -> tuple[list[dict], list[tuple[str, str]]]:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    rows = sorted(rows, key=lambda r: r["id"])
    seen: dict[str, str] = {}
    kept, dropped = [], []
    for r in rows:
        key = _key(r)
        if key in seen:
            dropped.append((r["id"], seen[key]))
            continue
        seen[key] = r["id"]
        kept.append(r)
    texts = [_key(r) for r in kept]
    x = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), dtype=np.float64).fit_transform(texts)
    removed: set[int] = set()
    for lo in range(0, x.shape[0], 512):
        sims = (x[lo:lo + 512] @ x.T).toarray()
        for i_local, row in enumerate(sims):
            i = lo + i_local
            if i in removed:
                continue
            for j in np.nonzero(row >= NEAR_DUPLICATE)[0]:
                if j > i and j not in removed:
                    removed.add(int(j))
                    dropped.append((kept[j]["id"], kept[i]["id"]))
    return [r for k, r in enumerate(kept) if k not in removed], dropped


def sameness(rows: list[dict], top: int = 8) -> list[str]:
    """Most repeated first-three-word openings per language, with their share."""
    lines = []
    by_lang = defaultdict(list)
    for r in rows:
        words = normalise(r["body"]).text.split()[:3]
        by_lang[language_family(r["language"])].append(" ".join(words))
    for lang, openings in sorted(by_lang.items()):
        common = Counter(openings).most_common(top)
        shown = "; ".join(f"{o!r} x{n}" for o, n in common if n > 2)
        lines.append(f"{lang}: {len(openings)} records, {len(set(openings))} distinct openings; {shown}")
    return lines


def build(parts_dir: Path, out: Path) -> dict:
    rows = load_parts(parts_dir)
    kept, dropped = deduplicate(rows)
    with open(out, "w", encoding="utf-8") as fh:
        for r in kept:
            clean = {k: r.get(k) for k in FIELDS}
            fh.write(json.dumps(clean, ensure_ascii=False, sort_keys=False) + "\n")
    counts = Counter((language_family(r["language"]), r["label"]) for r in kept)
    return {"read": len(rows), "kept": len(kept), "dropped": dropped, "counts": counts,
            "hard_cases": Counter(r.get("hard_case") for r in kept if r.get("hard_case")),
            "sameness": sameness(kept)}


START, END = "<!-- counts:start -->", "<!-- counts:end -->"


def counts_block(corpus: Path) -> str:
    """The generated part of models/DATA.md: counts per language and label, hard cases, sectors."""
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = Counter((language_family(r["language"]), r["label"]) for r in rows)
    langs = sorted({lang for lang, _ in counts})
    out = [START, "", f"{len(rows)} templates.", "", "| language | " + " | ".join(LABELS) + " | total |",
           "|---" * (len(LABELS) + 2) + "|"]
    for lang in langs:
        row = [counts[(lang, label)] for label in LABELS]
        out.append(f"| {lang} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    totals = [sum(counts[(lang, label)] for lang in langs) for label in LABELS]
    out.append("| all | " + " | ".join(map(str, totals)) + f" | {sum(totals)} |")
    hard = Counter(r["hard_case"] for r in rows if r.get("hard_case"))
    out += ["", f"Hard cases ({sum(hard.values())} templates, {sum(hard.values()) / len(rows):.0%}): "
            + ", ".join(f"{k} {v}" for k, v in sorted(hard.items(), key=lambda kv: (-kv[1], kv[0]))) + ".", ""]
    sectors = Counter(r.get("sector") or "unspecified" for r in rows)
    out += [f"Sectors ({len(sectors)}): " + ", ".join(f"{k} {v}" for k, v in sorted(sectors.items(),
                                                                                      key=lambda kv: (-kv[1], kv[0])))
            + ".", "", END]
    return "\n".join(out)


def update_card(data_md: Path, corpus: Path) -> None:
    text = data_md.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    data_md.write_text(before + counts_block(corpus) + after, encoding="utf-8")


def main() -> None:
    base = models_dir()
    stats = build(base / "corpus" / "parts", base / "corpus.jsonl")
    if (base / "DATA.md").is_file():
        update_card(base / "DATA.md", base / "corpus.jsonl")
    print(f"read {stats['read']}, kept {stats['kept']}, dropped {len(stats['dropped'])} duplicates")
    langs = sorted({lang for lang, _ in stats["counts"]})
    print("| language | " + " | ".join(LABELS) + " | total |")
    for lang in langs:
        row = [stats["counts"][(lang, label)] for label in LABELS]
        print(f"| {lang} | " + " | ".join(map(str, row)) + f" | {sum(row)} |")
    print("hard cases:", dict(stats["hard_cases"].most_common()))
    print("\n".join(stats["sameness"]))
    if "-v" in sys.argv:
        for a, b in stats["dropped"]:
            print(f"dropped {a} (duplicate of {b})")


if __name__ == "__main__":
    main()
