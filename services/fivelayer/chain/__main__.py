"""Run the chain service: `python -m fivelayer.chain`."""
from __future__ import annotations

from fivelayer.chain import models  # noqa: F401  (tables)
from fivelayer.chain.service import ChainServicer
from fivelayer.kernel.config import Settings
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.rpc import Runtime
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import chain_pb2, chain_pb2_grpc


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("chain", settings)
    servicer = ChainServicer(runtime.db, runtime.clock)
    servicer.genesis(load_contracts(settings.contracts_dir))
    serve(runtime, [expose(chain_pb2, chain_pb2_grpc, "Chain", servicer)])


if __name__ == "__main__":
    main()
