"""Training: scikit-learn TF-IDF + logistic regression, grouped CV, temperature calibration.

Only `tmplint train`, `tmplint evaluate --sklearn` and the tests import this
module; linting never does. Everything is seeded and ordered so that the same
corpus gives a byte-identical artifact.
"""
from __future__ import annotations

import hashlib
import json
import math
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from .corpus import LABELS, Record, language_family, read_jsonl
from .documents import documents
from .features import CHAR_MAX, CHAR_MIN, WORD_MAX, Document, analyzer, normalise
from .metrics import report
from .model import FORMAT, decide

SEED = 20261124
FOLDS = 5
C = 16.0
MIN_DF = 2
NEAR_DUPLICATE = 0.85  # cosine similarity of character 3-5 grams
# The marketing threshold is the lowest of these whose cross-validated rate of utility called
# marketing stays within the project's target (at most 5%) by one standard error: picking the
# lowest threshold that just meets the target favours a rate estimated too low (with three fold
# seeds the bare rule picked 0.35 or 0.4, at 4.7-5.0%), and real templates are messier than the corpus.
THRESHOLDS = (0.5, 0.45, 0.4, 0.35, 0.3)
MAX_UTILITY_AS_MARKETING = 0.05


def _sklearn():
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError as exc:  # pragma: no cover
        raise SystemExit(f"training needs scikit-learn: pip install 'tmplint[train]' ({exc})")


class CachedAnalyzer:
    """The shared analyzer, memoised: cross-validation sees each document several times."""

    def __init__(self):
        self.cache: dict[Document, list[str]] = {}

    def __call__(self, doc: Document) -> list[str]:
        features = self.cache.get(doc)
        if features is None:
            features = self.cache[doc] = analyzer(doc)
        return features


_ANALYZER = CachedAnalyzer()


def make_pipeline(c: float = C):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    import numpy as np
    vectorizer = TfidfVectorizer(analyzer=_ANALYZER, sublinear_tf=True, min_df=MIN_DF, dtype=np.float64)
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, tol=1e-8)
    return vectorizer, classifier


def near_duplicate_groups(texts: list[str], threshold: float = NEAR_DUPLICATE) -> list[int]:
    """Group ids such that texts with cosine similarity >= threshold share a group."""
    import numpy as np
    from scipy.sparse.csgraph import connected_components
    from scipy.sparse import coo_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer
    norm = [normalise(t).text for t in texts]
    x = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), dtype=np.float64).fit_transform(norm)
    rows, cols = [], []
    for lo in range(0, x.shape[0], 512):
        block = (x[lo:lo + 512] @ x.T).toarray()
        r, c = np.nonzero(block >= threshold)
        rows.extend(r + lo)
        cols.extend(c)
    n = len(texts)
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return [int(v) for v in labels]


def fit_temperature(logits, y) -> float:
    """The temperature minimising the negative log-likelihood of out-of-fold logits."""
    import numpy as np
    from scipy.optimize import minimize_scalar

    def nll(t):
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return -logp[np.arange(len(y)), y].mean()

    result = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded", options={"xatol": 1e-6})
    return round(float(result.x), 6)


def probabilities(logits, temperature: float):
    import numpy as np
    z = logits / temperature
    p = np.exp(z - z.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


def decisions(probs, threshold: float) -> list[str]:
    return [decide(dict(zip(LABELS, map(float, row))), threshold) for row in probs]


def marketing_threshold(probs, labels: list[str]) -> float:
    """The lowest threshold in THRESHOLDS whose out-of-fold utility->marketing rate, plus its
    standard error, stays within the target."""
    utility = [i for i, label in enumerate(labels) if label == "UTILITY"]
    chosen = THRESHOLDS[0]
    for threshold in THRESHOLDS:
        predicted = decisions(probs[utility], threshold) if utility else []
        rate = sum(p == "MARKETING" for p in predicted) / len(utility) if utility else 0.0
        error = math.sqrt(rate * (1 - rate) / len(utility)) if utility else 0.0
        if rate + error > MAX_UTILITY_AS_MARKETING:
            break
        chosen = threshold
    return chosen


@dataclass
class CrossValidation:
    metrics: dict
    logits: object  # numpy array, out-of-fold
    groups: list[int]


def cross_validate(records: list[Record], c: float = C, folds: int = FOLDS,
                   docs: list[Document] | None = None) -> CrossValidation:
    import numpy as np
    from sklearn.model_selection import StratifiedGroupKFold
    texts = docs if docs is not None else documents(records)
    y = np.array([LABELS.index(r.label) for r in records])
    groups = near_duplicate_groups([r.text for r in records])
    logits = np.zeros((len(records), len(LABELS)))
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=SEED)
    for train_idx, test_idx in splitter.split(texts, y, groups):
        vectorizer, classifier = make_pipeline(c)
        xt = vectorizer.fit_transform([texts[i] for i in train_idx])
        classifier.fit(xt, y[train_idx])
        logits[test_idx] = classifier.decision_function(vectorizer.transform([texts[i] for i in test_idx]))
    predicted = [LABELS[i] for i in logits.argmax(axis=1)]
    metrics = report([r.label for r in records], predicted, [language_family(r.language) for r in records], LABELS)
    metrics["folds"] = folds
    metrics["groups"] = len(set(groups))
    return CrossValidation(metrics, logits, groups)


