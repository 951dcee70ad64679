"""What every route of the Broker API face shares: the partner behind a request (HTTP Basic),
the error shape the SDK parses (`{"code", "message"}`), ids on this face, and JSON rendering of
instants and amounts as Alpaca writes them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlmodel import Session, select

from fivelayer.broker import failure, journals, partners, reasons
from fivelayer.broker.accounts import external_id as external_id  # re-exported: ids on this face
from fivelayer.broker.handlers import Handlers
from fivelayer.broker.models import AccountRow, CorrespondentRow
from fivelayer.broker.orders import Venue
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common

CODES = {400: 40010001, 401: 40110000, 403: 40310000, 404: 40410000, 409: 40910000, 422: 42210000,
         429: 42910000, 503: 50310000}
MAX_LIST = 1000   # the longest list one call returns (Alpaca pages at 100..1000 too)
TAG = "Broker API"


@dataclass(frozen=True)
class Face:
    """What the routes of this face need: the broker's database, the sandbox clock, the venue
    (prices, read before a unit of work opens) and the sandbox seed."""

    db: Database
    clock: ClockSource
    venue: Venue
    seed: int

    @property
    def handlers(self) -> Handlers:
        """The broker's service layer: price, one unit of work, report fills (`broker.handlers`)."""
        return Handlers(self.db, self.venue)


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"code": CODES.get(status, status * 100000), "message": message}, status_code=status)


def iso(instant: datetime | None) -> str | None:
    """An instant as Alpaca writes it: UTC, ISO 8601 with a Z."""
    return instant.isoformat().replace("+00:00", "Z") if instant is not None else None


def amount(value: Decimal) -> str:
    """An amount as Alpaca writes it: a decimal string, no exponent, no trailing zeros past the point."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


BASIC = HTTPBasic(auto_error=False)
READS = frozenset({"GET", "HEAD", "OPTIONS"})   # every other method on this face changes something


_with_firm_account: set[str] = set()  # partners whose sweep account exists (this process has seen it)


def partner(request: Request, credentials: Annotated[HTTPBasicCredentials | None, Depends(BASIC)]) -> str:
    """The correspondent a request comes from (HTTP Basic key id and secret), or 401. A partner's
    firm (sweep) account is opened on its first call, so a sandbox nobody points a Broker API
    client at has none (and its drills' timelines stay the same)."""
    if credentials is None:
        raise DomainError(reasons.Broker.UNAUTHENTICATED,
                          "this API needs HTTP Basic authentication with your key and secret")
    face: Face = request.app.state.face
    key = partners.authenticate(face.db, credentials.username, credentials.password)
    if request.method not in READS:
        failure.check_open(face.db)   # the face's one guard: a failed broker takes no change (BROKER_FAILED)
    if key not in _with_firm_account:
        now = face.clock.now()
        with face.db.transaction() as session:
            row = session.get(CorrespondentRow, key)
            journals.ensure_firm_account(session, now, face.seed, key, row.name if row else key)
        _with_firm_account.add(key)
    return key


Partner = Annotated[str, Depends(partner)]


def own(session: Session, partner_key: str, account: str) -> AccountRow:
    """The partner's account with this id on the face; another partner's account does not exist for you."""
    row = session.exec(select(AccountRow).where(AccountRow.external_id == account)).first()
    if row is None or row.correspondent != partner_key:
        raise DomainError(Common.NOT_FOUND, f"no account {account!r}")
    return row


def body_field(body: dict[str, Any], name: str, kind: type, default: Any = None) -> Any:
    """A field of a JSON body, checked for its type (a clear 400 rather than a 500)."""
    value = body.get(name, default)
    if value is not None and not isinstance(value, kind):
        raise DomainError(Common.INVALID_ARGUMENT, f"{name} must be a {kind.__name__}, got {value!r}")
    return value
