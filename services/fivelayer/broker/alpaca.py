"""The broker's face in the shape of Alpaca's Broker API, so `alpaca-py`'s `BrokerClient` (and code
written against it) runs against the sandbox by changing one base URL.

This first part serves: partner authentication (HTTP Basic key and secret), accounts (open with
contact, identity, disclosures and agreements; get; list: each partner sees only its own), the
market clock (from the sandbox clock) and the calendar (the NYSE sessions, with their T+1
settlement dates). Errors are `{"code": ..., "message": ...}` with the HTTP status, which the SDK
raises as `APIError`. An application moves SUBMITTED -> APPROVED -> ACTIVE one sandbox minute
apart; an applicant whose email's local part ends in `+action_required` or `+rejected` comes back
that way (the sandbox's way to rehearse a failed KYC).
"""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlmodel import col, select

from fivelayer.broker import accounts, partners
from fivelayer.broker.models import AccountRow
from fivelayer.kernel import calendar
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.outbox import record

NAMESPACE = uuid.UUID("6f1d5c3e-1c1f-4b9e-9a57-5f1a9e0c0b11")  # account ids on this face: uuid5 of ours
APPROVAL, ACTIVATION = timedelta(minutes=1), timedelta(minutes=2)
REQUIRED = ("contact", "identity", "disclosures", "agreements")
CODES = {400: 40010001, 401: 40110000, 403: 40310000, 404: 40410000, 409: 40910000, 422: 42210000,
         429: 42910000, 503: 50310000}
MAX_LIST = 1000


def external_id(account_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, account_id))


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"code": CODES.get(status, status * 100000), "message": message}, status_code=status)


def status_at(row: AccountRow, now: datetime) -> str:
    """The application's status under the sandbox clock."""
    application = json.loads(row.application or "{}")
    email = str(application.get("contact", {}).get("email_address", "")).split("@")[0].lower()
    if row.status != "active":
        return "ACCOUNT_CLOSED" if row.status == "closed" else "ACTIVE"
    for outcome in ("action_required", "rejected"):
        if email.endswith(f"+{outcome}") and now >= row.created_at + APPROVAL:
            return outcome.upper()
    if now >= row.created_at + ACTIVATION:
        return "ACTIVE"
    return "APPROVED" if now >= row.created_at + APPROVAL else "SUBMITTED"


def account_json(row: AccountRow, now: datetime) -> dict[str, Any]:
    application = json.loads(row.application or "{}")
    return {"id": row.external_id, "account_number": row.account_id.replace("acct-", "FL"),
            "account_type": "trading", "status": status_at(row, now), "currency": "USD", "last_equity": "0",
            "created_at": row.created_at.isoformat().replace("+00:00", "Z"),
            **{k: application[k] for k in REQUIRED if k in application}}


BASIC = HTTPBasic(auto_error=False)


def partner(request: Request, credentials: Annotated[HTTPBasicCredentials | None, Depends(BASIC)]) -> str:
    """The correspondent a request comes from (HTTP Basic key id and secret), or 401."""
    if credentials is None:
        raise DomainError("UNAUTHENTICATED", "this API needs HTTP Basic authentication with your key and secret")
    db: Database = request.app.state.broker_db
    return partners.authenticate(db, credentials.username, credentials.password)


Partner = Annotated[str, Depends(partner)]


