"""In-kind tokenization on the Broker API face (Alpaca's Instant Tokenization Network routes).

An authorized participant asks for a mint; an issuer confirms mints and redemptions through the
callbacks (as the issuer SPV does over gRPC); either lists the requests, by id, by client request
id, by issuer request id. A client request id comes in the `Idempotency-Key` header (or the
body's `client_request_id`): the same key with the same body returns the first request.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import FastAPI, Header
from fastapi.responses import JSONResponse
from sqlmodel import Session, select

from fivelayer.broker import orders, tokenization
from fivelayer.broker.api.common import TAG, Face, Partner, amount, body_field, iso, own
from fivelayer.broker.in_kind import InKindMints
from fivelayer.broker.models import AccountRow, TokenizationRow
from fivelayer.broker.tokenization import MintAsk
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.reasons import Common

LIST_LIMIT = 100


def request_json(row: TokenizationRow, account: AccountRow) -> dict[str, Any]:
    return {"id": row.external_id, "tokenization_request_id": row.external_id, "type": row.kind,
            "status": row.status, "account_id": account.external_id, "client_request_id": row.client_request_id,
            "issuer_request_id": row.issuer_request_id, "issuer": row.issuer, "network": row.network,
            "underlying_symbol": row.underlying_symbol, "qty": amount(row.qty), "wallet_address": row.wallet_address,
            "fees": amount(row.fees), "tx_hash": row.tx_hash, "reject_reason": row.reject_reason or None,
            "created_at": iso(row.created_at), "updated_at": iso(row.updated_at)}


def _text(body: dict[str, Any], name: str) -> str:
    value = body_field(body, name, str, "")
    require(bool(value), Common.INVALID_ARGUMENT, f"{name} is required")
    return str(value)


def _qty(body: dict[str, Any]) -> str:
    value = body.get("qty")
    require(isinstance(value, (str, int)) and not isinstance(value, bool), Common.INVALID_ARGUMENT,
            f"qty must be a decimal string, got {value!r}")
    return str(value)


def _by_external_id(session: Session, account: AccountRow, request_id: str) -> TokenizationRow:
    row = session.exec(select(TokenizationRow).where(TokenizationRow.external_id == request_id)).first()
    if row is None or row.account_id != account.account_id:
        raise DomainError(Common.NOT_FOUND, f"no tokenization request {request_id!r} on this account")
    return row


def install(app: FastAPI, face: Face, in_kind: InKindMints) -> None:
    db = face.db

    @app.post("/v1/accounts/{account}/tokenization/mint", tags=[TAG], include_in_schema=False)
    def mint(account: str, body: dict[str, Any], partner_key: Partner,
             idempotency_key: str = Header(default="", alias="Idempotency-Key")) -> JSONResponse:
        """An authorized participant turns settled shares into tokens in its wallet."""
        ask = MintAsk(underlying_symbol=_text(body, "underlying_symbol"), qty=_qty(body),
                      issuer=_text(body, "issuer"), network=_text(body, "network"),
                      wallet_address=_text(body, "wallet_address"),
                      client_request_id=idempotency_key or str(body_field(body, "client_request_id", str, "")))
        require(len(ask.client_request_id) <= 128, Common.INVALID_ARGUMENT, "Idempotency-Key is at most 128 characters")
        with db.read() as session:
            row = own(session, partner_key, account)
        done = in_kind.request(partner_key, row, ask)
        return JSONResponse(request_json(done, row))

    @app.post("/v1/accounts/{account}/tokenization/callback/mint", tags=[TAG], include_in_schema=False)
    def mint_callback(account: str, body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        """The issuer confirms a mint it has made (`tokenization_request_id`, `issuer_request_id`, `tx_hash`)."""
        request_id, now = _text(body, "tokenization_request_id"), face.clock.now()
        with db.transaction() as session:
            holder = session.exec(select(AccountRow).where(AccountRow.external_id == account)).first()
            if holder is None:
                raise DomainError(Common.NOT_FOUND, f"no account {account!r}")
            row = _by_external_id(session, holder, request_id)
            tokenization.confirm_mint(session, now, partner_key, row.request_id,
                                      str(body_field(body, "issuer_request_id", str, "")),
                                      str(body_field(body, "tx_hash", str, "")))
            return JSONResponse(request_json(row, holder))

    @app.post("/v1/accounts/{account}/tokenization/callback/redeem", tags=[TAG], include_in_schema=False)
    def redeem_callback(account: str, body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        """The issuer has the participant's tokens back: the shares are journaled to the participant."""
        symbol, qty = _text(body, "underlying_symbol"), _qty(body)
        now = face.clock.now()

        def redeem(session: Session, prices: orders.PriceBook) -> dict[str, Any]:
            holder = session.exec(select(AccountRow).where(AccountRow.external_id == account)).first()
            if holder is None:
                raise DomainError(Common.NOT_FOUND, f"no account {account!r}")
            price = prices.price(symbol, now)[0] if symbol in in_kind.fees else Decimal(0)   # the fee's basis
            row = tokenization.confirm_redeem(
                session, now, correspondent=partner_key, account=holder, symbol=symbol, raw_qty=qty,
                wallet=str(body_field(body, "wallet_address", str, "")),
                issuer_request_id=_text(body, "issuer_request_id"), tx_hash=str(body_field(body, "tx_hash", str, "")),
                price=price, fee_bps=in_kind.fees)
            return request_json(row, holder)

        prices = face.handlers.prices(now, lambda session: {symbol} & set(in_kind.fees))
        return JSONResponse(face.handlers.change(prices, redeem))

    @app.get("/v1/accounts/{account}/tokenization/requests", tags=[TAG], include_in_schema=False)
    def list_requests(account: str, partner_key: Partner, limit: int = LIST_LIMIT) -> JSONResponse:
        with db.read() as session:
            holder = own(session, partner_key, account)
            rows = tokenization.listed(session, account_id=holder.account_id, limit=limit)
            return JSONResponse([request_json(r, holder) for r in rows])

    def found_by(partner_key: str, account: str, **key: str) -> JSONResponse:
        """The account's one request with this client or issuer request id, or 404."""
        ((name, value),) = key.items()
        with db.read() as session:
            holder = own(session, partner_key, account)
            rows = tokenization.listed(session, account_id=holder.account_id, limit=1, **key) if value else []
            if not rows:
                raise DomainError(Common.NOT_FOUND, f"no tokenization request with {name.replace('_', ' ')} {value!r}")
            return JSONResponse(request_json(rows[0], holder))

    @app.get("/v1/accounts/{account}/tokenization/requests:by_client_request_id", tags=[TAG],
             include_in_schema=False)
    def by_client_request_id(account: str, client_request_id: str, partner_key: Partner) -> JSONResponse:
        return found_by(partner_key, account, client_request_id=client_request_id)

    @app.get("/v1/accounts/{account}/tokenization/requests:by_issuer_request_id", tags=[TAG],
             include_in_schema=False)
    def by_issuer_request_id(account: str, issuer_request_id: str, partner_key: Partner) -> JSONResponse:
        return found_by(partner_key, account, issuer_request_id=issuer_request_id)

    @app.get("/v1/accounts/{account}/tokenization/requests/{request_id}", tags=[TAG], include_in_schema=False)
    def get_request(account: str, request_id: str, partner_key: Partner) -> JSONResponse:
        with db.read() as session:
            holder = own(session, partner_key, account)
            return JSONResponse(request_json(_by_external_id(session, holder, request_id), holder))

