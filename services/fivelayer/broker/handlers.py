"""The broker's service layer: the one sequence every change that needs prices goes through, for
the gRPC face (`service`), the Broker API face (`api`) and the jobs (`jobs`).

A price is a hop to the exchange's venue, and a hop never happens inside a unit of work (it would
hold the database's lock across the network). So a priced change is always: read what it will
need priced, price it, run the change in one short unit of work (applied once by its request id
when the face gives one), and, if it may have filled orders, report the fills to the depository
after the commit (`reporting`). Faces and jobs say what to price and what to change; this module
says in what order, once.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

from google.protobuf.message import Message
from sqlmodel import Session

from fivelayer.broker import orders
from fivelayer.broker.orders import PriceBook, Venue
from fivelayer.broker.reporting import report_all, report_fills
from fivelayer.kernel.db import Database
from fivelayer.kernel.idempotency import apply_once

T = TypeVar("T")
M = TypeVar("M", bound=Message)
Fills = Literal["none", "new", "all"]   # after the commit: report nothing, a batch of new fills, or every one


@dataclass(frozen=True)
class Handlers:
    db: Database
    venue: Venue

    def prices(self, at: datetime, symbols_of: Callable[[Session], Iterable[str]]) -> PriceBook:
        """The prices of what `symbols_of` reads (in a read of its own, which may also refuse), at `at`."""
        with self.db.read() as session:
            symbols = set(symbols_of(session))
        return orders.price_book(self.venue, symbols, at)

    def account_prices(self, at: datetime, account_id: str, *symbols: str, side: str = "") -> PriceBook:
        """Prices of `symbols` and of the account's waiting orders (of one side), which its buying
        power and withdrawable cash count."""
        return self.prices(at, lambda s: orders.waiting_symbols(s, account_id, side) | set(symbols))

    def report(self, fills: Fills) -> None:
        if fills == "new":
            report_fills(self.db, self.venue)
        elif fills == "all":
            report_all(self.db, self.venue)

    def change(self, prices: PriceBook, work: Callable[[Session, PriceBook], T], fills: Fills = "none") -> T:
        """One unit of work with prices read before it, then the fills it made reported."""
        with self.db.transaction() as session:
            done = work(session, prices)
        self.report(fills)
        return done

    def change_once(self, method: str, request: Message, prices: PriceBook,
                    work: Callable[[Session, PriceBook], M], fills: Fills = "none") -> M:
        """As `change`, applied once by the request's id (a repeat returns the first response)."""
        done = apply_once(self.db, method, request, lambda session: work(session, prices))
        self.report(fills)
        return done

    def work_open_orders(self, at: datetime) -> tuple[int, int]:
        """Fill or drop the open orders the market lets through at `at` (every account's), then
        report every fill, so a settlement run that follows sees the day's trades."""
        prices = self.prices(at, lambda s: orders.waiting_symbols(s))
        return self.change(prices, lambda s, p: orders.work_open_orders(s, p, at), fills="all")
