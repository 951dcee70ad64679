"""Start the six services as processes, wait until each is healthy, stop them all cleanly.

`start_all` forks the six from a warm process (cli/zygote.py, which says why) that has imported the libraries
they share, so a start pays for those imports once; this process is the services' child subreaper, so each
is still its child. A restart of one service execs it, as do FIVELAYER_NO_FORK=1 and platforms without
subreapers (not Linux). Being a subreaper is for the life of this process: any orphaned descendant (a
killed chain's anvil) becomes its child, as it would otherwise become init's; `reap_orphaned_nodes` waits for those.
"""
from __future__ import annotations

import ctypes
import fcntl
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

import grpc

from fivelayer.kernel import calendar, credentials, healthcheck
from fivelayer.kernel.config import NODE_OFFSET, REST_OFFSET, SERVICES, Settings
from fivelayer.kernel.drills import START as DRILL_START
from fivelayer.kernel.lifetime import PARENT_ENV
from fivelayer.kernel.timeutil import iso

if TYPE_CHECKING:  # the RPC kernel brings SQLModel: `up` does not need it, a scratch sandbox does
    from fivelayer.kernel.rpc import Clients


HEALTH_POLL = 0.05  # seconds between rounds of health checks while the sandbox starts
# a service not yet listening is retried soon: gRPC's default reconnect backoff (1 s, growing) would lag its start
HEALTH_CHANNEL = [("grpc.initial_reconnect_backoff_ms", 50), ("grpc.min_reconnect_backoff_ms", 50),
                  ("grpc.max_reconnect_backoff_ms", 100)]


NO_FORK_ENV = "FIVELAYER_NO_FORK"
_PR_SET_CHILD_SUBREAPER = 36


class StartupError(RuntimeError):
    pass


class Process(Protocol):
    """What the supervisor needs of a service's process: Popen's face, which a forked one imitates."""

    pid: int
    returncode: int | None

    def poll(self) -> int | None: ...
    def wait(self, timeout: float | None = None) -> int: ...
    def send_signal(self, sig: int) -> None: ...
    def kill(self) -> None: ...


@dataclass
class Forked:
    """A service the zygote forked and the kernel reparented to this process (its subreaper)."""

    pid: int
    returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: it has ended, how is unknown
                self.returncode = -1
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired([str(self.pid)], timeout or 0.0)
            time.sleep(0.02)
        return code

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def reap_orphaned_nodes() -> int:
    """Reap this process's zombie children named anvil: a chain service killed outright leaves its node to
    its subreaper (this process), which nothing else waits for. Only anvil, so no one else's child (a test's
    own `fivelayer up`, say) loses its exit status. Linux only; returns how many were reaped."""
    reaped = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid_text, rest = stat.read_text().split(" (", 1)
            name, fields = rest.rsplit(") ", 1)
        except (OSError, ValueError):
            continue   # gone meanwhile, or not procfs
        state, ppid = fields.split()[:2]
        if name == "anvil" and state == "Z" and int(ppid) == os.getpid():
            try:
                os.waitpid(int(pid_text), os.WNOHANG)
                reaped += 1
            except ChildProcessError:
                pass
    return reaped


def become_subreaper() -> bool:
    """Orphaned descendants (the forked services) become this process's children (Linux only)."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)


class Zygote:
    """The warm process (cli/zygote.py) and its request pipe."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        with open(log, "ab") as err:
            self.process = subprocess.Popen([sys.executable, "-m", "fivelayer.cli.zygote"], env=env,
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                            start_new_session=True)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.requests: IO[bytes] = self.process.stdin
        self.replies: IO[bytes] = self.process.stdout

    def fork(self, service: str, env: dict[str, str], log: Path) -> Forked:
        """The forked service; StartupError when the zygote cannot fork it."""
        try:
            self.requests.write(json.dumps({"service": service, "env": env, "log": str(log)}).encode() + b"\n")
            self.requests.flush()
            reply = self.replies.readline().decode().strip()
        except OSError as error:
            raise StartupError(f"the zygote cannot fork {service}: {error}") from None
        if not reply.isdigit():
            raise StartupError(f"the zygote cannot fork {service}: {reply or 'it exited'}")
        return Forked(int(reply))

    def close(self) -> None:
        self.requests.close()  # end of input ends it
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.replies.close()


def is_serving(address: str, timeout: float = 1.0, channel: grpc.Channel | None = None) -> bool:
    """The standard gRPC health check answers SERVING (the container's health command asks the same)."""
    return healthcheck.check(address, timeout, channel) == "SERVING"


