"""Run the depository service: `python -m fivelayer.depository`."""
from __future__ import annotations

import logging

from fivelayer.depository import models  # noqa: F401  (tables)
from fivelayer.depository import ports
from fivelayer.depository.capture import UNIVERSE, genesis
from fivelayer.depository.jobs import ANNOUNCED_TO, depository_jobs
from fivelayer.depository.service import DepositoryServicer
from fivelayer.kernel.config import Settings
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import wake
from fivelayer.kernel.rpc import Runtime
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import common_pb2, depository_pb2, depository_pb2_grpc


def universe(market_data: ports.MarketData) -> list[str]:
    """The symbols to register at genesis: control's universe, or the default one."""
    try:
        return list(market_data.ListSymbols(common_pb2.Empty()).symbols)
    except DomainError:
        logging.warning("control is unreachable; registering the default universe")
        return list(UNIVERSE)


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("depository", settings)
    symbols = universe(runtime.clients.market_data)
    now = runtime.started_at()
    with runtime.db.transaction() as session:
        genesis(session, now, symbols)
    serve(runtime, [expose(depository_pb2, depository_pb2_grpc, "Depository",
                           DepositoryServicer(runtime.db, runtime.clock, runtime.clients.market_data,
                                              announced=lambda: wake(runtime, *ANNOUNCED_TO),
                                              captured=lambda: wake(runtime, "depository")))],
          jobs=depository_jobs(runtime.db, runtime.clients.market_data))


if __name__ == "__main__":
    main()
