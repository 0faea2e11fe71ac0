"""Speed and memory of tmplint, as ratios against floors measured in the same run.

    python benchmarks/run.py

Machines are noisy and shared, so nothing here asserts an absolute time; each
figure is printed next to a floor measured on the same machine a moment
earlier (e.g. spaCy's own bare blank pipeline), and the ratio is what to watch.
"""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def subprocess_time(code: str, repeat: int = 3) -> float:
    def run():
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return best_of(run, repeat)


def row(name, value, floor, floor_name, target=None):
    ratio = value / floor if floor else float("nan")
    extra = f"  target {target}" if target else ""
    print(f"{name:<46} {value * 1000:9.2f} ms  {ratio:7.2f} x {floor_name}{extra}")


def main() -> None:
    from tmplint.classifier.corpus import read_jsonl
    from tmplint.classifier.documents import document, documents
    from tmplint.classifier.model import CategoryModel

    print("# tmplint benchmarks (best of several runs; ratio = value / floor in the same run)\n")
    interpreter = subprocess_time("pass")
    row("python -c pass (floor)", interpreter, interpreter, "interpreter")

    # -- classifier ----------------------------------------------------------------------
    artifact = ROOT / "models" / "classifier"
    read_floor = best_of(lambda: [(artifact / n).read_bytes() for n in ("model.json", "vocab.txt", "weights.bin")])
    load = best_of(lambda: CategoryModel.load(artifact))
    row("classifier: load artifact", load, read_floor, "reading its bytes", "< 150 ms")
    model = CategoryModel.load(artifact)
    records = read_jsonl(ROOT / "models" / "corpus.jsonl")[:300]
    texts = [r.text for r in records]
    docs = documents(records)  # cues computed once, as the linter shares the content rules' lexicon matches
    per_template = best_of(lambda: [model.predict(d) for d in docs], 3) / len(docs)
    tokenize_floor = best_of(lambda: [t.lower().split() for t in texts], 3) / len(texts)
    row("classifier: predict one template (given its cues)", per_template, tokenize_floor, "str.lower().split()",
        "< 1 ms")
    with_cues = best_of(lambda: [model.predict(document(r)) for r in records], 3) / len(records)
    row("classifier: cues + predict (lexicon not shared)", with_cues, tokenize_floor, "str.lower().split()")
    cold_import = subprocess_time("import tmplint.classifier.model as m; m.load_model()")
    row("classifier: cold import + load (subprocess)", cold_import, interpreter, "interpreter")

    # -- content rules per language --------------------------------------------------------
    print()
    from tmplint.lexicon import available_languages
    for lang in available_languages():
        blank = subprocess_time(f"import spacy; spacy.blank({lang!r})('x')")
        ours = subprocess_time("from tmplint.lexicon import matcher_for; "
                               f"matcher_for({lang!r}).matches('Hello {{{{1}}}}, 20% off today')")
        row(f"content rules cold start [{lang}]", ours, blank, "bare spacy.blank")
    from tmplint.lexicon import matcher_for
    sample = [t for t in texts[:100]]
    for lang in ("en", "es"):
        matcher = matcher_for(lang)
        if matcher is None:
            continue
        matcher.matches("warm up")
        from tmplint.nlp import pipeline
        nlp = pipeline(matcher.lang)
        floor = best_of(lambda: [nlp.make_doc(t) for t in sample], 3) / len(sample)
        cost = best_of(lambda: [matcher.matches(t) for t in sample], 3) / len(sample)
        row(f"content rules per template [{lang}]", cost, floor, "spaCy tokenizer alone")

    # -- language detection ---------------------------------------------------------------
    print()
    detect_cold = subprocess_time("from tmplint.language_id import detect; detect('Su pedido fue enviado hoy por la tarde')")
    row("language detection: cold (subprocess)", detect_cold, interpreter, "interpreter")
    from tmplint.language_id import detect
    detect("warm up the models")
    per_detect = best_of(lambda: [detect(t) for t in texts[:100]], 3) / 100
    row("language detection: one template", per_detect, tokenize_floor, "str.lower().split()")

    # -- whole CLI ------------------------------------------------------------------------
    print()
    one = ROOT / "examples" / "order_shipped.json"
    cli_one = subprocess_time(f"import sys; from tmplint.cli import main; sys.argv=['tmplint','check','--no-cache','{one}'];\n"
                              "try:\n main()\nexcept SystemExit: pass")
    row("CLI: check one template, cold, no cache", cli_one, interpreter, "interpreter")
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak memory of this benchmark process: {peak:.0f} MiB")
    except ImportError:  # pragma: no cover
        pass


if __name__ == "__main__":
    main()
