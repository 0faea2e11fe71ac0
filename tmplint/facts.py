"""Platform facts (limits, enums, language codes) loaded once from rules/platform.yml."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from .paths import read_yaml, rules_dir


@lru_cache(maxsize=1)
def facts() -> dict[str, Any]:
    return read_yaml(rules_dir() / "platform.yml")


def limit(name: str) -> int:
    return facts()["limits"][name]
