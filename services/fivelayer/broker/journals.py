"""Journals: cash (JNLC) or settled shares (JNLS) moved between two accounts of the broker, and
each correspondent's firm (sweep) account.

A journal is a book entry inside the broker (no bank, no market, no DTC movement), so it
executes at once (EXECUTED) or is refused whole; a refusal for want of cash or shares
is kept as a REJECTED journal (`reject`). JNLC draws only on withdrawable cash: settled cash no
open buy holds back. JNLS moves only settled shares no open sell holds back: shares bought and
not yet settled (T+1) become the account's to journal when the depository settles them.
Through the Broker API a partner journals only between its own accounts; the broker itself (in-
kind tokenization) journals between any two.

The firm account: each correspondent the broker is started with gets one account of kind
"firm" (`ensure_firm_account`), opened by the broker with the partner as its correspondent and
funded in the sandbox with 1,000,000 USD by a wire in at opening: the partner's own money, which
it journals to its customers (instant funding, rewards) and sweeps back. As at Alpaca it is a
separate account id given to the partner: on the face it is one of the partner's accounts, the
one `GET /v1/accounts?query=firm` finds.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from fivelayer.broker import accounts, funding, orders, reasons
from fivelayer.broker.models import AccountRow, AccountStatus, JournalRow, JournalStatus, OrderRow
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import SHARE_PLACES, ZERO, RawAmount, parse_amount, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common, Cutoff
from fivelayer.kernel.reference import LISTINGS
from fivelayer.v1 import events_pb2 as ev

IDS = uuid.UUID("9b0e6f0a-57a4-4c1e-8f43-0d1c2a6b7e55")  # journal ids: uuid5 of a count
ENTRY_TYPES = ("JNLC", "JNLS")
FIRM = accounts.FIRM
FIRM_FUNDING = Decimal(1_000_000)
MAX_LIST = 1000
MAX_DESCRIPTION = 200   # characters
REJECTIONS = ("INSUFFICIENT_FUNDS", reasons.Broker.INSUFFICIENT_POSITION)  # refusals kept as rejected journals


class Unpriced:
    """Prices for a journal asked without them: an open order whose hold needs today's price
    (a market buy's cash, a notional sell's shares) is a caller's mistake, named plainly."""

    def price(self, symbol: str, at: datetime) -> tuple[Decimal, bool]:
        raise DomainError(reasons.Broker.PRICES_NEEDED,
                          f"an open {symbol} order holds back an amount that needs today's price; "
                          "pass the journal the prices of the account's open orders")


def _new_id(session: Session) -> str:
    count = session.exec(select(func.count()).select_from(JournalRow)).one()
    return str(uuid.uuid5(IDS, f"journal:{count + 1}"))


def _active(session: Session, account_id: str, side: str) -> AccountRow:
    row = accounts.get(session, account_id)
    require(row.status == AccountStatus.ACTIVE, Cutoff.ACCOUNT_FROZEN,
            f"the {side} account {account_id} is {row.status}: {row.status_reason}", account_id=account_id)
    return row


def _shares_free(session: Session, prices: orders.Prices, account_id: str, symbol: str,
                 now: datetime) -> tuple[Decimal, Decimal]:
    """(journalable, unsettled): settled shares no open sell holds back, and shares bought, not yet settled.
    An open sell is covered by settled shares first only where the unsettled ones fall short."""
    ledger = Ledger(session)
    settled = ledger.balance(orders.shares(account_id), symbol)
    unsettled = ledger.balance(orders.shares(account_id, "receivable"), symbol)
    sells = session.exec(select(OrderRow).where(OrderRow.account_id == account_id, OrderRow.symbol == symbol,
                                                OrderRow.side == "sell", col(OrderRow.status).in_(orders.OPEN)))
    held = sum((o.quantity if o.notional is None else orders.shares_held_back(o, prices.price(symbol, now)[0])
                for o in sells), ZERO)
    return max(min(settled, settled + unsettled - held), ZERO), unsettled


def _check_cash(session: Session, prices: orders.Prices, from_account: str, amount: Decimal, now: datetime) -> None:
    free = funding.withdrawable(session, prices, from_account, now)
    require(amount <= free, Common.INSUFFICIENT_FUNDS,
            f"journaling {amount} USD needs withdrawable cash; account {from_account} has {max(free, ZERO)} USD "
            "withdrawable (settled cash not held for open buy orders)", account_id=from_account)


