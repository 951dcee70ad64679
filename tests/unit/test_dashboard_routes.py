"""The route comparison from the dashboard: run in the background, one at a time, its plot's series."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal

import pytest
from fivelayer.control.dashboard.routes_runs import ComparisonRuns
from fivelayer.control.dashboard.runs import DONE, FAILED, RUNNING
from fivelayer.control.drills.routes_report import Facts, Point, assemble, to_message
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import control_pb2


def wait_until(done: Callable[[], bool]) -> None:
    for _ in range(200):
        if done():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def report(symbol: str, amount: Decimal, seed: int) -> control_pb2.RoutesReport:
    routes = [Facts(route, f"usr-{n}", symbol, values=[Point("2026-11-20T21:00:00Z", "Friday close", Decimal(300),
                                                             amount + n)])
              for n, route in enumerate(("tokenized", "traditional", "perpetual"))]
    return to_message(assemble(symbol=symbol, amount=amount, seed=seed, market_seed=seed, span={"story": "a week"},
                               routes=routes, steps=[], timeline={"events": 1, "digest": "d"}))


def test_a_comparison_runs_in_the_background_one_at_a_time() -> None:
    release = threading.Event()

    def slow(symbol: str, amount: Decimal, seed: int) -> control_pb2.RoutesReport:
        release.wait(5)
        return report(symbol, amount, seed)

    runs = ComparisonRuns(slow)
    run = runs.start("aapl", "10000", 2)
    assert run.view(full=False)["state"] == RUNNING and run.symbol == "AAPL"
    with pytest.raises(DomainError) as busy:
        runs.start("AAPL", "10", 1)
    assert busy.value.reason == "DRILL_RUNNING"
    release.set()
    wait_until(lambda: runs.get(run.run_id).state != RUNNING)
    view = runs.get(run.run_id).view()
    assert view["state"] == DONE and view["report"]["seed"] == 2 and view["amount"] == "10000"
    assert view["plot"]["labels"] == ["Friday close"]
    assert [(s["route"], s["values"]) for s in view["plot"]["series"]] == [
        ("tokenized", ["10000.00"]), ("traditional", ["10001.00"]), ("perpetual", ["10002.00"])]


def test_a_failed_comparison_says_why_and_bad_requests_start_nothing() -> None:
    def broken(symbol: str, amount: Decimal, seed: int) -> control_pb2.RoutesReport:
        raise DomainError(Common.UNAVAILABLE, "the comparison's scratch sandbox did not start")

    runs = ComparisonRuns(broken)
    run = runs.start("AAPL", "10000", 1)
    wait_until(lambda: runs.get(run.run_id).state != RUNNING)
    assert runs.get(run.run_id).state == FAILED and runs.get(run.run_id).view()["error"]["reason"] == "UNAVAILABLE"
    for symbol, amount, seed in [("NOPE", "1", 1), ("AAPL", "-1", 1), ("AAPL", 10, 1), ("AAPL", "1", True),
                                 ("AAPL", "2000000", 1), ("AAPL", "1", -1)]:
        with pytest.raises(DomainError) as refused:
            runs.start(symbol, amount, seed)
        assert refused.value.reason in ("INVALID_ARGUMENT", "INVALID_AMOUNT"), refused.value.reason
    with pytest.raises(DomainError):
        runs.get("routes-999999")
