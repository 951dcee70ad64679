"""Where each service listens and keeps its data, read from the environment.

`fivelayer up` sets these for the processes it starts; a port base lets two sandboxes run side
by side (gRPC on base+offset, REST on base+100+offset).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# The services in the order they start and in the order control runs their due jobs.
SERVICES: tuple[str, ...] = ("control", "chain", "depository", "broker", "issuer", "exchange")
DEFAULT_PORT_BASE = 50050
REST_OFFSET = 100
NODE_OFFSET = 90  # the chain's node (anvil) listens on base+90, behind the chain service's JSON-RPC face
DEFAULT_SEED = 7
REPO_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class Settings:
    port_base: int = DEFAULT_PORT_BASE
    data_dir: Path = Path("data")
    # A SQLAlchemy URL, with {service} replaced by the service name. Empty: SQLite in data_dir.
    db_url: str = ""
    seed: int = DEFAULT_SEED
    host: str = "127.0.0.1"
    contracts_dir: Path = field(default_factory=lambda: REPO_ROOT / "contracts")

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
        )

    def to_env(self) -> dict[str, str]:
        return {"FIVELAYER_PORT_BASE": str(self.port_base), "FIVELAYER_DATA_DIR": str(self.data_dir),
                "FIVELAYER_DB_URL": self.db_url, "FIVELAYER_SEED": str(self.seed),
                "FIVELAYER_HOST": self.host, "FIVELAYER_CONTRACTS": str(self.contracts_dir)}

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
        return f"{self.host}:{self.grpc_port(service)}"

    def rest_address(self, service: str) -> str:
        return f"http://{self.host}:{self.rest_port(service)}"

    def database_url(self, service: str) -> str:
        if self.db_url:
            return self.db_url.replace("{service}", service)
        return f"sqlite:///{(self.data_dir / f'{service}.db').resolve()}"
