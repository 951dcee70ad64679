"""Customer accounts and their API routes (an Alpaca-like broker API key per account).

The key is shown once, at account opening; the broker keeps only its hash. Keys derive from the
sandbox seed and the account id, so a replayed scenario gets the same keys.
"""
from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from fivelayer.broker import tax
from fivelayer.broker.models import AccountRow
from fivelayer.kernel import reasons
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, RawAmount, parse_amount
from fivelayer.kernel.outbox import record

KINDS = ("institutional", "individual")   # what a customer account may be (CreateAccount)
FIRM = "firm"  # a correspondent's sweep account, opened by the broker itself (journals.ensure_firm_account)
NAMESPACE = uuid.UUID("6f1d5c3e-1c1f-4b9e-9a57-5f1a9e0c0b11")  # ids on the Broker API face: uuid5 of ours


def external_id(internal_id: str) -> str:
    """The UUID a record of ours (an account, an order, a journal, a transfer) has on the Broker API face."""
    return str(uuid.uuid5(NAMESPACE, internal_id))
WIRE = "@wire"


def cash(account_id: str) -> str:
    return f"cust:{account_id}:cash"


def key_hash(api_key: str) -> str:
    return hashlib.sha256(api_key.encode()).hexdigest()


def open_account(session: Session, now: datetime, seed: int, name: str, kind: str,
                 *, kinds: tuple[str, ...] = KINDS, country: str = "", tax_status: str = "",
                 documented: bool | None = None) -> tuple[AccountRow, str]:
    """Open an account. Its tax status is `tax_status` if given (the form its correspondent has on
    file), else `tax.default_status` of its kind and country; a bad status or country is refused
    before anything is written."""
    require(bool(name.strip()), "INVALID_ARGUMENT", "an account needs a name")
    require(kind in kinds, "INVALID_ARGUMENT", f"kind must be one of {', '.join(kinds)}, got {kind!r}")
    status = tax_status or tax.default_status(kind, country, documented)
    withholding = tax.withholding_for(status, country)
    count = session.exec(select(func.count()).select_from(AccountRow)).one()
    account_id = f"acct-{count + 1:06d}"
    api_key = "key-" + hashlib.sha256(f"{seed}:{account_id}".encode()).hexdigest()[:24]
    row = AccountRow(account_id=account_id, name=name.strip(), kind=kind, api_key_hash=key_hash(api_key),
                     created_at=now, tax_profile=withholding.status, withholding_rate=withholding.rate,
                     tax_country=withholding.country)
    session.add(row)
    record(session, now, "account.created", account_id=account_id, name=row.name, kind=kind,
           tax_status=withholding.status, tax_country=withholding.country, withholding_rate=withholding.rate)
    session.flush()
    return row, api_key


def get(session: Session, account_id: str) -> AccountRow:
    row = session.get(AccountRow, account_id)
    if row is None:
        raise DomainError(reasons.Broker.UNKNOWN_ACCOUNT, f"no broker account {account_id!r}", account_id=account_id)
    return row


def authorize(session: Session, account_id: str, api_key: str) -> AccountRow:
    """The checks a broker API runs before it takes an order: account, status, key, route."""
    row = get(session, account_id)
    require(row.status == "active", reasons.Broker.ACCOUNT_FROZEN,
            f"account {account_id} is {row.status}: {row.status_reason}", account_id=account_id, status=row.status)
    require(key_hash(api_key) == row.api_key_hash, reasons.Broker.INVALID_API_KEY,
            "the API key does not match the account")
    require(row.route_enabled, reasons.Broker.ROUTE_CUT,
            f"the broker has cut the API route of {account_id}: {row.route_reason}", account_id=account_id)
    return row


def fund(session: Session, now: datetime, account_id: str, raw_amount: RawAmount) -> Decimal:
    """A wire in: settled cash at once."""
    get(session, account_id)
    amount = parse_amount(raw_amount, "amount", USD_PLACES)
    Ledger(session).transfer(WIRE, cash(account_id), "USD", amount, at=now, transfer_id=f"wire:{account_id}")
    record(session, now, "account.funded", account_id=account_id, amount=amount)
    return amount


def set_route(session: Session, now: datetime, account_id: str, enabled: bool, reason: str) -> AccountRow:
    row = get(session, account_id)
    row.route_enabled, row.route_reason = enabled, ("" if enabled else reason or "cut by the broker")
    session.add(row)
    record(session, now, "route.changed", account_id=account_id, enabled=enabled, reason=row.route_reason)
    return row


STATUSES = ("active", "frozen", "estate")


def set_status(session: Session, now: datetime, account_id: str, status: str, reason: str) -> AccountRow:
    """Freeze an account, or pass it to an insolvent customer's estate. The positions stay in the
    account (customer property); only the customer's power to trade stops."""
    require(status in STATUSES, "INVALID_ARGUMENT", f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    row = get(session, account_id)
    row.status, row.status_reason = status, ("" if status == "active" else reason or status)
    session.add(row)
    record(session, now, "account.status_changed", account_id=account_id, status=status, reason=row.status_reason)
    return row


def tax_of(row: AccountRow) -> tax.Withholding:
    """What an account's tax status comes to (its rate, year-end form and basis in words)."""
    return tax.withholding_for(row.tax_profile or tax.W9, row.tax_country)


def set_tax_profile(session: Session, now: datetime, account_id: str, raw_status: str,
                    raw_country: str = "") -> AccountRow:
    """Record the form now on file for an account: its tax status and country of tax residence
    (`tax.withholding_for` checks them and sets the rate); no country keeps the one on file.
    Dividends paid from then on are withheld at the new rate; what was paid stays as it was. Bad
    input changes nothing."""
    row = get(session, account_id)
    withholding = tax.withholding_for(raw_status, raw_country.strip() or row.tax_country)
    row.tax_profile, row.tax_country, row.withholding_rate = withholding.status, withholding.country, withholding.rate
    session.add(row)
    record(session, now, "account.tax_profile_set", account_id=account_id, tax_status=withholding.status,
           tax_country=withholding.country, withholding_rate=withholding.rate, basis=withholding.basis)
    return row
