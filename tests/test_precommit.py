"""The pre-commit hooks, run by the real `pre-commit try-repo` in a throwaway git repository."""
import json
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from .conftest import ROOT, base_template, dumps


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
                            GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com"))


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A committed copy of this repository (try-repo clones the HEAD of a git repo)."""
    repo = tmp_path_factory.mktemp("hookrepo")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    for name in ("tmplint", "rules", "models"):
        shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "parts"))
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "hooks")
    return repo


def _try_repo(hook_repo, work, hook, *files):
    env = dict(os.environ, PRE_COMMIT_HOME=str(work.parent / "pre-commit-home"), PIP_NO_INPUT="1")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, "--files", *files],
                          cwd=work, capture_output=True, text=True, env=env, timeout=1200)


@pytest.fixture
def work(tmp_path):
    repo = tmp_path / "project"
    (repo / "templates").mkdir(parents=True)
    _git(repo, "init", "-q")
    return repo


def test_hooks_file_declares_both_hooks():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["tmplint", "tmplint-fix"]
    assert all(h["require_serial"] and h["files"] for h in hooks)


def test_try_repo_fails_on_a_bad_template_and_passes_a_good_one(hook_repo, work):
    (work / "templates" / "good.json").write_text(dumps(base_template()))
    (work / "templates" / "bad.json").write_text(
        dumps(base_template(components=[{"type": "BODY", "text": "Hi {{ 1 }}, your order has shipped today."}])))
    _git(work, "add", "-A")
    good = _try_repo(hook_repo, work, "tmplint", "templates/good.json")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    bad = _try_repo(hook_repo, work, "tmplint", "templates/bad.json")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "PH002 [error] Malformed placeholder: `{{ 1 }}` has spaces inside the braces" in bad.stdout


def test_try_repo_fix_hook_rewrites_the_file(hook_repo, work):
    path = work / "templates" / "fixable.json"
    path.write_text(dumps(base_template(category="utility")))
    _git(work, "add", "-A")
    result = _try_repo(hook_repo, work, "tmplint-fix", "templates/fixable.json")
    assert result.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in result.stdout
    assert json.loads(path.read_text())["category"] == "UTILITY"
