"""Real consumers for the report formats, installed on demand (the CI has the package registries).

A missing tool fails the test under CI (CI=true) and skips it elsewhere, so a
developer without npm or Chromium can still run the rest of the suite.
"""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

CACHE = Path(os.environ.get("TMPLINT_TEST_CACHE", Path.home() / ".cache" / "tmplint-tests"))


def _missing(what: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is required in CI but could not be installed")
    pytest.skip(f"{what} not available")


def sarif_multitool() -> Path:
    tool = CACHE / "node" / "node_modules" / ".bin" / "sarif-multitool"
    if not tool.exists():
        if shutil.which("npm") is None:
            _missing("npm (for @microsoft/sarif-multitool)")
        (CACHE / "node").mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE / "node"),
                               "@microsoft/sarif-multitool@5"], capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or not tool.exists():
            _missing(f"@microsoft/sarif-multitool ({proc.stderr[-500:]})")
    binary = CACHE / "node" / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    if binary.exists():
        binary.chmod(0o755)  # its postinstall chmod may be skipped by npm's script policy
    return tool


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, timeout=900)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], capture_output=True, timeout=1800,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
        path = shutil.which("chromium")
        if path:
            return path
    _missing("Chromium")
