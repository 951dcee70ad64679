"""Funding over ACH: a customer's bank account linked to its broker account (an ACH relationship),
and transfers of cash in and out over it.

A relationship is approved at once, as in Alpaca's sandbox (APPROVAL, the wait from QUEUED to
APPROVED under the sandbox clock, is zero); only an APPROVED one carries transfers. An account
has at most one live relationship, as at Alpaca; deleting it cancels it (CANCELED), and a list
shows canceled ones only when asked (the SDK's status enum has no CANCELED).

When money moves: as in Alpaca's sandbox, ACH is credited at once. An INCOMING transfer is
QUEUED and COMPLETE in the same unit of work: the cash is settled in the account when the
transfer is created. An OUTGOING transfer leaves at once too, and only withdrawable cash can
leave: settled cash that no open buy order holds back (a sale's proceeds once it settles, T+1);
more is refused and nothing moves. A real ACH credit lands one or two bank days after the
14:00 ET daily cutoff; the sandbox does not wait for it. Since ACH completes at once, a transfer
is seldom QUEUED long enough to cancel; `cancel_transfer` refuses any other status.
Wire transfers are not served yet (the operator's wire in, `accounts.fund`, stays); the banks a
wire would go to (Alpaca's recipient banks) are kept and listed, APPROVED at once.

Amounts are USD, positive, with at most 2 decimals and at most 50,000,000 a transfer. Ids are
UUIDs, as on the Broker API face, counted from the sandbox's first record so a replay gets the
same ids.
"""
from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func
from sqlmodel import Session, col, select

from fivelayer.broker import accounts, credit, orders, reasons
from fivelayer.broker.models import AccountStatus, AchRelationshipRow, RecipientBankRow, TransferRow
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, RawAmount, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common, Cutoff
from fivelayer.v1 import events_pb2 as ev

IDS = uuid.UUID("2c4a3e1f-8d2b-4f4e-9c61-3b7d9a0e5a21")  # ids of relationships and transfers: uuid5 of a count
ACH = "@ach"                       # the banks on the other side of every ACH transfer
APPROVAL = timedelta(0)            # QUEUED -> APPROVED: at once in the sandbox
LIMIT = Decimal(50_000_000)        # the most one transfer (or one journal) moves, in USD
BANK_ACCOUNT_TYPES = ("CHECKING", "SAVINGS")
DIRECTIONS = ("INCOMING", "OUTGOING")
RELATIONSHIP_STATUSES = ("QUEUED", "APPROVED", "CANCELED")
MAX_LIST = 100                     # relationships or transfers one call returns
MAX_TEXT = 100                     # characters of a name or nickname


def new_id(session: Session, model: type[AchRelationshipRow] | type[TransferRow] | type[RecipientBankRow],
           kind: str) -> str:
    count = session.exec(select(func.count()).select_from(model)).one()
    return str(uuid.uuid5(IDS, f"{kind}:{count + 1}"))


def usd(raw: RawAmount, field: str = "amount") -> Decimal:
    """A USD amount one transfer or journal may move: positive, cents at most, at most LIMIT."""
    value = parse_amount(raw, field, USD_PLACES)
    require(value <= LIMIT, Common.INVALID_AMOUNT, f"{field} is {value} USD; one transfer moves at most 50,000,000 USD",
            field=field)
    return value


def routing_number_ok(number: str) -> bool:
    """Nine digits whose ABA check digit holds: 3, 7, 1 weights over the digits sum to a multiple of 10."""
    if len(number) != 9 or not number.isdigit():
        return False
    digits = [int(d) for d in number]
    return sum(w * d for w, d in zip((3, 7, 1) * 3, digits, strict=True)) % 10 == 0


def relationship_status(row: AchRelationshipRow, now: datetime) -> str:
    if row.canceled_at is not None:
        return "CANCELED"
    return "APPROVED" if now >= row.created_at + APPROVAL else "QUEUED"


def bank_account_number_ok(number: str) -> bool:
    """4 to 17 characters: at least 4 digits, then perhaps letters. US account numbers are digits;
    Alpaca's own sandbox examples end theirs in letters ("32131231abc", "123456789abc") and its
    sandbox takes them, so this one does too."""
    return len(number) <= 17 and re.fullmatch(r"[0-9]{4,}[A-Za-z]*", number) is not None