@dataclass
class Sandbox:
    """The sandbox's processes, started in dependency order (control first: it owns the clock)."""

    settings: Settings
    start: str = ""                       # the clock's start instant for a new data folder
    log_dir: Path | None = None
    processes: dict[str, Process] = field(default_factory=dict)
    partner: tuple[str, str] = ("", "")  # the Broker API's demo correspondent: key id and secret
    # the issuer's and the exchange's credentials as correspondents of the broker, fresh per sandbox
    service_partners: dict[str, str] = field(default_factory=credentials.service_environment)

    def environment(self) -> dict[str, str]:
        # The services stop when this process is gone, even killed outright (fivelayer.kernel.lifetime).
        env = {**os.environ, **self.settings.to_env(), **self.service_partners, PARENT_ENV: str(os.getpid())}
        if self.start:
            env["FIVELAYER_START"] = self.start
        if self.partner[0]:
            env["FIVELAYER_PARTNER_KEY"], env["FIVELAYER_PARTNER_SECRET"] = self.partner
        return env

    @property
    def logs(self) -> Path:
        return self.log_dir or self.settings.data_dir / "logs"

    def _launch(self, service: str, zygote: Zygote | None = None) -> None:
        """Fork the service from `zygote` when given, else start it with exec."""
        self.logs.mkdir(parents=True, exist_ok=True)
        if zygote is not None:
            self.processes[service] = zygote.fork(service, self.environment(), self.logs / f"{service}.log")
            return
        with open(self.logs / f"{service}.log", "ab") as log:
            self.processes[service] = subprocess.Popen(
                [sys.executable, "-m", f"fivelayer.{service}"], env=self.environment(), stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)

    def _spawn(self, service: str, timeout: float) -> None:
        self._launch(service)
        self._wait_healthy(service, timeout)

    def busy_ports(self) -> list[int]:
        """The sandbox's gRPC and REST ports that something already listens on."""
        ports = [p for s in SERVICES for p in (self.settings.grpc_port(s), self.settings.rest_port(s))]
        ports.append(self.settings.node_port())
        return [port for port in ports if not port_free(self.settings.host, port)]

    def start_all(self, timeout: float = 60.0, on_ready: Callable[[str], object] | None = None) -> None:
        """Start the six at once, then wait for all of them together, telling `on_ready` of each as it
        becomes healthy. A service that needs another at start-up (the issuer opening its broker account,
        every service reading the clock) retries until it answers, so none waits for the others' imports."""
        zygote = self._zygote()  # first: it imports while this process builds the calendar table
        try:
            calendar.table()  # build the machine's calendar table here once, so no service imports pandas
            if busy := self.busy_ports():
                raise StartupError(f"ports {', '.join(map(str, busy))} are in use (another sandbox? choose "
                                   f"another --port-base)")
            try:
                for service in SERVICES:
                    self._launch(service, zygote)
            finally:
                if zygote is not None:  # its work is done: a restart later execs (cli/zygote.py says why)
                    zygote.close()
            self._wait_all_healthy(list(SERVICES), timeout, on_ready)
        except BaseException:
            self.stop_all()
            raise

    def _zygote(self) -> Zygote | None:
        """A warm process to fork the six from; None (exec each) under FIVELAYER_NO_FORK=1 or where this
        process cannot be the services' subreaper (not Linux)."""
        if os.environ.get(NO_FORK_ENV, "") not in ("", "0") or not become_subreaper():
            return None
        self.logs.mkdir(parents=True, exist_ok=True)
        return Zygote(self.environment(), self.logs / "zygote.log")

    def _wait_all_healthy(self, services: list[str], timeout: float,
                          on_ready: Callable[[str], object] | None = None) -> None:
        deadline = time.monotonic() + timeout
        pending = list(services)
        channels = {s: grpc.insecure_channel(self.settings.grpc_address(s), options=HEALTH_CHANNEL) for s in services}
        try:
            while pending:
                for service in list(pending):
                    if self._healthy(service, channels[service]):
                        pending.remove(service)
                        if on_ready is not None:
                            on_ready(service)
                if not pending:
                    return
                if time.monotonic() > deadline:
                    raise StartupError(f"{', '.join(pending)} did not become healthy on "
                                       f"{', '.join(self.settings.grpc_address(s) for s in pending)} "
                                       f"within {timeout:.0f}s")
                time.sleep(HEALTH_POLL)
        finally:
            for channel in channels.values():
                channel.close()

    def _wait_healthy(self, service: str, timeout: float) -> None:
        self._wait_all_healthy([service], timeout)

    def _healthy(self, service: str, channel: grpc.Channel) -> bool:
        """The service answers SERVING; one that exited raises StartupError with its log's tail."""
        process = self.processes[service]
        if process.poll() is not None:
            log = self.logs / f"{service}.log"
            tail = log.read_text(errors="replace").strip().splitlines()[-6:] if log.exists() else []
            raise StartupError(f"{service} exited with code {process.returncode}; see {log}"
                               + "".join(f"\n  {line}" for line in tail))
        return is_serving(self.settings.grpc_address(service), channel=channel)

    def stop_all(self, timeout: float = 10.0) -> None:
        """SIGTERM in reverse order (front ends first), then wait; SIGKILL what will not stop."""
        for service in reversed(list(self.processes)):
            process = self.processes[service]
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
        reap_orphaned_nodes()

    def kill(self, service: str) -> None:
        """Crash one service (SIGKILL), for restart tests."""
        process = self.processes.pop(service)
        process.kill()
        process.wait()
        reap_orphaned_nodes()

    def restart(self, service: str, timeout: float = 60.0) -> None:
        self._spawn(service, timeout)
        reap_orphaned_nodes()  # by now a killed chain's node has died of it (pdeathsig)


