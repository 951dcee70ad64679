"""Where each service listens and keeps its data, read from the environment.

`fivelayer up` sets these for the processes it starts; a port base lets two sandboxes run side
by side (gRPC on base+offset, REST on base+100+offset).

Services on different hosts (containers, the multi-host test) take the same variables plus, per peer,
FIVELAYER_<SERVICE>_HOST: the name or address at which that service is reached (default FIVELAYER_HOST);
FIVELAYER_BIND is the address this process listens on (default FIVELAYER_HOST; 0.0.0.0 in a container).
Ports stay base+offset on every host, so one port base describes the whole sandbox.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

# The services in the order they start and in the order control runs their due jobs.
SERVICES: tuple[str, ...] = ("control", "chain", "depository", "broker", "issuer", "exchange")
DEFAULT_PORT_BASE = 50050
REST_OFFSET = 100
NODE_OFFSET = 90  # the chain's node (anvil) listens on base+90, behind the chain service's JSON-RPC face
DEFAULT_SEED = 7
REPO_ROOT = Path(__file__).resolve().parents[3]


def host_variable(service: str) -> str:
    """The environment variable naming where `service` is reached."""
    return f"FIVELAYER_{service.upper()}_HOST"


@dataclass(frozen=True)
class Settings:
    port_base: int = DEFAULT_PORT_BASE
    data_dir: Path = Path("data")
    # A SQLAlchemy URL, with {service} replaced by the service name. Empty: SQLite in data_dir.
    db_url: str = ""
    seed: int = DEFAULT_SEED
    host: str = "127.0.0.1"
    contracts_dir: Path = field(default_factory=lambda: REPO_ROOT / "contracts")
    hosts: tuple[tuple[str, str], ...] = ()   # (service, host) for a service reached elsewhere than `host`
    bind: str = ""                                           # where this process listens; empty: `host`

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        return cls(
            port_base=int(env.get("FIVELAYER_PORT_BASE", DEFAULT_PORT_BASE)),
            data_dir=Path(env.get("FIVELAYER_DATA_DIR", "data")),
            db_url=env.get("FIVELAYER_DB_URL", ""),
            seed=int(env.get("FIVELAYER_SEED", DEFAULT_SEED)),
            host=env.get("FIVELAYER_HOST", "127.0.0.1"),
            contracts_dir=Path(env.get("FIVELAYER_CONTRACTS", REPO_ROOT / "contracts")),
            hosts=tuple((s, env[host_variable(s)]) for s in SERVICES if env.get(host_variable(s))),
            bind=env.get("FIVELAYER_BIND", ""),
        )

    def to_env(self) -> dict[str, str]:
        return {"FIVELAYER_PORT_BASE": str(self.port_base), "FIVELAYER_DATA_DIR": str(self.data_dir),
                "FIVELAYER_DB_URL": self.db_url, "FIVELAYER_SEED": str(self.seed),
                "FIVELAYER_HOST": self.host, "FIVELAYER_CONTRACTS": str(self.contracts_dir),
                "FIVELAYER_BIND": self.bind, **{host_variable(s): h for s, h in self.hosts}}

    def host_of(self, service: str) -> str:
        """Where `service` is reached: its own host when it has one, else the sandbox's."""
        return dict(self.hosts).get(service, self.host)

    @property
    def listen_host(self) -> str:
        """The address this process's servers bind."""
        return self.bind or self.host

    def grpc_port(self, service: str) -> int:
        return self.port_base + SERVICES.index(service)

    def rest_port(self, service: str) -> int:
        return self.port_base + REST_OFFSET + SERVICES.index(service)

    def node_port(self) -> int:
        return self.port_base + NODE_OFFSET

    def json_rpc_url(self) -> str:
        """The chain's JSON-RPC face, the URL integrators point their clients at."""
        return f"{self.rest_address('chain')}/rpc"

    def grpc_address(self, service: str) -> str:
        return f"{self.host_of(service)}:{self.grpc_port(service)}"

    def listen_address(self, service: str) -> str:
        """Where `service`'s own gRPC server binds (its peers use `grpc_address`)."""
        return f"{self.listen_host}:{self.grpc_port(service)}"

    def rest_address(self, service: str) -> str:
        return f"http://{self.host_of(service)}:{self.rest_port(service)}"

    def database_url(self, service: str) -> str:
        if self.db_url:
            return self.db_url.replace("{service}", service)
        return f"sqlite:///{(self.data_dir / f'{service}.db').resolve()}"


@dataclass(frozen=True)
class FedwireHours:
    """The Fedwire Funds Service's hours, New York time (kernel/fedwire.py applies them).

    Source: Federal Reserve Financial Services, "Fedwire Funds Service" operating hours
    (frbservices.org, Fedwire Funds Service > operating hours): the funds service opens 9:00 p.m. ET on the
    calendar evening before each business day, the cut-off for customer (third-party) transfers is
    6:00 p.m. ET and the service closes 7:00 p.m. ET; it runs on Federal Reserve business days only (the
    Fed's holiday schedule, frbservices.org "Holiday schedules"). Between 18:00 and 19:00 only bank-to-bank
    settlement transfers move, so a customer's wire asked then waits for the next business day.
    """

    zone: str = "America/New_York"
    opens: time = time(21, 0)          # on the calendar evening before the value date
    customer_cutoff: time = time(18, 0)  # last instant a customer transfer is sent for value the same day
    closes: time = time(19, 0)
    source: str = "Federal Reserve Financial Services, Fedwire Funds Service operating hours and holiday schedule"


FEDWIRE_HOURS = FedwireHours()
