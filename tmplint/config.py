"""Configuration: `[tool.tmplint]` in pyproject.toml or a tmplint.toml, validated strictly.

Unknown keys and unknown rule codes are errors with a suggestion, because a
silently ignored typo in a linter's config is a check that quietly stops running.
"""
from __future__ import annotations

import difflib
import fnmatch
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .catalogue import catalogue
from .findings import SEVERITIES

FAIL_ON = ("error", "warning", "info")
KEYS = ("select", "extend-select", "ignore", "fail-on", "severity", "per-file-ignores",
        "template-ignores", "exclude", "policy", "classifier", "classifier-threshold", "capabilities",
        "allowed-domains", "vocabulary", "classifier-model")
CAPABILITY_KEYS = ("groups", "calling", "group-templates")
VOCABULARY_KEYS = ("flag", "accept")
POLICIES = ("meta", "no-marketing")
TEMPLATE_IGNORE_KEYS = ("name", "language", "ignore", "reason")


class ConfigError(Exception):
    """A configuration problem; the CLI prints it and exits with 2."""


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


@dataclass(frozen=True)
class TemplateIgnore:
    name: str
    language: str | None
    codes: tuple[str, ...]
    reason: str | None


@dataclass
class Config:
    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: list[str] = field(default_factory=lambda: ["ALL"])
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    template_ignores: list[TemplateIgnore] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    policy: str = "meta"  # "no-marketing": any marketing content fails, whatever the category
    classifier: bool = True
    classifier_threshold: float | None = None  # None: the model's own marketing threshold (and 0.5 for codes)
    classifier_model: str | None = None  # a directory with another trained artifact (`tmplint train --out`)
    capabilities: dict[str, Any] = field(default_factory=lambda: {"groups": False, "calling": False,
                                                                 "group-templates": []})
    allowed_domains: list[str] = field(default_factory=list)
    vocabulary: dict[str, dict] = field(default_factory=dict)  # {lang: {"flag": [...], "accept": [...]}}

    def options(self) -> dict[str, Any]:
        """What checks may read from the configuration."""
        globs = self.capabilities.get("group-templates", [])
        return {"policy": self.policy, "classifier-threshold": self.classifier_threshold,
                "capabilities": self.capabilities, "allowed-domains": self.allowed_domains,
                "vocabulary": self.vocabulary,
                "group-template": lambda t: t.name is not None and any(fnmatch.fnmatchcase(t.name, g) for g in globs)}

    # -- selection ---------------------------------------------------------
    def enabled(self, code: str) -> bool:
        best_select = max((_weight(s) for s in self.select + self.extend_select if _matches(s, code)),
                          default=-1)
        best_ignore = max((_weight(s) for s in self.ignore if _matches(s, code)), default=-1)
        return best_select > best_ignore

    def severity_of(self, code: str, default: str) -> str:
        best, level = -1, default
        for selector, value in self.severity.items():
            if _matches(selector, code) and _weight(selector) > best:
                best, level = _weight(selector), value
        return level

    def relpath(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).as_posix()

    def ignored_in_file(self, code: str, path: str) -> bool:
        rel = self.relpath(path)
        return any(_path_matches(pattern, rel) and any(_matches(c, code) for c in codes)
                   for pattern, codes in self.per_file_ignores.items())

    def template_ignore_for(self, code: str, name: str | None, language: str | None) -> TemplateIgnore | None:
        """The template-ignores entry that suppresses `code` for this template, if any."""
        for entry in self.template_ignores:
            if name is None or not fnmatch.fnmatchcase(name, entry.name):
                continue
            if entry.language is not None and language != entry.language:
                continue
            if any(_matches(c, code) for c in entry.codes):
                return entry
        return None

    def excluded(self, path: Path) -> bool:
        rel = self.relpath(str(path))
        return any(_path_matches(pattern, rel) for pattern in self.exclude)

    def as_dict(self) -> dict[str, Any]:
        return {
            "config-file": str(self.path) if self.path else None,
            "select": self.select, "extend-select": self.extend_select, "ignore": self.ignore,
            "fail-on": self.fail_on, "severity": self.severity,
            "per-file-ignores": self.per_file_ignores,
            "template-ignores": [{"name": t.name, "language": t.language, "ignore": list(t.codes),
                                  "reason": t.reason} for t in self.template_ignores],
            "exclude": self.exclude, "policy": self.policy, "classifier": self.classifier,
            "classifier-threshold": self.classifier_threshold, "classifier-model": self.classifier_model,
            "capabilities": self.capabilities,
            "allowed-domains": self.allowed_domains, "vocabulary": self.vocabulary,
            "enabled-rules": [code for code in catalogue() if self.enabled(code)],
        }


