"""The image's entry script and health command, run outside Docker (no engine here): docker/entrypoint.sh starts
one named service from environment variables alone, the service is the script's own process (exec, so a
container's SIGTERM reaches it), `python -m fivelayer.kernel.healthcheck` answers 0 only while it serves."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fivelayer.cli.supervisor import free_port_base, release_port_base

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"


@pytest.fixture
def container_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """What a container gets: no FIVELAYER_* from this process, its Python first on PATH (the image's venv)."""
    base = free_port_base()
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIVELAYER_")}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", PYTHONUNBUFFERED="1",
               FIVELAYER_PORT_BASE=str(base), FIVELAYER_DATA_DIR=str(tmp_path / "data"), FIVELAYER_BIND="0.0.0.0",
               FIVELAYER_CACHE=os.environ.get("FIVELAYER_CACHE", str(Path.home() / ".cache" / "fivelayer")))
    yield env
    release_port_base(base)


def health(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fivelayer.kernel.healthcheck", *args], env=env,
                          capture_output=True, text=True, timeout=30)


def test_the_entry_script_refuses_an_unknown_service(container_env: dict[str, str]) -> None:
    done = subprocess.run([str(ENTRYPOINT), "bank"], env=container_env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 64
    assert "usage: fivelayer-service control|chain|depository|broker|issuer|exchange" in done.stderr


def test_the_entry_script_runs_a_service_from_the_environment_alone(container_env: dict[str, str],
                                                                    tmp_path: Path) -> None:
    log = tmp_path / "control.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([str(ENTRYPOINT)], env={**container_env, "FIVELAYER_SERVICE": "control"},
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while (check := health(container_env, "control")).returncode != 0:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"control never became healthy: {check.stdout}{log.read_text()}"
            time.sleep(0.5)
        port = int(container_env["FIVELAYER_PORT_BASE"])
        assert check.stdout.strip() == f"control at 127.0.0.1:{port}: SERVING"
        assert f"serving gRPC on 0.0.0.0:{port}" in log.read_text()
        if Path("/proc").is_dir():  # exec: the entry script's process is the service itself
            assert b"fivelayer.control" in Path(f"/proc/{process.pid}/cmdline").read_bytes()
        assert health({**container_env, "FIVELAYER_SERVICE": "control"}).returncode == 0
        process.send_signal(signal.SIGTERM)  # what `docker stop` sends
        assert process.wait(timeout=30) == 0, log.read_text()
        assert health(container_env, "control").returncode == 1
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
