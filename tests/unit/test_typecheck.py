"""mypy passes: `python -m mypy` from the repository root checks services/ and the unit tests as
configured in pyproject.toml ([tool.mypy]), so each service's calls to the others, the unit-test
fakes typed against the same ports, and every annotation are checked with the suite."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_passes() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"mypy failed:\n{result.stdout}{result.stderr}"
