"""mypy and ruff pass: `python -m mypy` from the repository root checks services/ and tests/ strictly as
configured in pyproject.toml ([tool.mypy]), so each service's calls to the others, the test fakes and
fixtures typed against the same ports, and every annotation are checked with the suite; `ruff check`
holds the code to the lint rules of [tool.ruff] (its cache is .ruff_cache, mypy's .mypy_cache)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_passes() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"


def test_ruff_passes() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "services", "tests"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"ruff found:\n{result.stdout}{result.stderr}"