def corpus_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def cue_data_hash() -> str:
    """One hash of the data the cues come from (lexicons, their lemma tables, name words).

    The artifact's weights belong to those files as much as to the corpus: an edited lexicon
    changes what the classifier is shown, so the shipped model must be retrained with it.
    """
    from ..paths import rules_dir
    base = rules_dir()
    files = sorted(base.glob("lexicons/*.yml")) + sorted(base.glob("lemmas/*.json")) + [base / "template_names.yml"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(base).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def versions() -> dict:
    import numpy
    import scipy
    import sklearn
    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": numpy.__version__, "scipy": scipy.__version__}


def export(vectorizer, classifier, temperature: float, threshold: float, meta: dict, out: Path) -> dict:
    """Write model.json, vocab.txt and weights.bin (little-endian float64)."""
    import numpy as np
    out.mkdir(parents=True, exist_ok=True)
    terms = vectorizer.get_feature_names_out()
    if any("\n" in t for t in terms):
        raise ValueError("a feature contains a line break; vocab.txt cannot hold it")
    classes = [LABELS[i] for i in classifier.classes_]
    weights = np.concatenate([vectorizer.idf_, classifier.coef_.ravel(), classifier.intercept_]).astype("<f8")
    meta = dict(meta, format=FORMAT, classes=classes, temperature=temperature, marketing_threshold=threshold,
                n_features=len(terms))
    (out / "vocab.txt").write_text("\n".join(terms) + "\n", encoding="utf-8")
    (out / "weights.bin").write_bytes(weights.tobytes())
    (out / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    return meta


def train(corpus: Path, out: Path, c: float = C) -> dict:
    """Cross-validate, calibrate, fit on everything and export; returns the model metadata."""
    _sklearn()
    import numpy as np
    records = read_jsonl(corpus)
    docs = documents(records)
    cv = cross_validate(records, c, docs=docs)
    y = np.array([LABELS.index(r.label) for r in records])
    temperature = fit_temperature(cv.logits, y)
    labels = [r.label for r in records]
    probs = probabilities(cv.logits, temperature)
    threshold = marketing_threshold(probs, labels)
    # report cross-validation under the decision rule the tool applies
    cv.metrics.update(report(labels, decisions(probs, threshold), [language_family(r.language) for r in records],
                             LABELS))
    vectorizer, classifier = make_pipeline(c)
    classifier.fit(vectorizer.fit_transform(docs), y)
    meta = {
        "corpus": {"sha256": corpus_hash(corpus), "records": len(records),
                   "labels": cv.metrics["label_counts"]},
        "cue_data": {"sha256": cue_data_hash()},
        "training": {"seed": SEED, "C": c, "min_df": MIN_DF, "class_weight": "balanced",
                     "features": f"word 1-{WORD_MAX} grams + in-word character {CHAR_MIN}-{CHAR_MAX} grams + cues "
                                 "(lexicon categories, button types, promotional name, no variables, "
                                 "exclamation marks), TF-IDF (sublinear tf, L2); placeholders, digits and "
                                 "case normalised",
                     "cv_folds": FOLDS, "near_duplicate_cosine": NEAR_DUPLICATE,
                     "marketing_threshold_rule": f"lowest of {list(THRESHOLDS)} with cross-validated "
                                                 f"utility->marketing + 1 standard error <= {MAX_UTILITY_AS_MARKETING:.0%}"},
        "versions": versions(),
        "cv_metrics": _rounded(cv.metrics),
    }
    return export(vectorizer, classifier, temperature, threshold, meta, out)


def _rounded(obj):
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_rounded(v) for v in obj]
    return obj


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(train(Path(sys.argv[1]), Path(sys.argv[2])), indent=2))
