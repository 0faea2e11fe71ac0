"""The built wheel works outside the source tree, with its data files inside it."""
import json
import os
import subprocess
import sys
import venv
import zipfile

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out),
                           str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [path] = out.glob("tmplint-*.whl")
    return path


def test_wheel_contains_rules_and_models(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "tmplint/_data/rules/platform.yml" in names
    assert any(n.startswith("tmplint/_data/rules/catalogue/") for n in names)
    assert any(n.startswith("tmplint/_data/models/") for n in names)


def test_wheel_installs_and_lints_examples_from_elsewhere(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    # System site-packages provide the dependencies (no network); the wheel itself is installed
    # into the venv, and we run from a directory that is not the source tree.
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    proc = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = "import tmplint, sys; print(tmplint.__file__)"
    where = subprocess.run([str(python), "-c", code], cwd=elsewhere, capture_output=True, text=True, env=env)
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    tmplint_bin = env_dir / "bin" / "tmplint"
    proc = subprocess.run([str(tmplint_bin), "check", str(ROOT / "examples"), "--format", "json"],
                          cwd=elsewhere, capture_output=True, text=True, env=env)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert {t["verdict"] for t in data["templates"]} == {"pass", "fail"}
    rules = subprocess.run([str(tmplint_bin), "explain", "IO002"], cwd=elsewhere, capture_output=True,
                           text=True, env=env)
    assert rules.returncode == 0 and rules.stdout.startswith("IO002 syntax-error")