def install(app: FastAPI, db: Database, clock: ClockSource, seed: int) -> None:
    """Mount the Broker API routes on the broker's REST app (Alpaca documents their shapes; they are
    left out of this face's own OpenAPI document)."""
    @app.exception_handler(DomainError)
    async def refused(request: Request, exc: DomainError) -> JSONResponse:  # the SDK's error shape on this face
        return error(exc.http_status, f"[{exc.reason}] {exc.message}")

    app.state.broker_db = db

    def own(session: Any, partner_key: str, account: str) -> AccountRow:
        row = session.exec(select(AccountRow).where(AccountRow.external_id == account)).first()
        if row is None or row.correspondent != partner_key:  # another partner's account does not exist for you
            raise DomainError("NOT_FOUND", f"no account {account!r}")
        return row

    @app.post("/v1/accounts", tags=["Broker API"], include_in_schema=False)
    def create_account(body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        missing = [k for k in REQUIRED if not body.get(k)]
        if missing:
            raise DomainError("INVALID_ARGUMENT", f"an account application needs {', '.join(missing)}")
        identity = body["identity"]
        name = f"{identity.get('given_name', '')} {identity.get('family_name', '')}".strip()
        if not name:
            raise DomainError("INVALID_ARGUMENT", "identity needs given_name and family_name")
        now = clock.now()
        with db.transaction() as session:
            row, _key = accounts.open_account(session, now, seed, name, "individual")
            row.correspondent, row.external_id = partner_key, external_id(row.account_id)
            row.application = json.dumps({k: body[k] for k in REQUIRED}, sort_keys=True)
            session.add(row)
        return JSONResponse(account_json(row, now))

    @app.get("/v1/accounts", tags=["Broker API"], include_in_schema=False)
    def list_accounts(partner_key: Partner, query: str = "") -> JSONResponse:
        now = clock.now()
        with db.read() as session:
            rows = session.exec(select(AccountRow).where(AccountRow.correspondent == partner_key)
                                .order_by(col(AccountRow.account_id)).limit(MAX_LIST))
            found = [account_json(r, now) for r in rows]
        words = query.lower().split()
        return JSONResponse([a for a in found if all(w in json.dumps(a).lower() for w in words)])

    @app.get("/v1/accounts/{account}", tags=["Broker API"], include_in_schema=False)
    def get_account(account: str, partner_key: Partner) -> JSONResponse:
        now = clock.now()
        with db.read() as session:
            return JSONResponse(account_json(own(session, partner_key, account), now))

    @app.patch("/v1/accounts/{account}", tags=["Broker API"], include_in_schema=False)
    def update_account(account: str, body: dict[str, Any], partner_key: Partner) -> JSONResponse:
        """Update the application's contact, identity, disclosures or trusted contact."""
        unknown = sorted(set(body) - {"contact", "identity", "disclosures", "trusted_contact"})
        if unknown:
            raise DomainError("INVALID_ARGUMENT", f"these fields cannot be updated: {', '.join(unknown)}")
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            if row.status == "closed":
                raise DomainError("ACCOUNT_CLOSED", f"account {account} is closed")
            application = json.loads(row.application or "{}")
            for key, value in body.items():
                application[key] = {**application.get(key, {}), **value} if isinstance(value, dict) else value
            row.application = json.dumps(application, sort_keys=True)
            session.add(row)
            record(session, now, "account.updated", account_id=row.account_id, fields=",".join(sorted(body)))
            return JSONResponse(account_json(row, now))

    @app.post("/v1/accounts/{account}/actions/close", tags=["Broker API"], include_in_schema=False)
    def close_account(account: str, partner_key: Partner) -> JSONResponse:
        """Close an account: no more orders; its records stay."""
        now = clock.now()
        with db.transaction() as session:
            row = own(session, partner_key, account)
            if row.status != "closed":
                row.status, row.status_reason = "closed", "closed by its correspondent"
                session.add(row)
                record(session, now, "account.closed", account_id=row.account_id)
        return JSONResponse({}, status_code=200)

    @app.get("/v1/clock", tags=["Broker API"], include_in_schema=False)
    def market_clock(partner_key: Partner) -> JSONResponse:
        now = clock.now()
        opens = calendar.next_open(now)
        session_day = calendar.current_or_next_session(now)
        closes = calendar.session_hours(session_day)[1]
        return JSONResponse({"timestamp": now.astimezone(calendar.NEW_YORK).isoformat(),
                             "is_open": calendar.market_open_at(now),
                             "next_open": opens.astimezone(calendar.NEW_YORK).isoformat(),
                             "next_close": closes.astimezone(calendar.NEW_YORK).isoformat()})

    @app.get("/v1/calendar", tags=["Broker API"], include_in_schema=False)
    def market_calendar(partner_key: Partner, start: str = "", end: str = "") -> JSONResponse:
        try:
            first = date.fromisoformat(start) if start else clock.now().date()
            last = date.fromisoformat(end) if end else first + timedelta(days=30)
        except ValueError:
            raise DomainError("INVALID_ARGUMENT", f"start and end are dates YYYY-MM-DD, got {start!r}, {end!r}") \
                from None
        if last < first or (last - first).days > 366:
            raise DomainError("INVALID_ARGUMENT", "end must be on or after start, at most a year later")
        days = []
        day = first
        while day <= last:
            if calendar.is_session(day):
                opens, closes = calendar.session_hours(day)
                days.append({"date": day.isoformat(), "open": opens.astimezone(calendar.NEW_YORK).strftime("%H:%M"),
                             "close": closes.astimezone(calendar.NEW_YORK).strftime("%H:%M"),
                             "session_open": "0400", "session_close": "2000",
                             "settlement_date": calendar.settlement_date(day).isoformat()})
            day += timedelta(days=1)
        return JSONResponse(days)
