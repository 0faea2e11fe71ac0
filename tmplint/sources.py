"""Turn paths and stdin into parsed documents, and documents into template nodes.

A file that cannot be read or parsed becomes a `Document` with an error (and a
position), never an exception: one bad file must not stop the others.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .json_reader import parse_json
from .nodes import Node, Source, SourceError
from .yaml_reader import parse_yaml

EXTENSIONS = (".json", ".yaml", ".yml")
_SKIP_DIRS = {".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "node_modules", "__pycache__",
              ".tmplint_cache", ".mypy_cache", ".pytest_cache"}


@dataclass(frozen=True)
class FileProblem:
    code: str  # IO001 unreadable, IO002 syntax, IO003 not a template
    message: str
    offset: int = 0
    hint: str | None = None
    end: int | None = None  # end of the offending value, when there is one


@dataclass(frozen=True)
class Document:
    source: Source
    root: Node | None
    problem: FileProblem | None = None
    encoding: str = "utf-8"  # how to write the text back: utf-8, utf-8-sig or utf-16


def discover(paths: Iterable[str], excluded=lambda p: False) -> tuple[list[Path], list[str]]:
    """Files to lint (sorted, deduplicated) and paths that do not exist."""
    found: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_DIRS
                                     and not excluded(Path(dirpath) / d))
                for filename in sorted(filenames):
                    file = Path(dirpath) / filename
                    if file.suffix.lower() in EXTENSIONS and not excluded(file):
                        found.append(file)
        elif path.exists():
            if not excluded(path):  # a file named explicitly is linted whatever its extension
                found.append(path)
        else:
            missing.append(raw)
    unique = list(dict.fromkeys(found))
    return unique, missing


def encoding_of(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"


def decode(data: bytes, path: str) -> tuple[str | None, FileProblem | None]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8", errors="replace")
        return before, FileProblem("IO001", f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X})",
                                   len(before), "save the file as UTF-8")


def _format_for(path: str, text: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") else "yaml"


def parse(text: str, path: str, encoding: str = "utf-8") -> Document:
    source = Source(path, text)
    try:
        root = parse_json(text) if _format_for(path, text) == "json" else parse_yaml(text)
    except SourceError as exc:
        return Document(source, None, FileProblem("IO002", exc.message, exc.offset, exc.hint), encoding)
    except RecursionError:
        return Document(source, None, FileProblem("IO002", "the file is nested too deeply", 0), encoding)
    return Document(source, root, None, encoding)


def read_path(path: Path, display: str | None = None) -> Document:
    display = display or path.as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Document(Source(display, ""), None,
                        FileProblem("IO001", f"cannot read the file: {exc.strerror or exc}",
                                    hint="check that the file exists and is readable"))
    return read_bytes(data, display)


def read_bytes(data: bytes, display: str) -> Document:
    text, problem = decode(data, display)
    if problem is not None:
        return Document(Source(display, text or ""), None, problem)
    return parse(text, display, encoding_of(data))


_TEMPLATE_KEYS = {"name", "language", "category", "components"}


def template_nodes(root: Node) -> tuple[list[Node], FileProblem | None]:
    """The template objects in a document: one payload, a list, or {"data": [...]}."""
    if root.kind == "object":
        data = root.get("data")
        if data is not None and not (_TEMPLATE_KEYS & set(root.value)):
            if data.kind != "array":
                return [], FileProblem("IO003", '"data" must be a list of templates', data.start)
            return _objects(data.elements())
        if not (_TEMPLATE_KEYS & set(root.value)):
            return [], FileProblem("IO003", "this does not look like a WhatsApp template: expected an object "
                                   "with name, language, category and components, a list of them, "
                                   'or {"data": [...]}', root.start,
                                   "exclude the file from linting if it is not a template")
        return [root], None
    if root.kind == "array":
        return _objects(root.elements())
    return [], FileProblem("IO003", f"the file holds a single {root.kind}; expected a template object, "
                           'a list of them, or {"data": [...]}', root.start)


def _objects(items: list[Node]) -> tuple[list[Node], FileProblem | None]:
    bad = next((item for item in items if item.kind != "object"), None)
    objects = [item for item in items if item.kind == "object"]
    if bad is not None:
        return objects, FileProblem("IO003", f"{bad.path} is a {bad.kind}, not a template object", bad.start,
                                    end=bad.end)
    return objects, None
