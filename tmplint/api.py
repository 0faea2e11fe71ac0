"""The library entry points; the CLI is a thin layer over these."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from .config import Config, ConfigError, load_config
from .engine import Linter, Report, TemplateResult
from .sources import discover, parse, read_path


def _config(config: Config | None, config_file: str | None, start: Path | None) -> Config:
    if config is not None:
        return config
    return load_config(config_file, start)


def lint_paths(paths: Iterable[str | Path], *, config: Config | None = None,
               config_file: str | None = None) -> Report:
    """Lint files and directories (recursively: .json, .yaml, .yml).

    Raises `ConfigError` for a bad configuration and `FileNotFoundError` for a
    path that does not exist; unreadable or malformed files are reported in
    `Report.errors` and do not stop the others.
    """
    paths = [str(p) for p in paths]
    first = Path(paths[0]).resolve() if paths else None
    start = first if first is None or first.is_dir() else first.parent
    cfg = _config(config, config_file, start)
    files, missing = discover(paths, cfg.excluded)
    if missing:
        raise FileNotFoundError(", ".join(missing))
    linter = Linter(cfg)
    return linter.lint(read_path(path) for path in files)


def lint_text(text: str, path: str = "<text>", *, config: Config | None = None) -> Report:
    """Lint the text of one JSON or YAML file (the format follows `path`'s extension)."""
    return Linter(config or Config()).lint([parse(text, path)])


def lint_template(template: dict, *, config: Config | None = None,
                  path: str = "<template>.json") -> TemplateResult:
    """Lint one template given as a dict (positions refer to its 2-space-indented JSON form)."""
    report = lint_text(json.dumps(template, ensure_ascii=False, indent=2), path, config=config)
    if not report.templates:
        message = report.errors[0].message if report.errors else "not a template"
        raise ValueError(f"not a template object: {message}")
    return report.templates[0]


__all__ = ["ConfigError", "lint_paths", "lint_template", "lint_text"]
