"""Fills reach the depository after their unit of work commits, never inside it.

A fill commits with `reported = False`; then its trade is submitted to the depository (keyed
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
    """Report unreported fills, oldest first; stop at the first the depository cannot take now."""
    with db.read() as session:
        pending = orders.unreported_fills(session, limit)
    reported = 0
    for order in pending:
        try:
            venue.report_fill(order)
        except DomainError as error:
            if not is_transient(error):
                raise
            log.warning("depository unreachable; %d fills wait to be reported (%s)", len(pending) - reported, error)
            break
        with db.transaction() as session:
            row = session.get(OrderRow, order.order_id)
            assert row is not None
            row.reported = True
            session.add(row)
        reported += 1
    return reported
