"""Run the exchange service: `python -m fivelayer.exchange`."""
from __future__ import annotations

from fivelayer.exchange import models  # noqa: F401  (tables)
from fivelayer.exchange.jobs import exchange_jobs
from fivelayer.exchange.service import ExchangeServicer
from fivelayer.kernel.background import every
from fivelayer.kernel.config import Settings
from fivelayer.kernel.rpc import LocalContext, Runtime
from fivelayer.kernel.saga import resume
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import exchange_pb2, exchange_pb2_grpc


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("exchange", settings)
    servicer = ExchangeServicer(runtime.db, runtime.clock, runtime.clients)
    every("resume-requests", 2.0, lambda: list(resume(runtime.db, servicer, LocalContext())))
    serve(runtime, [expose(exchange_pb2, exchange_pb2_grpc, "Exchange", servicer)],
          jobs=exchange_jobs(runtime.db, runtime.clients))


if __name__ == "__main__":
    main()
