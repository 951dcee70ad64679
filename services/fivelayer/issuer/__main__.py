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
from fivelayer.kernel.rpc import Runtime
from fivelayer.kernel.server import expose, serve
from fivelayer.v1 import issuer_pb2, issuer_pb2_grpc

log = logging.getLogger("fivelayer.issuer")


def main() -> None:
    settings = Settings.from_env()
    runtime = Runtime("issuer", settings)
    servicer = IssuerServicer(runtime.db, runtime.clock, runtime.clients, load_contracts(settings.contracts_dir))
    for _attempt in range(30):  # the broker starts before the issuer; wait for it a little if it is slow
        try:
            servicer.ensure_account()
            break
        except DomainError as error:
            log.warning("broker account not ready (%s); retrying", error)
            time.sleep(1)
    serve(runtime, [expose(issuer_pb2, issuer_pb2_grpc, "Issuer", servicer)], jobs=issuer_jobs(servicer))


if __name__ == "__main__":
    main()
