"""The event timeline: every service's outbox, streamed to control by sequence number.

Control remembers the last seq it stored per service, so a restart of either side resumes
without loss or duplicates. The timeline is read in sandbox-time order (ties: the fixed service
order, then seq), which is the same for the same seed and inputs, and its digest is a SHA-256
over the canonical lines, so two runs can be compared byte for byte.
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable
from datetime import date
from typing import cast

from sqlalchemy import func
from sqlmodel import col, select

from fivelayer.control import ports
from fivelayer.control.marketdata import Dividend, Split
from fivelayer.control.models import TimelineRow
from fivelayer.kernel import events
from fivelayer.kernel.config import SERVICES
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.timeutil import from_ts, iso, to_ts
from fivelayer.v1 import common_pb2, events_pb2
from fivelayer.kernel.reasons import Common


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
        """Pull every service's new events; a service that is down is skipped until next time."""
        total = 0
        with self._lock:
            for service in services:
                try:
                    stream = self.clients.events(service).Subscribe(
                        common_pb2.SubscribeRequest(after_seq=self.last_seq(service), follow=False), timeout=30)
                    total += self.ingest(list(stream))
                except Exception:  # noqa: BLE001 - a service being down must not stop the others
                    continue
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

    def rows(self, service: str = "") -> list[TimelineRow]:
        order = {name: i for i, name in enumerate(SERVICES)}
        with self.db.read() as session:
            query = select(TimelineRow)
            if service:
                if service not in SERVICES:
                    raise DomainError(Common.INVALID_ARGUMENT, f"unknown service {service!r}")
                query = query.where(TimelineRow.service == service)
            rows = list(session.exec(query))
        return sorted(rows, key=lambda r: (r.at, order.get(r.service, 99), r.seq))

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