def _check_shares(session: Session, prices: orders.Prices, from_account: str, symbol: str, qty: Decimal,
                  now: datetime) -> None:
    free, unsettled = _shares_free(session, prices, from_account, symbol, now)
    if qty <= free:
        return
    waiting = f"; {unsettled} more are bought and not yet settled (T+1)" if unsettled > 0 else ""
    raise DomainError(reasons.Broker.INSUFFICIENT_POSITION,
                      f"journaling {qty} {symbol} needs settled shares: only settled shares can be journaled, and "
                      f"account {from_account} has {free} settled {symbol} free of open sells{waiting}",
                      account_id=from_account, symbol=symbol)


def _terms(entry_type: str, amount: RawAmount | None, symbol: str,
           qty: RawAmount | None) -> tuple[Decimal, str, Decimal]:
    """(amount, symbol, qty) of a journal, checked: a JNLC moves cash only, a JNLS shares only."""
    require(entry_type in ENTRY_TYPES, Common.INVALID_ARGUMENT, f"entry_type must be JNLC or JNLS, got {entry_type!r}")
    if entry_type == "JNLC":
        require(not symbol and qty is None, Common.INVALID_ARGUMENT,
                "a cash journal (JNLC) takes an amount, not symbol/qty")
        require(amount is not None, Common.INVALID_AMOUNT, "a cash journal (JNLC) needs an amount")
        return funding.usd(amount if amount is not None else ""), "", ZERO
    require(amount is None, Common.INVALID_ARGUMENT, "a securities journal (JNLS) takes symbol and qty, not an amount")
    require(symbol in LISTINGS, Common.UNKNOWN_SYMBOL,
            f"no asset {symbol!r}; the sandbox lists {', '.join(sorted(LISTINGS))}", symbol=symbol)
    require(qty is not None, Common.INVALID_AMOUNT, "a securities journal (JNLS) needs a qty")
    return ZERO, symbol, parse_amount(qty if qty is not None else "", "qty", SHARE_PLACES)


def _accounts(session: Session, from_account: str, to_account: str, partner: str) -> None:
    require(from_account != to_account, Common.INVALID_ARGUMENT, "a journal moves between two different accounts")
    sides = (_active(session, from_account, "from"), _active(session, to_account, "to"))
    if partner:
        strangers = [row.account_id for row in sides if row.correspondent != partner]
        require(not strangers, reasons.Broker.PERMISSION_DENIED,
                f"a partner journals only between its own accounts; {', '.join(strangers)} is not yours")


def execute(session: Session, now: datetime, *, entry_type: str, from_account: str, to_account: str,
            amount: RawAmount | None = None, symbol: str = "", qty: RawAmount | None = None,
            description: str = "", partner: str = "", prices: orders.Prices | None = None) -> JournalRow:
    """Journal cash or settled shares from one account to another, at once, or refuse it whole.

    `partner`: the correspondent asking (both accounts must be its own); empty when the broker
    itself journals. `prices`: today's prices of the from-account's open orders, read before the
    unit of work; needed only when one of them holds back an amount by price."""
    value, symbol, shares = _terms(entry_type, amount, symbol, qty)
    require(len(description) <= MAX_DESCRIPTION, Common.INVALID_ARGUMENT,
            f"a journal's description is at most {MAX_DESCRIPTION} characters")
    _accounts(session, from_account, to_account, partner)
    book = prices if prices is not None else Unpriced()
    row = JournalRow(journal_id=_new_id(session), entry_type=entry_type, from_account=from_account,
                     to_account=to_account, amount=value, symbol=symbol, qty=shares,
                     description=description.strip(), created_at=now, updated_at=now)
    ledger = Ledger(session)
    tid = f"journal:{row.journal_id}"
    if entry_type == "JNLC":
        _check_cash(session, book, from_account, value, now)
        ledger.transfer(accounts.cash(from_account), accounts.cash(to_account), "USD", value, at=now, transfer_id=tid)
    else:
        _check_shares(session, book, from_account, symbol, shares, now)
        ledger.transfer(orders.shares(from_account), orders.shares(to_account), symbol, shares, at=now,
                        transfer_id=tid)
    row.status, row.executed_at = JournalStatus.EXECUTED, now
    session.add(row)
    emit(session, now, ev.JournalExecuted(journal_id=row.journal_id, entry_type=entry_type, from_account=from_account,
                                          to_account=to_account, amount=to_pb(value), symbol=symbol, qty=to_pb(shares)))
    session.flush()
    return row


