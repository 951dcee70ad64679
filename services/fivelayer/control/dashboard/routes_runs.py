"""The route comparison from the page: in a scratch sandbox, in the background, polled by the page.

As a drill from the page (`dashboard.drills`): the comparison needs a fresh sandbox at the drills'
start, and the room's is not, so it runs as `fivelayer routes compare` does, in six new processes on
free ports, then stopped; it takes a minute or more, so it runs in a thread and the page polls it. One
at a time, for the same reason as drills: two would halve the cores each gets.
"""
from __future__ import annotations

import json
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fivelayer.control.dashboard.drills import DONE, FAILED, KEEP, MAX_SEED, RUNNING
from fivelayer.control.drills.routes_report import series
from fivelayer.control.drills.world import START
from fivelayer.kernel import reasons
from fivelayer.kernel.config import Settings
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import USD_PLACES, fmt, parse_amount, to_pb
from fivelayer.kernel.reference import LISTINGS
from fivelayer.kernel.timeutil import iso
from fivelayer.v1 import control_pb2

Compare = Callable[[str, Decimal, int], control_pb2.RoutesReport]
MAX_AMOUNT = Decimal(1_000_000)   # a workshop's figure; SIPC's limits and the SPV's buffer are in this range


def scratch_comparer(settings: Settings, timeout: float = 900.0) -> Compare:
    """The comparison in its own scratch sandbox, stopped whatever happens."""
    from fivelayer.cli.supervisor import Sandbox, StartupError, free_port_base  # only when a comparison runs
    from fivelayer.kernel.rpc import Clients

    def run(symbol: str, amount: Decimal, seed: int) -> control_pb2.RoutesReport:
        with tempfile.TemporaryDirectory(prefix="fivelayer-routes-") as scratch:
            scratch_settings = replace(settings, port_base=free_port_base(), data_dir=Path(scratch), seed=seed,
                                       db_url="")
            sandbox = Sandbox(scratch_settings, start=iso(START))
            clients = Clients(scratch_settings)
            try:
                sandbox.start_all()
                return clients.drills.CompareRoutes(control_pb2.CompareRoutesRequest(
                    amount=to_pb(amount), symbol=symbol, seed=seed), timeout=timeout)
            except StartupError as error:
                raise DomainError("UNAVAILABLE", f"the comparison's scratch sandbox did not start: {error}") from None
            finally:
                clients.close()
                sandbox.stop_all()

    return run


@dataclass
class ComparisonRun:
    run_id: str
    symbol: str
    amount: Decimal
    seed: int
    started_at: str
    began: float
    state: str = RUNNING
    finished_at: str = ""
    seconds: float = 0.0
    reply: control_pb2.RoutesReport | None = None
    error: dict[str, Any] | None = None

    def view(self, full: bool = True) -> dict[str, Any]:
        """The run as the page polls it; `full` adds the report, its Markdown and the value plot's series."""
        elapsed = self.seconds if self.state != RUNNING else time.monotonic() - self.began
        out: dict[str, Any] = {"run_id": self.run_id, "symbol": self.symbol, "amount": fmt(self.amount),
                               "seed": self.seed, "state": self.state, "started_at": self.started_at,
                               "finished_at": self.finished_at, "elapsed_seconds": round(elapsed, 1),
                               "error": self.error}
        if self.reply is not None:
            out["timeline_digest"] = self.reply.timeline_digest
            if full:
                report = json.loads(self.reply.report_json)
                out.update(report=report, markdown=self.reply.report_markdown, plot=series(report))
        return out


class ComparisonRuns:
    """The page's comparisons: started in a thread, polled by id."""

    def __init__(self, compare: Compare) -> None:
        self.compare = compare
        self.lock = threading.Lock()
        self.runs: dict[str, ComparisonRun] = {}
        self.count = 0

    def start(self, symbol: object, amount: object, seed: object) -> ComparisonRun:
        if not isinstance(symbol, str) or symbol.strip().upper() not in LISTINGS:
            raise DomainError("INVALID_ARGUMENT", f"symbol must be one of {', '.join(sorted(LISTINGS))}",
                              field="symbol")
        if not isinstance(amount, str):
            raise DomainError("INVALID_ARGUMENT", "amount is a string of dollars, e.g. \"10000\"", field="amount")
        dollars = parse_amount(amount, "amount", USD_PLACES)
        if dollars > MAX_AMOUNT:
            raise DomainError("INVALID_ARGUMENT", f"amount is at most {MAX_AMOUNT}", field="amount")
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise DomainError("INVALID_ARGUMENT", f"seed must be a whole number from 0 to {MAX_SEED}, got {seed!r}",
                              field="seed")
        with self.lock:
            running = [r for r in self.runs.values() if r.state == RUNNING]
            if running:
                raise DomainError(reasons.Control.DRILL_RUNNING, f"a comparison is already running "
                                  f"({running[0].run_id}); one at a time", run_id=running[0].run_id)
            self.count += 1
            run = ComparisonRun(f"routes-{self.count:06d}", symbol.strip().upper(), dollars, seed,
                                iso(datetime.now(UTC).replace(microsecond=0)), time.monotonic())
            self.runs[run.run_id] = run
            for old in [r for r in self.runs.values() if r.state != RUNNING][:-KEEP]:
                del self.runs[old.run_id]
        threading.Thread(target=self._work, args=(run,), name=f"routes-{run.run_id}", daemon=True).start()
        return run

    def _work(self, run: ComparisonRun) -> None:
        try:
            reply, error = self.compare(run.symbol, run.amount, run.seed), None
        except DomainError as failure:
            reply, error = None, failure.problem()
        except Exception as failure:  # noqa: BLE001 - the page must learn the run ended, however it ended
            reply, error = None, DomainError("INTERNAL", f"the comparison failed: {failure}").problem()
        with self.lock:
            run.reply, run.error = reply, error
            run.state = DONE if reply is not None else FAILED
            run.finished_at = iso(datetime.now(UTC).replace(microsecond=0))
            run.seconds = time.monotonic() - run.began

    def get(self, run_id: str) -> ComparisonRun:
        with self.lock:
            run = self.runs.get(run_id)
        if run is None:
            raise DomainError("NOT_FOUND", f"no comparison run {run_id!r} (runs are kept while control runs)",
                              run_id=run_id)
        return run

    def all(self) -> list[ComparisonRun]:
        with self.lock:
            return list(self.runs.values())


def unavailable(symbol: str, amount: Decimal, seed: int) -> control_pb2.RoutesReport:
    """A dashboard built without a comparer (a unit test's) refuses to compare."""
    raise DomainError("UNAVAILABLE", "this dashboard runs no route comparisons")
