"""Platform facts (limits, enums, language codes) loaded once from rules/platform.yml."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from .paths import rules_dir


@lru_cache(maxsize=1)
def facts() -> dict[str, Any]:
    with open(rules_dir() / "platform.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def limit(name: str) -> int:
    return facts()["limits"][name]
