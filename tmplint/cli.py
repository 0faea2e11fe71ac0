"""Command line interface (click). Exit codes: 0 clean, 1 findings at --fail-on, 2 usage/config/internal."""
from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .catalogue import catalogue
from .config import FAIL_ON, ConfigError, load_config, validate_selectors
from .engine import InternalError, Linter
from .report import FORMATS, formatters
from .sources import discover, read_bytes, read_path


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _write(text: str, output_file: str | None) -> None:
    if output_file:
        path = Path(output_file)
        tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    else:
        click.echo(text, nl=False)


@click.group(name="tmplint", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="tmplint")
def main() -> None:
    """Lint WhatsApp Business message templates before submitting them to Meta."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Report format (default: text, or github when GITHUB_ACTIONS=true).")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Use this tmplint.toml/pyproject.toml instead of the nearest one.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated).")
@click.option("--extend-select", multiple=True, help="Add rule codes or prefixes to the selection.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Lowest severity that makes the run fail (default: error).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on.")
@click.option("--stdin-filename", default=None, help="Name to report for '-' (its extension picks JSON/YAML).")
@click.option("--no-source", is_flag=True, help="Text format: do not print source lines and carets.")
@click.option("--explain", "explain", is_flag=True,
              help="Show the predicted category and the phrases that drove it for each template.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what is left.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that guess intent.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False),
              help="Ignore the findings recorded in this baseline file; report stale entries.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              help="Record the current findings in this file (and exit 0).")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 256),
              help="Check files in this many processes (output is identical to a serial run).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the .tmplint_cache directory.")
def check(paths, fmt, output_file, config_file, select, extend_select, ignore, fail_on, exit_zero,
          stdin_filename, no_source, explain, fix, unsafe_fixes, show_diff, baseline, write_baseline, jobs, no_cache):
    """Lint template files and directories (JSON or YAML; '-' reads stdin)."""
    _check(paths, fmt, output_file, config_file, select, extend_select, ignore, fail_on, exit_zero,
           stdin_filename, no_source, explain, fix, unsafe_fixes, show_diff, baseline, write_baseline, jobs,
           no_cache)


def _check(paths, fmt, output_file, config_file, select, extend_select, ignore, fail_on, exit_zero,
           stdin_filename, no_source, explain, fix, unsafe_fixes, show_diff, baseline=None, write_baseline=None,
           jobs=1, no_cache=True):
    if (fix or show_diff) and "-" in paths:
        raise click.UsageError("--fix and --diff work on files, not on stdin")
    try:
        first = next((p for p in paths if p != "-"), None)
        start = Path(first).resolve() if first else Path.cwd()
        config = load_config(config_file, start if start.is_dir() else start.parent)
        for option, values in (("--select", select), ("--extend-select", extend_select), ("--ignore", ignore)):
            items = _split(values)
            if items:
                validate_selectors(items, option)
                if option == "--select":
                    config.select = items
                elif option == "--extend-select":
                    config.extend_select = config.extend_select + items
                else:
                    config.ignore = config.ignore + items
        if fail_on:
            config.fail_on = fail_on
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    files, missing = discover([p for p in paths if p != "-"], config.excluded)
    if missing:
        raise click.UsageError("no such file or directory: " + ", ".join(missing))
    try:
        linter = Linter(config, explain=explain)
        documents = []
        if "-" in paths:
            documents.append(read_bytes(sys.stdin.buffer.read(), stdin_filename or "<stdin>"))
        documents.extend(read_path(f) for f in files)
        if fix or show_diff:
            documents, changed = _apply_fixes(linter, documents, files, unsafe_fixes, write=not show_diff)
            if show_diff:
                sys.exit(1 if changed and not exit_zero else 0)
        cache = None
        if not no_cache and not (fix or show_diff):
            from .parallel import CACHE_DIR, Cache
            key = json.dumps(config.as_dict(), sort_keys=True, default=str) + f"explain={explain}"
            if config.classifier_model:
                key += (Path(config.classifier_model) / "model.json").read_text(encoding="utf-8")
            cache = Cache(config.root / CACHE_DIR, key)
        report = linter.lint(documents, jobs=jobs, cache=cache)
        if write_baseline:
            from .baseline import write_baseline as write
            n = write(report, Path(write_baseline))
            click.echo(f"Wrote {n} finding{'s' if n != 1 else ''} to {write_baseline}.", err=True)
            sys.exit(0)
        if baseline:
            from .baseline import apply_baseline, load_baseline
            try:
                result = apply_baseline(report, load_baseline(Path(baseline)))
            except ValueError as exc:
                click.echo(f"tmplint: {exc}", err=True)
                sys.exit(2)
            report.baseline = {"file": baseline, "suppressed": result.suppressed, "stale": result.stale}
        fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        if fmt == "text":
            from .report.text import render
            output = render(report, show_source=not no_source, explain=explain)
        else:
            output = formatters()[fmt](report)
        _write(output, output_file)
    except (InternalError, Exception) as exc:  # never a bare traceback for the user
        click.echo(f"tmplint: internal error: {exc}\n{traceback.format_exc()}"
                   "Please report this at the project's issue tracker.", err=True)
        sys.exit(2)
    sys.exit(0 if exit_zero or not report.failed else 1)


def _apply_fixes(linter, documents, files, unsafe, write):
    """Fix each document; print diffs (dry run) or write files. Returns the fixed documents."""
    from .fixer import fix_document, write_atomically
    from .sources import parse
    fixed_docs, changed, count = [], 0, 0
    paths = {f.as_posix(): f for f in files}
    for doc in documents:
        result = fix_document(linter, doc, unsafe)
        for finding, reason in result.dropped:
            click.echo(f"{finding.path}:{finding.line}:{finding.column}: fix for {finding.code} not applied: "
                       f"{reason}", err=True)
        if result.changed:
            changed += 1
            count += len(result.applied)
            if write:
                write_atomically(paths[doc.source.path], result.fixed, result.encoding)
            else:
                click.echo(result.diff(), nl=False)
            doc = parse(result.fixed, doc.source.path, doc.encoding)
        fixed_docs.append(doc)
    if write and count:
        click.echo(f"Fixed {count} finding{'s' if count != 1 else ''} in {changed} "
                   f"file{'s' if changed != 1 else ''}.", err=True)
    return fixed_docs, changed


@main.command("fix")
@click.argument("paths", nargs=-1, required=True)
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
@click.option("--select", multiple=True)
@click.option("--ignore", multiple=True)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that guess intent.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option("--exit-zero", is_flag=True)
def fix_cmd(paths, config_file, select, ignore, unsafe_fixes, show_diff, exit_zero):
    """Apply safe fixes in place (same as `check --fix`)."""
    _check(paths, None, None, config_file, select, (), ignore, None, exit_zero, None, True, False,
           not show_diff, unsafe_fixes, show_diff)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules_cmd(fmt):
    """List every rule: code, name, default severity, Meta rejection reason."""
    rules = catalogue()
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "group": r.group, "severity": r.severity,
                                "meta_reason": r.meta_reason, "basis": r.basis, "summary": r.summary}
                               for r in rules.values()], indent=2))
        return
    rows = [("CODE", "NAME", "SEVERITY", "META REASON", "SUMMARY")]
    rows += [(r.code, r.name, r.severity, r.meta_reason, r.summary) for r in rules.values()]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])


@main.command()
@click.argument("code")
def explain(code):
    """Show a rule's documentation with a failing and a passing example."""
    from .docs import explain_text
    rules = catalogue()
    key = code.upper()
    rule = rules.get(key) or next((r for r in rules.values() if r.name == code), None)
    if rule is None:
        import difflib
        close = difflib.get_close_matches(key, list(rules) + [r.name for r in rules.values()], n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise click.UsageError(f"unknown rule {code!r}{hint}; run `tmplint rules` to list them")
    click.echo(explain_text(rule))


@main.command("show-config")
@click.option("--config", "config_file", type=click.Path(dir_okay=False))
@click.argument("path", required=False, default=".")
def show_config(config_file, path):
    """Print the configuration that applies to PATH (default: the current directory)."""
    try:
        start = Path(path).resolve()
        config = load_config(config_file, start if start.is_dir() else start.parent)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(json.dumps(config.as_dict(), indent=2))


@main.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Labelled JSONL corpus (default: models/corpus.jsonl).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Artifact directory (default: models/classifier).")
@click.option("--card/--no-card", default=True, help="Rewrite models/MODEL_CARD.md from the metrics.")
@click.option("--eval", "eval_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Also evaluate on this labelled file and put the numbers in the model card.")
def train(corpus, out, card, eval_file):
    """Train the category classifier (deterministic: the same corpus gives the same artifact)."""
    from .classifier.card import write_card
    from .classifier.train import train as run_training
    from .paths import models_dir
    corpus = Path(corpus) if corpus else models_dir() / "corpus.jsonl"
    out = Path(out) if out else models_dir() / "classifier"
    try:
        meta = run_training(corpus, out)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    cv = meta["cv_metrics"]
    click.echo(f"trained on {meta['corpus']['records']} templates; cross-validated macro-F1 "
               f"{cv['macro_f1']:.3f}, accuracy {cv['accuracy']:.3f}; wrote {out}")
    if card:
        path = write_card(meta, out, eval_file)
        click.echo(f"wrote {path}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", "model_dir", type=click.Path(file_okay=False), default=None,
              help="Artifact directory (default: the shipped model).")
@click.option("--worst", default=10, show_default=True, help="How many of the most confident mistakes to show.")
@click.option("--rules", "rules_only", is_flag=True,
              help="Evaluate the content rules alone (classifier off) instead of the classifier.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def evaluate(file, model_dir, worst, rules_only, fmt):
    """Evaluate the classifier on a labelled JSONL file (the corpus format or the dev-set format)."""
    from .classifier.evaluate import evaluate_file, render_text
    from .lexicon_eval import evaluate_rules, render_rules
    try:
        result = evaluate_rules(Path(file)) if rules_only else evaluate_file(Path(file), model_dir)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        click.echo(render_rules(result) if rules_only else render_text(result, worst))
