"""The event outbox: every state change records its event in the same transaction.

Sequence numbers are gap-free per service (mutations are serialized), so a consumer that
remembers the last seq it saw resumes exactly where it stopped.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import grpc
from sqlalchemy import func
from sqlmodel import Field, Session, SQLModel, col, select

from fivelayer.kernel.db import Database, UTCDateTime
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.timeutil import iso, to_ts
from fivelayer.v1 import common_pb2, common_pb2_grpc


class OutboxEvent(SQLModel, table=True):
    __tablename__ = "outbox_event"
    seq: int = Field(primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
    type: str = Field(max_length=80)
    payload: str


def _default(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != 0 else "0"
    if isinstance(value, datetime):
        return iso(value)
    raise TypeError(f"cannot put {type(value).__name__} in an event")


def canonical_json(payload: dict[str, Any]) -> str:
    """Sorted keys, no spaces, decimals as text: byte-identical for identical facts."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), default=_default)


def record(session: Session, at: datetime, type_: str, /, **payload: Any) -> OutboxEvent:
    """Append an event inside the caller's transaction. The head is read once per unit of work
    (which holds the service's lock, so no other writer moves it) and counted on from there."""
    last = session.info.get("outbox_head")
    if last is None:
        last = session.exec(select(func.max(OutboxEvent.seq))).one() or 0
    event = OutboxEvent(seq=last + 1, at=at, type=type_, payload=canonical_json(payload))
    session.info["outbox_head"] = event.seq
    session.add(event)
    return event


def to_message(service: str, event: OutboxEvent) -> common_pb2.Event:
    return common_pb2.Event(service=service, seq=event.seq, at=to_ts(event.at), type=event.type,
                            payload_json=event.payload)


FOLLOW_SECONDS = 300       # a followed stream's length when the request states none (wall seconds)
MAX_FOLLOW_SECONDS = 3600  # and at most
BATCH = 500                # events read from the database at a time


def follow_seconds(requested: int) -> int:
    """How long a stream stays open: `max_seconds` of the request, 0 meaning FOLLOW_SECONDS."""
    require(0 <= requested <= MAX_FOLLOW_SECONDS, "INVALID_ARGUMENT",
            f"max_seconds is 0 (meaning {FOLLOW_SECONDS}) to {MAX_FOLLOW_SECONDS}, got {requested}",
            field="max_seconds")
    return requested or FOLLOW_SECONDS


class EventsServicer(common_pb2_grpc.EventsServicer):
    """Streams the outbox by sequence number. Without `follow` the stream ends at the head it found
    when it began; with `follow` it stays open for new events until `max_seconds` have passed (the
    consumer then subscribes again from the last seq it saw), or the consumer goes away."""

    POLL_SECONDS = 0.1

    def __init__(self, service: str, db: Database) -> None:
        self.service = service
        self.db = db

    def _after(self, seq: int, upto: int | None = None, limit: int = BATCH) -> list[OutboxEvent]:
        with self.db.read() as session:
            query = select(OutboxEvent).where(OutboxEvent.seq > seq)
            if upto is not None:
                query = query.where(OutboxEvent.seq <= upto)
            return list(session.exec(query.order_by(col(OutboxEvent.seq)).limit(limit)))

    def _head(self) -> int:
        with self.db.read() as session:
            return session.exec(select(func.max(OutboxEvent.seq))).one() or 0

    def Subscribe(self, request: common_pb2.SubscribeRequest,
                  context: grpc.ServicerContext) -> Iterator[common_pb2.Event]:
        try:
            deadline = time.monotonic() + follow_seconds(request.max_seconds)
        except DomainError as error:
            context.abort_with_status(error.to_status())
            return
        seq = request.after_seq
        upto = None if request.follow else self._head()
        while time.monotonic() < deadline:
            batch = self._after(seq, upto)
            for event in batch:
                seq = event.seq
                yield to_message(self.service, event)
            if batch:
                continue
            if not request.follow or not context.is_active():
                return
            time.sleep(self.POLL_SECONDS)

    def Head(self, request: common_pb2.Empty, context: grpc.ServicerContext) -> common_pb2.HeadResponse:
        return common_pb2.HeadResponse(seq=self._head())