def reject(session: Session, now: datetime, refusal: DomainError, *, entry_type: str, from_account: str,
           to_account: str, amount: RawAmount | None = None, symbol: str = "", qty: RawAmount | None = None,
           description: str = "") -> JournalRow | None:
    """Keep a journal refused for want of cash or shares as "rejected" (its own unit of work, after
    the refused one rolled back); other refusals (bad input, another's account) leave no record."""
    if refusal.reason not in REJECTIONS:
        return None
    value, symbol, shares = _terms(entry_type, amount, symbol, qty)
    row = JournalRow(journal_id=_new_id(session), entry_type=entry_type, from_account=from_account,
                     to_account=to_account, amount=value, symbol=symbol, qty=shares, status=JournalStatus.REJECTED,
                     reason=refusal.message, description=description.strip()[:MAX_DESCRIPTION],
                     created_at=now, updated_at=now)
    session.add(row)
    emit(session, now, ev.JournalRejected(journal_id=row.journal_id, from_account=from_account,
                                          to_account=to_account, reason=refusal.reason))
    session.flush()
    return row


def get(session: Session, journal_id: str) -> JournalRow:
    row = session.get(JournalRow, journal_id)
    if row is None:
        raise DomainError(Common.NOT_FOUND, f"no journal {journal_id!r}")
    return row


def cancel(session: Session, now: datetime, row: JournalRow) -> JournalRow:
    """Cancel a journal not yet executed; an executed one is undone only by a journal back."""
    require(row.status == JournalStatus.PENDING, reasons.Broker.JOURNAL_NOT_CANCELABLE,
            f"journal {row.journal_id} is {row.status}: only a pending journal can be canceled "
            "(journals execute at once; journal it back instead)")
    row.status, row.updated_at = JournalStatus.CANCELED, now
    session.add(row)
    emit(session, now, ev.JournalCanceled(journal_id=row.journal_id, from_account=row.from_account,
                                          to_account=row.to_account))
    return row


def listed(session: Session, partner: str, *, after: date | None = None, before: date | None = None,
           status: JournalStatus | None = None, entry_type: str = "", from_account: str = "", to_account: str = "",
           limit: int = MAX_LIST) -> list[JournalRow]:
    """Journals touching the partner's accounts, newest first (of one status, if given); `after` and
    `before` are creation days in New York, both inclusive."""
    require(entry_type in ("", *ENTRY_TYPES), Common.INVALID_ARGUMENT,
            f"entry_type is JNLC or JNLS, got {entry_type!r}")
    own = select(AccountRow.account_id).where(AccountRow.correspondent == partner)
    query = select(JournalRow).where(or_(col(JournalRow.from_account).in_(own), col(JournalRow.to_account).in_(own)))
    if after is not None:
        query = query.where(JournalRow.created_at >= day_start(after))
    if before is not None:
        query = query.where(JournalRow.created_at < day_start(date.fromordinal(before.toordinal() + 1)))
    if status is not None:
        query = query.where(JournalRow.status == status)
    for column, value in ((JournalRow.entry_type, entry_type),
                          (JournalRow.from_account, from_account), (JournalRow.to_account, to_account)):
        if value:
            query = query.where(column == value)
    return list(session.exec(query.order_by(col(JournalRow.created_at).desc(), col(JournalRow.journal_id))
                             .limit(min(limit, MAX_LIST))))


def day_start(day: date) -> datetime:
    """Midnight in New York, the start of a business day."""
    return datetime(day.year, day.month, day.day, tzinfo=calendar.NEW_YORK)


def firm_account(session: Session, partner: str) -> AccountRow | None:
    return session.exec(select(AccountRow).where(AccountRow.correspondent == partner, AccountRow.kind == FIRM)
                        .order_by(col(AccountRow.account_id))).first()


def ensure_firm_account(session: Session, now: datetime, seed: int, partner: str, partner_name: str,
                        face_id: Callable[[str], str] = accounts.external_id) -> AccountRow:
    """The partner's firm (sweep) account: opened once, with its 1,000,000 USD wired in."""
    existing = firm_account(session, partner)
    if existing is not None:
        return existing
    row, _key = accounts.open_account(session, now, seed, f"{partner_name} firm account", FIRM, kinds=(FIRM,))
    row.correspondent, row.external_id = partner, face_id(row.account_id)
    # Its application names it, so a partner finds it on the face: GET /v1/accounts?query=firm.
    row.application = json.dumps({"identity": {"given_name": partner_name, "family_name": "firm account",
                                               "country_of_tax_residence": "USA"}}, sort_keys=True)
    session.add(row)
    accounts.fund(session, now, row.account_id, FIRM_FUNDING)
    emit(session, now, ev.FirmAccountOpened(account_id=row.account_id, correspondent=partner,
                                            funded=to_pb(FIRM_FUNDING)))
    return row
