"""Run a drill from a fresh sandbox and report it.

A drill needs a fresh sandbox at the drills' start instant, so that the same seed and code give
a byte-identical timeline and report: `fivelayer drill run` makes one; the API refuses any
other sandbox with SANDBOX_NOT_FRESH.
"""

from __future__ import annotations

from fivelayer.control import ports
from fivelayer.control.drills import invariants
from fivelayer.control.drills.report import assemble, to_json, to_markdown
from fivelayer.control.drills.scenarios import DRILLS
from fivelayer.control.drills.world import START, World, build
from fivelayer.control.timeline import Timeline, digest
from fivelayer.kernel import reasons
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.timeutil import iso
from fivelayer.v1 import common_pb2, control_pb2


def run_drill(clients: ports.Clients, timeline: Timeline, market_seed: int, name: str,
              seed: int) -> control_pb2.DrillReport:
    drill = DRILLS.get(name)
    if drill is None:
        raise DomainError(reasons.Control.UNKNOWN_DRILL, f"no drill {name!r}; the drills are {', '.join(DRILLS)}",
                          drill=name)
    world = World(clients, seed)
    fresh = world.now() <= START and not clients.exchange.ListUsers(common_pb2.Empty()).users
    require(
        fresh,
        reasons.Control.SANDBOX_NOT_FRESH,
        f"a drill runs in a fresh sandbox whose clock is at or before {iso(START)}: "
        f"use `fivelayer drill run {name}`, or `fivelayer up --start {iso(START)}` with a new data folder",
    )
    build(world)
    fault, findings = drill.run(world)
    checks = invariants.check(clients, world.replay_first_deposit)
    timeline.sync()
    rows = timeline.rows()
    report = assemble(
        world,
        name=name,
        title=drill.title,
        summary=drill.summary,
        fault=fault,
        findings=findings,
        invariants=checks,
        timeline={"events": len(rows), "digest": digest(rows)},
        market_seed=market_seed,
    )
    return control_pb2.DrillReport(
        name=name,
        seed=seed,
        ok=not report["bugs"],
        breaches=report["bugs"],
        timeline_digest=report["timeline"]["digest"],
        report_json=to_json(report),
        report_markdown=to_markdown(report),
    )


def drill_list() -> control_pb2.ListDrillsResponse:
    return control_pb2.ListDrillsResponse(
        drills=[control_pb2.DrillInfo(name=d.name, title=d.title, summary=d.summary) for d in DRILLS.values()]
    )