def port_free(host: str, port: int) -> bool:
    """Nothing listens on `port` (a socket in TIME_WAIT does not count: servers reuse it)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


LOWEST_BASE = 10000
PORT_BLOCK = 200  # a sandbox's ports all lie in [base, base + PORT_BLOCK): two blocks never share a port
assert max(REST_OFFSET + len(SERVICES), NODE_OFFSET + 1) <= PORT_BLOCK
CLAIMS = Path(tempfile.gettempdir()) / "fivelayer-ports"
_claimed: dict[int, int] = {}  # base -> the descriptor holding its claim's lock


def ephemeral_floor() -> int:
    """The lowest port the kernel hands out to outgoing connections (Linux: ip_local_port_range); a
    sandbox's ports stay below it, so a client's connection elsewhere cannot take one between runs."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768   # Linux's default (IANA's dynamic range starts at 49152)


def _claim(base: int) -> bool:
    """Take the host-wide lock on the block at `base` (an flock, so a process that dies lets it go)."""
    CLAIMS.mkdir(parents=True, exist_ok=True)
    fd = os.open(CLAIMS / f"{base}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return False
    _claimed[base] = fd
    return True


def free_port_base() -> int:
    """A base whose block of ports is free, below the ephemeral range, and claimed by this process until
    `release_port_base` (or its exit).

    Probing a port and binding it later is a race: two test workers once probed overlapping bases at the same
    moment, and the later anvil found its port taken. So bases are whole blocks that cannot overlap, and a
    block is claimed with a lock file before it is probed; a claimed block is skipped by every other process
    on the host that asks here. Processes that never ask (anything else) are what the probe is for."""
    rng = random.Random()
    blocks = range(LOWEST_BASE, ephemeral_floor() - PORT_BLOCK + 1, PORT_BLOCK)
    assert len(blocks) > 0, "no room for a sandbox below the ephemeral range"
    for base in rng.sample(blocks, len(blocks)):
        if base in _claimed or not _claim(base):
            continue
        ports = [base + i for i in range(len(SERVICES))] + [base + REST_OFFSET + i for i in range(len(SERVICES))] + \
            [base + NODE_OFFSET]
        if all(port_free("127.0.0.1", p) for p in ports):
            return base
        release_port_base(base)
    raise RuntimeError(f"no free port block below {ephemeral_floor()}: {len(_claimed)} held by this process")


def release_port_base(base: int) -> None:
    """Let another process take the block at `base` (nothing when this process does not hold it)."""
    fd = _claimed.pop(base, None)
    if fd is not None:
        os.close(fd)  # closing the only descriptor drops the flock


@contextmanager
def scratch_sandbox(settings: Settings, seed: int, purpose: str, data_dir: Path | None = None) -> Iterator[Clients]:
    """A fresh sandbox of its own for one run of a drill's kind (a drill, the route comparison): free ports, a
    scratch data folder unless one is given, SQLite, the drills' start instant; the clients to it are yielded,
    and it is stopped whatever happens. Raises StartupError when it does not come up."""
    with tempfile.TemporaryDirectory(prefix=f"fivelayer-{purpose}-") as scratch:
        own = replace(settings, port_base=free_port_base(), data_dir=data_dir or Path(scratch), seed=seed, db_url="")
        sandbox = Sandbox(own, start=iso(DRILL_START))
        from fivelayer.kernel.rpc import Clients

        clients = Clients(own)
        try:
            sandbox.start_all()
            yield clients
        finally:
            clients.close()
            sandbox.stop_all()
            release_port_base(own.port_base)
