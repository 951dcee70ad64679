"""Realtime mode runs every job on its own: a Friday-evening mint fills at Monday's open and
settles on Tuesday with no manual advance, and the jobs are those of a manual advance.

At x10,000 a sandbox day passes in under nine wall seconds. Control is killed (SIGKILL) during
the run and restarted: the clock resumes at or after where it was, and nothing is skipped.
"""
from __future__ import annotations

import time
from datetime import datetime

import pytest
from fivelayer.kernel.rpc import Clients
from fivelayer.kernel.timeutil import from_ts, parse_instant, to_ts
from fivelayer.v1 import common_pb2, control_pb2, statuses_pb2

from .conftest import SandboxFactory
from .flows import buy, create_user, deposit, reconciliation, spv_orders

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"       # 17:00 ET, after the close
MONDAY_MIDDAY = parse_instant("2026-11-23T17:00:00Z")
TUESDAY_NIGHT = parse_instant("2026-11-25T00:00:00Z")  # after the 16:15 ET settlement and 17:00 payouts


def now(c: Clients) -> datetime:
    return from_ts(c.clock.Now(common_pb2.Empty()).now)


def wait_for(c: Clients, instant: datetime, wall_limit: float = 90.0) -> None:
    deadline = time.monotonic() + wall_limit
    while now(c) < instant:
        assert time.monotonic() < deadline, f"realtime stuck at {now(c)}, waiting for {instant}"
        time.sleep(0.2)


def job_runs(c: Clients) -> list[tuple[str, str, str, str]]:
    runs, token = [], ""
    while True:   # pages of 50, by token
        page = c.sandbox.ListJobRuns(control_pb2.ListJobRunsRequest(page_token=token, limit=50))
        runs += [(e.run.service, e.run.job, from_ts(e.run.at).isoformat(), e.run.outcome) for e in page.runs]
        if not page.next_page_token:
            return runs
        token = page.next_page_token


def mint_friday_evening(c: Clients) -> str:
    user = create_user(c, "ada")
    deposit(c, user.user_id, "10000", "dep-1")
    assert buy(c, user.user_id, "AAPLx", "3", "buy-1").status == statuses_pb2.EXCHANGE_ORDER_STATUS_FILLED
    return user.user_id


def test_realtime_fills_monday_settles_tuesday_and_runs_the_manual_jobs(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING, name="realtime")
    c = run.clients
    mint_friday_evening(c)
    c.clock.Set(control_pb2.SetClockRequest(mode=control_pb2.REALTIME, speed=common_pb2.Decimal(value="10000")))

    wait_for(c, MONDAY_MIDDAY)
    [hedge] = spv_orders(c)
    assert hedge.status == statuses_pb2.ORDER_STATUS_FILLED and hedge.trade_date == "2026-11-23" and not hedge.settled

    before = now(c)
    run.sandbox.kill("control")                 # a crash mid-run, in realtime
    run.sandbox.restart("control")
    assert now(c) >= before                     # resumes where it stopped, never behind

    wait_for(c, TUESDAY_NIGHT)
    stopped = from_ts(c.clock.Set(control_pb2.SetClockRequest(mode=control_pb2.MANUAL)).now)
    [hedge] = spv_orders(c)
    assert hedge.settled and hedge.settlement_date == "2026-11-24"
    assert reconciliation(c, "AAPLx")["unbacked_shares"] == 0
    status = c.sandbox.Status(common_pb2.Empty())
    assert not status.failing and status.last_job.job
    realtime_runs = job_runs(c)

    # The same inputs, advanced by hand over the same span, run the same jobs with the same outcomes.
    manual = sandbox_factory(FRIDAY_EVENING, name="manual").clients
    mint_friday_evening(manual)
    manual.clock.Advance(control_pb2.AdvanceRequest(to=to_ts(stopped)))
    assert realtime_runs == job_runs(manual)
    assert [r[1] for r in realtime_runs if r[2].startswith("2026-11-23T14:30")] == ["market-open", "market-open"]
    settlement = [r[3] for r in realtime_runs if r[1] == "cns-settlement" and r[2].startswith("2026-11-24")]
    assert len(settlement) == 1 and "gross 0 " not in settlement[0]  # Tuesday's run settled the hedge
