"""Fills reach the depository after their unit of work commits, never inside it.

A fill commits with `reported = False`; then its street trade (whole shares; none when the fill
was served from the broker's fractional inventory) is submitted to the depository (keyed
`fill:<order_id>`, so a repeat is applied once) and marked reported. A depository that is down
leaves the fill unreported: the next order, job or the background pass reports it.
"""
from __future__ import annotations

import logging

from fivelayer.broker import orders
from fivelayer.broker.models import OrderRow
from fivelayer.broker.orders import Venue
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.retry import is_transient

log = logging.getLogger(__name__)
BATCH = 200  # fills reported per pass


def report_fills(db: Database, venue: Venue, limit: int = BATCH) -> int:
    """Report unreported fills, oldest first, in one batch (keyed, so a repeat is applied once);
    a depository that cannot take them now leaves them for the next pass."""
    with db.read() as session:
        pending = orders.unreported_fills(session, limit)
    if not pending:
        return 0
    street = [order for order in pending if order.street_quantity > 0]  # a fill served from inventory sends nothing
    try:
        if street:
            venue.report_fills(street)
    except DomainError as error:
        if not is_transient(error):
            raise
        log.warning("depository unreachable; %d fills wait to be reported (%s)", len(pending), error)
        return 0
    with db.transaction() as session:
        for order in pending:
            row = session.get(OrderRow, order.order_id)
            assert row is not None
            row.reported = True
            session.add(row)
    return len(pending)


def report_all(db: Database, venue: Venue) -> int:
    """Report every unreported fill (batch after batch), so a job's fills reach the depository
    before the next job runs: the settlement run must see the day's trades."""
    with db.read() as session:
        waiting = orders.count_unreported(session)
    reported = 0
    for _ in range(waiting // BATCH + 1):  # bounded: each pass reports a batch or stops
        done = report_fills(db, venue)
        reported += done
        if done < BATCH:
            break
    return reported
