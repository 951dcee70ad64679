"""The broker's failure on its books: recorded once, valued at the failure instant's prices
(`liquidation` does the arithmetic), and from then on every change refused (BROKER_FAILED).

The guard sits at the broker's two doors, not in each handler: `service.BrokerServicer` wraps every
rpc whose request carries a request_id (every mutating one: the DESIGN rule that each mutating call
is idempotent by a client key) except FailBroker itself, and the Broker API face refuses any call that
is not a GET in its one authentication dependency (`api.common.partner`). The broker's jobs stop too
(`jobs.broker_jobs`): no fill, allocation or interest after the trustee takes over; only the settlement
of trades made before the failure goes on (NSCC guarantees them). Reads keep working.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from google.protobuf.message import Message
from sqlmodel import Session, col, select

from fivelayer.broker import accounts, liquidation, orders
from fivelayer.broker.models import AccountRow, CustomerRecoveryRow, LiquidationRow, OrderRow
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.idempotency import IdempotencyKey
from fivelayer.kernel.ledger import Ledger
from fivelayer.kernel.money import USD_PLACES, ZERO, RawAmount, is_given, parse_decimal, round_down, to_pb
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.reasons import Common, Cutoff
from fivelayer.kernel.timeutil import to_ts, utc
from fivelayer.v1 import events_pb2 as ev

MAX_PAGE = 1000
DEFAULT_PAGE = 100


def state(session: Session) -> LiquidationRow | None:
    return session.get(LiquidationRow, 1)


def refusal(row: LiquidationRow) -> DomainError:
    return DomainError(Cutoff.BROKER_FAILED,
                       f"the broker is in SIPC liquidation since {utc(row.failed_at).isoformat()} ({row.reason}): "
                       "it takes no order, transfer or other change; reads still work, and the trustee's "
                       "figures are in GetLiquidation", failed_at=utc(row.failed_at).isoformat())


def check_open(db: Database) -> None:
    """Refuse a change once the broker has failed (a cheap read of one row)."""
    with db.read() as session:
        row = state(session)
    if row is not None:
        raise refusal(row)


def applied(db: Database, method: str, request: Message) -> bool:
    """Whether this request (method and request_id) was applied before: its replay is no new change."""
    request_id = getattr(request, "request_id", "")
    if not request_id:
        return False
    with db.read() as session:
        return session.get(IdempotencyKey, f"{method}:{request_id}") is not None


def held_symbols(session: Session) -> set[str]:
    """Every symbol any customer holds (settled or not): what the failure must price."""
    symbols: set[str] = set()
    for (_, asset), _amount in Ledger(session).balances("cust:").items():
        if asset != "USD":
            symbols.add(asset)
    return symbols


@dataclass(frozen=True)
class Holdings:
    """Some accounts' shares (settled and not, per symbol; none held: left out) and cash, together."""

    shares: Mapping[str, Decimal]
    cash: Decimal

    def value(self, prices: orders.Prices, at: datetime) -> Decimal:
        """The shares at `prices` (priced beforehand), unrounded."""
        return sum((qty * prices.price(symbol, at)[0] for symbol, qty in sorted(self.shares.items())), ZERO)


def holdings(session: Session, account_ids: Iterable[str]) -> Holdings:
    """What these accounts hold together: SIPC counts a customer's accounts as one (`GetSipc`, `books`)."""
    shares: dict[str, Decimal] = {}
    cash = ZERO
    for account_id in account_ids:
        for symbol, settled, unsettled in orders.positions(session, account_id):
            shares[symbol] = shares.get(symbol, ZERO) + settled + unsettled
        settled_cash, unsettled_cash = orders.cash_view(session, account_id)
        cash += settled_cash + unsettled_cash
    return Holdings({symbol: qty for symbol, qty in shares.items() if qty}, cash)


