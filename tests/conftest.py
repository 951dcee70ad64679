"""Shared test fixtures.

The tests' temporary directories (every sandbox's databases) go on a RAM-backed tmpfs where the machine
has one (/dev/shm): a service commits durably (SQLite synchronous=FULL), and on a disk each commit waits
for an fsync (about 5 ms on this project's CI machines) thousands of times a run. What the tests prove
does not change: they kill processes, never the machine, and a killed process's committed pages are in
the kernel's page cache, tmpfs or not. `--basetemp` given on the command line wins."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

RAM_DISK = Path("/dev/shm")
_made: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    # xdist workers inherit the controller's basetemp (each in its own subfolder): only the controller chooses
    if config.option.basetemp or hasattr(config, "workerinput") or not os.access(RAM_DISK, os.W_OK):
        return
    config.option.basetemp = tempfile.mkdtemp(prefix="fivelayer-tests-", dir=RAM_DISK)
    _made.append(config.option.basetemp)


def pytest_unconfigure(config: pytest.Config) -> None:
    for folder in _made:
        shutil.rmtree(folder, ignore_errors=True)
