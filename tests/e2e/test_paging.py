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
from fivelayer.v1 import common_pb2, control_pb2, exchange_pb2, perpetuals_pb2
from google.protobuf.timestamp_pb2 import Timestamp

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

    # control's lists and the perp markets page the same way (gRPC and REST); a list in memory (symbols,
    # drills, perp markets) keeps its order across pages
    symbols = list(all_pages(c.market_data.ListSymbols, control_pb2.ListSymbolsRequest(limit=2),
                             lambda page: page.symbols))
    assert symbols == sorted(symbols) and len(symbols) > 2
    first_symbols = c.market_data.ListSymbols(control_pb2.ListSymbolsRequest(limit=2))
    assert list(first_symbols.symbols) == symbols[:2] and first_symbols.next_page_token
    rest_symbols = post(run, "control", "MarketData/ListSymbols",
                        {"limit": 2, "page_token": first_symbols.next_page_token}).json()
    assert rest_symbols["symbols"] == symbols[2:4]
    drills = [d.name for d in all_pages(c.drills.ListDrills, control_pb2.ListDrillsRequest(limit=2),
                                        lambda page: page.drills)]
    assert drills == [d.name for d in whole(c.drills.ListDrills, control_pb2.ListDrillsRequest()).drills]
    assert len(c.drills.ListDrills(control_pb2.ListDrillsRequest(limit=2)).drills) == 2 < len(drills)
    markets = [m.symbol for m in all_pages(c.perpetuals.ListPerpMarkets, perpetuals_pb2.ListPerpMarketsRequest(limit=3),
                                           lambda page: page.markets)]
    assert markets == ["AAPL-PERP", "NVDA-PERP", "TSLA-PERP", "SPY-PERP"]
    assert post(run, "exchange", "Perpetuals/ListPerpMarkets", {"limit": 1001}).json()["reason"] == "INVALID_ARGUMENT"

    c.clock.Advance(control_pb2.AdvanceRequest(by="1d"))                  # some job runs to list
    runs = list(all_pages(c.sandbox.ListJobRuns, control_pb2.ListJobRunsRequest(limit=2), lambda page: page.runs))
    assert [r.index for r in runs] == list(range(1, len(runs) + 1)) and len(runs) > 2
    later = c.sandbox.ListJobRuns(control_pb2.ListJobRunsRequest(after=1, limit=1))   # a first page after an index
    assert [r.index for r in later.runs] == [2] and later.next_page_token
    rest_runs = post(run, "control", "Sandbox/ListJobRuns", {"limit": 1, "page_token": later.next_page_token}).json()
    assert [int(r["index"]) for r in rest_runs["runs"]] == [3]
    later_on = c.clock.Now(common_pb2.Empty()).now.seconds + 86_400     # scheduled for tomorrow: nothing acts yet
    for i, (kind, token) in enumerate((("halt-mint", "AAPLx"), ("halt-redeem", "AAPLx"), ("halt-mint", "NVDAx"))):
        c.faults.InjectFault(control_pb2.InjectFaultRequest(request_id=f"f{i}", kind=kind, token=token,
                                                            at=Timestamp(seconds=later_on)))
    faults = [f.fault_id for f in all_pages(c.faults.ListFaults, control_pb2.ListFaultsRequest(limit=2),
                                            lambda page: page.faults)]
    assert faults == sorted(faults) and len(faults) == 3
    assert post(run, "control", "Faults/ListFaults", {"page_token": "nope"}).json()["reason"] == "INVALID_PAGE_TOKEN"
