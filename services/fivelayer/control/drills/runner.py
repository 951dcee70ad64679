"""Run a drill from a fresh sandbox and report it.

A drill needs a fresh sandbox at the drills' start instant, so that the same seed and code give
a byte-identical timeline and report: `fivelayer drill run` makes one; the API refuses any
other sandbox with SANDBOX_NOT_FRESH.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fivelayer.control import ports, reasons
from fivelayer.control.drills import invariants
from fivelayer.control.drills.report import assemble, live_markdown, to_json, to_markdown
from fivelayer.control.drills.scenarios import DRILLS, Drill
from fivelayer.control.drills.world import START, Step, StepLog, World, build, named
from fivelayer.control.timeline import Timeline, digest
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.paging import all_pages, whole
from fivelayer.kernel.timeutil import from_ts, iso
from fivelayer.v1 import common_pb2, control_pb2, exchange_pb2, statuses_pb2


def run_drill(clients: ports.Clients, timeline: Timeline, market_seed: int, name: str,
              seed: int, on_step: Callable[[Step], None] | None = None) -> control_pb2.DrillReport:
    """Run drill `name` with `seed` in this (fresh) sandbox; `on_step` hears each step as it is taken."""
    drill = find(name)
    world = World(clients, seed) if on_step is None else World(clients, seed, steps=StepLog(on_step))
    fresh = world.now() <= START and not whole(clients.exchange.ListUsers, exchange_pb2.ListUsersRequest()).users
    require(
        fresh,
        reasons.Control.SANDBOX_NOT_FRESH,
        f"a drill runs in a fresh sandbox whose clock is at or before {iso(START)}: "
        f"use `fivelayer drill run {name}`, or `fivelayer up --start {iso(START)}` with a new data folder",
    )
    build(world)
    schedule(clients, drill, prefix=f"drill:{name}:{seed}")
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


def schedule(clients: ports.Clients, drill: Drill, prefix: str) -> list[control_pb2.Fault]:
    """Put the drill's faults on control's fault surface, each to start at its instant."""
    return [clients.faults.InjectFault(fault.request(f"{prefix}:fault:{n}")) for n, fault in enumerate(drill.faults)]


def faults_only(clients: ports.Clients, name: str) -> control_pb2.DrillReport:
    """Schedule a drill's faults alone in a live sandbox, at the drill's instants, under the
    user's own traffic; `ReportDrill` then reports the layers for whatever that traffic did."""
    drill = find(name)
    now = from_ts(clients.clock.Now(common_pb2.Empty()).now)
    first = min(f.at for f in drill.faults)
    require(now < first, reasons.Control.SANDBOX_NOT_FRESH,
            f"the {name} drill's faults start at {iso(first)}; this sandbox is already at {iso(now)} "
            f"(start one with `fivelayer up --start {iso(START)}`)")
    scheduled = schedule(clients, drill, prefix=f"drill:{name}:faults-only")
    rows = [{"fault": f.fault_id, "kind": f.kind, "starts": iso(from_ts(f.starts_at)),
             "ends": iso(from_ts(f.until)) if f.HasField("until") else "when cleared", "what": f.description}
            for f in scheduled]
    after = f"Drive your own traffic through the sandbox and its clock, then `fivelayer drill report {name}`."
    report = {"drill": name, "title": drill.title, "faults_only": True, "schedule": rows, "next": after}
    lines = [f"- {r['fault']} `{r['kind']}` from {r['starts']} to {r['ends']}: {r['what']}" for r in rows]
    markdown = "\n".join([f"# Drill faults scheduled: {name} — {drill.title}", "", *lines, "", after, ""])
    return control_pb2.DrillReport(name=name, ok=True, report_json=to_json(report), report_markdown=markdown)


def live_report(clients: ports.Clients, timeline: Timeline, name: str) -> control_pb2.DrillReport:
    """The layer-by-layer report of a live sandbox after a drill's faults and the user's own traffic:
    the faults and what they hit, the layers now, who holds what, and the invariants."""
    drill = find(name)
    world = World(clients, 0)
    world.users = {u.name: u.user_id for u in whole(clients.exchange.ListUsers, exchange_pb2.ListUsersRequest()).users}
    world.snapshot()
    faults = list(all_pages(clients.faults.ListFaults, control_pb2.ListFaultsRequest(include_ended=True),
                            lambda page: page.faults))
    checks = invariants.check(clients, None)
    timeline.sync()
    rows = timeline.rows()
    bugs = [b for breaches in checks.values() for b in breaches]
    events = {"events": len(rows), "digest": digest(rows)}
    report: dict[str, Any] = {
        "drill": name, "title": drill.title, "faults_only": True,
        "faults": [{"fault": f.fault_id, "kind": f.kind, "state": named(statuses_pb2.FaultState, f.state),
                    "hits": str(f.hits), "what": f.description} for f in faults],
        "layers": world.daily, "holdings": world.holdings(), "invariants": checks, "bugs": bugs, "timeline": events,
    }
    return control_pb2.DrillReport(name=name, ok=not bugs, breaches=bugs, timeline_digest=str(events["digest"]),
                                   report_json=to_json(report), report_markdown=live_markdown(report))


def find(name: str) -> Drill:
    drill = DRILLS.get(name)
    if drill is None:
        raise DomainError(reasons.Control.UNKNOWN_DRILL, f"no drill {name!r}; the drills are {', '.join(DRILLS)}",
                          drill=name)
    return drill


def drill_list() -> control_pb2.ListDrillsResponse:
    return control_pb2.ListDrillsResponse(
        drills=[control_pb2.DrillInfo(name=d.name, title=d.title, summary=d.summary) for d in DRILLS.values()]
    )
