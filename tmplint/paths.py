"""Where the shipped data lives: the repo's top-level folders, or their copy in the wheel."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name  # inside an installed wheel
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name  # source tree or editable install


def rules_dir() -> Path:
    return _data("rules")


def models_dir() -> Path:
    return _data("models")
