"""Assemble the issuer SPV: its database, clients, servicer, jobs and background passes (`build`)."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from fivelayer.issuer import models  # noqa: F401  (tables)
from fivelayer.issuer.jobs import issuer_jobs
from fivelayer.issuer.service import IssuerServicer
from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.config import Settings
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.rpc import Clients, LocalContext, Runtime
from fivelayer.kernel.saga import resume
from fivelayer.kernel.server import Parts, Pass, expose
from fivelayer.v1 import issuer_pb2, issuer_pb2_grpc

log = logging.getLogger("fivelayer.issuer")
HEDGE_RETRY_SECONDS = 2.0  # a mint waits this long for an absent broker, then leaves its hedge pending
ACCOUNT_ATTEMPTS = 30      # the broker starts with the issuer; wait for it a little if it is slow


@dataclass(kw_only=True)
class IssuerParts(Parts):
    issuer: IssuerServicer


def open_broker_account(servicer: IssuerServicer, attempts: int = ACCOUNT_ATTEMPTS) -> None:
    """The SPV's account at the broker, where it hedges: opened (or found) before the issuer serves."""
    for _attempt in range(attempts):
        try:
            servicer.handlers.ensure_account()
            return
        except DomainError as error:
            log.warning("broker account not ready (%s); retrying", error)
            time.sleep(1)


def build(settings: Settings, clock: ClockSource | None = None) -> IssuerParts:
    runtime = Runtime("issuer", settings, clock)
    hedging = Clients(settings, retry_for=HEDGE_RETRY_SECONDS, caller="issuer").broker
    servicer = IssuerServicer(runtime.db, runtime.clock, runtime.clients, load_contracts(settings.contracts_dir),
                              hedging, runtime.clients.stablecoin)
    resuming = FailureLog("resuming the issuer's sagas", log)   # a saga whose peer stays away: one line per cause
    return IssuerParts(
        runtime=runtime, issuer=servicer, jobs=issuer_jobs(servicer.handlers),
        services=[expose(issuer_pb2, issuer_pb2_grpc, "Issuer", servicer)],
        starting=[lambda: open_broker_account(servicer)],
        passes=[Pass("pending-hedges", 1.0, servicer.handlers.place_pending_hedges),
                Pass("resume-requests", 2.0, lambda: list(resume(runtime.db, servicer, LocalContext(),
                                                                 failures=resuming)))])
