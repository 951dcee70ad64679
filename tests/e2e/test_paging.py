"""Every list pages (issue 20, item 8): at most 1,000 a page, resumed exactly by the page token, through
the gRPC and the REST faces alike; a limit out of bounds or a token the list did not give is refused
with its reason, and changes nothing."""
from __future__ import annotations

import time
from typing import Any

import grpc
import pytest
import requests

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.paging import all_pages, whole
from fivelayer.v1 import control_pb2, exchange_pb2

from .conftest import Running
from .flows import create_user

pytestmark = pytest.mark.e2e

FRIDAY_CLOSE = "2026-11-20T21:00:00Z"


def post(run: Running, service: str, path: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(f"{run.settings.rest_address(service)}/v1/{path}", json=body, timeout=60)


def settle(run: Running, rounds: int = 100) -> None:
    """Wait until two reads of the timeline a moment apart agree (bounded: 100 rounds of 0.2 s)."""
    before = ""
    for _ in range(rounds):
        now = run.clients.sandbox.ListEvents(control_pb2.ListEventsRequest(limit=1)).digest
        if now == before:
            return
        before = now
        time.sleep(0.2)
    raise AssertionError("the timeline kept growing for 20 s")


def test_a_list_pages_through_grpc_and_rest(sandbox_factory: Any) -> None:
    run: Running = sandbox_factory(FRIDAY_CLOSE)
    c = run.clients
    made = [create_user(c, f"user{i}").user_id for i in range(5)]

    pages, token = [], ""
    for _ in range(5):                                                     # gRPC: 2, 2, 1
        reply = c.exchange.ListUsers(exchange_pb2.ListUsersRequest(limit=2, page_token=token))
        pages.append([u.user_id for u in reply.users])
        token = reply.next_page_token
        if not token:
            break
    assert [len(p) for p in pages] == [2, 2, 1] and sum(pages, []) == sorted(made)
    assert [u.user_id for u in whole(c.exchange.ListUsers, exchange_pb2.ListUsersRequest()).users] == sorted(made)

    rest_pages, body = [], {"limit": 2}                                    # REST: the same pages, the same tokens
    for _ in range(5):
        answer = post(run, "exchange", "Exchange/ListUsers", body)
        assert answer.status_code == 200, answer.text
        rest_pages.append([u["user_id"] for u in answer.json()["users"]])
        if not answer.json().get("next_page_token"):
            break
        body = {"limit": 2, "page_token": answer.json()["next_page_token"]}
    assert rest_pages == pages

    too_many = post(run, "exchange", "Exchange/ListUsers", {"limit": 1001})
    assert too_many.status_code == 400 and too_many.json()["reason"] == "INVALID_ARGUMENT"
    assert too_many.json()["metadata"]["field"] == "limit"
    forged = post(run, "exchange", "Exchange/ListUsers", {"page_token": "not-a-token"})
    assert forged.status_code == 400 and forged.json()["reason"] == "INVALID_PAGE_TOKEN"
    with pytest.raises(DomainError) as refused:                           # the gRPC face: its status and reason
        c.exchange.ListUsers(exchange_pb2.ListUsersRequest(limit=-1))
    assert (refused.value.code, refused.value.reason) == (grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT")

    # the timeline pages in the database in (at, service, seq) order; its index counts on across pages. An
    # index is a position in the timeline as it stands, so a walk is contiguous once the services are quiet:
    # a service's late event (a start-up's, on a loaded machine) sorts before the cursor and shifts the rest.
    settle(run)
    events = list(all_pages(c.sandbox.ListEvents, control_pb2.ListEventsRequest(limit=3), lambda page: page.events))
    assert [e.index for e in events] == list(range(1, len(events) + 1)) and len(events) > 5
    first = c.sandbox.ListEvents(control_pb2.ListEventsRequest(limit=3))
    rest = post(run, "control", "Sandbox/ListEvents", {"limit": 3, "page_token": first.next_page_token}).json()
    assert [int(e["index"]) for e in rest["events"]] == [4, 5, 6] and rest["digest"] == "" and first.digest
