import json
from pathlib import Path

import pytest

from tmplint.config import from_table
from tmplint.engine import Linter
from tmplint.sources import read_bytes

ROOT = Path(__file__).resolve().parent.parent


def lint_source(text: str | bytes, path: str = "case.yaml", table: dict | None = None):
    """Lint one file's text or bytes with every rule enabled, or under a config table."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    config = from_table(table or {}, None, ROOT)
    return Linter(config).lint([read_bytes(data, path)])


def at(finding) -> str:
    return f"{finding.line}:{finding.column}-{finding.end_line}:{finding.end_column}"


def base_template(**overrides):
    template = {"name": "order_update", "language": "en_US", "category": "UTILITY",
                "components": [{"type": "BODY", "text": "Your order has shipped and arrives tomorrow."}]}
    template.update(overrides)
    return template


@pytest.fixture
def root():
    return ROOT


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
