"""The activity feed of an account, as the Broker API's account activities: fills (FILL), cash and
share journals (JNLC, JNLS), cash deposits (CSD: ACH in, and the operator's wires in), cash
withdrawals (CSW: ACH out), and what corporate actions brought (`corporate_actions`): dividends
(DIV, the gross) with tax withheld from a foreign holder (DIVNRA, negative), splits (SPLIT: the
shares added or taken away) with cash in lieu (CIL), and meeting notices (MEM: a memo, no cash).

An activity's id is "<UTC time to the millisecond>::<uuid>", as Alpaca writes them, so ids sort
by time; activities of one millisecond (a paused sandbox clock makes many) sort by their uuid,
stably. A page holds the activities past its page token (the last id of the page before) in the
asked direction, newest first unless asked, at most 100.

Each kind of activity comes from one `Source`: a query over its rows and a function that turns
a row into activities; `page` orders and cuts what the sources found, a pure function. Adding a
kind (dividends, DIV) is one more Source in SOURCES.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, literal, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from fivelayer.broker import accounts
from fivelayer.broker.models import AccountRow, JournalRow, JournalStatus, NoticeRow, OrderRow, TransferRow
from fivelayer.kernel import calendar
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import LedgerPosting
from fivelayer.kernel.money import ZERO
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import utc

IDS = uuid.UUID("0f8d2b7c-3a61-4e59-b1d4-6c2e9f7a8b13")  # the uuid half of activity ids: uuid5 of what they record
MS = timedelta(milliseconds=1)
MAX_PAGE = 100


@dataclass(frozen=True)
class Activity:
    """One line of the feed. `fields` are the Broker API's fields of its kind, amounts as Decimals."""

    at: datetime
    key: str                 # what it records, unique in the feed: "fill:ord-000001", "journal:<id>:from", ...
    activity_type: str
    account_id: str          # the broker's account id ("acct-...")
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{stamp(self.at)}::{uuid.uuid5(IDS, self.key)}"


def stamp(at: datetime) -> str:
    at = utc(at)
    return at.strftime("%Y%m%d%H%M%S") + f"{at.microsecond // 1000:03d}"


def token_instant(token: str) -> datetime:
    """The millisecond a page token (an activity id) starts at."""
    head = token.split("::", 1)[0]
    try:
        if len(head) != 17 or not head.isdigit():
            raise ValueError(head)
        return datetime.strptime(head[:14], "%Y%m%d%H%M%S").replace(tzinfo=UTC) + int(head[14:]) * MS
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT,
                          f"page_token must be an activity id (<timestamp>::<uuid>), got {token!r}") from None


@dataclass(frozen=True)
class Window:
    """Which activities a page may hold: start <= at < end (either open), past `token` in the
    page's direction (newest first unless `ascending`), at most `size`."""

    start: datetime | None = None
    end: datetime | None = None
    ascending: bool = False
    token: str = ""
    size: int = MAX_PAGE

    def __post_init__(self) -> None:
        if not 1 <= self.size <= MAX_PAGE:
            raise DomainError(Common.INVALID_ARGUMENT, f"page_size is 1..{MAX_PAGE}, got {self.size}")
        if self.token:
            token_instant(self.token)

    def admits(self, activity: Activity) -> bool:
        if (self.start is not None and activity.at < self.start) or (self.end is not None and activity.at >= self.end):
            return False
        if self.token:
            return activity.id > self.token if self.ascending else activity.id < self.token
        return True


def page(activities: Iterable[Activity], window: Window, types: frozenset[str] = frozenset()) -> list[Activity]:
    """The page: the activities of these types (all if none) in the window, each once, in id order."""
    chosen = {a.key: a for a in activities if (not types or a.activity_type in types) and window.admits(a)}
    return sorted(chosen.values(), key=lambda a: a.id, reverse=not window.ascending)[:window.size]


@dataclass(frozen=True)
class Scope:
    """Whose activities: one account, or (no account named) every account of a partner."""

    partner: str
    account_id: str = ""

    def _own(self) -> SelectOfScalar[str]:
        return select(AccountRow.account_id).where(AccountRow.correspondent == self.partner)

    def where(self, column: Any) -> ColumnElement[bool]:
        return column == self.account_id if self.account_id else col(column).in_(self._own())

    def where_named(self, column: Any, prefix: str, suffix: str) -> ColumnElement[bool]:
        """`column` holds a name made of an account id (a ledger account, "cust:<id>:cash")."""
        if self.account_id:
            named: ColumnElement[bool] = column == f"{prefix}{self.account_id}{suffix}"
            return named
        names = select(literal(prefix) + col(AccountRow.account_id) + literal(suffix)) \
            .where(AccountRow.correspondent == self.partner)
        return col(column).in_(names)

    def owns(self, session: Session, account_id: str) -> bool:
        if self.account_id:
            return account_id == self.account_id
        row = session.get(AccountRow, account_id)
        return row is not None and row.correspondent == self.partner