def _text(value: str, field: str, required: bool = True) -> str:
    value = value.strip()
    require(bool(value) or not required, Common.INVALID_ARGUMENT, f"{field} is required")
    require(len(value) <= MAX_TEXT, Common.INVALID_ARGUMENT, f"{field} is longer than {MAX_TEXT} characters")
    return value


def _live(session: Session, account_id: str) -> AchRelationshipRow | None:
    return session.exec(select(AchRelationshipRow).where(AchRelationshipRow.account_id == account_id,
                                                         AchRelationshipRow.canceled_at == None)  # noqa: E711
                        ).first()


def _open_account(session: Session, account_id: str) -> None:
    row = accounts.get(session, account_id)
    require(row.status == AccountStatus.ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"account {account_id} is {row.status}: {row.status_reason}", account_id=account_id)


def create_relationship(session: Session, now: datetime, account_id: str, *, owner_name: str, account_type: str,
                        account_number: str, routing_number: str, nickname: str = "") -> AchRelationshipRow:
    """Link a bank account (APPROVED after APPROVAL: at once)."""
    _open_account(session, account_id)
    owner_name = _text(owner_name, "account_owner_name")
    require(account_type in BANK_ACCOUNT_TYPES, Common.INVALID_ARGUMENT,
            f"bank_account_type must be CHECKING or SAVINGS, got {account_type!r}")
    require(bank_account_number_ok(account_number), Common.INVALID_ARGUMENT,
            f"bank_account_number must be 4 to 17 digits (perhaps ending in letters), got {account_number!r}")
    require(routing_number_ok(routing_number), Common.INVALID_ARGUMENT,
            f"bank_routing_number must be a 9-digit ABA routing number with a valid check digit, "
            f"got {routing_number!r}")
    live = _live(session, account_id)
    require(live is None, reasons.Broker.ACH_RELATIONSHIP_EXISTS,
            f"account {account_id} already has an ACH relationship ({live.relationship_id if live else ''}); "
            "delete it first")
    row = AchRelationshipRow(relationship_id=new_id(session, AchRelationshipRow, "ach-relationship"),
                             account_id=account_id, account_owner_name=owner_name, bank_account_type=account_type,
                             bank_account_number=account_number, bank_routing_number=routing_number,
                             nickname=_text(nickname, "nickname", required=False), created_at=now)
    session.add(row)
    emit(session, now, ev.AchRelationshipCreated(relationship_id=row.relationship_id, account_id=account_id))
    session.flush()
    return row


def relationship(session: Session, account_id: str, relationship_id: str) -> AchRelationshipRow:
    row = session.get(AchRelationshipRow, relationship_id)
    if row is None or row.account_id != account_id:
        raise DomainError(Common.NOT_FOUND, f"no ACH relationship {relationship_id!r} on this account")
    return row


def relationships(session: Session, now: datetime, account_id: str,
                  statuses: tuple[str, ...] = ("QUEUED", "APPROVED")) -> list[AchRelationshipRow]:
    """The account's relationships in these statuses (live ones unless asked), newest first."""
    unknown = sorted(set(statuses) - set(RELATIONSHIP_STATUSES))
    require(not unknown, Common.INVALID_ARGUMENT, f"unknown ACH relationship statuses {', '.join(unknown)}; they are "
            f"{', '.join(RELATIONSHIP_STATUSES)}")
    rows = session.exec(select(AchRelationshipRow).where(AchRelationshipRow.account_id == account_id)
                        .order_by(col(AchRelationshipRow.created_at).desc()).limit(MAX_LIST))
    return [r for r in rows if relationship_status(r, now) in statuses]


def cancel_relationship(session: Session, now: datetime, account_id: str, relationship_id: str) -> AchRelationshipRow:
    row = relationship(session, account_id, relationship_id)
    require(row.canceled_at is None, reasons.Broker.ACH_RELATIONSHIP_CANCELED,
            f"ACH relationship {relationship_id} is canceled")
    row.canceled_at = now
    session.add(row)
    emit(session, now, ev.AchRelationshipCanceled(relationship_id=relationship_id, account_id=account_id))
    return row


