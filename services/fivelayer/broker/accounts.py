"""Customer accounts and their API routes (an Alpaca-like broker API key per account).

The key is shown once, at account opening; the broker keeps only its hash. Keys derive from the
sandbox seed and the account id, so a replayed scenario gets the same keys.

A customer may hold several accounts (an issuer SPV keeps one per product, segregated): the first
is opened as a new customer (`open_account`), the others for it (`open_for_customer`), and each
row's `customer_id` names the customer's first account. The customer, not the account, has the
route and the status (`set_route`, `set_status` change every account of it) and the SIPC claim
(`failure.books`).
"""
from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, select

from fivelayer.broker import reasons, tax
from fivelayer.broker.models import AccountRow, AccountStatus
from fivelayer.kernel.countries import country_code
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, RawAmount, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common, Cutoff
from fivelayer.kernel.statuses import by_name, inverse
from fivelayer.v1 import events_pb2 as ev
from fivelayer.v1 import statuses_pb2

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
    """Open a new customer's (first) account. Its tax status is `tax_status` if given (the form its
    correspondent has on file), else `tax.default_status` of its kind and country; a bad status or
    country is refused before anything is written."""
    require(bool(name.strip()), Common.INVALID_ARGUMENT, "an account needs a name")
    require(kind in kinds, Common.INVALID_ARGUMENT, f"kind must be one of {', '.join(kinds)}, got {kind!r}")
    status = tax_status or tax.default_status(kind, country, documented)
    withholding = tax.withholding_for(status, country)
    return _open(session, now, seed, AccountRow(
        account_id="", name=name.strip(), kind=kind, api_key_hash="", created_at=now, tax_profile=withholding.status,
        withholding_rate=withholding.rate, tax_country=withholding.country))


def open_for_customer(session: Session, now: datetime, seed: int, customer_account_id: str, correspondent: str,
                      *, name: str = "", kind: str = "", country: str = "",
                      tax_status: str = "") -> tuple[AccountRow, str]:
    """Another account for the customer who owns `customer_account_id`: it takes the customer's name,
    kind, tax documents, application, route and status, so the customer stays one person to the broker.
    The given name, kind, country or tax status may be empty; one that differs from the customer's is
    refused (a second tax status for one owner would withhold two rates), as is another correspondent's
    customer, a firm account or a closed one. A refusal writes nothing."""
    owner = get(session, customer_account_id)
    require(owner.kind != FIRM, Common.INVALID_ARGUMENT,
            f"account {owner.account_id} is a correspondent's firm (sweep) account, not a customer's")
    require(owner.correspondent == correspondent, reasons.Broker.CUSTOMER_OF_ANOTHER_CORRESPONDENT,
            f"account {owner.account_id} was opened by another correspondent: only the correspondent that opened "
            "a customer's account opens more accounts for that customer", account_id=owner.account_id)
    require(owner.status != AccountStatus.CLOSED, reasons.Broker.ACCOUNT_CLOSED,
            f"account {owner.account_id} is closed: name an open account of the customer", account_id=owner.account_id)
    differs = []
    if name.strip() and name.strip() != owner.name:
        differs.append(f"name {name.strip()!r} (the customer's: {owner.name!r})")
    if kind and kind != owner.kind:
        differs.append(f"kind {kind!r} (the customer's: {owner.kind!r})")
    if tax_status and tax.check_status(tax_status) != owner.tax_profile:
        differs.append(f"tax status {tax_status.strip()!r} (the customer's: {owner.tax_profile!r})")
    if country and country_code(country, "country_of_tax_residence") != owner.tax_country:
        differs.append(f"country of tax residence {country.strip()!r} (the customer's: {owner.tax_country!r})")
    require(not differs, Common.INVALID_ARGUMENT,
            f"an account for the customer of {owner.account_id} carries over its name, kind and tax documents; "
            f"leave these empty or give the customer's: {'; '.join(differs)}", account_id=owner.account_id)
    return _open(session, now, seed, AccountRow(
        account_id="", name=owner.name, kind=owner.kind, api_key_hash="", created_at=now,
        tax_profile=owner.tax_profile, withholding_rate=owner.withholding_rate, tax_country=owner.tax_country,
        customer_id=customer_of(owner), application=owner.application, status=owner.status,
        status_reason=owner.status_reason, route_enabled=owner.route_enabled, route_reason=owner.route_reason))


def _open(session: Session, now: datetime, seed: int, row: AccountRow) -> tuple[AccountRow, str]:
    """Give `row` the next account id and its API key (a new customer: its own id as customer id); record it."""
    count = session.exec(select(func.count()).select_from(AccountRow)).one()
    row.account_id = f"acct-{count + 1:06d}"
    row.customer_id = row.customer_id or row.account_id
    api_key = "key-" + hashlib.sha256(f"{seed}:{row.account_id}".encode()).hexdigest()[:24]
    row.api_key_hash = key_hash(api_key)
    session.add(row)
    emit(session, now, ev.AccountCreated(account_id=row.account_id, name=row.name, kind=row.kind,
                                         tax_status=row.tax_profile, tax_country=row.tax_country,
                                         withholding_rate=to_pb(row.withholding_rate), customer_id=row.customer_id))
    session.flush()
    return row, api_key


