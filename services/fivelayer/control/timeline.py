"""The event timeline: every service's outbox, streamed to control by sequence number.

Control remembers the last seq it stored per service, so a restart of either side resumes
without loss or duplicates. The timeline is read in sandbox-time order (ties: the fixed service
order, then seq), which is the same for the same seed and inputs, and its digest is a SHA-256
over the canonical lines, so two runs can be compared byte for byte.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import cast

from sqlalchemy import case, func, not_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from fivelayer.control import ports
from fivelayer.control.marketdata import Dividend, Split
from fivelayer.control.models import TimelineRow
from fivelayer.kernel import events, paging
from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.config import SERVICES
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import require
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import from_ts, iso, to_ts
from fivelayer.v1 import common_pb2, events_pb2

log = logging.getLogger(__name__)

RANK = {name: i for i, name in enumerate(SERVICES)}   # ties in time: the fixed service order
ORDER = (col(TimelineRow.at), case(RANK, value=col(TimelineRow.service), else_=len(RANK)), col(TimelineRow.seq))


def position(row: TimelineRow) -> tuple[datetime, int, int]:
    """A row's place in the timeline: the key of ORDER."""
    return row.at, RANK.get(row.service, len(RANK)), row.seq


def canonical_line(row: TimelineRow) -> str:
    return f"{iso(row.at)} {row.service} {row.seq} {row.type} {row.payload}"


def digest(rows: Iterable[TimelineRow]) -> str:
    h = hashlib.sha256()
    for row in rows:
        h.update(canonical_line(row).encode())
        h.update(b"\n")
    return h.hexdigest()


class Timeline:
    def __init__(self, db: Database, clients: ports.Clients, local_service: str = "control") -> None:
        self.db = db
        self.clients = clients
        self.local_service = local_service
        self._lock = threading.Lock()
        self.on_sync: Callable[[], None] | None = None  # after new events arrive (market data learns of splits)
        self.failures = FailureLog("timeline sync", log)   # a service that cannot be read: logged once per cause

    def last_seq(self, service: str) -> int:
        with self.db.read() as session:
            return session.exec(select(func.max(TimelineRow.seq)).where(TimelineRow.service == service)).one() or 0

    def ingest(self, events: Iterable[common_pb2.Event]) -> int:
        count = 0
        with self.db.transaction() as session:
            for event in events:
                session.add(TimelineRow(service=event.service, seq=event.seq, at=from_ts(event.at),
                                        type=event.type, payload=event.payload_json))
                count += 1
        return count

    def sync(self, services: Iterable[str] = SERVICES) -> int:
        """Pull every service's new events; a service that cannot be read is skipped until next time,
        and its failure logged (once per cause, and when it recovers)."""
        total = 0
        with self._lock:
            for service in services:
                try:
                    stream = self.clients.events(service).Subscribe(
                        common_pb2.SubscribeRequest(after_seq=self.last_seq(service), follow=False), timeout=30)
                    total += self.ingest(list(stream))
                except Exception as error:  # noqa: BLE001 - one service failing must not stop the others (logged)
                    self.failures.failed(error, service)
                else:
                    self.failures.succeeded(service)
        if total and self.on_sync is not None:
            self.on_sync()
        return total

    def announced(self) -> list[events_pb2.CaAnnounced]:
        """The corporate actions the depository has announced (its `ca.announced` events)."""
        with self.db.read() as session:
            rows = session.exec(select(TimelineRow).where(TimelineRow.service == "depository",
                                                          TimelineRow.type == "ca.announced"))
            return [cast(events_pb2.CaAnnounced, events.parse(row.service, row.type, row.payload)) for row in rows]

    def splits(self) -> list[Split]:
        """The stock splits the depository has announced."""
        return [Split(date.fromisoformat(a.effective_date), a.symbol, a.new_shares, a.old_shares)
                for a in self.announced() if a.kind == "split"]

    def dividends(self) -> list[Dividend]:
        """The cash dividends the depository has announced, by ex-date."""
        return [Dividend(date.fromisoformat(a.ex_date), a.symbol, from_pb(a.amount))
                for a in self.announced() if a.kind == "dividend" and a.ex_date]

    def _query(self, service: str) -> SelectOfScalar[TimelineRow]:
        query = select(TimelineRow)
        if service:
            require(service in SERVICES, Common.INVALID_ARGUMENT, f"unknown service {service!r}", field="service")
            query = query.where(TimelineRow.service == service)
        return query

    def rows(self, service: str = "") -> list[TimelineRow]:
        """The whole timeline (or one service's), in timeline order, as the database sorts it. For a
        drill's report of its own fresh sandbox; a client reads it page by page (`page`)."""
        with self.db.read() as session:
            return list(session.exec(self._query(service).order_by(*ORDER)))

    def digest(self, service: str = "") -> str:
        """The SHA-256 of the timeline's canonical lines, read from the database in order, a batch at a time."""
        with self.db.read() as session:
            return digest(session.exec(self._query(service).order_by(*ORDER).execution_options(yield_per=1000)))

    def page(self, service: str, token: str, limit: int, after: int = 0) -> tuple[list[tuple[int, TimelineRow]], str]:
        """One page of the timeline in (at, service, seq) order, each row with its timeline index (1 for the
        first event), and the next page's token ("" on the last page). The database sorts and limits;
        the first page may start after the index `after` instead of at a token."""
        require(after >= 0, Common.INVALID_ARGUMENT, f"after is a timeline index, 0 or more, got {after}",
                field="after")
        keys = [(ORDER[0], datetime), (ORDER[1], int), (ORDER[2], int)]
        with self.db.read() as session:
            query = self._query(service)
            start = paging.decode_token(token, [kind for _, kind in keys])
            if start is not None:      # the index of the token's row: how many rows come up to it
                skipped = session.exec(select(func.count()).select_from(
                    query.where(not_(paging.after(ORDER, start))).subquery())).one()
                query = query.where(paging.after(ORDER, start))
            elif after:
                skipped, query = after, query.offset(after)
            else:
                skipped = 0
            rows, following = paging.page(session, query, keys, "", limit, position)
        return [(skipped + i, row) for i, row in enumerate(rows, start=1)], following

    def after_id(self, after: int, limit: int) -> list[TimelineRow]:
        """Rows in the order they arrived (their id), after `after`: a position that a row arriving
        later never shifts, so a live follower (the dashboard's event stream) resumes from it exactly."""
        with self.db.read() as session:
            query = select(TimelineRow).where(col(TimelineRow.id) > after).order_by(col(TimelineRow.id)).limit(limit)
            return list(session.exec(query))

    def last_id(self) -> int:
        with self.db.read() as session:
            return session.exec(select(func.max(TimelineRow.id))).one() or 0

    @staticmethod
    def to_message(row: TimelineRow) -> common_pb2.Event:
        return events.with_body(common_pb2.Event(service=row.service, seq=row.seq, at=to_ts(row.at), type=row.type,
                                                 payload_json=row.payload))
