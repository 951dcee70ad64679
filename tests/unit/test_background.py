"""Background passes and streams end and say when they fail (issue 20, item 8): a failure is logged
once per cause and subject, its recovery once; the outbox stream ends at its head or its time."""
from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import grpc
import pytest
from fivelayer.control.models import TimelineRow
from fivelayer.control.timeline import Timeline, digest
from fivelayer.kernel import outbox
from fivelayer.kernel.background import FailureLog, cause
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.outbox import EventsServicer, OutboxEvent
from fivelayer.v1 import common_pb2

T0 = datetime(2026, 12, 1, 14, 30, tzinfo=UTC)


def test_a_failure_is_logged_once_per_cause_and_its_recovery_once(caplog: pytest.LogCaptureFixture) -> None:
    failures = FailureLog("sync")
    with caplog.at_level(logging.WARNING):
        assert failures.failed(ConnectionError("refused"), "chain")
        assert not failures.failed(ConnectionError("refused"), "chain")        # the same cause: quiet
        assert failures.failed(ConnectionError("refused"), "broker")           # another subject: said
        assert failures.failed(TimeoutError("slow"), "chain")                  # a new cause: said
        assert failures.failing() == {"chain": "TimeoutError: slow", "broker": "ConnectionError: refused"}
        assert failures.succeeded("chain") and not failures.succeeded("chain")  # recovered, once
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["sync (chain) failed: ConnectionError: refused", "sync (broker) failed: ConnectionError: refused",
                     "sync (chain) failed: TimeoutError: slow",
                     "sync (chain) recovered (it had failed: TimeoutError: slow)"]
    assert caplog.records[0].exc_info is not None                             # with its traceback


class _Unavailable(grpc.RpcError):
    """A gRPC error whose text changes at every try (its debug string has a timestamp)."""

    def __init__(self, tick: int) -> None:
        self.tick = tick

    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.UNAVAILABLE

    def details(self) -> str:
        return "connection refused"

    def __str__(self) -> str:
        return f"<_Unavailable created_time:{self.tick}>"


def test_a_grpc_failure_is_the_same_cause_whatever_its_timestamp() -> None:
    assert cause(_Unavailable(1)) == cause(_Unavailable(2)) == "_Unavailable: UNAVAILABLE connection refused"


class _Events:
    def __init__(self, db: Database) -> None:
        self.servicer = EventsServicer("chain", db)

    def Subscribe(self, request: common_pb2.SubscribeRequest, timeout: float | None = None) -> Any:
        return self.servicer.Subscribe(request, CONTEXT)


class _Context:
    def is_active(self) -> bool:
        return True

    def abort_with_status(self, status: grpc.Status) -> None:
        raise AssertionError("aborted")


CONTEXT = cast(grpc.ServicerContext, _Context())


def _record(db: Database, count: int, start: int = 1) -> None:
    with db.transaction() as session:
        for seq in range(start, start + count):
            session.add(OutboxEvent(seq=seq, at=T0 + timedelta(seconds=seq), type="token.mint", payload="{}"))


def test_the_outbox_stream_ends_at_its_head_or_after_its_time(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/o.db")
    _record(db, 3)
    servicer = EventsServicer("chain", db)
    assert [e.seq for e in servicer.Subscribe(common_pb2.SubscribeRequest(after_seq=1), CONTEXT)] == [2, 3]
    began = time.monotonic()
    followed = list(servicer.Subscribe(common_pb2.SubscribeRequest(follow=True, max_seconds=1), CONTEXT))
    assert [e.seq for e in followed] == [1, 2, 3] and 0.9 < time.monotonic() - began < 5   # ended by its time
    assert outbox.follow_seconds(0) == outbox.FOLLOW_SECONDS == 300
    with pytest.raises(DomainError) as refused:
        outbox.follow_seconds(outbox.MAX_FOLLOW_SECONDS + 1)
    assert refused.value.metadata == {"field": "max_seconds"}


class _Clients:
    def __init__(self, dbs: dict[str, Database]) -> None:
        self.dbs = dbs

    def events(self, service: str) -> Any:
        if service not in self.dbs:
            raise _Unavailable(time.monotonic_ns())
        return _Events(self.dbs[service])


def test_the_timeline_sync_logs_a_service_it_cannot_read_and_pages_in_order(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    chain = Database(f"sqlite:///{tmp_path}/chain.db")
    _record(chain, 5)
    timeline = Timeline(Database(f"sqlite:///{tmp_path}/control.db"), _Clients({"chain": chain}))  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING):
        timeline.sync(["chain", "broker"])
        timeline.sync(["chain", "broker"])                                # the broker still down: not logged again
    assert [r.getMessage() for r in caplog.records] == [
        "timeline sync (broker) failed: _Unavailable: UNAVAILABLE connection refused"]
    with timeline.db.transaction() as session:                           # an event at the same instant as chain's 2nd
        session.add(TimelineRow(service="exchange", seq=1, at=T0 + timedelta(seconds=2), type="user.created",
                                payload="{}"))
    seen, token = [], ""
    for _ in range(10):
        page, token = timeline.page("", token, 2)
        seen += [(i, r.service, r.seq) for i, r in page]
        if not token:
            break
    assert seen == [(1, "chain", 1), (2, "chain", 2), (3, "exchange", 1), (4, "chain", 3), (5, "chain", 4),
                    (6, "chain", 5)]                                       # (at, service order, seq)
    assert [(i, r.seq) for i, r in timeline.page("", "", 2, after=4)[0]] == [(5, 4), (6, 5)]
    assert timeline.digest() == digest(timeline.rows())
