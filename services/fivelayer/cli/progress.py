"""Showing long work as it runs: a clock advance's dates and jobs, a drill's steps.

Progress goes to stderr, so stdout stays the command's answer (a script's `--json` is untouched).
On a terminal it is rich's live progress display; otherwise (a pipe, a log, CI) it is one plain
line per step, which a reader of the log and a test can both follow.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Protocol, TextIO, TypeVar

import grpc
from google.protobuf.message import Message
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from fivelayer.kernel.calendar import NEW_YORK
from fivelayer.kernel.errors import DomainError, from_rpc_error
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import from_ts, iso
from fivelayer.v1 import control_pb2


class AdvanceView(Protocol):
    """Where a streamed advance's progress is shown."""

    def update(self, progress: control_pb2.AdvanceProgress) -> None: ...
    def close(self) -> None: ...


def reached_line(progress: control_pb2.AdvanceProgress) -> str:
    """`2026-01-06 Tue  reached 2026-01-06T14:30:00Z  12 jobs run`: the New York date first, as the
    sandbox's sessions are New York days."""
    at = from_ts(progress.reached)
    return f"  {at.astimezone(NEW_YORK):%Y-%m-%d %a}  reached {iso(at)}  {progress.jobs_run} jobs run"


class PlainAdvance:
    """One line per progress message (a message comes per New York day, or about every half
    second of a busy one); the last message, the answer itself, is left to the command's summary."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def update(self, progress: control_pb2.AdvanceProgress) -> None:
        if not progress.HasField("done"):
            print(reached_line(progress), file=self.out, flush=True)

    def close(self) -> None:
        pass


class RichAdvance:
    """A bar over the advance's sandbox span, with the date reached and the jobs run so far."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[jobs]} jobs"),
                                 TimeElapsedColumn(), console=console, transient=True)
        self.task = self.progress.add_task("advancing", total=None, jobs=0)
        self.progress.start()

    def update(self, progress: control_pb2.AdvanceProgress) -> None:
        start, end, at = (from_ts(t) for t in (getattr(progress, "from"), progress.to, progress.reached))
        span = max((end - start).total_seconds(), 1.0)
        self.progress.update(self.task, total=span, completed=min((at - start).total_seconds(), span),
                             description=f"{at.astimezone(NEW_YORK):%Y-%m-%d %a %H:%M} ET", jobs=progress.jobs_run)

    def close(self) -> None:
        self.progress.stop()


def advance_view(err: TextIO | None = None) -> AdvanceView:
    """Rich's display when stderr is a terminal, plain lines otherwise."""
    out = err or sys.stderr
    if out.isatty():
        return RichAdvance(Console(file=out))
    return PlainAdvance(out)


def follow(stream: Iterable[control_pb2.AdvanceProgress], view: AdvanceView) -> control_pb2.AdvanceResponse:
    """Show each progress message and return the advance's answer (the last message's). A refusal that
    ends the stream is raised as the DomainError a unary Advance would have raised."""
    try:
        for progress in _messages(stream):
            view.update(progress)
            if progress.HasField("done"):
                return progress.done
    finally:
        view.close()
    raise DomainError(Common.UNAVAILABLE, "the advance's stream ended before its answer: see control's log")


def step_line(step: control_pb2.DrillStep) -> str:
    """`  2026-11-23T15:30:00Z  alice  buy 10 AAPLx  ok`, with the refusal's message when refused."""
    detail = f"  {step.detail}" if step.result != "ok" and step.detail else ""
    return f"  {step.at}  {step.actor}  {step.action}  {step.result}{detail}"


def follow_drill(stream: Iterable[control_pb2.DrillProgress], err: TextIO | None = None) -> control_pb2.DrillReport:
    """Print each step of a streamed drill as it is taken (rich's status line on a terminal, plain lines
    otherwise) and return its report. A refusal is raised as RunDrill's DomainError."""
    out = err or sys.stderr
    console = Console(file=out) if out.isatty() else None
    steps = 0
    status = console.status("starting the drill") if console is not None else None
    if status is not None:
        status.start()
    try:
        for progress in _messages(stream):
            if progress.HasField("report"):
                return progress.report
            steps += 1
            if status is not None:
                status.update(f"step {steps}: {step_line(progress.step).strip()}")
            else:
                print(step_line(progress.step), file=out, flush=True)
    finally:
        if status is not None:
            status.stop()
    raise DomainError(Common.UNAVAILABLE, "the drill's stream ended before its report: see control's log")


M = TypeVar("M", bound=Message)


def _messages(stream: Iterable[M]) -> Iterator[M]:
    try:
        yield from stream
    except grpc.RpcError as error:
        raise from_rpc_error(error) from None
