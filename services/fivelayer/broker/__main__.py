"""Run the broker service: `python -m fivelayer.broker`."""
from __future__ import annotations

from fivelayer.broker import models  # noqa: F401  (tables)
from fivelayer.broker.jobs import broker_jobs
from fivelayer.broker.reporting import report_fills
from fivelayer.broker.service import BrokerServicer
from fivelayer.broker.venue import RemoteVenue
from fivelayer.kernel.config import Settings
from fivelayer.kernel.background import every
from fivelayer.kernel.rpc import Clients, Runtime
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import broker_pb2, broker_pb2_grpc


REPORT_RETRY_SECONDS = 1.0


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("broker", settings)
    # Fills are reported after their order commits; a short bound keeps an order's reply quick
    # while the depository is away, and the background pass reports what waited.
    venue = RemoteVenue(Clients(settings, retry_for=REPORT_RETRY_SECONDS))
    every("report-fills", 1.0, lambda: report_fills(runtime.db, venue))
    serve(runtime, [expose(broker_pb2, broker_pb2_grpc, "Broker",
                           BrokerServicer(runtime.db, runtime.clock, venue, settings.seed))],
          jobs=broker_jobs(runtime.db, venue))


if __name__ == "__main__":
    main()
