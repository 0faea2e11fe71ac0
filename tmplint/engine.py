"""Run the checks over documents and turn hits into configured findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .catalogue import Rule, catalogue
from .checks import Context, registered, registered_set_checks
from .config import Config, selector_matches
from .findings import Finding, Hit, severity_rank
from .model import build_template
from .nodes import Source
from .sources import Document, FileProblem, template_nodes


class InternalError(Exception):
    """A bug in tmplint (not in the user's input)."""


@dataclass
class TemplateResult:
    path: str
    json_path: str
    name: str | None
    language: str | None
    category: str | None
    findings: list[Finding]
    verdict: str  # "pass" | "fail"
    predicted_category: str | None = None
    category_scores: dict[str, float] | None = None
    evidence: list[dict] | None = None  # phrases behind the prediction (with --explain)
    template: object = field(default=None, repr=False, compare=False)  # the built Template, for previews

    def to_dict(self) -> dict:
        extra = {"category_evidence": self.evidence} if self.evidence is not None else {}
        return {**extra, "path": self.path, "json_path": self.json_path, "name": self.name,
                "language": self.language, "category": self.category, "verdict": self.verdict,
                "predicted_category": self.predicted_category,
                "category_scores": self.category_scores,
                "findings": [f.to_dict() for f in self.findings]}


@dataclass
class Report:
    templates: list[TemplateResult] = field(default_factory=list)
    errors: list[Finding] = field(default_factory=list)  # files that could not be linted
    files: int = 0
    fail_on: str = "error"
    sources: dict[str, Source] = field(default_factory=dict, repr=False)
    unused_suppressions: list[str] = field(default_factory=list)  # config entries that matched nothing
    baseline: dict | None = None  # {"file", "suppressed", "stale": [...]} when --baseline is used

    @property
    def findings(self) -> list[Finding]:
        return [f for t in self.templates for f in t.findings] + self.errors

    @property
    def failed(self) -> bool:
        threshold = severity_rank(self.fail_on)
        return any(severity_rank(f.severity) >= threshold for f in self.findings)

    def summary(self) -> dict:
        counts = {s: 0 for s in ("error", "warning", "info")}
        for f in self.findings:
            counts[f.severity] += 1
        return {"files": self.files, "templates": len(self.templates),
                "passed": sum(t.verdict == "pass" for t in self.templates),
                "failed": sum(t.verdict == "fail" for t in self.templates),
                "unreadable_files": len({f.path for f in self.errors if f.code in ("IO001", "IO002")}),
                "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
                "fail_on": self.fail_on, "result": "fail" if self.failed else "pass"}


def make_finding(rule: Rule, severity: str, source: Source, start: int, end: int, json_path: str,
                 message: str, fix=(), unsafe: bool = False) -> Finding:
    line, column = source.position(start)
    end_line, end_column = source.position(max(end, start))
    return Finding(rule.code, rule.name, severity, message, rule.meta_reason, source.path, json_path,
                   line, column, end_line, end_column, start, end, tuple(fix), unsafe)


class Linter:
    def __init__(self, config: Config | None = None, context: Context | None = None, explain: bool = False):
        self.config = config or Config()
        self.explain = explain
        if context is None:
            from .classifier.model import load_model
            model = load_model(self.config.classifier_model) if self.config.classifier else None
            context = Context(options=self.config.options(), model=model)
        self.context = context
        self.rules = catalogue()
        self.used_template_ignores: set[int] = set()
        self.checks = [(codes, fn) for codes, fn in registered()
                       if any(self.config.enabled(c) for c in codes)]
        self.set_checks = [(codes, fn) for codes, fn in registered_set_checks()
                           if any(self.config.enabled(c) for c in codes)]

    @staticmethod
    def _evidence(analysis, source: Source) -> list[dict]:
        """The phrases behind the predicted category, with file positions."""
        out = []
        for phrase in analysis.phrases(analysis.prediction.label, limit=5):
            located = analysis.locate(phrase.start, phrase.end)
            if located is None:
                continue
            text, begin, end = located
            start, stop = text.node.span(begin, end)
            line, column = source.position(start)
            end_line, end_column = source.position(stop)
            out.append({"text": phrase.text, "weight": round(phrase.weight, 4), "json_path": text.node.path,
                        "line": line, "column": column, "end_line": end_line, "end_column": end_column})
        return out

    def _finding(self, hit: Hit, source: Source, name=None, language=None) -> Finding | None:
        rule = self.rules.get(hit.code)
        if rule is None:
            raise InternalError(f"a check produced {hit.code}, which is not in the rule catalogue")
        cfg = self.config
        if not cfg.enabled(hit.code) or cfg.ignored_in_file(hit.code, source.path):
            return None
        entry = cfg.template_ignore_for(hit.code, name, language)
        if entry is not None:
            self.used_template_ignores.add(id(entry))
            return None
        start, end = hit.offsets()
        return make_finding(rule, cfg.severity_of(hit.code, hit.severity or rule.severity), source, start, end,
                            hit.node.path, hit.message, hit.fix, hit.unsafe)

    def _problem(self, problem: FileProblem, source: Source) -> Finding | None:
        rule = self.rules[problem.code]
        if not self.config.enabled(problem.code) or self.config.ignored_in_file(problem.code, source.path):
            return None
        message = problem.message + (f"; {problem.hint}" if problem.hint else "")
        start = problem.offset
        end = start + 1 if start < len(source.text) and source.text[start] not in "\r\n" else start
        if problem.end is not None:
            end = problem.end
        return make_finding(rule, self.config.severity_of(problem.code, rule.severity), source,
                            start, end, "", message)

    def check_document(self, document: Document) -> dict:
        """Run the per-template checks on one document. Returns plain data (cacheable, picklable):
        {"errors": [finding state], "templates": [{"json_path", "findings", "prediction"...}],
        "used_ignores": [index into config.template_ignores]}."""
        source = document.source
        self.used_template_ignores = set()
        problem = document.problem
        nodes = []
        if document.root is not None:
            nodes, problem = template_nodes(document.root)
        errors = []
        if problem is not None:
            finding = self._problem(problem, source)
            if finding is not None:
                errors.append(finding.to_state())
        outcomes = []
        for node in nodes:
            template = build_template(source, node)
            findings = self._check_template(template)
            outcome = {"json_path": template.json_path, "findings": [f.to_state() for f in findings],
                       "predicted_category": None, "category_scores": None, "evidence": None}
            if self.context.model is not None:
                analysis = self.context.analysis(template)
                if analysis.prediction is not None:
                    outcome["predicted_category"] = analysis.prediction.label
                    outcome["category_scores"] = {k: round(v, 4) for k, v in
                                                  sorted(analysis.prediction.scores.items())}
                    if self.explain:
                        outcome["evidence"] = self._evidence(analysis, source)
            outcomes.append(outcome)
        used = [i for i, e in enumerate(self.config.template_ignores) if id(e) in self.used_template_ignores]
        return {"errors": errors, "templates": outcomes, "used_ignores": used}

    def _check_template(self, template) -> list[Finding]:
        source = template.source
        inline = _inline_ignores(template)
        used: set[int] = set()
        findings = []
        for _codes, fn in self.checks:
            for hit in fn(template, self.context):
                selector = next((s for s in inline if selector_matches(s.value, hit.code)), None)
                if selector is not None and hit.code != "SP001":
                    used.add(id(selector))
                    continue
                finding = self._finding(hit, source, template.name, template.language)
                if finding is not None:
                    findings.append(finding)
        for selector in inline:
            if id(selector) not in used:
                hit = Hit("SP001", selector, f"The suppression {selector.value!r} in x-tmplint matched no "
                                             "finding in this template; remove it.")
                finding = self._finding(hit, source, template.name, template.language)
                if finding is not None:
                    findings.append(finding)
        return sorted(set(findings), key=lambda f: (f.line, f.column, f.code, f.message))

    def add_document(self, report: Report, document: Document, outcome: dict) -> None:
        """Merge one document's check results into the report, with its built templates."""
        report.files += 1
        source = document.source
        report.sources[source.path] = source
        report.errors.extend(Finding.from_state(s) for s in outcome["errors"])
        self._used_ignores.update(outcome["used_ignores"])
        nodes = template_nodes(document.root)[0] if document.root is not None else []
        built = {node.path: build_template(source, node) for node in nodes}
        threshold = severity_rank(self.config.fail_on)
        for item in outcome["templates"]:
            template = built[item["json_path"]]
            findings = [Finding.from_state(s) for s in item["findings"]]
            verdict = "fail" if any(severity_rank(f.severity) >= threshold for f in findings) else "pass"
            report.templates.append(TemplateResult(
                source.path, template.json_path, template.name, template.language, template.category, findings,
                verdict, item["predicted_category"], item["category_scores"], item["evidence"], template=template))

    def lint_set(self, report: Report) -> None:
        """Checks across all templates of the run; their findings join the template they concern."""
        self.used_template_ignores = set()
        by_template = {id(r.template): r for r in report.templates if r.template is not None}
        templates = [r.template for r in report.templates if r.template is not None]
        threshold = severity_rank(self.config.fail_on)
        for _codes, fn in self.set_checks:
            for template, hit in fn(templates, self.context):
                result = by_template[id(template)]
                finding = self._finding(hit, template.source, template.name, template.language)
                self._used_ignores.update(i for i, e in enumerate(self.config.template_ignores)
                                          if id(e) in self.used_template_ignores)
                if finding is not None and finding not in result.findings:
                    result.findings = sorted(result.findings + [finding],
                                             key=lambda f: (f.line, f.column, f.code, f.message))
                    result.verdict = "fail" if any(severity_rank(f.severity) >= threshold
                                                   for f in result.findings) else "pass"

    def lint(self, documents: Iterable[Document], jobs: int = 1, cache=None) -> Report:
        """Lint documents; `jobs` > 1 checks them in worker processes, `cache` reuses earlier results.

        The output does not depend on either: results are merged in document order.
        """
        from .parallel import outcomes
        documents = list(documents)
        report = Report(fail_on=self.config.fail_on)
        self._used_ignores: set[int] = set()
        for document, outcome in zip(documents, outcomes(self, documents, jobs, cache)):
            self.add_document(report, document, outcome)
        self.lint_set(report)
        report.unused_suppressions = [
            f"template-ignores entry name={e.name!r}" + (f" language={e.language!r}" if e.language else "")
            + f" ignore={list(e.codes)} matched no finding"
            for i, e in enumerate(self.config.template_ignores) if i not in self._used_ignores]
        return report


def _inline_ignores(template) -> list:
    """The string entries of the template's `"x-tmplint": {"ignore": [...]}` member."""
    member = template.field("x-tmplint")
    ignore = member.get("ignore") if member is not None else None
    if ignore is None:
        return []
    items = [ignore] if ignore.kind == "string" else ignore.elements()
    return [item for item in items if item.kind == "string"]

