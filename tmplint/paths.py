"""Where the shipped data lives: the repo's top-level folders, or their copy in the wheel."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name  # inside an installed wheel
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name  # source tree or editable install


def read_yaml(path: Path):
    """Load one of tmplint's own YAML data files, with libyaml's C loader when PyYAML has it.

    The catalogue and lexicons are large enough that the pure-Python loader costs a
    noticeable part of a cold run; the result is the same plain data either way.
    """
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader


def rules_dir() -> Path:
    return _data("rules")


def models_dir() -> Path:
    return _data("models")