def _weight(selector: str) -> int:
    """Specificity of a selector: ALL < prefix < longer prefix < full code or rule name."""
    if selector == "ALL":
        return 0
    return len(selector) if selector[:2].isupper() else 99


def selector_matches(selector: str, code: str) -> bool:
    return _matches(selector, code)


def _matches(selector: str, code: str) -> bool:
    if selector == "ALL":
        return True
    rule = catalogue().get(code)
    return code.startswith(selector) or (rule is not None and rule.name == selector)


def _path_matches(pattern: str, rel: str) -> bool:
    pattern = pattern.rstrip("/")
    return (fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern + "/*")
            or fnmatch.fnmatchcase(Path(rel).name, pattern))


def validate_selectors(selectors: list[str], where: str) -> None:
    rules = catalogue()
    names = {r.name for r in rules.values()}
    for selector in selectors:
        if selector == "ALL" or selector in names or any(code.startswith(selector) for code in rules):
            continue
        lookalike = selector.upper().replace("O", "0").replace("I", "1").replace("L", "1")
        lookalike = selector[:2].upper() + lookalike[2:]
        hint = (f" (did you mean {lookalike!r}?)" if lookalike in rules
                else _suggest(selector, list(rules) + sorted(names)))
        raise ConfigError(f"{where}: unknown rule or prefix {selector!r}{hint}; "
                          "run `tmplint rules` to list them")


def _choice(value: Any, choices: tuple[str, ...], where: str) -> str:
    if value not in choices:
        raise ConfigError(f"{where} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _str_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return list(value)


def from_table(table: dict[str, Any], path: Path | None, root: Path) -> Config:
    where = str(path) if path else "configuration"
    config = Config(path=path, root=root)
    for key, value in table.items():
        if key not in KEYS:
            normalised = key.replace("_", "-")
            hint = _suggest(normalised if normalised in KEYS else key, KEYS)
            raise ConfigError(f"{where}: unknown key {key!r}{hint}; valid keys: {', '.join(KEYS)}")
        if key in ("select", "extend-select", "ignore", "exclude"):
            items = _str_list(value, f"{where}: {key}")
            if key != "exclude":
                validate_selectors(items, f"{where}: {key}")
            setattr(config, key.replace("-", "_"), items)
        elif key == "policy":
            config.policy = _choice(value, POLICIES, f"{where}: policy")
        elif key == "classifier":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: classifier must be true or false")
            config.classifier = value
        elif key == "classifier-model":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: classifier-model must be a directory path")
            model_dir = (root / value) if not Path(value).is_absolute() else Path(value)
            if not (model_dir / "model.json").is_file():
                raise ConfigError(f"{where}: classifier-model {value!r} has no model.json; "
                                  "train one with `tmplint train --out DIR`")
            config.classifier_model = str(model_dir)
        elif key == "classifier-threshold":
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 < value <= 1:
                raise ConfigError(f"{where}: classifier-threshold must be a number in (0, 1], not {value!r}")
            config.classifier_threshold = float(value)
        elif key == "capabilities":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: capabilities must be a table (groups, calling, group-templates)")
            for k, v in value.items():
                if k not in CAPABILITY_KEYS:
                    raise ConfigError(f"{where}: unknown key capabilities.{k}{_suggest(k, CAPABILITY_KEYS)}")
                if k == "group-templates":
                    _str_list(v, f"{where}: capabilities.group-templates")
                elif not isinstance(v, bool):
                    raise ConfigError(f"{where}: capabilities.{k} must be true or false")
            config.capabilities = {**config.capabilities, **value}
        elif key == "allowed-domains":
            config.allowed_domains = _str_list(value, f"{where}: allowed-domains")
        elif key == "vocabulary":
            config.vocabulary = _vocabulary(value, where)
        elif key == "fail-on":
            config.fail_on = _choice(value, FAIL_ON, f"{where}: fail-on")
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: severity must be a table of CODE = \"error|warning|info\"")
            validate_selectors(list(value), f"{where}: severity")
            for code, level in value.items():
                if level not in SEVERITIES:
                    raise ConfigError(f"{where}: severity.{code} must be one of "
                                      f"{', '.join(SEVERITIES)}, not {level!r}")
            config.severity = dict(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: per-file-ignores must be a table of \"glob\" = [codes]")
            for pattern, codes in value.items():
                codes = _str_list(codes, f"{where}: per-file-ignores.{pattern!r}")
                validate_selectors(codes, f"{where}: per-file-ignores.{pattern!r}")
                config.per_file_ignores[pattern] = codes
        elif key == "template-ignores":
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise ConfigError(f"{where}: template-ignores must be an array of tables "
                                  "([[tool.tmplint.template-ignores]] with name, language, ignore)")
            for n, entry in enumerate(value, 1):
                label = f"{where}: template-ignores #{n}"
                for k in entry:
                    if k not in TEMPLATE_IGNORE_KEYS:
                        raise ConfigError(f"{label}: unknown key {k!r}{_suggest(k, TEMPLATE_IGNORE_KEYS)}")
                if not isinstance(entry.get("name"), str) or "ignore" not in entry:
                    raise ConfigError(f"{label}: needs name = \"glob\" and ignore = [codes]")
                codes = _str_list(entry["ignore"], f"{label}: ignore")
                validate_selectors(codes, f"{label}: ignore")
                language = entry.get("language")
                if language is not None and not isinstance(language, str):
                    raise ConfigError(f"{label}: language must be a string such as \"en_US\"")
                config.template_ignores.append(TemplateIgnore(entry["name"], language, tuple(codes),
                                                              entry.get("reason")))
    return config