BANK_CODE_TYPES = ("ABA", "BIC")
BANK_STATUSES = ("ACTIVE", "INACTIVE")   # how a list asks: live banks, or canceled ones
INTERNATIONAL = ("country", "state_province", "postal_code", "city", "street_address")


def bank_status(row: RecipientBankRow) -> str:
    """A bank's status as Alpaca names it: APPROVED at once (as an ACH relationship), CANCELED once deleted."""
    return "CANCELED" if row.canceled_at is not None else "APPROVED"


def create_bank(session: Session, now: datetime, account_id: str, *, name: str, bank_code_type: str,
                bank_code: str, account_number: str, address: dict[str, str] | None = None) -> RecipientBankRow:
    """Keep a bank the customer's money may be wired to. A domestic bank is named by its 9-digit ABA
    routing number, an international one by its BIC (8 or 11 letters and digits) and its address.
    The ABA check digit is not required here, unlike an ACH relationship's: no money moves to a
    recipient bank in the sandbox (wires are not served), and Alpaca's own example ("123456789")
    fails it."""
    _open_account(session, account_id)
    name = _text(name, "name")
    require(bank_code_type in BANK_CODE_TYPES, Common.INVALID_ARGUMENT,
            f"bank_code_type must be ABA or BIC, got {bank_code_type!r}")
    if bank_code_type == "ABA":
        require(len(bank_code) == 9 and bank_code.isdigit(), Common.INVALID_ARGUMENT,
                f"an ABA bank_code is a 9-digit routing number, got {bank_code!r}")
    else:
        require(len(bank_code) in (8, 11) and bank_code.isalnum(), Common.INVALID_ARGUMENT,
                f"a BIC bank_code is 8 or 11 letters and digits, got {bank_code!r}")
    require(bank_account_number_ok(account_number), Common.INVALID_ARGUMENT,
            f"account_number must be 4 to 17 digits (perhaps ending in letters), got {account_number!r}")
    given = {k: _text((address or {}).get(k, ""), k, required=bank_code_type == "BIC") for k in INTERNATIONAL}
    row = RecipientBankRow(bank_id=new_id(session, RecipientBankRow, "recipient-bank"), account_id=account_id,
                           name=name, bank_code=bank_code.upper(), bank_code_type=bank_code_type,
                           account_number=account_number, created_at=now)
    for key, value in given.items():
        setattr(row, key, value)
    session.add(row)
    emit(session, now, ev.RecipientBankCreated(bank_id=row.bank_id, account_id=account_id))
    session.flush()
    return row


def banks(session: Session, account_id: str, status: str = "ACTIVE", name: str = "") -> list[RecipientBankRow]:
    """The account's banks, live ones (ACTIVE) or canceled ones (INACTIVE), newest first."""
    require(status in BANK_STATUSES, Common.INVALID_ARGUMENT, f"status must be ACTIVE or INACTIVE, got {status!r}")
    rows = session.exec(select(RecipientBankRow).where(RecipientBankRow.account_id == account_id)
                        .order_by(col(RecipientBankRow.created_at).desc()).limit(MAX_LIST))
    return [r for r in rows if (r.canceled_at is None) == (status == "ACTIVE") and name in ("", r.name)]


def cancel_bank(session: Session, now: datetime, account_id: str, bank_id: str) -> RecipientBankRow:
    row = session.get(RecipientBankRow, bank_id)
    if row is None or row.account_id != account_id or row.canceled_at is not None:
        raise DomainError(Common.NOT_FOUND, f"no bank {bank_id!r} on this account")
    row.canceled_at = now
    session.add(row)
    emit(session, now, ev.RecipientBankCanceled(bank_id=bank_id, account_id=account_id))
    return row


def withdrawable(session: Session, prices: orders.Prices, account_id: str, now: datetime) -> Decimal:
    """Settled cash no open buy holds back: what may leave the account (by ACH or a cash journal)."""
    return orders.cash_power(session, prices, account_id, now)