@dataclass(frozen=True)
class Source:
    """One kind of row in the feed: the query of a scope's rows (of the types asked), the instant
    column that orders them, and the activities a row makes."""

    types: frozenset[str]
    instant: Any
    query: Callable[[Scope, frozenset[str]], Any]
    build: Callable[[Session, Scope, Any], list[Activity]]


def day_of(at: datetime) -> date:
    return utc(at).astimezone(calendar.NEW_YORK).date()


def non_trade(at: datetime, net_amount: Decimal, description: str, **extra: Any) -> dict[str, Any]:
    """The fields of a non-trade activity (NTA): the day it happened, its cash, what it was."""
    return {"date": day_of(at), "net_amount": net_amount, "description": description, "status": "executed", **extra}


def _fill_rows(scope: Scope, types: frozenset[str]) -> Any:
    return select(OrderRow).where(scope.where(OrderRow.account_id), OrderRow.filled_at != None)  # noqa: E711


def _fill(session: Session, scope: Scope, row: OrderRow) -> list[Activity]:
    assert row.filled_at is not None
    return [Activity(row.filled_at, f"fill:{row.order_id}", "FILL", row.account_id, {
        "transaction_time": row.filled_at, "type": "fill", "price": row.filled_avg_price, "qty": row.filled_quantity,
        "side": row.side, "symbol": row.symbol, "leaves_qty": ZERO, "cum_qty": row.filled_quantity,
        "order_id": row.external_id or accounts.external_id(row.order_id), "order_status": "filled"})]


def _journal_rows(scope: Scope, types: frozenset[str]) -> Any:
    return select(JournalRow).where(JournalRow.status == JournalStatus.EXECUTED, col(JournalRow.entry_type).in_(types),
                                    or_(scope.where(JournalRow.from_account), scope.where(JournalRow.to_account)))


def _journal(session: Session, scope: Scope, row: JournalRow) -> list[Activity]:
    """A journal is an activity of each side in scope: out of one account, into the other."""
    assert row.executed_at is not None
    out = []
    for side, account_id, sign in (("from", row.from_account, -1), ("to", row.to_account, 1)):
        if not scope.owns(session, account_id):
            continue
        extra = {"symbol": row.symbol, "qty": sign * row.qty} if row.entry_type == "JNLS" else {}
        out.append(Activity(row.executed_at, f"journal:{row.journal_id}:{side}", row.entry_type, account_id,
                            non_trade(row.executed_at, sign * row.amount, row.description, **extra)))
    return out


CASH_TYPES = {"CSD": "INCOMING", "CSW": "OUTGOING"}


def _transfer_rows(scope: Scope, types: frozenset[str]) -> Any:
    return select(TransferRow).where(TransferRow.status == "COMPLETE", scope.where(TransferRow.account_id),
                                     col(TransferRow.direction).in_([CASH_TYPES[t] for t in types]))


def _transfer(session: Session, scope: Scope, row: TransferRow) -> list[Activity]:
    assert row.completed_at is not None
    incoming = row.direction == "INCOMING"
    return [Activity(row.completed_at, f"transfer:{row.transfer_id}", "CSD" if incoming else "CSW", row.account_id,
                     non_trade(row.completed_at, row.amount if incoming else -row.amount,
                               "ACH deposit" if incoming else "ACH withdrawal"))]


def _wire_rows(scope: Scope, types: frozenset[str]) -> Any:
    """The credit legs of the operator's wires in (`accounts.fund`: "wire:<id>" into "cust:<id>:cash")."""
    return select(LedgerPosting).where(col(LedgerPosting.transfer_id).startswith("wire:"),
                                       scope.where_named(LedgerPosting.account, "cust:", ":cash"))


def _wire(session: Session, scope: Scope, row: LedgerPosting) -> list[Activity]:
    account_id = row.account.removeprefix("cust:").removesuffix(":cash")
    return [Activity(row.at, f"wire:{row.id}", "CSD", account_id, non_trade(row.at, row.amount, "wire in"))]


def _notice_rows(kind: str) -> Callable[[Scope, frozenset[str]], Any]:
    def rows(scope: Scope, types: frozenset[str]) -> Any:
        return select(NoticeRow).where(NoticeRow.kind == kind, scope.where(NoticeRow.account_id))
    return rows


