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

from fivelayer.broker.models import AccountRow
from fivelayer.kernel import reasons
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, ZERO, RawAmount, parse_amount
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
                 *, kinds: tuple[str, ...] = KINDS) -> tuple[AccountRow, str]:
    require(bool(name.strip()), "INVALID_ARGUMENT", "an account needs a name")
    require(kind in kinds, "INVALID_ARGUMENT", f"kind must be one of {', '.join(kinds)}, got {kind!r}")
    count = session.exec(select(func.count()).select_from(AccountRow)).one()
    account_id = f"acct-{count + 1:06d}"
    api_key = "key-" + hashlib.sha256(f"{seed}:{account_id}".encode()).hexdigest()[:24]
    profile, rate = default_tax_profile(kind)
    row = AccountRow(account_id=account_id, name=name.strip(), kind=kind, api_key_hash=key_hash(api_key),
                     created_at=now, tax_profile=profile, withholding_rate=rate)
    session.add(row)
    record(session, now, "account.created", account_id=account_id, name=row.name, kind=kind)
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


# Withholding on US-source dividends, per account: a US person none (backup withholding aside); a
# foreign person 30% unless a treaty lowers it (IRS nonresident alien withholding).
US_PERSON, FOREIGN_NO_TREATY, FOREIGN_TREATY = "us_person", "foreign_no_treaty", "foreign_treaty"
TAX_PROFILES = (US_PERSON, FOREIGN_NO_TREATY, FOREIGN_TREATY)
STATUTORY_RATE = Decimal("0.3")
US = ("USA", "US")   # a country of tax residence that makes an individual a US person


def default_tax_profile(kind: str, country_of_tax_residence: str = "USA") -> tuple[str, Decimal]:
    """An institutional account (the issuer SPV, offshore) is a foreign entity without a treaty;
    an individual resident for tax in the US is a US person, one resident elsewhere a foreign person
    without a treaty claim until the account says otherwise (`set_tax_profile`). Individuals opened
    over gRPC (the exchange's introducing accounts) and firm accounts are US persons."""
    if kind == "institutional" or country_of_tax_residence.strip().upper() not in US + ("",):
        return FOREIGN_NO_TREATY, STATUTORY_RATE
    return US_PERSON, ZERO


def set_tax_profile(session: Session, now: datetime, account_id: str, profile: str,
                    raw_rate: RawAmount | None = None) -> AccountRow:
    """Set an account's withholding: "us_person" (0%), "foreign_no_treaty" (30%), or
    "foreign_treaty" at a given rate from 0 to 0.3 (at most 4 places); a rate is given only for a treaty."""
    row = get(session, account_id)
    require(profile in TAX_PROFILES, "INVALID_ARGUMENT",
            f"tax_profile must be one of {', '.join(TAX_PROFILES)}, got {profile!r}")
    if profile == FOREIGN_TREATY:
        require(raw_rate is not None, "INVALID_ARGUMENT", "a foreign_treaty profile needs withholding_rate (0..0.3)")
        assert raw_rate is not None
        rate = parse_amount(raw_rate, "withholding_rate", 4, allow_zero=True)
        require(rate <= STATUTORY_RATE, "INVALID_ARGUMENT",
                f"a treaty rate is at most the statutory {STATUTORY_RATE}, got {rate}")
    else:
        require(raw_rate is None, "INVALID_ARGUMENT",
                f"withholding_rate is given only for foreign_treaty; {profile} withholds "
                f"{'0' if profile == US_PERSON else STATUTORY_RATE}")
        rate = ZERO if profile == US_PERSON else STATUTORY_RATE
    row.tax_profile, row.withholding_rate = profile, rate
    session.add(row)
    record(session, now, "account.tax_profile_set", account_id=account_id, tax_profile=profile,
           withholding_rate=rate)
    return row
