"""Assemble the exchange: its database, clients, servicers, jobs and background passes (`build`)."""
from __future__ import annotations

import os
from dataclasses import dataclass

from fivelayer.exchange import models, perp_models  # noqa: F401  (tables)
from fivelayer.exchange.deposits import DEFAULT_CONFIRMATIONS
from fivelayer.exchange.jobs import exchange_jobs, perp_jobs
from fivelayer.exchange.perp_service import PerpetualsServicer
from fivelayer.exchange.service import ExchangeServicer
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.config import Settings
from fivelayer.kernel.rpc import LocalContext, Runtime
from fivelayer.kernel.saga import resume
from fivelayer.kernel.server import Parts, Pass, expose
from fivelayer.v1 import exchange_pb2, exchange_pb2_grpc, perpetuals_pb2, perpetuals_pb2_grpc


@dataclass(kw_only=True)
class ExchangeParts(Parts):
    exchange: ExchangeServicer
    perpetuals: PerpetualsServicer


def confirmations_from_env() -> int:
    """How many confirmations a deposit needs before it is credited (the block holding it is the first)."""
    return int(os.environ.get("FIVELAYER_DEPOSIT_CONFIRMATIONS", DEFAULT_CONFIRMATIONS))


def build(settings: Settings, clock: ClockSource | None = None, confirmations: int | None = None) -> ExchangeParts:
    runtime = Runtime("exchange", settings, clock)
    servicer = ExchangeServicer(runtime.db, runtime.clock, runtime.clients,
                                confirmations_from_env() if confirmations is None else confirmations)
    perpetuals = PerpetualsServicer(runtime.db, runtime.clock, runtime.clients)
    jobs = exchange_jobs(runtime.db, runtime.clients)
    perp_jobs(jobs, runtime.db, runtime.clients)
    return ExchangeParts(
        runtime=runtime, exchange=servicer, perpetuals=perpetuals, jobs=jobs,
        services=[expose(exchange_pb2, exchange_pb2_grpc, "Exchange", servicer),
                  expose(perpetuals_pb2, perpetuals_pb2_grpc, "Perpetuals", perpetuals)],
        passes=[Pass("resume-requests", 2.0, lambda: list(resume(runtime.db, servicer, LocalContext()))),
                Pass("deposit-watch", 1.0, servicer.watcher.scan)])  # as a deposit watcher polls its node
