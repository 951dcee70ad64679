"""Assemble the broker: its database, venue, servicer, jobs, Broker API face and background passes (`build`)."""
from __future__ import annotations

from dataclasses import dataclass

from fivelayer.broker import (
    api,
    models,  # noqa: F401  (tables)
    partners,
)
from fivelayer.broker.api.common import Face
from fivelayer.broker.in_kind import InKindMints, fee_schedule
from fivelayer.broker.jobs import broker_jobs
from fivelayer.broker.reporting import report_fills
from fivelayer.broker.service import BrokerServicer
from fivelayer.broker.venue import RemoteVenue
from fivelayer.kernel import credentials
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.config import Settings
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.jobs import wake
from fivelayer.kernel.rpc import Clients, LocalContext, Runtime
from fivelayer.kernel.saga import resume
from fivelayer.kernel.server import Parts, Pass, expose
from fivelayer.v1 import broker_pb2, broker_pb2_grpc

REPORT_RETRY_SECONDS = 1.0


@dataclass(kw_only=True)
class BrokerParts(Parts):
    broker: BrokerServicer
    venue: RemoteVenue
    in_kind: InKindMints
    face: Face                      # the Broker API's handlers


def ensure_demo_partner(runtime: Runtime) -> None:
    """The correspondent `fivelayer up` names (FIVELAYER_PARTNER_KEY and _SECRET): created, or
    given this secret, so scripts and CI can use known credentials. Its firm (sweep) account is
    opened on its first call to the Broker API (`api.common.partner`). A shared sandbox's other
    partners come from FIVELAYER_PARTNERS (`credentials.team_partners`; docs/team.md)."""
    key, secret = credentials.demo_partner()
    now = runtime.started_at()
    if key:
        with runtime.db.transaction() as session:
            partners.ensure(session, key, secret, "demo correspondent", now)
    for team_key, team_secret in credentials.team_partners():   # FIVELAYER_PARTNERS: one per integrator
        with runtime.db.transaction() as session:
            partners.ensure(session, team_key, team_secret, team_key, now)


def ensure_service_partners(runtime: Runtime) -> None:
    """The issuer SPV and the exchange reach the broker as correspondents, with the credentials
    their sandbox gave them (fresh at each start; only the hashes are kept)."""
    now = runtime.started_at()
    for service in credentials.SERVICE_PARTNERS:
        pair = credentials.service_partner(service)
        if pair is not None:
            with runtime.db.transaction() as session:
                partners.ensure(session, *pair, f"the {service} (a sandbox service)", now)


def build(settings: Settings, clock: ClockSource | None = None) -> BrokerParts:
    runtime = Runtime("broker", settings, clock)
    # Fills are reported after their order commits; a short bound keeps an order's reply quick
    # while the depository is away, and the background pass reports what waited.
    venue = RemoteVenue(Clients(settings, retry_for=REPORT_RETRY_SECONDS))
    fees = fee_schedule(load_contracts(settings.contracts_dir))
    in_kind = InKindMints(runtime.db, runtime.clock, venue, runtime.clients.issuer, fees)
    servicer = BrokerServicer(runtime.db, runtime.clock, venue, settings.seed, fees, venue)
    face = Face(runtime.db, runtime.clock, venue, settings.seed)
    return BrokerParts(
        runtime=runtime, broker=servicer, venue=venue, in_kind=in_kind, face=face,
        services=[expose(broker_pb2, broker_pb2_grpc, "Broker", servicer)],
        jobs=broker_jobs(runtime.db, venue, venue, lambda: wake(runtime, "issuer")),
        starting=[lambda: ensure_demo_partner(runtime), lambda: ensure_service_partners(runtime)],
        passes=[Pass("report-fills", 1.0, lambda: report_fills(runtime.db, venue)),
                Pass("in-kind-mints", 2.0, lambda: list(resume(runtime.db, in_kind, LocalContext())))],
        extend_rest=lambda app: api.install(app, face, in_kind))
