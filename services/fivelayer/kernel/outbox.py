"""The event outbox: every state change records its event in the same transaction.

Sequence numbers are gap-free per service (mutations are serialized), so a consumer that
remembers the last seq it saw resumes exactly where it stopped. An event is a typed message
(protos/fivelayer/v1/events.proto, kernel/events.py): `emit` stores its canonical JSON, and the
stream and `typed` give the message back.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import grpc
from google.protobuf.message import Message
from sqlalchemy import func
from sqlmodel import Field, Session, SQLModel, col, select

from fivelayer.kernel import events
from fivelayer.kernel.db import Database, UTCDateTime
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.netfaults import CALLER_HEADER
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import common_pb2, common_pb2_grpc


class OutboxEvent(SQLModel, table=True):
    __tablename__ = "outbox_event"
    seq: int = Field(primary_key=True)
    at: datetime = Field(sa_type=UTCDateTime)
    type: str = Field(max_length=80)
    payload: str


def emit(session: Session, at: datetime, event: Message, /) -> OutboxEvent:
    """Append a typed event (an events.proto message) inside the caller's transaction: its type is
    the message's declared name and its stored text the message's canonical JSON."""
    return _append(session, at, events.type_of(event), events.to_json(event))


def _append(session: Session, at: datetime, type_: str, payload: str) -> OutboxEvent:
    """The head is read once per unit of work (which holds the service's lock, so no other writer
    moves it) and counted on from there."""
    last = session.info.get("outbox_head")
    if last is None:
        last = session.exec(select(func.max(OutboxEvent.seq))).one() or 0
    event = OutboxEvent(seq=last + 1, at=at, type=type_, payload=payload)
    session.info["outbox_head"] = event.seq
    session.add(event)
    return event


def to_message(service: str, event: OutboxEvent) -> common_pb2.Event:
    return events.with_body(common_pb2.Event(service=service, seq=event.seq, at=to_ts(event.at), type=event.type,
                                             payload_json=event.payload))


def typed(service: str, event: OutboxEvent) -> Message | None:
    """A stored event's message (None for an untyped one): how a service reads its own outbox."""
    return events.parse(service, event.type, event.payload)


def fields(service: str, event: OutboxEvent) -> dict[str, Any]:
    """A stored event's declared fields in display form (`events.plain`): decimals as their text."""
    message = typed(service, event)
    if message is None:
        raise LookupError(f"{service} declares no event {event.type!r}")
    return events.plain(message)


TIMELINE_CALLER = "control"  # control's timeline reads every outbox, naming itself as the caller (kernel/rpc.py)
FOLLOW_SECONDS = 300       # a followed stream's length when the request states none (wall seconds)
MAX_FOLLOW_SECONDS = 3600  # and at most
BATCH = 500                # events read from the database at a time


def follow_seconds(requested: int) -> int:
    """How long a stream stays open: `max_seconds` of the request, 0 meaning FOLLOW_SECONDS."""
    require(0 <= requested <= MAX_FOLLOW_SECONDS, Common.INVALID_ARGUMENT,
            f"max_seconds is 0 (meaning {FOLLOW_SECONDS}) to {MAX_FOLLOW_SECONDS}, got {requested}",
            field="max_seconds")
    return requested or FOLLOW_SECONDS


class EventsServicer(common_pb2_grpc.EventsServicer):
    """Streams the outbox by sequence number. Without `follow` the stream ends at the head it found
    when it began; with `follow` it stays open for new events until `max_seconds` have passed (the
    consumer then subscribes again from the last seq it saw), or the consumer goes away.

    `timeline_has(seq)` is told how far control's timeline holds this outbox (its metrics' outbox depth):
    the `after_seq` it asks from (the last seq it stored), then the last seq sent once a read runs to its end."""

    POLL_SECONDS = 0.1

    def __init__(self, service: str, db: Database, timeline_has: Callable[[int], None] | None = None) -> None:
        self.service = service
        self.db = db
        self.timeline_has = timeline_has

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
        timeline = self.timeline_has if self.timeline_has is not None and not request.follow \
            and (CALLER_HEADER, TIMELINE_CALLER) in tuple(context.invocation_metadata() or ()) else None
        if timeline is not None:
            timeline(seq)
        upto = None if request.follow else self._head()
        while time.monotonic() < deadline:
            batch = self._after(seq, upto)
            for event in batch:
                seq = event.seq
                yield to_message(self.service, event)
            if batch:
                continue
            if not request.follow or not context.is_active():
                if timeline is not None:
                    timeline(seq)  # the read ran to its end: control has every event sent
                return
            time.sleep(self.POLL_SECONDS)

    def Head(self, request: common_pb2.Empty, context: grpc.ServicerContext) -> common_pb2.HeadResponse:
        return common_pb2.HeadResponse(seq=self._head())
