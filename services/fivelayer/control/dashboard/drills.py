"""Running a drill from the page: in a scratch sandbox, in the background, polled by the page.

A drill needs a fresh sandbox at its own start instant (`drills.runner`), and the one the room is
looking at is not fresh, so the page's drill runs exactly as `fivelayer drill run` does: six new
processes on free ports with a throw-away data folder, `Drills.RunDrill` there, then stopped. That
takes a minute or two, longer than a request should wait, so it runs in a thread and the page
polls its state. One drill at a time: two would halve the cores each gets. That bookkeeping is
`dashboard.runs`, shared with the route comparison; this keeps a drill's request, work and words.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fivelayer.control.dashboard.plots import plots
from fivelayer.control.dashboard.runs import DONE, FAILED, KEEP, MAX_SEED, RUNNING, BackgroundRuns, Run, check_seed  # noqa: F401  (states and limits re-exported: tests read them here)
from fivelayer.control.drills.runner import find
from fivelayer.kernel.config import Settings
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import control_pb2

RunDrill = Callable[[str, int], control_pb2.DrillReport]


def scratch_runner(settings: Settings, timeout: float = 900.0) -> RunDrill:
    """A drill in its own scratch sandbox, as `fivelayer drill run` does; stopped whatever happens.
    Its processes also stop if control does (they watch the process that started them)."""
    from fivelayer.cli.supervisor import StartupError, scratch_sandbox  # only when a drill runs

    def run(name: str, seed: int) -> control_pb2.DrillReport:
        try:
            with scratch_sandbox(settings, seed, "drill") as clients:
                return clients.drills.RunDrill(control_pb2.RunDrillRequest(name=name, seed=seed), timeout=timeout)
        except StartupError as error:
            raise DomainError(Common.UNAVAILABLE, f"the drill's scratch sandbox did not start: {error}") from None

    return run


@dataclass(kw_only=True)
class DrillRun(Run[control_pb2.DrillReport]):
    name: str
    seed: int

    def view(self, full: bool = True) -> dict[str, Any]:
        """The run as the page polls it; `full` adds the report, its Markdown and its plots."""
        out = self.status(name=self.name, seed=self.seed)
        if self.reply is not None:
            out.update(ok=self.reply.ok, breaches=list(self.reply.breaches),
                       timeline_digest=self.reply.timeline_digest)
            if full:
                report = json.loads(self.reply.report_json)
                out.update(report=report, markdown=self.reply.report_markdown, plots=plots(report))
        return out


class DrillRuns(BackgroundRuns[DrillRun]):
    """The page's drill runs: started in a thread, polled by id."""

    def __init__(self, run: RunDrill) -> None:
        super().__init__(lambda r: run(r.name, r.seed), prefix="run", noun="drill")
        self.run = run

    def start(self, name: object, seed: object) -> DrillRun:
        if not isinstance(name, str) or not name:
            raise DomainError(Common.INVALID_ARGUMENT, "name must be a drill's name", field="name")
        find(name)  # UNKNOWN_DRILL, before anything starts
        checked = check_seed(seed)
        return self.launch(lambda run_id: DrillRun(run_id, name=name, seed=checked), lambda r: f"drill {r.name}")