def books(session: Session, prices: orders.Prices, at: datetime) -> list[liquidation.CustomerBook]:
    """Every customer's net equity parts at `at` (priced beforehand), by customer id: a customer's
    accounts are summed into one book, so SIPC's limits apply once per customer, not per account."""
    customers: dict[str, list[AccountRow]] = {}
    for account in session.exec(select(AccountRow).order_by(AccountRow.account_id)):
        customers.setdefault(accounts.customer_of(account), []).append(account)
    out = []
    for customer_id, rows in sorted(customers.items()):
        held = holdings(session, [r.account_id for r in rows])
        first = next((r for r in rows if r.account_id == customer_id), rows[0])
        out.append(liquidation.CustomerBook(customer_id, first.name, round_down(held.value(prices, at), USD_PLACES),
                                            held.cash, tuple(r.account_id for r in rows)))
    return out


def fail(session: Session, prices: orders.Prices, at: datetime, request_id: str, reason: str,
         raw_shortfall: RawAmount) -> LiquidationRow:
    """Mark the broker failed at `at` and record the trustee's sharing of customer property; open
    orders are canceled (no fill after the failure). A second failure is refused."""
    existing = state(session)
    if existing is not None:
        raise DomainError(Cutoff.BROKER_FAILED, f"the broker already failed at "
                          f"{utc(existing.failed_at).isoformat()} (request {existing.request_id!r}): it fails once",
                          failed_at=utc(existing.failed_at).isoformat())
    shortfall = parse_decimal(raw_shortfall, "shortfall") if is_given(raw_shortfall) else ZERO   # unset: none missing
    require(ZERO <= shortfall < 1, Common.INVALID_ARGUMENT,
            f"shortfall is the missing fraction of customer property, in [0, 1); got {shortfall}")
    outcome = liquidation.share(books(session, prices, at), shortfall)
    property_at, sipc_at = liquidation.timing(at)
    row = LiquidationRow(request_id=request_id, reason=reason.strip() or "the broker failed", failed_at=at,
                         shortfall=shortfall, customer_property=outcome.customer_property,
                         total_net_equity=outcome.total_net_equity, pro_rata_rate=outcome.rate,
                         sipc_advanced=outcome.sipc_advanced)
    session.add(row)
    for r in outcome.recoveries:
        session.add(CustomerRecoveryRow(
            account_id=r.book.account_id, name=r.book.name, account_ids=json.dumps(sorted(r.book.accounts)),
            securities=r.book.securities, cash=r.book.cash,
            net_equity=r.book.net_equity, from_property=r.from_property, sipc_securities=r.sipc_securities,
            sipc_cash=r.sipc_cash, recovered=r.recovered, loss=r.loss, property_at=property_at, sipc_at=sipc_at))
    canceled = 0
    for order in session.exec(select(OrderRow).where(col(OrderRow.status).in_(orders.OPEN))
                              .order_by(OrderRow.order_id)).all():
        orders.cancel(session, at, order, Cutoff.BROKER_FAILED)
        canceled += 1
    session.flush()
    emit(session, at, ev.BrokerFailed(
        reason=row.reason, shortfall=to_pb(shortfall), customer_property=to_pb(outcome.customer_property),
        total_net_equity=to_pb(outcome.total_net_equity), pro_rata_rate=to_pb(outcome.rate),
        sipc_advanced=to_pb(outcome.sipc_advanced), customers=len(outcome.recoveries), orders_canceled=canceled,
        property_at=to_ts(property_at), sipc_at=to_ts(sipc_at)))
    return row


def page(session: Session, limit: int, token: str) -> tuple[list[CustomerRecoveryRow], str]:
    """A page of customers by customer id, from `token` (the first customer id of the page)."""
    require(0 <= limit <= MAX_PAGE, Common.INVALID_ARGUMENT, f"limit is at most {MAX_PAGE}, got {limit}")
    size = limit or DEFAULT_PAGE
    query = select(CustomerRecoveryRow).order_by(CustomerRecoveryRow.account_id)
    if token:
        query = query.where(CustomerRecoveryRow.account_id >= token)
    rows = list(session.exec(query.limit(size + 1)))
    return rows[:size], (rows[size].account_id if len(rows) > size else "")