def _vocabulary(value: Any, where: str) -> dict[str, dict]:
    """[vocabulary.<lang>] flag = [{pattern, note?, category?, severity?} or "pattern"], accept = ["phrase"]."""
    from .lexicon import CATEGORIES, compile_pattern
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: vocabulary must be a table of languages, e.g. [vocabulary.es]")
    out = {}
    for lang, table in value.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: vocabulary.{lang} must be a table with flag and accept")
        for k in table:
            if k not in VOCABULARY_KEYS:
                raise ConfigError(f"{where}: unknown key vocabulary.{lang}.{k}{_suggest(k, VOCABULARY_KEYS)}")
        flags = []
        for item in table.get("flag", []):
            item = {"pattern": item} if isinstance(item, str) else dict(item)
            if not isinstance(item.get("pattern"), str):
                raise ConfigError(f"{where}: vocabulary.{lang}.flag entries need a pattern")
            category = item.get("category", "discount")
            if category not in CATEGORIES:
                raise ConfigError(f"{where}: vocabulary.{lang}.flag category {category!r} is unknown"
                                  f"{_suggest(category, CATEGORIES)}")
            try:
                compile_pattern(item["pattern"], lang.replace("-", "_").split("_")[0].lower())
            except Exception as exc:  # noqa: BLE001 - report any pattern problem as config error
                raise ConfigError(f"{where}: vocabulary.{lang}.flag pattern {item['pattern']!r}: {exc}") from None
            flags.append(item)
        out[lang] = {"flag": flags, "accept": _str_list(table.get("accept", []), f"{where}: vocabulary.{lang}.accept")}
    return out


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _table_in(path: Path) -> dict[str, Any] | None:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("tmplint")
    else:
        table = data.get("tool", {}).get("tmplint", data) if "tool" in data else data
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.tmplint] must be a table")
    return table


def find_config(start: Path) -> Path | None:
    """The nearest tmplint.toml, or pyproject.toml with [tool.tmplint], from start upwards."""
    start = start.resolve()
    for directory in [start, *start.parents]:
        candidate = directory / "tmplint.toml"
        if candidate.is_file():
            return candidate
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                if _table_in(candidate) is not None:
                    return candidate
            except ConfigError:
                raise
    return None


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
    else:
        path = find_config(start or Path.cwd())
    if path is None:
        return Config(root=Path.cwd().resolve())  # paths in the output and the cache are relative to here
    table = _table_in(path) or {}
    return from_table(table, path, path.resolve().parent)
