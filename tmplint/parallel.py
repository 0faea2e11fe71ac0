"""Where per-document check results come from: the cache, this process, or worker processes."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from . import __version__
from .paths import models_dir, rules_dir
from .sources import Document, parse

CACHE_DIR = ".tmplint_cache"


@lru_cache(maxsize=1)
def data_fingerprint() -> str:
    """Hash of everything shipped that changes results: rules, lexicons, platform facts, the model."""
    digest = hashlib.sha256(__version__.encode())
    for base in (rules_dir(), models_dir() / "classifier"):
        for path in sorted(base.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


class Cache:
    """Check results keyed by file content, configuration and tmplint/model version."""

    def __init__(self, directory: Path, config_key: str):
        self.directory = directory
        self.prefix = hashlib.sha256((data_fingerprint() + config_key).encode()).hexdigest()

    def _path(self, document: Document) -> Path:
        key = hashlib.sha256((self.prefix + document.source.path + "\0" + document.source.text).encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.json"

    def get(self, document: Document) -> dict | None:
        try:
            return json.loads(self._path(document).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, document: Document, outcome: dict) -> None:
        path = self._path(document)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(outcome, fh)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only tree just runs uncached


_WORKER = None


def _init_worker(config, explain):
    global _WORKER
    from .engine import Linter
    _WORKER = Linter(config, explain=explain)


def _work(args):
    text, path, encoding, problem = args
    document = parse(text, path, encoding)
    if problem is not None:
        document = Document(document.source, None, problem, encoding)
    return _WORKER.check_document(document)


def outcomes(linter, documents: list[Document], jobs: int, cache: Cache | None) -> list[dict]:
    results: list[dict | None] = [cache.get(d) if cache is not None else None for d in documents]
    todo = [i for i, r in enumerate(results) if r is None]
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(linter.config, linter.explain)) as pool:
            args = [(documents[i].source.text, documents[i].source.path, documents[i].encoding,
                     documents[i].problem) for i in todo]
            for i, outcome in zip(todo, pool.map(_work, args, chunksize=max(1, len(todo) // (jobs * 4)))):
                results[i] = outcome
    else:
        for i in todo:
            results[i] = linter.check_document(documents[i])
    if cache is not None:
        for i in todo:
            cache.put(documents[i], results[i])
    return results
