"""Run the exchange service: `python -m fivelayer.exchange`."""
from __future__ import annotations

import os

from fivelayer.exchange import models, perp_models  # noqa: F401  (tables)
from fivelayer.exchange.jobs import exchange_jobs, perp_jobs
from fivelayer.exchange.deposits import DEFAULT_CONFIRMATIONS
from fivelayer.exchange.perp_service import PerpetualsServicer
from fivelayer.exchange.service import ExchangeServicer
from fivelayer.kernel.background import every
from fivelayer.kernel.config import Settings
from fivelayer.kernel.rpc import LocalContext, Runtime
from fivelayer.kernel.saga import resume
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import exchange_pb2, exchange_pb2_grpc, perpetuals_pb2, perpetuals_pb2_grpc


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("exchange", settings)
    # how many confirmations a deposit needs before it is credited (the block holding it is the first)
    confirmations = int(os.environ.get("FIVELAYER_DEPOSIT_CONFIRMATIONS", DEFAULT_CONFIRMATIONS))
    servicer = ExchangeServicer(runtime.db, runtime.clock, runtime.clients, confirmations)
    every("resume-requests", 2.0, lambda: list(resume(runtime.db, servicer, LocalContext())))
    every("deposit-watch", 1.0, servicer.watcher.scan)  # as a deposit watcher polls its node
    perpetuals = PerpetualsServicer(runtime.db, runtime.clock, runtime.clients)
    jobs = exchange_jobs(runtime.db, runtime.clients)
    perp_jobs(jobs, runtime.db, runtime.clients)
    serve(runtime, [expose(exchange_pb2, exchange_pb2_grpc, "Exchange", servicer),
                    expose(perpetuals_pb2, perpetuals_pb2_grpc, "Perpetuals", perpetuals)],
          jobs=jobs)


if __name__ == "__main__":
    main()
