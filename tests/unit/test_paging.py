"""kernel.paging: one way to page a list, for every service (issue 20, item 8)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fivelayer.kernel import paging
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.outbox import OutboxEvent
from fivelayer.v1 import control_pb2
from sqlmodel import col, select

T0 = datetime(2026, 12, 1, 14, 30, tzinfo=UTC)


def seeded(tmp_path: Path, n: int) -> Database:
    db = Database(f"sqlite:///{tmp_path}/p.db")
    with db.transaction() as session:
        for seq in range(1, n + 1):   # three events share each instant, so (at, type, seq) has ties to break
            session.add(OutboxEvent(seq=seq, at=T0 + timedelta(minutes=seq // 3), type=f"t{seq % 2}", payload="{}"))
    return db


def test_a_token_round_trips_every_kind_of_key() -> None:
    key = (T0, "depository", 42)
    token = paging.encode_token(key)
    assert paging.decode_token(token, [datetime, str, int]) == key
    assert paging.decode_token("", [str]) is None                         # the first page
    assert "=" not in token and token.isascii()                            # URL-safe, opaque


@pytest.mark.parametrize("token", ["not base64!", "e30", paging.encode_token(["a", "b"]),
                                   paging.encode_token([1]), paging.encode_token([True]), "W3sidCI6Ingi fV0"])
def test_a_token_this_list_did_not_give_is_refused_with_its_reason(token: str) -> None:
    with pytest.raises(DomainError) as refused:
        paging.decode_token(token, [str])
    assert refused.value.reason == paging.INVALID_PAGE_TOKEN
    assert refused.value.metadata == {"field": "page_token"}
    assert paging.INVALID_PAGE_TOKEN.grpc_status.name == "INVALID_ARGUMENT"
    assert paging.INVALID_PAGE_TOKEN.http_status == 400


def test_limit_bounds() -> None:
    assert paging.page_limit(0) == paging.DEFAULT_LIMIT == 100
    assert paging.page_limit(1) == 1 and paging.page_limit(1000) == paging.MAX_LIMIT == 1000
    for bad in (-1, 1001):
        with pytest.raises(DomainError) as refused:
            paging.page_limit(bad)
        assert refused.value.reason == "INVALID_ARGUMENT" and refused.value.metadata == {"field": "limit"}
        assert "1000" in refused.value.message


def test_pages_in_the_database_resume_exactly_on_one_key(tmp_path: Path) -> None:
    db = seeded(tmp_path, 7)
    seen: list[int] = []
    token = ""
    with db.read() as session:
        for _ in range(10):
            rows, token = paging.page_by(session, select(OutboxEvent), col(OutboxEvent.seq), token, 3,
                                         lambda e: e.seq, int)
            seen += [r.seq for r in rows]
            if not token:
                break
    assert seen == [1, 2, 3, 4, 5, 6, 7]
    with db.read() as session:   # an exact multiple of the limit: the last full page says there is no more
        rows, token = paging.page_by(session, select(OutboxEvent), col(OutboxEvent.seq), "", 7, lambda e: e.seq, int)
    assert len(rows) == 7 and token == ""


def test_pages_resume_exactly_on_a_tuple_key_with_ties(tmp_path: Path) -> None:
    db = seeded(tmp_path, 11)
    keys = [(col(OutboxEvent.at), datetime), (col(OutboxEvent.type), str), (col(OutboxEvent.seq), int)]
    with db.read() as session:
        whole = [(e.at, e.type, e.seq) for e in session.exec(select(OutboxEvent))]
        seen: list[tuple[datetime, str, int]] = []
        token = ""
        for _ in range(20):
            rows, token = paging.page(session, select(OutboxEvent), keys, token, 2, lambda e: (e.at, e.type, e.seq))
            seen += [(e.at, e.type, e.seq) for e in rows]
            if not token:
                break
    assert [k[2] for k in seen] == [k[2] for k in sorted(whole)] and len(seen) == 11


def test_a_list_in_memory_pages_the_same_way() -> None:
    items = ["d", "a", "c", "b", "e"]
    first, token = paging.page_of(items, lambda s: (s,), [str], "", 2)
    second, token2 = paging.page_of(items, lambda s: (s,), [str], token, 2)
    third, token3 = paging.page_of(items, lambda s: (s,), [str], token2, 2)
    assert (first, second, third, token3) == (["a", "b"], ["c", "d"], ["e"], "")


def test_all_pages_walks_a_call_and_ends() -> None:
    runs = list(range(2500))
    asked: list[tuple[int, str]] = []

    def call(request: control_pb2.ListEventsRequest) -> control_pb2.ListEventsResponse:
        asked.append((request.limit, request.page_token))
        chunk, token = paging.page_of(runs, lambda i: (i,), [int], request.page_token, request.limit)
        return control_pb2.ListEventsResponse(events=[control_pb2.TimelineEvent(index=i) for i in chunk],
                                              next_page_token=token)

    request = control_pb2.ListEventsRequest(service="broker")
    assert [e.index for e in paging.all_pages(call, request, lambda r: r.events)] == runs
    assert [limit for limit, _ in asked] == [1000, 1000, 1000] and request.page_token == ""   # unchanged
    with pytest.raises(DomainError):                          # a list longer than the bound is refused, not read on
        list(paging.all_pages(call, control_pb2.ListEventsRequest(limit=10), lambda r: r.events, max_pages=3))


def test_whole_joins_the_pages_into_one_reply() -> None:
    def call(request: control_pb2.ListEventsRequest) -> control_pb2.ListEventsResponse:
        chunk, token = paging.page_of(range(2345), lambda i: (i,), [int], request.page_token, request.limit)
        return control_pb2.ListEventsResponse(events=[control_pb2.TimelineEvent(index=i) for i in chunk],
                                              digest="" if request.page_token else "d", next_page_token=token)

    reply = paging.whole(call, control_pb2.ListEventsRequest())
    assert [e.index for e in reply.events] == list(range(2345))
    assert (reply.digest, reply.next_page_token) == ("d", "")


def test_newest_first_pages_and_a_stated_default(tmp_path: Path) -> None:
    db = seeded(tmp_path, 5)
    seen: list[int] = []
    token = ""
    with db.read() as session:
        for _ in range(5):
            rows, token = paging.page_by(session, select(OutboxEvent), col(OutboxEvent.seq), token, 2,
                                         lambda e: e.seq, int, descending=True)
            seen += [r.seq for r in rows]
            if not token:
                break
        whole_list, more = paging.page_by(session, select(OutboxEvent), col(OutboxEvent.seq), "", 0,
                                          lambda e: e.seq, int, default=3)
    assert seen == [5, 4, 3, 2, 1]
    assert [r.seq for r in whole_list] == [1, 2, 3] and more


def test_every_list_call_pages() -> None:
    """Issue 20, item 8: every list call (a unary `List*`, and HoldersAt, whose holders grow with use) takes a
    `limit` and a `page_token` and answers a `next_page_token`: read from the protos, so a new list that
    forgets to page fails here."""
    from fivelayer.v1 import (  # noqa: F401
        broker_pb2,
        chain_pb2,
        control_pb2,
        depository_pb2,
        exchange_pb2,
        issuer_pb2,
        perpetuals_pb2,
    )
    from google.protobuf import descriptor_pool

    unpaged, lists = [], 0
    for name in ("broker", "chain", "control", "depository", "exchange", "issuer", "perpetuals"):
        for service in descriptor_pool.Default().FindFileByName(f"fivelayer/v1/{name}.proto").services_by_name.values():
            for method in service.methods:
                if method.server_streaming or not (method.name.startswith("List") or method.name == "HoldersAt"):
                    continue
                lists += 1
                asks = {f.name for f in method.input_type.fields}
                answers = {f.name for f in method.output_type.fields}
                if not ({"limit", "page_token"} <= asks and "next_page_token" in answers):
                    unpaged.append(f"{service.name}.{method.name}")
    assert unpaged == [] and lists >= 35, (unpaged, lists)
