"""tmplint: lint WhatsApp Business message templates before you submit them to Meta.

Python API::

    import tmplint
    report = tmplint.lint_paths(["templates/"])
    result = tmplint.lint_template({"name": "order_update", ...})
"""
from __future__ import annotations

__version__ = "0.1.0"
DOCS_URL = "https://github.com/tmplint/tmplint/blob/main/docs/rules.md"

from .api import lint_paths, lint_template, lint_text  # noqa: E402
from .config import Config, ConfigError, load_config  # noqa: E402
from .engine import Report, TemplateResult  # noqa: E402
from .findings import Finding  # noqa: E402

__all__ = ["Config", "ConfigError", "Finding", "Report", "TemplateResult", "__version__", "lint_paths",
           "lint_template", "lint_text", "load_config"]
