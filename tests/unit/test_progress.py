"""Long work shows progress: a streamed advance's messages (paced per New York day) and their plain
rendering, which is what a pipe, a log or CI sees."""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from fivelayer.cli.progress import PlainAdvance, advance_view, follow, follow_drill, reached_line
from fivelayer.control.clock import SandboxClock
from fivelayer.control.driver import Driver, LocalScheduler, Participant, ProgressPacer
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.jobs import JobBook, JobRunner, SchedulerServicer
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import common_pb2, control_pb2

FRIDAY_EVENING = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)


def run(at: datetime, job: str = "settle") -> common_pb2.JobRun:
    return common_pb2.JobRun(service="depository", job=job, at=to_ts(at), outcome="ok")


def test_pacer_sends_one_message_per_new_york_day_and_the_answer_last() -> None:
    sent: list[control_pb2.AdvanceProgress] = []
    wall = [0.0]
    pacer = ProgressPacer(FRIDAY_EVENING, FRIDAY_EVENING + timedelta(days=3), sent.append, wall=lambda: wall[0])
    monday = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    pacer.step(FRIDAY_EVENING + timedelta(minutes=5), [run(FRIDAY_EVENING)])  # still Friday in New York
    assert sent == []
    pacer.step(monday, [run(monday, "open")])
    pacer.step(monday + timedelta(hours=7), [run(monday, "sync")])          # same day, no wall time passed
    assert [(m.jobs_run, len(m.runs)) for m in sent] == [(2, 2)]
    wall[0] += 1.0                                                          # a busy day still moves
    pacer.step(monday + timedelta(hours=8), [run(monday, "close")])
    assert [(m.jobs_run, len(m.runs)) for m in sent] == [(2, 2), (4, 2)]
    last = pacer.progress(FRIDAY_EVENING + timedelta(days=3), done=control_pb2.AdvanceResponse())
    assert last.HasField("done") and last.jobs_run == 4 and not last.runs
    assert getattr(last, "from") == to_ts(FRIDAY_EVENING) and last.to == to_ts(FRIDAY_EVENING + timedelta(days=3))


def test_driver_tells_each_instant_to_its_step_sink(tmp_path: Path) -> None:
    clock = SandboxClock(Database(f"sqlite:///{tmp_path}/control.db"), FRIDAY_EVENING)
    book = JobBook()
    book.cron("settle", day_of_week="mon-fri", hour=16, minute=15)(lambda at: "ok")
    runner = JobRunner("depository", Database(f"sqlite:///{tmp_path}/depository.db"), book, clock)
    driver = Driver(clock, lambda: [Participant("depository", LocalScheduler(SchedulerServicer(runner)))])
    steps: list[tuple[datetime, int]] = []
    driver.advance_to(FRIDAY_EVENING + timedelta(days=4), lambda at, runs: steps.append((at, len(runs))))
    assert steps == [(datetime(2026, 11, 23, 21, 15, tzinfo=UTC), 1), (datetime(2026, 11, 24, 21, 15, tzinfo=UTC), 1)]


def progress(at: datetime, jobs: int, done: bool = False) -> control_pb2.AdvanceProgress:
    return control_pb2.AdvanceProgress(reached=to_ts(at), jobs_run=jobs, to=to_ts(at), runs=[],
                                       done=control_pb2.AdvanceResponse(to=to_ts(at)) if done else None,
                                       **{"from": to_ts(FRIDAY_EVENING)})


def test_plain_lines_show_the_new_york_date_the_instant_and_the_jobs_run() -> None:
    out = io.StringIO()
    monday = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)
    stream = [progress(monday, 2), progress(monday + timedelta(days=1), 5),
              progress(monday + timedelta(days=2), 7, True)]
    answer = follow(iter(stream), PlainAdvance(out))
    assert answer.to == to_ts(monday + timedelta(days=2))
    assert out.getvalue().splitlines() == [
        "  2026-11-23 Mon  reached 2026-11-23T14:30:00Z  2 jobs run",
        "  2026-11-24 Tue  reached 2026-11-24T14:30:00Z  5 jobs run",
    ]
    assert reached_line(progress(FRIDAY_EVENING, 0)) == "  2026-11-20 Fri  reached 2026-11-20T22:00:00Z  0 jobs run"


def test_a_pipe_gets_plain_lines() -> None:
    assert isinstance(advance_view(io.StringIO()), PlainAdvance)


class Refused(grpc.RpcError):
    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.UNAVAILABLE

    def details(self) -> str:
        return "control is away"


def test_a_stream_that_breaks_or_ends_early_is_a_domain_error() -> None:
    def broken() -> Iterator[control_pb2.AdvanceProgress]:
        yield progress(FRIDAY_EVENING, 1)
        raise Refused()

    with pytest.raises(DomainError) as caught:
        follow(broken(), PlainAdvance(io.StringIO()))
    assert caught.value.reason == "UNAVAILABLE"
    with pytest.raises(DomainError, match="ended before its answer"):
        follow(iter([progress(FRIDAY_EVENING, 1)]), PlainAdvance(io.StringIO()))


