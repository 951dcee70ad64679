"""The timeline as the page sees it: each event, the boxes it lights up, and a one-line summary.

Events travel as Server-Sent Events whose ids are the timeline rows' ids (the order they reached
control), not their sandbox-time position: a row that arrives late never shifts one already sent,
so a page that reconnects with its last id misses and repeats nothing.
"""
from __future__ import annotations

import json
from typing import Any

from google.protobuf import json_format

from fivelayer.control.models import TimelineRow
from fivelayer.kernel import events
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import iso

# Box ids of the page (static/index.html): the tokenized route, the chain, the traditional route, the perps.
BOXES = ("user", "exchange", "issuer", "broker", "depository", "chain", "trad_exchange", "trad_broker",
         "trad_depository", "perp_exchange", "perp_desk", "control")
PERP_EVENTS = "perp."   # the exchange's perp route: orders, fills, funding, liquidations, conditions
# Within one instant, the order a mint runs down the layers (the page plays a batch in this order).
STAGE = {"control": 0, "exchange": 1, "issuer": 2, "chain": 3, "broker": 4, "depository": 5}
TRADITIONAL = "traditional"
# Payload fields worth a glance in the ticker, most telling first.
SUMMARY_KEYS = ("name", "user_id", "side", "token", "symbol", "quantity", "amount", "price", "status", "order_id",
                "mint_id", "redemption_id", "account_id", "participant", "settlement_date", "kind", "reason",
                "jobs", "fault_id", "to")
SUMMARY_FIELDS = 5


def boxes_for(service: str, type_: str, payload: dict[str, Any], spv_account: str) -> list[str]:
    """Which boxes an event lights up: its service's, on the route it belongs to. The depository is
    one DTC account for both routes, so its events light both of its boxes; the broker's events on
    a customer's own account (not the SPV's) are the traditional route's."""
    if service == "exchange":
        traditional = payload.get("route") == TRADITIONAL or type_.startswith("broker_account.")
        boxes = ["perp_exchange"] if type_.startswith(PERP_EVENTS) else ["trad_exchange"] if traditional \
            else ["exchange"]
        return ["user", *boxes] if "user_id" in payload else boxes
    if service == "broker":
        account = str(payload.get("account_id", ""))
        return ["trad_broker"] if account and spv_account and account != spv_account else ["broker"]
    if service == "depository":
        return ["depository", "trad_depository"]
    return [service] if service in BOXES else []


def summary(type_: str, payload: dict[str, Any]) -> str:
    """A ticker line: the event type and its most telling scalar fields."""
    parts = [f"{key} {payload[key]}" for key in SUMMARY_KEYS
             if isinstance(payload.get(key), str | int | float) and str(payload[key]) != ""][:SUMMARY_FIELDS]
    return f"{type_}: {', '.join(parts)}" if parts else type_


def payload_view(service: str, type_: str, stored: str) -> dict[str, Any]:
    """An event's fields for the page: its typed message in display form (decimals and instants as
    text); an event type this build does not declare is shown from its stored JSON. A stored
    text that does not parse (a damaged row) shows no fields rather than stopping the page's stream."""
    try:
        message = events.parse(service, type_, stored)
        if message is not None:
            return events.plain(message)
        payload = json.loads(stored)
    except (ValueError, json_format.ParseError):
        return {}
    return payload if isinstance(payload, dict) else {"value": payload}


def event_view(row: TimelineRow, spv_account: str) -> dict[str, Any]:
    payload = payload_view(row.service, row.type, row.payload)
    return {"id": row.id, "service": row.service, "seq": row.seq, "at": iso(row.at), "type": row.type,
            "stage": STAGE.get(row.service, 9), "boxes": boxes_for(row.service, row.type, payload, spv_account),
            "summary": summary(row.type, payload), "payload": payload}


def sse_frame(event: dict[str, Any]) -> str:
    """One Server-Sent Event: its id (for Last-Event-ID on reconnect) and its JSON on one data line."""
    return f"id: {event['id']}\nevent: timeline\ndata: {json.dumps(event, separators=(',', ':'))}\n\n"


def parse_after(query: str | None, last_event_id: str | None) -> int | None:
    """Where a stream starts: after the browser's Last-Event-ID on a reconnect, else after `?after=N`,
    else None (a page's first connection: it gets a short tail of recent events). Anything but a whole
    number is the caller's mistake."""
    for raw in (last_event_id, query):
        if raw is None or raw == "":
            continue
        if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
            raise DomainError(Common.INVALID_ARGUMENT, f"after must be a whole number >= 0, got {raw!r}", field="after")
        return int(raw)
    return None
