"""The broker's face in the shape of Alpaca's Broker API, so `alpaca-py`'s `BrokerClient` (and code
written against it) runs against the sandbox by changing one base URL.

One module per area of the API; each mounts its routes with `install(app, face)`. Errors are
`{"code": ..., "message": ...}` with the HTTP status, which the SDK raises as `APIError`. The
routes are left out of the face's own OpenAPI document: Alpaca documents their shapes.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from fivelayer.broker.api import accounts, events, market, money, tokenization, trading, voting
from fivelayer.broker.api.common import Face, error
from fivelayer.broker.in_kind import InKindMints
from fivelayer.kernel.errors import DomainError


def install(app: FastAPI, face: Face, in_kind: InKindMints) -> None:
    @app.exception_handler(DomainError)
    async def refused(request: Request, exc: DomainError) -> JSONResponse:  # the SDK's error shape on this face
        return error(exc.http_status, f"[{exc.reason}] {exc.message}")

    app.state.face = face
    # money first: /v1/accounts/activities is no account
    for area in (money, accounts, market, trading, events, voting):
        area.install(app, face)
    tokenization.install(app, face, in_kind)
