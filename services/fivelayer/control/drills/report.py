"""A drill's report: one canonical JSON document, and the Markdown a workshop reads.

The JSON is the record (sorted keys, decimals as strings, sandbox instants only), so the same
seed and code give the same bytes. The Markdown is rendered from it and nothing else.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from typing import Any

from fivelayer.control.drills.world import World


def assemble(
    world: World,
    *,
    name: str,
    title: str,
    summary: str,
    fault: dict[str, str],
    findings: dict[str, Any],
    invariants: dict[str, list[str]],
    timeline: dict[str, Any],
    market_seed: int,
) -> dict[str, Any]:
    refusals = Counter(step.result for step in world.steps if step.result != "ok")
    return {
        "drill": name,
        "title": title,
        "summary": summary,
        "seed": world.seed,
        "market_seed": market_seed,
        "fault": fault,
        "steps": [asdict(s) for s in world.steps],
        "refusals_seen": dict(sorted(refusals.items())),
        "daily": world.daily,
        "holdings": world.holdings(),
        "findings": findings,
        "invariants": invariants,
        "bugs": [b for breaches in invariants.values() for b in breaches],
        "timeline": timeline,
    }


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _table(rows: list[dict[str, Any]], columns: list[str]) -> list[str]:
    if not rows:
        return ["(none)"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(row.get(c, "")).replace("|", "\\|") for c in columns) + " |" for row in rows]
    return lines


def _findings(value: Any, indent: int = 0) -> list[str]:
    pad = "  " * indent
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if isinstance(item, dict | list):
                out += [f"{pad}- **{key}**:"] + _findings(item, indent + 1)
            else:
                out.append(f"{pad}- **{key}**: {item}")
        return out
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, dict):
                out.append(f"{pad}- " + ", ".join(f"{k}: {v}" for k, v in item.items()))
            else:
                out.append(f"{pad}- {item}")
        return out
    return [f"{pad}- {value}"]


def to_markdown(report: dict[str, Any]) -> str:
    out = [
        f"# Drill: {report['drill']} — {report['title']}",
        "",
        f"Seed {report['seed']} (market data seed {report['market_seed']}). {report['summary']}",
        "",
        "## The fault",
        "",
        f"At {report['fault']['at']}: {report['fault']['what']}",
        "",
    ]
    out += ["## What the fault caused", ""] + _findings(report["findings"]) + [""]
    out += ["### Refusals integrators saw", ""]
    out += [f"- `{reason}` x{count}" for reason, count in report["refusals_seen"].items()] or ["- none"]
    out += ["", "### Every attempt", ""] + _table(report["steps"], ["at", "actor", "action", "result", "detail"])
    out += ["", "### The layers after each day (shares)", ""]
    rows = [{"at": day["at"], **token} for day in report["daily"] for token in day["tokens"]]
    out += _table(
        rows,
        ["at", "token", "on_chain", "shares_backed", "shares_pending", "shares_unbacked", "price", "unbacked_value"],
    )
    out += ["", "### Who holds what at the end", ""] + _table(
        report["holdings"], ["holder", "where", "asset", "quantity"]
    )
    out += ["", "## What the sandbox got wrong", ""]
    if report["bugs"]:
        out += [f"- BUG: {b}" for b in report["bugs"]]
    else:
        out += [f"Nothing: every invariant held ({', '.join(report['invariants'])})."]
    t = report["timeline"]
    out += [
        "",
        "## Timeline",
        "",
        f"{t['events']} events, sha256 digest `{t['digest']}`: the same seed and code "
        "give the same timeline and this same report.",
        "",
    ]
    return "\n".join(out)


def live_markdown(report: dict[str, Any]) -> str:
    """A live sandbox's report after a drill's faults alone (`drill run --faults-only`)."""
    out = [f"# Drill faults in a live sandbox: {report['drill']} — {report['title']}", "", "## The faults", ""]
    out += _table(report["faults"], ["fault", "kind", "state", "hits", "what"])
    out += ["", "## The layers now (shares)", ""]
    rows = [{"at": day["at"], **token} for day in report["layers"] for token in day["tokens"]]
    out += _table(rows, ["at", "token", "on_chain", "shares_backed", "shares_pending", "shares_unbacked", "price",
                         "unbacked_value"])
    out += ["", "## Who holds what", ""] + _table(report["holdings"], ["holder", "where", "asset", "quantity"])
    out += ["", "## What the sandbox got wrong", ""]
    held = f"Nothing: every invariant held ({', '.join(report['invariants'])})."
    out += [f"- BUG: {b}" for b in report["bugs"]] or [held]
    t = report["timeline"]
    out += ["", f"Timeline: {t['events']} events, sha256 digest `{t['digest']}`.", ""]
    return "\n".join(out)
