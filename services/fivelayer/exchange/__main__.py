"""Run the exchange service: `python -m fivelayer.exchange`."""
from __future__ import annotations

from fivelayer.exchange import models  # noqa: F401  (tables)
from fivelayer.exchange.jobs import exchange_jobs
from fivelayer.exchange.service import ExchangeServicer
from fivelayer.kernel.config import Settings
from fivelayer.kernel.rpc import Runtime
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import exchange_pb2, exchange_pb2_grpc


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("exchange", settings)
    serve(runtime, [expose(exchange_pb2, exchange_pb2_grpc, "Exchange",
                           ExchangeServicer(runtime.db, runtime.clock, runtime.clients))],
          jobs=exchange_jobs(runtime.db, runtime.clients))


if __name__ == "__main__":
    main()
