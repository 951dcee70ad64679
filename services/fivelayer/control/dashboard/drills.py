"""Running a drill from the page: in a scratch sandbox, in the background, polled by the page.

A drill needs a fresh sandbox at its own start instant (`drills.runner`), and the one the room is
looking at is not fresh, so the page's drill runs exactly as `fivelayer drill run` does: six new
processes on free ports with a throw-away data folder, `Drills.RunDrill` there, then stopped. That
takes a minute or two, longer than a request should wait, so it runs in a thread and the page
polls its state. One drill at a time: two would halve the cores each gets.
"""
from __future__ import annotations

import json
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fivelayer.control.dashboard.plots import plots
from fivelayer.control.drills.runner import find
from fivelayer.control.drills.world import START
from fivelayer.kernel import reasons
from fivelayer.kernel.config import Settings
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.timeutil import iso
from fivelayer.v1 import control_pb2

RunDrill = Callable[[str, int], control_pb2.DrillReport]
RUNNING, DONE, FAILED = "running", "done", "failed"
MAX_SEED = 2 ** 31 - 1
KEEP = 10  # finished runs kept for the page (their reports are a few hundred kB at most)


def scratch_runner(settings: Settings, timeout: float = 900.0) -> RunDrill:
    """A drill in its own scratch sandbox, as `fivelayer drill run` does; stopped whatever happens.
    Its processes also stop if control does (they watch the process that started them)."""
    from fivelayer.cli.supervisor import Sandbox, StartupError, free_port_base  # only when a drill runs
    from fivelayer.kernel.rpc import Clients

    def run(name: str, seed: int) -> control_pb2.DrillReport:
        with tempfile.TemporaryDirectory(prefix="fivelayer-drill-") as scratch:
            scratch_settings = replace(settings, port_base=free_port_base(), data_dir=Path(scratch), seed=seed,
                                       db_url="")
            sandbox = Sandbox(scratch_settings, start=iso(START))
            clients = Clients(scratch_settings)
            try:
                sandbox.start_all()
                return clients.drills.RunDrill(control_pb2.RunDrillRequest(name=name, seed=seed), timeout=timeout)
            except StartupError as error:
                raise DomainError("UNAVAILABLE", f"the drill's scratch sandbox did not start: {error}") from None
            finally:
                clients.close()
                sandbox.stop_all()

    return run


@dataclass
class DrillRun:
    run_id: str
    name: str
    seed: int
    started_at: str
    began: float
    state: str = RUNNING
    finished_at: str = ""
    seconds: float = 0.0
    reply: control_pb2.DrillReport | None = None
    error: dict[str, Any] | None = None

    def view(self, full: bool = True) -> dict[str, Any]:
        """The run as the page polls it; `full` adds the report, its Markdown and its plots."""
        elapsed = self.seconds if self.state != RUNNING else time.monotonic() - self.began
        out: dict[str, Any] = {"run_id": self.run_id, "name": self.name, "seed": self.seed, "state": self.state,
                               "started_at": self.started_at, "finished_at": self.finished_at,
                               "elapsed_seconds": round(elapsed, 1), "error": self.error}
        if self.reply is not None:
            out.update(ok=self.reply.ok, breaches=list(self.reply.breaches),
                       timeline_digest=self.reply.timeline_digest)
            if full:
                report = json.loads(self.reply.report_json)
                out.update(report=report, markdown=self.reply.report_markdown, plots=plots(report))
        return out


class DrillRuns:
    """The page's drill runs: started in a thread, polled by id."""

    def __init__(self, run: RunDrill) -> None:
        self.run = run
        self.lock = threading.Lock()
        self.runs: dict[str, DrillRun] = {}
        self.count = 0

    def start(self, name: object, seed: object) -> DrillRun:
        if not isinstance(name, str) or not name:
            raise DomainError("INVALID_ARGUMENT", "name must be a drill's name", field="name")
        find(name)  # UNKNOWN_DRILL, before anything starts
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise DomainError("INVALID_ARGUMENT", f"seed must be a whole number from 0 to {MAX_SEED}, got {seed!r}",
                              field="seed")
        with self.lock:
            running = [r for r in self.runs.values() if r.state == RUNNING]
            if running:
                raise DomainError(reasons.Control.DRILL_RUNNING, f"drill {running[0].name} is already running "
                                  f"({running[0].run_id}); one at a time", run_id=running[0].run_id)
            self.count += 1
            run = DrillRun(f"run-{self.count:06d}", name, seed, iso(datetime.now(UTC).replace(microsecond=0)),
                           time.monotonic())
            self.runs[run.run_id] = run
            for old in [r for r in self.runs.values() if r.state != RUNNING][:-KEEP]:
                del self.runs[old.run_id]
        threading.Thread(target=self._work, args=(run,), name=f"drill-{run.run_id}", daemon=True).start()
        return run

    def _work(self, run: DrillRun) -> None:
        try:
            reply, error = self.run(run.name, run.seed), None
        except DomainError as failure:
            reply, error = None, failure.problem()
        except Exception as failure:  # noqa: BLE001 - the page must learn the run ended, however it ended
            reply, error = None, DomainError("INTERNAL", f"the drill failed: {failure}").problem()
        with self.lock:
            run.reply, run.error = reply, error
            run.state = DONE if reply is not None else FAILED
            run.finished_at = iso(datetime.now(UTC).replace(microsecond=0))
            run.seconds = time.monotonic() - run.began

    def get(self, run_id: str) -> DrillRun:
        with self.lock:
            run = self.runs.get(run_id)
        if run is None:
            raise DomainError("NOT_FOUND", f"no drill run {run_id!r} (runs are kept while control runs)",
                              run_id=run_id)
        return run

    def all(self) -> list[DrillRun]:
        with self.lock:
            return list(self.runs.values())