def create_transfer(session: Session, now: datetime, prices: orders.Prices, *, account_id: str,
                    relationship_id: str, direction: str, raw_amount: RawAmount) -> TransferRow:
    """An ACH transfer over an APPROVED relationship, completed at once (see the module's docstring).
    `prices` holds the account's open buys' symbols, read before the unit of work (OUTGOING only)."""
    _open_account(session, account_id)
    require(direction in DIRECTIONS, Common.INVALID_ARGUMENT,
            f"direction must be INCOMING or OUTGOING, got {direction!r}")
    amount = usd(raw_amount)
    link = relationship(session, account_id, relationship_id)
    status = relationship_status(link, now)
    require(status == "APPROVED", reasons.Broker.ACH_RELATIONSHIP_NOT_APPROVED,
            f"ACH relationship {relationship_id} is {status}; transfers need an APPROVED one")
    if direction == "OUTGOING":
        free = withdrawable(session, prices, account_id, now)
        require(amount <= free, Common.INSUFFICIENT_FUNDS,
                f"withdrawing {amount} USD needs withdrawable cash; account {account_id} has {max(free, Decimal(0))} "
                "USD withdrawable (settled cash not held for open buy orders)", account_id=account_id)
    row = TransferRow(transfer_id=new_id(session, TransferRow, "transfer"), account_id=account_id,
                      relationship_id=relationship_id, direction=direction, amount=amount, created_at=now,
                      updated_at=now)
    session.add(row)
    emit(session, now, ev.TransferQueued(transfer_id=row.transfer_id, account_id=account_id, direction=direction,
                                         amount=to_pb(amount)))
    complete(session, now, row)
    return row


def complete(session: Session, now: datetime, row: TransferRow) -> None:
    """Move the cash: the banks (ACH) to the account's settled cash, or back."""
    require(row.status == "QUEUED", reasons.Broker.TRANSFER_NOT_QUEUED, f"transfer {row.transfer_id} is {row.status}")
    cash = accounts.cash(row.account_id)
    source, destination = (ACH, cash) if row.direction == "INCOMING" else (cash, ACH)
    Ledger(session).transfer(source, destination, "USD", row.amount, at=now, transfer_id=f"ach:{row.transfer_id}")
    row.status, row.updated_at, row.completed_at = "COMPLETE", now, now
    session.add(row)
    emit(session, now, ev.TransferCompleted(transfer_id=row.transfer_id, account_id=row.account_id,
                                            direction=row.direction, amount=to_pb(row.amount)))
    session.flush()
    if row.direction == "INCOMING":
        credit.repay(session, now, row.account_id, f"ach:{row.transfer_id}")   # repays what is drawn first


def transfer(session: Session, account_id: str, transfer_id: str) -> TransferRow:
    row = session.get(TransferRow, transfer_id)
    if row is None or row.account_id != account_id:
        raise DomainError(Common.NOT_FOUND, f"no transfer {transfer_id!r} on this account")
    return row


def cancel_transfer(session: Session, now: datetime, account_id: str, transfer_id: str) -> TransferRow:
    """Cancel a transfer whose money has not moved yet (QUEUED)."""
    row = transfer(session, account_id, transfer_id)
    require(row.status == "QUEUED", reasons.Broker.TRANSFER_NOT_CANCELABLE,
            f"transfer {transfer_id} is {row.status}: only a QUEUED transfer can be canceled (the sandbox "
            "completes ACH at once)")
    row.status, row.updated_at = "CANCELED", now
    session.add(row)
    emit(session, now, ev.TransferCanceled(transfer_id=transfer_id, account_id=account_id))
    return row


def transfers(session: Session, account_id: str, direction: str = "", limit: int = MAX_LIST,
              offset: int = 0) -> list[TransferRow]:
    """The account's transfers, newest first."""
    require(direction in ("", *DIRECTIONS), Common.INVALID_ARGUMENT,
            f"direction must be INCOMING or OUTGOING, got {direction!r}")
    require(1 <= limit <= MAX_LIST and offset >= 0, Common.INVALID_ARGUMENT,
            f"limit is 1..{MAX_LIST} and offset at least 0, got {limit} and {offset}")
    query = select(TransferRow).where(TransferRow.account_id == account_id)
    if direction:
        query = query.where(TransferRow.direction == direction)
    return list(session.exec(query.order_by(col(TransferRow.created_at).desc(), col(TransferRow.transfer_id))
                             .offset(offset).limit(limit)))