def test_relay_yields_what_the_work_tells_then_its_answer_and_ends_a_refusal_with_its_reason() -> None:
    from fivelayer.control.service import relay
    from fivelayer.kernel.rpc import LocalContext

    def work(tell: Callable[[control_pb2.AdvanceProgress], None]) -> control_pb2.AdvanceProgress:
        tell(progress(FRIDAY_EVENING, 1))
        tell(progress(FRIDAY_EVENING, 2))
        return progress(FRIDAY_EVENING, 3, done=True)

    assert [(m.jobs_run, m.HasField("done")) for m in relay(LocalContext(), work)] == [(1, False), (2, False),
                                                                                       (3, True)]

    def refused(tell: Callable[[control_pb2.AdvanceProgress], None]) -> control_pb2.AdvanceProgress:
        tell(progress(FRIDAY_EVENING, 1))
        raise DomainError(Common.JOB_FAILED, "depository job settle failed")

    stream = relay(LocalContext(), refused)
    assert next(stream).jobs_run == 1
    with pytest.raises(DomainError) as caught:
        next(stream)
    assert caught.value.reason == "JOB_FAILED"


def test_a_drill_shows_each_step_as_a_plain_line_and_returns_its_report() -> None:
    out = io.StringIO()
    steps = [control_pb2.DrillProgress(step=control_pb2.DrillStep(at="2026-11-23T15:30:00Z", actor="alice",
                                                                  action="buy 10 AAPLx", result="ok", detail="filled")),
             control_pb2.DrillProgress(step=control_pb2.DrillStep(at="2026-11-23T15:31:00Z", actor="issuer",
                                                                  action="mint 10 AAPLx", result="MINT_HALTED",
                                                                  detail="mints are halted")),
             control_pb2.DrillProgress(report=control_pb2.DrillReport(name="halt-of-mint", ok=True))]
    report = follow_drill(iter(steps), out)
    assert report.name == "halt-of-mint" and report.ok
    assert out.getvalue().splitlines() == [
        "  2026-11-23T15:30:00Z  alice  buy 10 AAPLx  ok",
        "  2026-11-23T15:31:00Z  issuer  mint 10 AAPLx  MINT_HALTED  mints are halted",
    ]


def test_a_watch_stream_ends_after_its_stated_time_while_the_work_carries_on() -> None:
    import threading

    from fivelayer.control.service import MAX_WATCH_SECONDS, WATCH_SECONDS, relay, watch_seconds
    from fivelayer.kernel.rpc import LocalContext

    release, finished = threading.Event(), threading.Event()

    def slow(tell: Callable[[control_pb2.AdvanceProgress], None]) -> control_pb2.AdvanceProgress:
        tell(progress(FRIDAY_EVENING, 1))
        release.wait(10)
        finished.set()
        return progress(FRIDAY_EVENING, 2, done=True)

    stream = relay(LocalContext(), slow, 0.3, "the advance")
    assert next(stream).jobs_run == 1
    with pytest.raises(DomainError) as caught:
        next(stream)
    assert caught.value.reason == "WATCH_TIME_UP" and caught.value.code == grpc.StatusCode.DEADLINE_EXCEEDED
    assert "the advance carries on" in caught.value.message and not finished.is_set()
    release.set()
    assert finished.wait(5)   # the work was not stopped by the stream's end

    assert (watch_seconds(0), watch_seconds(5), watch_seconds(MAX_WATCH_SECONDS)) == (WATCH_SECONDS, 5,
                                                                                      MAX_WATCH_SECONDS)
    for bad in (-1, MAX_WATCH_SECONDS + 1):
        with pytest.raises(DomainError) as refused:
            watch_seconds(bad)
        assert refused.value.reason == "INVALID_ARGUMENT" and refused.value.metadata["field"] == "max_seconds"


def test_a_watch_with_a_max_seconds_out_of_bounds_is_refused_before_anything_moves(tmp_path: Path) -> None:
    from typing import cast

    from fivelayer.control.handlers import ClockHandlers
    from fivelayer.control.service import ClockServicer, DrillsServicer
    from fivelayer.control.timeline import Timeline
    from fivelayer.kernel.config import Settings
    from fivelayer.kernel.rpc import Clients, LocalContext

    db = Database(f"sqlite:///{tmp_path}/control.db")
    clock = SandboxClock(db, FRIDAY_EVENING)
    servicer = ClockServicer(ClockHandlers(clock, Driver(clock, lambda: []), cast(Timeline, None), db))
    with pytest.raises(DomainError) as caught:
        next(servicer.AdvanceWatch(control_pb2.AdvanceRequest(by="1d", max_seconds=-1), LocalContext()))
    assert (caught.value.reason, caught.value.metadata["field"]) == ("INVALID_ARGUMENT", "max_seconds")
    assert clock.now() == FRIDAY_EVENING
    drills = DrillsServicer(cast(Settings, None), cast(Clients, None), cast(Timeline, None))
    with pytest.raises(DomainError) as refused:
        next(drills.RunDrillWatch(control_pb2.RunDrillRequest(name="halt-of-mint", max_seconds=3601), LocalContext()))
    assert refused.value.metadata["field"] == "max_seconds" and not drills.desk.lock.locked()
