"""`fivelayer up` and its six services live and die together: killed outright, `up` leaves no service
holding the sandbox's ports; started in the background by a script (SIGINT ignored), it still stops
cleanly on SIGINT and SIGTERM."""
from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fivelayer.cli.supervisor import free_port_base, port_free
from fivelayer.kernel.config import SERVICES, Settings

pytestmark = pytest.mark.e2e
FIVELAYER = str(Path(sys.executable).parent / "fivelayer")
START = "2026-11-20T22:00:00Z"
UP_TIMEOUT = 90.0     # a busy two-core machine
GONE_TIMEOUT = 10.0   # "within seconds"


def up_command(data_dir: Path, port_base: int) -> list[str]:
    return [FIVELAYER, "up", "--data-dir", str(data_dir), "--port-base", str(port_base), "--start", START]


def processes() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, command line) of every process (ps: Linux and macOS)."""
    out = subprocess.run(["ps", "-ww", "-A", "-o", "pid=,ppid=,stat=,args="], capture_output=True, text=True,
                         check=True).stdout
    table = {}
    for line in out.splitlines():
        pid, ppid, stat, args = (line.split(None, 3) + [""])[:4]
        table[int(pid)] = (int(ppid), stat, args)
    return table


def services_of(up_pid: int) -> dict[str, int]:
    return {args.split("-m fivelayer.", 1)[1].split()[0]: pid for pid, (ppid, _, args) in processes().items()
            if ppid == up_pid and "-m fivelayer." in args}


def alive(pids: list[int]) -> list[int]:
    table = processes()
    return [pid for pid in pids if pid in table and not table[pid][1].startswith("Z")]  # a zombie has stopped


def busy_ports(port_base: int) -> list[int]:
    settings = Settings(port_base=port_base)
    ports = [p for s in SERVICES for p in (settings.grpc_port(s), settings.rest_port(s))]
    return [p for p in ports if not port_free(settings.host, p)]


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> float:
    """Poll until `condition` holds; the seconds it took."""
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            raise AssertionError(f"not within {timeout:.0f}s: {what}")
        time.sleep(0.1)
    return time.monotonic() - began


def wait_up(log: Path, process: subprocess.Popen[bytes] | None = None) -> None:
    def ready() -> bool:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"up exited with {process.returncode}:\n{log.read_text()}")
        return log.exists() and "Fivelayer is up" in log.read_text()

    wait_for(ready, UP_TIMEOUT, "fivelayer up says it is up")


def wait_gone(pids: list[int], port_base: int) -> float:
    return wait_for(lambda: not alive(pids) and not busy_ports(port_base), GONE_TIMEOUT,
                    "the six services stopped and their twelve ports free")


@pytest.fixture
def leftovers() -> Iterator[list[int]]:
    """Pids to SIGKILL after the test whatever happened, so a failure leaks no process."""
    pids: list[int] = []
    yield pids
    table = processes()
    for pid in alive(pids):
        if "fivelayer" in table[pid][2]:  # not a stranger that reused the pid
            os.kill(pid, signal.SIGKILL)


def test_killing_up_stops_its_services_and_frees_the_ports(tmp_path: Path, leftovers: list[int]) -> None:
    base = free_port_base()
    log = tmp_path / "up.log"
    with open(log, "wb") as out:
        up = subprocess.Popen(up_command(tmp_path / "data", base), stdout=out, stderr=subprocess.STDOUT)
    leftovers.append(up.pid)
    wait_up(log, up)
    services = services_of(up.pid)
    leftovers.extend(services.values())
    assert sorted(services) == sorted(SERVICES)

    up.kill()  # SIGKILL: `up` cannot stop anything itself
    up.wait()
    took = wait_gone(list(services.values()), base)
    print(f"services gone {took:.1f}s after SIGKILL")

    # The next `up` on the same ports and data starts, and stops on SIGTERM.
    log2 = tmp_path / "up2.log"
    with open(log2, "wb") as out:
        again = subprocess.Popen(up_command(tmp_path / "data", base), stdout=out, stderr=subprocess.STDOUT)
    leftovers.append(again.pid)
    wait_up(log2, again)
    leftovers.extend(services_of(again.pid).values())
    again.send_signal(signal.SIGTERM)
    assert again.wait(timeout=30) == 0, log2.read_text()


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_up_started_in_the_background_by_a_script_stops_cleanly(tmp_path: Path, leftovers: list[int],
                                                                 sig: signal.Signals) -> None:
    base = free_port_base()
    log, pidfile = tmp_path / "up.log", tmp_path / "up.pid"
    # A non-interactive shell starts background commands with SIGINT ignored.
    script = f"{shlex.join(up_command(tmp_path / 'data', base))} > {log} 2>&1 & echo $! > {pidfile}; wait $!"
    shell = subprocess.Popen(["bash", "-c", script])
    leftovers.append(shell.pid)
    wait_for(lambda: pidfile.exists() and pidfile.read_text().strip(), 10, "the script wrote up's pid")
    up_pid = int(pidfile.read_text())
    leftovers.append(up_pid)
    wait_up(log)
    services = services_of(up_pid)
    leftovers.extend(services.values())
    assert sorted(services) == sorted(SERVICES)

    began = time.monotonic()
    os.kill(up_pid, sig)
    assert shell.wait(timeout=30) == 0, log.read_text()   # the script's `wait` returns up's exit code
    print(f"up stopped {time.monotonic() - began:.1f}s after {sig.name}")
    assert log.read_text().rstrip().endswith("stopped"), log.read_text()
    wait_gone(list(services.values()), base)


def test_up_names_each_service_as_it_is_healthy_and_an_advance_shows_its_days(tmp_path: Path,
                                                                               leftovers: list[int]) -> None:
    """Long work shows progress: `up` prints a line per service as it becomes healthy, and `clock advance`
    over a few days prints, when not on a terminal, a plain line per New York day reached with the jobs
    run so far (on stderr: stdout keeps its answer)."""
    base = free_port_base()
    log = tmp_path / "up.log"
    with open(log, "wb") as out:
        up = subprocess.Popen(up_command(tmp_path / "data", base), stdout=out, stderr=subprocess.STDOUT)
    leftovers.append(up.pid)
    wait_up(log, up)
    leftovers.extend(services_of(up.pid).values())
    healthy = [line.split()[0] for line in log.read_text().splitlines() if " gRPC " in line]
    assert sorted(healthy) == sorted(SERVICES), log.read_text()

    advance = subprocess.run([FIVELAYER, "--port-base", str(base), "clock", "advance", "3d"], capture_output=True,
                             text=True, timeout=300)
    assert advance.returncode == 0, advance.stderr
    days = [line.split()[0] for line in advance.stderr.splitlines() if " reached " in line]
    assert "2026-11-23" in days and days == sorted(days), advance.stderr  # Monday's sessions, in order
    counts = [int(line.split()[-3]) for line in advance.stderr.splitlines() if line.endswith(" jobs run")]
    assert counts and counts == sorted(counts) and counts[-1] > 0, advance.stderr
    ran = int(advance.stdout.strip().splitlines()[-1].split("(")[1].split()[0])
    assert counts[-1] <= ran, (advance.stdout, advance.stderr)
    assert advance.stdout.strip().splitlines()[-1].startswith("2026-11-20T22:00:00Z -> 2026-11-23T22:00:00Z")
    back = subprocess.run([FIVELAYER, "--port-base", str(base), "clock", "advance", "--to", START], capture_output=True,
                          text=True, timeout=60)
    assert back.returncode == 1 and "[CLOCK_BACKWARDS]" in back.stderr, back.stderr   # a refusal ends the stream
    up.send_signal(signal.SIGTERM)
    assert up.wait(timeout=30) == 0, log.read_text()
