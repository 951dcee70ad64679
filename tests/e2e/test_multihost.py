"""The six services as six hosts, without Docker: each its own process at its own address, configured only by
the environment variables a container gets (kernel/config.py), on PostgreSQL.

Where the machine allows it (Linux, root, iproute2; FIVELAYER_TEST_NETNS=0 opts out) each service runs in a
network namespace of its own, the test's, joined to the others by a bridge: six network stacks, as six
containers have. PostgreSQL listens on this host's loopback, which a namespace does not share, so the test
forwards a port on the bridge to it. Elsewhere (no root: namespaces and veth pairs need CAP_NET_ADMIN) the
hosts are distinct loopback addresses, 127.0.0.11 to 127.0.0.16: Linux routes all of 127.0.0.0/8 to the
loopback device with no setup, so any user can bind them. Either way a service reaches each peer only at
FIVELAYER_<PEER>_HOST and listens only on FIVELAYER_BIND, and the test proves the latter by finding nothing
at a service's ports on any other host's address.

One sandbox serves the whole scenario: a drill first (a drill needs a fresh sandbox), then a mint on the
tokenized route to its hedge's settlement at the depository, then each service SIGKILLed and restarted (same
environment) in turn while a client keeps depositing and buying, every request with its own request id; at the
end every acknowledged deposit and buy is there exactly once and the books reconcile. About 30-40 s on two
busy cores, most of it the drill and the six restarts.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import grpc
import pytest
from fivelayer.cli.supervisor import (
    HEALTH_CHANNEL,
    HEALTH_POLL,
    free_port_base,
    is_serving,
    port_free,
    release_port_base,
)
from fivelayer.kernel import calendar, credentials
from fivelayer.kernel.config import NODE_OFFSET, REST_OFFSET, SERVICES, Settings, host_variable
from fivelayer.kernel.drills import START as DRILL_START
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.reference import BROKER_PARTICIPANT, STABLECOIN
from fivelayer.kernel.rpc import Clients
from fivelayer.kernel.timeutil import from_ts, iso, to_ts
from fivelayer.v1 import broker_pb2, common_pb2, control_pb2, depository_pb2, exchange_pb2, issuer_pb2, statuses_pb2
from sqlalchemy.engine import make_url

from .conftest import PARTNER
from .flows import balances, buy, create_user, deposit, product_account, reconciliation

pytestmark = pytest.mark.e2e

LOOPBACK_HOSTS: dict[str, str] = {service: f"127.0.0.{11 + i}" for i, service in enumerate(SERVICES)}
NETNS_ENV = "FIVELAYER_TEST_NETNS"
# A container runtime stops its services; a killed test run would leave these behind (a container's environment has
# no FIVELAYER_PARENT_PID, so neither has theirs): the kernel kills each when the test process is gone, where it can.
ORPHAN_GUARD = ["setpriv", "--pdeathsig", "KILL"] if sys.platform == "linux" and shutil.which("setpriv") else []
# what a process needs of its surroundings that is not Fivelayer's configuration (a container has its own)
PASSED_THROUGH = ("PATH", "HOME", "LANG", "TZ", "FIVELAYER_CACHE", "FIVELAYER_ANVIL")
# FIVELAYER_HOST is only the default for the bind address and the peers' hosts, which are all given: so it names
# an address no service is on, and a service that reads it where its own or a peer's address belongs fails here
NOWHERE = "127.0.0.10"
DRILL = "halt-of-mint"  # the drill whose run is quickest
START_TIMEOUT = 90.0


def ports(base: int) -> list[int]:
    return [base + i for i in range(len(SERVICES))] + [base + REST_OFFSET + i for i in range(len(SERVICES))] + \
        [base + NODE_OFFSET]


def free_base_on_every_host() -> int:
    """A claimed port block that is free on each loopback host, not only on 127.0.0.1."""
    for _ in range(20):
        base = free_port_base()
        if all(port_free(host, port) for host in LOOPBACK_HOSTS.values() for port in ports(base)):
            return base
        release_port_base(base)
    raise RuntimeError("no port block free on every host")


class Forwarder:
    """A TCP port at `listen` whose connections are piped to `target` (PostgreSQL, for the namespaces)."""

    def __init__(self, listen: str, target: tuple[str, int]) -> None:
        self.target = target
        self.server = socket.create_server((listen, 0))
        self.port: int = self.server.getsockname()[1]
        threading.Thread(target=self._accept, name="pg-forward", daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                inbound, _ = self.server.accept()
                outbound = socket.create_connection(self.target)
            except OSError:
                return  # closed
            for a, b in ((inbound, outbound), (outbound, inbound)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.server.close()


@dataclass
class Network:
    """Where each service runs: its address, the command prefix that puts it there, and the database URL as
    the services reach it."""

    addresses: dict[str, str]
    db_url: str
    prefix: dict[str, list[str]] = field(default_factory=dict)
    undo: list[list[str]] = field(default_factory=list)
    forwarder: Forwarder | None = None

    def close(self) -> None:
        if self.forwarder is not None:
            self.forwarder.close()
        for command in reversed(self.undo):
            subprocess.run(command, capture_output=True, check=False)


def ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


def namespaces(base: int, db_url: str) -> Network | None:
    """A network namespace per service on a bridge of the test's own; None where the machine does not allow it."""
    if os.environ.get(NETNS_ENV, "1") == "0" or sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("ip"):
        return None
    k = (base // 200) % 250  # the claimed block names the subnet and the links, so two runs never share them
    subnet, bridge = f"10.213.{k}", f"flb{k}"
    network = Network({s: f"{subnet}.{11 + i}" for i, s in enumerate(SERVICES)}, "")
    # the block is this process's (claimed): links or namespaces by its names are a killed run's leftovers
    network.undo = [["ip", "link", "del", bridge], *(["ip", "netns", "del", f"fl{base}-{s}"] for s in SERVICES)]
    network.close()
    network.undo = []
    try:
        ip("link", "add", bridge, "type", "bridge")
        network.undo.append(["ip", "link", "del", bridge])
        ip("addr", "add", f"{subnet}.1/24", "dev", bridge)
        ip("link", "set", bridge, "up")
        for i, service in enumerate(SERVICES):
            ns, outside, inside = f"fl{base}-{service}", f"fl{k}v{i}h", f"fl{k}v{i}n"
            ip("netns", "add", ns)
            network.undo.append(["ip", "netns", "del", ns])
            ip("link", "add", outside, "type", "veth", "peer", "name", inside)
            ip("link", "set", inside, "netns", ns)
            ip("link", "set", outside, "master", bridge, "up")
            ip("-n", ns, "addr", "add", f"{network.addresses[service]}/24", "dev", inside)
            ip("-n", ns, "link", "set", inside, "up")
            ip("-n", ns, "link", "set", "lo", "up")
            network.prefix[service] = ["ip", "netns", "exec", ns]
        url = make_url(db_url)
        network.forwarder = Forwarder(f"{subnet}.1", (url.host or "127.0.0.1", url.port or 5432))
        network.db_url = url.set(host=f"{subnet}.1", port=network.forwarder.port).render_as_string(
            hide_password=False).replace("%7B", "{").replace("%7D", "}")
    except (OSError, subprocess.SubprocessError):
        network.close()
        return None
    return network


def listening(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((host, port)) == 0


@dataclass
class Hosts:
    """Six services, each a `python -m fivelayer.<service>` process at its own address."""

    base: int
    network: Network
    data: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    # the partner keys `fivelayer up` hands its services; secrets in a real deployment
    secrets: dict[str, str] = field(default_factory=credentials.service_environment)

    def environment(self, service: str) -> dict[str, str]:
        """The service's whole environment: the config contract and nothing of this process's own."""
        own = self.network.addresses[service]
        env = {name: os.environ[name] for name in PASSED_THROUGH if name in os.environ}
        env.update({"FIVELAYER_PORT_BASE": str(self.base), "FIVELAYER_DB_URL": self.network.db_url,
                    "FIVELAYER_DATA_DIR": str(self.data / service), "FIVELAYER_SEED": "1",
                    "FIVELAYER_HOST": NOWHERE, "FIVELAYER_BIND": own,
                    "FIVELAYER_START": iso(DRILL_START),
                    "FIVELAYER_PARTNER_KEY": PARTNER[0], "FIVELAYER_PARTNER_SECRET": PARTNER[1],
                    **{host_variable(peer): self.network.addresses[peer] for peer in SERVICES}, **self.secrets})
        return env

    @property
    def settings(self) -> Settings:
        """How a client elsewhere sees the sandbox: the port base and each service's host."""
        return Settings(port_base=self.base, host="127.0.0.1", hosts=tuple(self.network.addresses.items()))

    def launch(self, service: str) -> None:
        (self.data / service).mkdir(parents=True, exist_ok=True)
        with open(self.data / f"{service}.log", "ab") as log:
            command = [*self.network.prefix.get(service, []), *ORPHAN_GUARD, sys.executable, "-m",
                       f"fivelayer.{service}"]
            self.processes[service] = subprocess.Popen(command,
                                                       env=self.environment(service), stdout=log,
                                                       stderr=subprocess.STDOUT, start_new_session=True)

    def wait_healthy(self, services: list[str]) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        pending = list(services)
        channels = {s: grpc.insecure_channel(self.settings.grpc_address(s), options=HEALTH_CHANNEL)
                    for s in services}
        try:
            while pending:
                for service in list(pending):
                    if self.processes[service].poll() is not None:
                        tail = (self.data / f"{service}.log").read_text(errors="replace").splitlines()[-15:]
                        raise AssertionError(f"{service} exited:\n" + "\n".join(tail))
                    if is_serving(self.settings.grpc_address(service), channel=channels[service]):
                        pending.remove(service)
                assert time.monotonic() < deadline, f"{pending} not healthy within {START_TIMEOUT:.0f}s"
                time.sleep(HEALTH_POLL)
        finally:
            for channel in channels.values():
                channel.close()

    def start_all(self) -> None:
        for service in SERVICES:
            self.launch(service)
        self.wait_healthy(list(SERVICES))

    def kill(self, service: str) -> None:
        process = self.processes.pop(service)
        process.kill()
        process.wait()

    def stop_all(self) -> None:
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()


@pytest.fixture
def hosts(tmp_path: Path, pg_url_template: str) -> Iterator[Hosts]:
    calendar.table()  # as `fivelayer up` does: the calendar's cache is built once, not by each service
    base = free_base_on_every_host()
    network = namespaces(base, pg_url_template) or Network(LOOPBACK_HOSTS, pg_url_template)
    sandbox = Hosts(base, network, tmp_path)
    try:
        sandbox.start_all()
        yield sandbox
    finally:
        sandbox.stop_all()
        network.close()
        release_port_base(base)


@dataclass
class Traffic:
    """A client depositing and buying over and over, each request with its own id, retried with that id until
    acknowledged: what it was told happened is what must be in the books, once."""

    clients: Clients
    user_id: str
    deposited: Decimal = Decimal(0)
    bought: Decimal = Decimal(0)
    buys: int = 0
    failures: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    @property
    def acknowledged(self) -> int:
        return int(self.deposited / 100) + self.buys

    def wait_for(self, more: int) -> None:
        """Until `more` requests beyond those acknowledged now are."""
        target, deadline = self.acknowledged + more, time.monotonic() + 60
        while self.acknowledged < target:
            assert time.monotonic() < deadline and not self.stop.is_set(), f"traffic stalled: {self.failures}"
            time.sleep(0.05)

    def until_acknowledged(self, rid: str, call: Callable[[str], object]) -> None:
        """`call(rid)` until it answers; the same request id each time, so a retry is the same request."""
        deadline = time.monotonic() + 120
        while True:
            try:
                call(rid)
                return
            except Exception as error:  # noqa: BLE001 - a restart's unavailability; the same id again is safe
                self.failures.append(f"{rid}: {type(error).__name__}")
                assert time.monotonic() < deadline, f"{rid} never acknowledged: {error}"
                time.sleep(0.2)

    def run(self) -> None:
        c, user = self.clients, self.user_id
        i = 0
        while not self.stop.is_set():
            i += 1
            self.until_acknowledged(f"t-dep-{i}", lambda rid: deposit(c, user, "100", rid))
            self.deposited += 100
            if i % 2 == 0:
                self.until_acknowledged(f"t-buy-{i}", lambda rid: buy(c, user, "NVDAx", "0.1", rid))
                self.bought += Decimal("0.1")
                self.buys += 1


def test_six_hosts_run_a_drill_a_mint_to_settlement_and_restart_one_at_a_time(hosts: Hosts) -> None:
    began = time.monotonic()
    settings = hosts.settings
    # Each service listens at its own address only: its ports are closed on every other host (and on 127.0.0.1).
    addresses = hosts.network.addresses
    print(f"\nhosts: {addresses}" + (" (network namespaces)" if hosts.network.prefix else " (loopback addresses)"))
    for service, own in addresses.items():
        service_ports = [settings.grpc_port(service), settings.rest_port(service)]
        service_ports += [settings.node_port()] if service == "chain" else []
        for port in service_ports:
            assert listening(own, port), (service, own, port)
            for elsewhere in [*(h for h in addresses.values() if h != own), "127.0.0.1"]:
                assert not listening(elsewhere, port), (service, elsewhere, port)
    c = Clients(settings)
    try:
        # A drill, on the fresh sandbox: every service takes part, across hosts.
        reply = c.drills.RunDrill(control_pb2.RunDrillRequest(name=DRILL, seed=1), timeout=600)
        assert reply.ok, reply.report_markdown[:2000]
        drilled = time.monotonic()

        # A mint to its settlement: the token at once, the issuer's hedge filled, settled T+1 at the depository.
        alice = create_user(c, "alice")
        deposit(c, alice.user_id, "10000", "dep-1")
        order = buy(c, alice.user_id, "AAPLx", "10", "buy-1")
        assert order.status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED
        assert balances(c, alice.user_id)["AAPLx"][0] == Decimal("10")
        mint = c.issuer.GetMint(issuer_pb2.IdRequest(id=order.issuer_ref))
        now = c.clock.Now(common_pb2.Empty())
        c.clock.Advance(control_pb2.AdvanceRequest(to=to_ts(from_ts(now.now) + timedelta(days=7))))
        account = product_account(c, "AAPLx")
        hedge = c.broker.GetOrder(broker_pb2.OrderRequest(account_id=account, order_id=mint.hedge_order_id))
        assert hedge.status == statuses_pb2.ORDER_STATUS_FILLED and hedge.settled, hedge
        settlement = c.depository.GetSettlement(depository_pb2.SettlementRequest(
            settlement_date=hedge.settlement_date, participant_id=BROKER_PARTICIPANT))
        assert settlement.status == statuses_pb2.OBLIGATION_STATUS_SETTLED
        assert reconciliation(c, "AAPLx")["unbacked_shares"] == 0
        minted = time.monotonic()

        # Under traffic, each service is killed outright and restarted with the same environment, one at a time.
        bob = create_user(c, "bob")
        before = reconciliation(c, "NVDAx")
        traffic = Traffic(Clients(settings), bob.user_id)
        worker = threading.Thread(target=traffic.run, name="traffic")
        worker.start()
        try:
            traffic.wait_for(2)
            for service in SERVICES:
                old_pid = hosts.processes[service].pid
                hosts.kill(service)
                time.sleep(0.3)
                hosts.launch(service)
                hosts.wait_healthy([service])
                assert hosts.processes[service].pid != old_pid
                traffic.wait_for(2)  # the traffic goes on through the restarted service
        finally:
            traffic.stop.set()
            worker.join(timeout=180)
            traffic.clients.close()
        assert not worker.is_alive()
        restarted = time.monotonic()

        # Nothing lost, nothing doubled: every acknowledged deposit and buy is in the books exactly once.
        assert traffic.buys >= 2 and traffic.deposited >= 600, traffic
        held = balances(c, bob.user_id)
        orders = c.exchange.ListOrders(exchange_pb2.ListUserOrdersRequest(user_id=bob.user_id, limit=1000)).orders
        assert len(orders) == traffic.buys and held["NVDAx"][0] == traffic.bought
        spent = sum((from_pb(o.amount) for o in orders), Decimal(0))
        assert held[STABLECOIN][0] == traffic.deposited - spent
        # each mint once on chain, and hedged once at the broker (the books of all six reconcile)
        after = reconciliation(c, "NVDAx")
        assert after["tokens_outstanding"] - before["tokens_outstanding"] == traffic.bought
        assert after["shares_ordered"] - before["shares_ordered"] == \
            after["shares_represented"] - before["shares_represented"] > 0
        reconciliation(c, "AAPLx")
        status = c.sandbox.Status(common_pb2.Empty())
        assert all(s.serving for s in status.services), status
        print(f"\nstart+drill {drilled - began:.1f}s, mint to settlement {minted - drilled:.1f}s, "
              f"six restarts under traffic {restarted - minted:.1f}s ({len(traffic.failures)} retried calls, "
              f"{traffic.deposited} deposited, {traffic.buys} buys)")
    finally:
        c.close()
