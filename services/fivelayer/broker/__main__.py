"""Run the broker service: `python -m fivelayer.broker`."""
from __future__ import annotations

import os

from fivelayer.broker import api, partners
from fivelayer.broker.api.common import Face
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


def ensure_demo_partner(runtime: Runtime) -> None:
    """The correspondent `fivelayer up` names (FIVELAYER_PARTNER_KEY and _SECRET): created, or
    given this secret, so scripts and CI can use known credentials."""
    key, secret = os.environ.get("FIVELAYER_PARTNER_KEY", ""), os.environ.get("FIVELAYER_PARTNER_SECRET", "")
    if not key:
        return
    now = runtime.clock.now()
    with runtime.db.transaction() as session:
        partners.ensure(session, key, secret, "demo correspondent", now)


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("broker", settings)
    # Fills are reported after their order commits; a short bound keeps an order's reply quick
    # while the depository is away, and the background pass reports what waited.
    venue = RemoteVenue(Clients(settings, retry_for=REPORT_RETRY_SECONDS))
    every("report-fills", 1.0, lambda: report_fills(runtime.db, venue))
    ensure_demo_partner(runtime)
    serve(runtime, [expose(broker_pb2, broker_pb2_grpc, "Broker",
                           BrokerServicer(runtime.db, runtime.clock, venue, settings.seed))],
          jobs=broker_jobs(runtime.db, venue),
          extend_rest=lambda app: api.install(app, Face(runtime.db, runtime.clock, venue, settings.seed)))


if __name__ == "__main__":
    main()
