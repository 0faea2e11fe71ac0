"""The rule catalogue: every rule's identity, docs and test cases, read from rules/catalogue/*.yml."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .findings import SEVERITIES
from .paths import read_yaml, rules_dir

META_REASONS = ("ABUSIVE_CONTENT", "INCORRECT_CATEGORY", "INVALID_FORMAT", "NONE", "PROMOTIONAL",
                "SCAM", "TAG_CONTENT_MISMATCH")
BASES = ("meta", "bsp", "tmplint")


@dataclass(frozen=True)
class Case:
    title: str
    source: str  # a complete template file, YAML or JSON
    format: str  # "yaml" | "json"
    expect: tuple[dict, ...]  # [{code, at: "L:C-L:C", text, message}] for failing cases
    encoding: str = "utf-8"  # how the case's bytes are written (IO001 needs non-UTF-8 files)
    config: dict | None = None  # configuration table the case runs under, e.g. {"policy": "no-marketing"}

    def data(self) -> bytes:
        return self.source.encode(self.encoding)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    group: str
    severity: str
    meta_reason: str
    basis: str  # meta: documented by Meta; bsp: a provider's rule of thumb; tmplint: the tool's own
    source: str
    date: str
    summary: str
    what: str
    why: str
    fix: str
    fail: tuple[Case, ...]
    passes: tuple[Case, ...]

    @property
    def anchor(self) -> str:
        return f"{self.code.lower()}-{self.name}"


def _cases(raw: list | None) -> tuple[Case, ...]:
    out = []
    for item in raw or []:
        out.append(Case(item.get("title", ""), item["source"], item.get("format", "yaml"),
                        tuple(item.get("expect") or ()), item.get("encoding", "utf-8"),
                        item.get("config")))
    return tuple(out)


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for path in sorted((rules_dir() / "catalogue").glob("*.yml")):
        entries = read_yaml(path) or []
        for raw in entries:
            docs = raw.get("docs") or {}
            cases = raw.get("cases") or {}
            rule = Rule(code=raw["code"], name=raw["name"], group=raw["group"],
                        severity=raw["severity"], meta_reason=raw["meta_reason"],
                        basis=raw["basis"], source=raw["source"], date=str(raw["date"]),
                        summary=raw["summary"], what=docs.get("what", ""), why=docs.get("why", ""),
                        fix=docs.get("fix", ""), fail=_cases(cases.get("fail")),
                        passes=_cases(cases.get("pass")))
            if rule.code in rules:
                raise ValueError(f"{path}: rule {rule.code} is defined twice")
            if rule.severity not in SEVERITIES or rule.meta_reason not in META_REASONS or rule.basis not in BASES:
                raise ValueError(f"{path}: rule {rule.code} has an invalid severity, meta_reason or basis")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


def rule(code: str) -> Rule:
    return catalogue()[code]