def get(session: Session, account_id: str) -> AccountRow:
    row = session.get(AccountRow, account_id)
    if row is None:
        raise DomainError(reasons.Broker.UNKNOWN_ACCOUNT, f"no broker account {account_id!r}", account_id=account_id)
    return row


def customer_of(row: AccountRow) -> str:
    """The account's customer id: its customer's first account (a row from before customers: its own id)."""
    return row.customer_id or row.account_id


def customer_accounts(session: Session, row: AccountRow) -> list[AccountRow]:
    """Every account of `row`'s customer, `row` among them, by account id."""
    query = select(AccountRow).where(AccountRow.customer_id == customer_of(row))
    found = {a.account_id: a for a in session.exec(query)}
    found.setdefault(row.account_id, row)
    return [found[k] for k in sorted(found)]


def authorize(session: Session, account_id: str, api_key: str) -> AccountRow:
    """The checks a broker API runs before it takes an order: account, status, key, route."""
    row = get(session, account_id)
    require(row.status == AccountStatus.ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"account {account_id} is {row.status}: {row.status_reason}", account_id=account_id, status=row.status)
    require(key_hash(api_key) == row.api_key_hash, reasons.Broker.INVALID_API_KEY,
            "the API key does not match the account")
    require(row.route_enabled, Cutoff.ROUTE_CUT,
            f"the broker has cut the API route of {account_id}: {row.route_reason}", account_id=account_id)
    return row


def fund(session: Session, now: datetime, account_id: str, raw_amount: RawAmount) -> Decimal:
    """A wire in: settled cash at once."""
    get(session, account_id)
    amount = parse_amount(raw_amount, "amount", USD_PLACES)
    Ledger(session).transfer(WIRE, cash(account_id), "USD", amount, at=now, transfer_id=f"wire:{account_id}")
    emit(session, now, ev.AccountFunded(account_id=account_id, amount=to_pb(amount)))
    return amount


def set_route(session: Session, now: datetime, account_id: str, enabled: bool, reason: str) -> AccountRow:
    """Open or cut the API route of the account's customer: the route is the customer's, so every one of
    its accounts changes (an issuer's route carries all its products' accounts); one event per account."""
    row = get(session, account_id)
    route_reason = "" if enabled else reason or "cut by the broker"
    for each in customer_accounts(session, row):
        each.route_enabled, each.route_reason = enabled, route_reason
        session.add(each)
        emit(session, now, ev.RouteChanged(account_id=each.account_id, enabled=enabled, reason=route_reason))
    return row


# The customer's status as statuses.proto declares it (its messages and events), and back.
ACCOUNT_STATUS_PB = by_name(AccountStatus, statuses_pb2.AccountStatus)
ACCOUNT_STATUS_OF_PB = inverse(ACCOUNT_STATUS_PB)
STATUSES = (AccountStatus.ACTIVE, AccountStatus.FROZEN, AccountStatus.ESTATE)   # what SetAccountStatus sets


def set_status(session: Session, now: datetime, account_id: str, status: AccountStatus, reason: str) -> AccountRow:
    """Freeze the account's customer, or pass it to an insolvent customer's estate: the status is the
    customer's, so every one of its accounts changes, except one closed on the Broker API face (closing is
    per account and stays). The positions stay in the accounts (customer property); only the customer's
    power to trade stops."""
    require(status in STATUSES, Common.INVALID_ARGUMENT, f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    row = get(session, account_id)
    status_reason = "" if status == AccountStatus.ACTIVE else reason or status
    for each in customer_accounts(session, row):
        if each is not row and each.status == AccountStatus.CLOSED:
            continue
        each.status, each.status_reason = status, status_reason
        session.add(each)
        emit(session, now, ev.AccountStatusChanged(account_id=each.account_id, status=ACCOUNT_STATUS_PB[status],
                                                   reason=status_reason))
    return row


def tax_of(row: AccountRow) -> tax.Withholding:
    """What an account's tax status comes to (its rate, year-end form and basis in words)."""
    return tax.withholding_for(row.tax_profile or tax.W9, row.tax_country)


def set_tax_profile(session: Session, now: datetime, account_id: str, raw_status: str,
                    raw_country: str = "") -> AccountRow:
    """Record the form now on file for an account's customer: its tax status and country of tax
    residence (`tax.withholding_for` checks them and sets the rate); no country keeps the one on file.
    The form is the beneficial owner's, so every account of the customer takes it (one owner is never
    withheld at two rates). Dividends paid from then on are withheld at the new rate; what was paid
    stays as it was. Bad input changes nothing."""
    row = get(session, account_id)
    withholding = tax.withholding_for(raw_status, raw_country.strip() or row.tax_country)
    for account in customer_accounts(session, row):
        account.tax_profile, account.tax_country = withholding.status, withholding.country
        account.withholding_rate = withholding.rate
        session.add(account)
        emit(session, now, ev.AccountTaxProfileSet(account_id=account.account_id, tax_status=withholding.status,
                                                   tax_country=withholding.country,
                                                   withholding_rate=to_pb(withholding.rate), basis=withholding.basis))
    return row