def _dividend(session: Session, scope: Scope, row: NoticeRow) -> list[Activity]:
    """DIV: the gross dividend on the shares entitled at the record date; DIVNRA: the tax withheld (backup
    withholding too: alpaca-py has no activity type of its own for it)."""
    extra = {"symbol": row.symbol, "qty": row.shares, "per_share_amount": row.rate}
    out = [Activity(row.at, f"notice:{row.notice_id}:div", "DIV", row.account_id, non_trade(
        row.at, row.gross, f"Cash DIV @ {row.rate}, Pos QTY: {row.shares}, Rec Date: {row.record_date}, "
        f"Pay Date: {row.pay_date}", **extra))]
    if row.withheld > 0:
        out.append(Activity(row.at, f"notice:{row.notice_id}:nra", "DIVNRA", row.account_id, non_trade(
            row.at, -row.withheld, f"{'backup' if row.tax_status == 'undocumented_us' else 'NRA'} withheld at "
            f"{row.withholding_rate} on {row.gross} {row.symbol} dividend",
            **extra)))
    return out


def _split(session: Session, scope: Scope, row: NoticeRow) -> list[Activity]:
    """SPLIT: the shares the split added (or took away); CIL: cash in lieu of the part below 9 places."""
    out = [Activity(row.at, f"notice:{row.notice_id}:split", "SPLIT", row.account_id, non_trade(
        row.at, ZERO, f"{row.new_shares}:{row.old_shares} split of {row.symbol}: {row.shares} -> {row.shares_after}",
        symbol=row.symbol, qty=row.shares_after - row.shares))]
    if row.cash_in_lieu > 0:
        out.append(Activity(row.at, f"notice:{row.notice_id}:cil", "CIL", row.account_id, non_trade(
            row.at, row.cash_in_lieu, f"cash in lieu of fractional {row.symbol} after the "
            f"{row.new_shares}:{row.old_shares} split", symbol=row.symbol)))
    return out


def _meeting(session: Session, scope: Scope, row: NoticeRow) -> list[Activity]:
    """MEM: a memo that a meeting's proxy material is the holder's (no cash)."""
    return [Activity(row.at, f"notice:{row.notice_id}:meeting", "MEM", row.account_id, non_trade(
        row.at, ZERO, f"{row.symbol} meeting on {row.meeting_date} (record date {row.record_date}, "
        f"{row.shares} shares): proxy notice", symbol=row.symbol, qty=row.shares))]


SOURCES = (
    Source(frozenset({"FILL"}), OrderRow.filled_at, _fill_rows, _fill),
    Source(frozenset({"JNLC", "JNLS"}), JournalRow.executed_at, _journal_rows, _journal),
    Source(frozenset(CASH_TYPES), TransferRow.completed_at, _transfer_rows, _transfer),
    Source(frozenset({"CSD"}), LedgerPosting.at, _wire_rows, _wire),
    Source(frozenset({"DIV", "DIVNRA"}), NoticeRow.at, _notice_rows("dividend"), _dividend),
    Source(frozenset({"SPLIT", "CIL"}), NoticeRow.at, _notice_rows("split"), _split),
    Source(frozenset({"MEM"}), NoticeRow.at, _notice_rows("meeting"), _meeting),
)


def _candidates(session: Session, source: Source, scope: Scope, window: Window,
                types: frozenset[str]) -> list[Activity]:
    """Enough of a source's activities for the page: all of the token's millisecond (their order
    is by uuid), `size` rows past it, and all of the millisecond of the last of those."""
    query, instant = source.query(scope, types), source.instant
    if window.start is not None:
        query = query.where(instant >= window.start)
    if window.end is not None:
        query = query.where(instant < window.end)
    rows: list[Any] = []
    if window.token:
        mark = token_instant(window.token)
        rows += session.exec(query.where(instant >= mark, instant < mark + MS))
        query = query.where(instant >= mark + MS) if window.ascending else query.where(instant < mark)
    beyond = list(session.exec(query.order_by(col(instant).asc() if window.ascending else col(instant).desc())
                               .limit(window.size)))
    rows += beyond
    if len(beyond) == window.size:
        at = utc(getattr(beyond[-1], instant.key))
        edge = at.replace(microsecond=at.microsecond // 1000 * 1000)
        rows += session.exec(query.where(instant >= edge, instant < edge + MS))
    return [activity for row in rows for activity in source.build(session, scope, row)]


def feed(session: Session, scope: Scope, window: Window, types: frozenset[str] = frozenset()) -> list[Activity]:
    """One page of the scope's activities (of these types; all if none)."""
    found: list[Activity] = []
    for source in SOURCES:
        asked = source.types & types if types else source.types
        if asked:
            found += _candidates(session, source, scope, window, frozenset(asked))
    return page(found, window, types)
