"""Run the issuer service: `python -m fivelayer.issuer`."""
from __future__ import annotations

import logging
import time

from fivelayer.issuer import models  # noqa: F401  (tables)
from fivelayer.issuer.jobs import issuer_jobs
from fivelayer.issuer.service import IssuerServicer
from fivelayer.kernel.config import Settings
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.background import every
from fivelayer.kernel.rpc import Clients, LocalContext, Runtime
from fivelayer.kernel.saga import resume
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import issuer_pb2, issuer_pb2_grpc

log = logging.getLogger("fivelayer.issuer")
HEDGE_RETRY_SECONDS = 2.0  # a mint waits this long for an absent broker, then leaves its hedge pending


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("issuer", settings)
    hedging = Clients(settings, retry_for=HEDGE_RETRY_SECONDS, caller="issuer").broker
    servicer = IssuerServicer(runtime.db, runtime.clock, runtime.clients, load_contracts(settings.contracts_dir),
                              hedging, runtime.clients.stablecoin)
    for _attempt in range(30):  # the broker starts before the issuer; wait for it a little if it is slow
        try:
            servicer.ensure_account()
            break
        except DomainError as error:
            log.warning("broker account not ready (%s); retrying", error)
            time.sleep(1)
    every("pending-hedges", 1.0, servicer.place_pending_hedges)
    every("resume-requests", 2.0, lambda: list(resume(runtime.db, servicer, LocalContext())))
    serve(runtime, [expose(issuer_pb2, issuer_pb2_grpc, "Issuer", servicer)], jobs=issuer_jobs(servicer))


if __name__ == "__main__":
    main()
