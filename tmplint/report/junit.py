"""JUnit XML: one testsuite per file, one testcase per template, one failure per finding at fail-on."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from ..engine import Report
from ..findings import severity_rank


def render(report: Report) -> str:
    threshold = severity_rank(report.fail_on)
    by_file = defaultdict(list)
    for t in report.templates:
        by_file[t.path].append(t)
    errors_by_file = defaultdict(list)
    for f in report.errors:
        errors_by_file[f.path].append(f)
    root = ET.Element("testsuites", name="tmplint")
    total_tests = total_failures = total_errors = 0
    for path in sorted(set(by_file) | set(errors_by_file)):
        suite = ET.SubElement(root, "testsuite", name=path)
        tests = failures = errors = 0
        for f in errors_by_file[path]:
            tests += 1
            case = ET.SubElement(suite, "testcase", classname=path, name="file")
            if severity_rank(f.severity) >= threshold:
                errors += 1
                node = ET.SubElement(case, "error", message=f.message, type=f.code)
                node.text = f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}"
        for t in by_file[path]:
            tests += 1
            label = f"{t.name or '<unnamed>'} ({t.language or '?'})" + (f" {t.json_path}" if t.json_path else "")
            case = ET.SubElement(suite, "testcase", classname=path, name=label)
            below = []
            for f in t.findings:
                text = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}"
                if severity_rank(f.severity) >= threshold:
                    failures += 1
                    node = ET.SubElement(case, "failure", message=f"{f.code} {f.message}", type=f.code)
                    node.text = text
                else:
                    below.append(text)
            if below:
                ET.SubElement(case, "system-out").text = "\n".join(below)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        total_tests, total_failures, total_errors = total_tests + tests, total_failures + failures, total_errors + errors
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
