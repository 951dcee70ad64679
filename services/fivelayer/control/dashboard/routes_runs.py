"""The route comparison from the page: in a scratch sandbox, in the background, polled by the page.

As a drill from the page (`dashboard.drills`): the comparison needs a fresh sandbox at the drills'
start, and the room's is not, so it runs as `fivelayer routes compare` does, in six new processes on
free ports, then stopped; it takes a minute or more, so it runs in a thread and the page polls it. One
at a time, for the same reason as drills: two would halve the cores each gets. The background runs
are `dashboard.runs`, as a drill's are; this keeps a comparison's request, work and words.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fivelayer.control.dashboard.runs import BackgroundRuns, Run, check_seed
from fivelayer.control.drills.routes_report import series
from fivelayer.kernel.config import Settings
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import USD_PLACES, fmt, parse_amount, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import LISTINGS
from fivelayer.v1 import control_pb2

Compare = Callable[[str, Decimal, int], control_pb2.RoutesReport]
MAX_AMOUNT = Decimal(1_000_000)   # a workshop's figure; SIPC's limits and the SPV's buffer are in this range


def scratch_comparer(settings: Settings, timeout: float = 900.0) -> Compare:
    """The comparison in its own scratch sandbox, stopped whatever happens."""
    from fivelayer.cli.supervisor import StartupError, scratch_sandbox  # only when a comparison runs

    def run(symbol: str, amount: Decimal, seed: int) -> control_pb2.RoutesReport:
        try:
            with scratch_sandbox(settings, seed, "routes") as clients:
                return clients.drills.CompareRoutes(control_pb2.CompareRoutesRequest(
                    amount=to_pb(amount), symbol=symbol, seed=seed), timeout=timeout)
        except StartupError as error:
            raise DomainError(Common.UNAVAILABLE, f"the comparison's scratch sandbox did not start: {error}") from None

    return run


@dataclass(kw_only=True)
class ComparisonRun(Run[control_pb2.RoutesReport]):
    symbol: str
    amount: Decimal
    seed: int

    def view(self, full: bool = True) -> dict[str, Any]:
        """The run as the page polls it; `full` adds the report, its Markdown and the value plot's series."""
        out = self.status(symbol=self.symbol, amount=fmt(self.amount), seed=self.seed)
        if self.reply is not None:
            out["timeline_digest"] = self.reply.timeline_digest
            if full:
                report = json.loads(self.reply.report_json)
                out.update(report=report, markdown=self.reply.report_markdown, plot=series(report))
        return out


class ComparisonRuns(BackgroundRuns[ComparisonRun]):
    """The page's comparisons: started in a thread, polled by id."""

    def __init__(self, compare: Compare) -> None:
        super().__init__(lambda r: compare(r.symbol, r.amount, r.seed), prefix="routes", noun="comparison")
        self.compare = compare

    def start(self, symbol: object, amount: object, seed: object) -> ComparisonRun:
        if not isinstance(symbol, str) or symbol.strip().upper() not in LISTINGS:
            raise DomainError(Common.INVALID_ARGUMENT, f"symbol must be one of {', '.join(sorted(LISTINGS))}",
                              field="symbol")
        if not isinstance(amount, str):
            raise DomainError(Common.INVALID_ARGUMENT, "amount is a string of dollars, e.g. \"10000\"", field="amount")
        dollars = parse_amount(amount, "amount", USD_PLACES)
        if dollars > MAX_AMOUNT:
            raise DomainError(Common.INVALID_ARGUMENT, f"amount is at most {MAX_AMOUNT}", field="amount")
        checked, listed = check_seed(seed), symbol.strip().upper()
        return self.launch(lambda run_id: ComparisonRun(run_id, symbol=listed, amount=dollars, seed=checked),
                           lambda r: "a comparison")


def unavailable(symbol: str, amount: Decimal, seed: int) -> control_pb2.RoutesReport:
    """A dashboard built without a comparer (a unit test's) refuses to compare."""
    raise DomainError(Common.UNAVAILABLE, "this dashboard runs no route comparisons")
