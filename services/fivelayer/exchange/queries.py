"""What the exchange's face reads from its own books: the pages of its lists (`kernel.paging`) and an
order with where the broker holds it. Each is one query in the caller's unit of work; no remote call."""
from __future__ import annotations

from sqlmodel import Session, col, select

from fivelayer.exchange import custody, tokenized
from fivelayer.exchange.models import BrokerOrderRow, DepositRow, OrderRow, UserRow
from fivelayer.kernel.paging import page, page_by

OrderView = tuple[OrderRow, BrokerOrderRow | None]  # an order and, on the traditional route, its placement


def users(session: Session, token: str, limit: int) -> tuple[list[UserRow], str]:
    """A page of the users, in id order."""
    return page_by(session, select(UserRow), col(UserRow.user_id), token, limit, lambda u: u.user_id)


def deposits(session: Session, user_id: str, token: str, limit: int) -> tuple[list[DepositRow], str]:
    """A page of the user's deposits, in the order they were seen."""
    custody.get_user(session, user_id)
    return page(session, select(DepositRow).where(DepositRow.user_id == user_id),
                [(col(DepositRow.number), int), (col(DepositRow.tx_hash), str), (col(DepositRow.log_index), int)],
                token, limit, lambda r: (r.number, r.tx_hash, r.log_index))


def order(session: Session, order_id: str) -> OrderView:
    found = tokenized.find(session, order_id)
    return found, session.get(BrokerOrderRow, found.order_id)


def orders(session: Session, user_id: str, token: str, limit: int) -> tuple[list[OrderView], str]:
    """A page of the user's orders, in id order, each with its placement at the broker (if any)."""
    custody.get_user(session, user_id)
    rows, following = page_by(session, select(OrderRow).where(OrderRow.user_id == user_id), col(OrderRow.order_id),
                              token, limit, lambda o: o.order_id)
    placed = {b.order_id: b for b in session.exec(select(BrokerOrderRow).where(
        col(BrokerOrderRow.order_id).in_([o.order_id for o in rows])))}
    return [(o, placed.get(o.order_id)) for o in rows], following
