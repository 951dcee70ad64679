"""Correspondents (partners): who may use the Broker API face, with HTTP Basic key and secret.

Secrets are stored as salted PBKDF2-SHA256 hashes, as a real broker stores API secrets; a
verified pair is remembered for the process's life (by a hash of the pair), so each request does
not pay for the key stretching again. One partner sees and moves only the accounts it opened.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from fivelayer.broker import accounts, journals, orders, reasons
from fivelayer.broker.models import AccountRow, AccountStatus, CorrespondentRow
from fivelayer.kernel import credentials
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import ZERO
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import events_pb2 as ev

ITERATIONS = 120_000
_verified: set[str] = set()
_lock = threading.Lock()


def hash_secret(secret: str, salt: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), bytes.fromhex(salt), ITERATIONS).hex()


def ensure(session: Session, key_id: str, secret: str, name: str, now: datetime) -> CorrespondentRow:
    """Create the partner, or give it this secret (an operator's `--partner-secret` at start-up)."""
    if not key_id.strip() or len(secret) < 8:
        raise DomainError(Common.INVALID_ARGUMENT, "a partner needs a key id and a secret of at least 8 characters")
    row = session.get(CorrespondentRow, key_id) or CorrespondentRow(key_id=key_id, name=name, secret_hash="",
                                                                       salt="", created_at=now)
    row.salt = secrets.token_hex(16)
    row.secret_hash = hash_secret(secret, row.salt)
    session.add(row)
    return row


def authenticate(db: Database, key_id: str, secret: str) -> str:
    """The partner's key id, or UNAUTHENTICATED (a wrong key and a wrong secret look the same)."""
    pair = hashlib.sha256(f"{key_id}\x00{secret}".encode()).hexdigest()
    with _lock:
        if pair in _verified:
            return key_id
    with db.read() as session:
        row = session.get(CorrespondentRow, key_id)
    if row is None or not hmac.compare_digest(row.secret_hash, hash_secret(secret, row.salt)):
        raise DomainError(reasons.Broker.UNAUTHENTICATED, "the key id or secret is wrong")
    with _lock:
        _verified.add(pair)
    return key_id


def forget() -> None:
    """Drop remembered pairs (a secret was changed)."""
    with _lock:
        _verified.clear()


def from_metadata(db: Database, context: object) -> str:
    """The correspondent a gRPC call presents (HTTP Basic in its `authorization` metadata, as the
    issuer and the exchange send it), or "" for a call with none (an operator's: the CLI, a drill)."""
    metadata = getattr(context, "invocation_metadata", None)
    if not callable(metadata):
        return ""
    for key, value in metadata():
        if key == credentials.AUTHORIZATION:
            pair = credentials.parse_basic(value)
            if pair is None:
                raise DomainError(reasons.Broker.UNAUTHENTICATED,
                                  "authorization must be HTTP Basic: a key id and a secret")
            return authenticate(db, *pair)
    return ""


def require_partner(db: Database, context: object) -> str:
    partner = from_metadata(db, context)
    if not partner:
        raise DomainError(reasons.Broker.UNAUTHENTICATED,
                          "this call needs a correspondent's key and secret (HTTP Basic)")
    return partner


@dataclass
class Reset:
    """What one partner's reset did (the ResetPartner reply)."""
    partner_key: str
    closed: list[str] = field(default_factory=list)
    orders_canceled: int = 0
    cash_returned: Decimal = ZERO
    firm_account_id: str = ""
    firm_adjustment: Decimal = ZERO


def service_keys() -> set[str]:
    """The keys the issuer and the exchange reach the broker with (this process's environment)."""
    return {pair[0] for service in credentials.SERVICE_PARTNERS
            if (pair := credentials.service_partner(service)) is not None}


def reset(session: Session, now: datetime, partner_key: str, request_id: str) -> Reset:
    """Empty one partner's accounts, and only its own (every row read is selected by its key):

    - each open order of its accounts is canceled;
    - each customer account's settled cash is wired back to the sandbox (`accounts.WIRE`, one
      ledger transfer per account), so no money leaves the books; unsettled proceeds settle into
      the closed account as usual;
    - each customer account is closed and no longer the partner's (its correspondent is cleared:
      the partner's lists and lookups no longer find it; the operator's still do); positions stay
      on it, since shares cannot vanish from the depository's books without a trade;
    - its firm (sweep) account stays, its cash brought back to its opening funding.

    The partner's key and secret stay. Unknown keys and the services' own correspondents are refused."""
    row = session.get(CorrespondentRow, partner_key)
    if row is None:
        raise DomainError(reasons.Broker.UNKNOWN_PARTNER, f"no partner with key {partner_key!r}")
    if partner_key in service_keys():
        raise DomainError(reasons.Broker.SERVICE_PARTNER,
                          f"{partner_key!r} is the issuer's or the exchange's own correspondent: resetting it "
                          f"would break the sandbox's own routes")
    done, ledger = Reset(partner_key), Ledger(session)
    owned = session.exec(select(AccountRow).where(AccountRow.correspondent == partner_key)
                         .order_by(col(AccountRow.account_id))).all()
    for account in owned:
        for order in orders.open_orders(session, account.account_id, 100_000):
            orders.cancel(session, now, order, "canceled: its partner was reset")
            done.orders_canceled += 1
        cash = ledger.balance(accounts.cash(account.account_id), "USD")
        if account.kind == journals.FIRM:
            done.firm_account_id = account.account_id
            adjustment = journals.FIRM_FUNDING - cash
            if adjustment > 0:
                ledger.transfer(accounts.WIRE, accounts.cash(account.account_id), "USD", adjustment, at=now,
                                transfer_id=f"reset:{request_id}:{account.account_id}", memo="partner reset")
            elif adjustment < 0:
                ledger.transfer(accounts.cash(account.account_id), accounts.WIRE, "USD", -adjustment, at=now,
                                transfer_id=f"reset:{request_id}:{account.account_id}", memo="partner reset")
            done.firm_adjustment = adjustment
            continue
        if cash > 0:
            ledger.transfer(accounts.cash(account.account_id), accounts.WIRE, "USD", cash, at=now,
                            transfer_id=f"reset:{request_id}:{account.account_id}", memo="partner reset")
            done.cash_returned += cash
        if account.status != AccountStatus.CLOSED:
            emit(session, now, ev.AccountClosed(account_id=account.account_id))
        account.status, account.status_reason = AccountStatus.CLOSED, f"its partner {partner_key} was reset"
        account.correspondent = ""
        session.add(account)
        done.closed.append(account.account_id)
    return done
