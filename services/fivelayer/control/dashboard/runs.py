"""Background runs for the page, once: a drill and a route comparison are run the same way.

Each takes a minute or more in its own scratch sandbox, longer than a request should wait, so it runs
in a daemon thread and the page polls it by id. One at a time (two would halve the cores each gets);
the last KEEP finished runs are kept; a run that raises ends FAILED with the problem, however it
failed, so the page always learns it ended. A kind (`dashboard.drills`, `dashboard.routes_runs`)
keeps only what differs: its run's fields and view, its id prefix, its work and the words it uses.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from fivelayer.control import reasons
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import iso

RUNNING, DONE, FAILED = "running", "done", "failed"
MAX_SEED = 2 ** 31 - 1
KEEP = 10  # finished runs kept for the page (their reports are a few hundred kB at most)

ReplyT = TypeVar("ReplyT")


def now() -> str:
    return iso(datetime.now(UTC).replace(microsecond=0))


def check_seed(seed: object) -> int:
    """A request's seed: a whole number from 0 to MAX_SEED (not a bool), else INVALID_ARGUMENT."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise DomainError(Common.INVALID_ARGUMENT, f"seed must be a whole number from 0 to {MAX_SEED}, got {seed!r}",
                          field="seed")
    return seed


@dataclass
class Run(Generic[ReplyT]):
    """What every run has; a kind subclasses it with its request's fields (keyword-only) and a view."""
    run_id: str
    started_at: str = field(default_factory=now)
    began: float = field(default_factory=time.monotonic)
    state: str = RUNNING
    finished_at: str = ""
    seconds: float = 0.0
    reply: ReplyT | None = None
    error: dict[str, Any] | None = None

    def status(self, **request: Any) -> dict[str, Any]:
        """The run as the page polls it, its request's fields after its id; a kind adds its reply's."""
        elapsed = self.seconds if self.state != RUNNING else time.monotonic() - self.began
        return {"run_id": self.run_id, **request, "state": self.state, "started_at": self.started_at,
                "finished_at": self.finished_at, "elapsed_seconds": round(elapsed, 1), "error": self.error}


RunT = TypeVar("RunT", bound="Run[Any]")


class BackgroundRuns(Generic[RunT]):
    """Runs of one kind, started in a thread and polled by id; `noun` names the kind in messages."""

    def __init__(self, work: Callable[[RunT], object], *, prefix: str, noun: str) -> None:
        self.work, self.prefix, self.noun = work, prefix, noun
        self.lock = threading.Lock()
        self.runs: dict[str, RunT] = {}
        self.count = 0

    def launch(self, make: Callable[[str], RunT], busy: Callable[[RunT], str]) -> RunT:
        """Start `make(run_id)` unless a run is under way (DRILL_RUNNING, its words `busy(that run)`)."""
        with self.lock:
            running = [r for r in self.runs.values() if r.state == RUNNING]
            if running:
                raise DomainError(reasons.Control.DRILL_RUNNING, f"{busy(running[0])} is already running "
                                  f"({running[0].run_id}); one at a time", run_id=running[0].run_id)
            self.count += 1
            run = make(f"{self.prefix}-{self.count:06d}")
            self.runs[run.run_id] = run
            for old in [r for r in self.runs.values() if r.state != RUNNING][:-KEEP]:
                del self.runs[old.run_id]
        threading.Thread(target=self._work, args=(run,), name=f"{self.noun}-{run.run_id}", daemon=True).start()
        return run

    def _work(self, run: RunT) -> None:
        try:
            reply, error = self.work(run), None
        except DomainError as failure:
            reply, error = None, failure.problem()
        except Exception as failure:  # noqa: BLE001 - the page must learn the run ended, however it ended
            reply, error = None, DomainError(Common.INTERNAL, f"the {self.noun} failed: {failure}").problem()
        with self.lock:
            run.reply, run.error = reply, error
            run.state = DONE if reply is not None else FAILED
            run.finished_at = now()
            run.seconds = time.monotonic() - run.began

    def get(self, run_id: str) -> RunT:
        with self.lock:
            run = self.runs.get(run_id)
        if run is None:
            raise DomainError(Common.NOT_FOUND, f"no {self.noun} run {run_id!r} (runs are kept while control runs)",
                              run_id=run_id)
        return run

    def all(self) -> list[RunT]:
        with self.lock:
            return list(self.runs.values())
