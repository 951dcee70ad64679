"""Run the broker service: `python -m fivelayer.broker`."""
from __future__ import annotations

from fivelayer.broker import models  # noqa: F401  (tables)
from fivelayer.broker.jobs import broker_jobs
from fivelayer.broker.service import BrokerServicer
from fivelayer.broker.venue import RemoteVenue
from fivelayer.kernel.config import Settings
from fivelayer.kernel.rpc import Runtime
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import broker_pb2, broker_pb2_grpc


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("broker", settings)
    venue = RemoteVenue(runtime.clients)
    serve(runtime, [expose(broker_pb2, broker_pb2_grpc, "Broker",
                           BrokerServicer(runtime.db, runtime.clock, venue, settings.seed))],
          jobs=broker_jobs(runtime.db, venue))


if __name__ == "__main__":
    main()
