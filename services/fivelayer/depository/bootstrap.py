"""Assemble the depository: its database, clients, service layer (`handlers`), the face over it and the
jobs (`build`)."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from fivelayer.depository import (
    models,  # noqa: F401  (tables)
    ports,
)
from fivelayer.depository.capture import UNIVERSE, genesis
from fivelayer.depository.handlers import Depository
from fivelayer.depository.jobs import ANNOUNCED_TO, depository_jobs
from fivelayer.depository.service import DepositoryServicer
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.config import Settings
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import wake
from fivelayer.kernel.paging import all_pages
from fivelayer.kernel.rpc import Runtime
from fivelayer.kernel.server import Parts, expose
from fivelayer.v1 import control_pb2, depository_pb2, depository_pb2_grpc


@dataclass(kw_only=True)
class DepositoryParts(Parts):
    handlers: Depository
    depository: DepositoryServicer


def universe(market_data: ports.MarketData) -> list[str]:
    """The symbols to register at genesis: control's universe, or the default one."""
    try:
        return list(all_pages(market_data.ListSymbols, control_pb2.ListSymbolsRequest(), lambda page: page.symbols))
    except DomainError:
        logging.warning("control is unreachable; registering the default universe")
        return list(UNIVERSE)


def register(runtime: Runtime, market_data: ports.MarketData) -> None:
    """Genesis: the participants and the universe's securities, on a new register (idempotent)."""
    symbols = universe(market_data)
    now = runtime.started_at()
    with runtime.db.transaction() as session:
        genesis(session, now, symbols)


def build(settings: Settings, clock: ClockSource | None = None) -> DepositoryParts:
    runtime = Runtime("depository", settings, clock)
    market_data = runtime.clients.market_data
    depository = Depository(runtime.db, runtime.clock, market_data, announced=lambda: wake(runtime, *ANNOUNCED_TO),
                            captured=lambda: wake(runtime, "depository"))
    servicer = DepositoryServicer(depository)
    return DepositoryParts(
        runtime=runtime, handlers=depository, depository=servicer, jobs=depository_jobs(depository),
        services=[expose(depository_pb2, depository_pb2_grpc, "Depository", servicer)],
        starting=[lambda: register(runtime, market_data)])
