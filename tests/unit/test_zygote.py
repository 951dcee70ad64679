"""The zygote (cli/zygote.py) may fork only from a clean state: its imports start no thread."""
from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.skipif(sys.platform != "linux", reason="the supervisor forks only on Linux (child subreaper)")
def test_the_zygotes_imports_start_no_thread() -> None:
    code = "from fivelayer.cli import zygote; zygote.preload(); print(zygote.threads())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "1"
