"""Event streams on the Broker API face, as Server-Sent Events: account status, trades, journals,
transfers, and in-kind tokenization.

Each event is one from the broker's outbox, so its id is the outbox sequence: a client resumes
with `since_id` (or `since`, an instant or a date) and may stop a replay with `until_id` /
`until`. Without an upper bound the stream stays open and sends what happens next (a comment
every few seconds keeps the connection alive); it ends after `MAX_STREAM_SECONDS` of wall time,
and the client resumes from the last id it saw, as with Alpaca (delivery is at least once). A
partner sees only events of its own accounts.
"""
from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from datetime import date, datetime
from typing import Any

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from google.protobuf.message import Message
from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool

from fivelayer.broker.accounts import ACCOUNT_STATUS_OF_PB
from fivelayer.broker.api import trading
from fivelayer.broker.api.common import TAG, Face, Partner
from fivelayer.broker.approvals import FACE_STATUS_OF_PB, broker_status
from fivelayer.broker.models import AccountRow, AccountStatus, OrderRow
from fivelayer.kernel import events
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.outbox import OutboxEvent, typed
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import parse_instant, utc
from fivelayer.v1 import events_pb2 as ev

BATCH = 200                 # events read per query
POLL_SECONDS = 0.25         # how often an open stream looks for new events
KEEPALIVE_SECONDS = 5.0
MAX_STREAM_SECONDS = 600.0  # an open stream ends after this long; the client resumes from its last id

# stream -> the outbox event types it carries
STREAMS: dict[str, tuple[str, ...]] = {
    "accounts/status": ("account.status_updated", "account.created", "account.closed", "account.status_changed",
                        "account.updated"),
    "trades": ("order.accepted", "order.new", "order.filled", "order.canceled", "order.expired", "order.replaced",
               "order.rejected"),
    "journals/status": ("journal.executed", "journal.rejected", "journal.canceled"),
    "transfers/status": ("transfer.queued", "transfer.completed", "transfer.canceled", "transfer.rejected"),
    "tokenization": ("tokenization.requested", "tokenization.completed", "tokenization.rejected"),
}
Render = Callable[[Session, OutboxEvent, dict[str, Any]], dict[str, Any]]


def _bound(text: str, name: str, end: bool) -> datetime | None:
    """`since` / `until`: an instant, or a date (its whole day)."""
    if not text:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return utc(datetime(day.year, day.month, day.day, 23, 59, 59, 999999) if end else
                       datetime(day.year, day.month, day.day))
        return parse_instant(text)
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT, f"{name} must be a date or an RFC 3339 instant, got {text!r}") \
            from None


FACE_STATUS = {"transfer.completed": "COMPLETE"}  # where the face names a status other than the event


def _status_event(event: OutboxEvent, message: Message | None) -> tuple[str, str]:
    """(status_from, status_to) in the face's words: an account event's typed statuses, else the event's name."""
    if isinstance(message, ev.AccountStatusChanged):   # the broker froze, passed to an estate or reactivated it
        return "", broker_status(ACCOUNT_STATUS_OF_PB.get(message.status, AccountStatus.ACTIVE))
    if isinstance(message, ev.AccountStatusUpdated):   # an application's move (`approvals`)
        return FACE_STATUS_OF_PB.get(message.status_from, ""), FACE_STATUS_OF_PB.get(message.status_to, "")
    return "", FACE_STATUS.get(event.type, event.type.split(".", 1)[1])


def render(session: Session, event: OutboxEvent, payload: dict[str, Any],
           accounts: dict[str, AccountRow], message: Message | None = None) -> dict[str, Any]:
    """An outbox event in the stream's shape: the record it is about, as the face shows it."""
    account = accounts.get(str(payload.get("account_id") or payload.get("from_account") or ""))
    body: dict[str, Any] = {"event_id": event.seq, "at": event.at.isoformat().replace("+00:00", "Z"),
                            "event_type": event.type}
    if account is not None:
        body["account_id"], body["account_number"] = account.external_id, account.account_id.replace("acct-", "FL")
    status_from, status_to = _status_event(event, message)
    if event.type.startswith("order."):
        order = session.get(OrderRow, payload.get("order_id", ""))
        body["event"] = {"accepted": "new", "filled": "fill"}.get(event.type.split(".", 1)[1],
                                                                  event.type.split(".", 1)[1])
        if order is not None:
            body["order"] = trading.order_json(order)
        for key in ("price", "quantity"):
            if key in payload:
                body["qty" if key == "quantity" else key] = payload[key]
    else:
        body["status_from"], body["status_to"] = status_from.upper(), status_to.upper()
        for key in ("journal_id", "transfer_id", "request_id", "entry_type", "amount", "reason"):
            if key in payload:
                body[key] = payload[key]
    return body


def _accounts_of(session: Session, partner_key: str) -> dict[str, AccountRow]:
    rows = session.exec(select(AccountRow).where(AccountRow.correspondent == partner_key).limit(100_000))
    return {row.account_id: row for row in rows}


def _mine(payload: dict[str, Any], accounts: dict[str, AccountRow]) -> bool:
    return any(str(payload.get(key, "")) in accounts for key in ("account_id", "from_account", "to_account"))


def read_batch(db: Any, partner_key: str, types: tuple[str, ...], after: int, since: datetime | None,
               until: datetime | None, until_id: int | None) -> tuple[list[dict[str, Any]], int, bool]:
    """(events to send, the last seq read, whether the upper bound was passed)."""
    with db.read() as session:
        accounts = _accounts_of(session, partner_key)
        rows = list(session.exec(select(OutboxEvent).where(col(OutboxEvent.seq) > after)
                                 .order_by(col(OutboxEvent.seq)).limit(BATCH)))
        out, last, done = [], after, False
        for event in rows:
            if (until_id is not None and event.seq > until_id) or (until is not None and event.at > until):
                done = True
                break
            last = event.seq
            if event.type not in types or (since is not None and event.at < since):
                continue
            message = typed("broker", event)
            payload = events.plain(message) if message is not None else {}   # its declared fields, by name
            if _mine(payload, accounts):
                out.append(render(session, event, payload, accounts, message))
        if until_id is not None and last >= until_id:
            done = True
        return out, last, done


def install(app: FastAPI, face: Face) -> None:
    db = face.db

    def stream(name: str) -> Callable[..., StreamingResponse]:
        types = STREAMS[name]

        def handler(partner_key: Partner, since: str = "", until: str = "", since_id: int | None = None,
                    until_id: int | None = None, id: str = "") -> StreamingResponse:  # noqa: A002  (the SDK's name)
            lower, upper = _bound(since, "since", False), _bound(until, "until", True)
            if since_id is not None and since_id < 0:
                raise DomainError(Common.INVALID_ARGUMENT, f"since_id must be 0 or more, got {since_id}")

            async def events() -> AsyncIterator[str]:
                after, started, quiet = since_id or 0, time.monotonic(), time.monotonic()
                while time.monotonic() - started < MAX_STREAM_SECONDS:
                    sent, after, done = await run_in_threadpool(read_batch, db, partner_key, types, after, lower,
                                                                upper, until_id)
                    for body in sent:
                        if not id or body.get("account_id") == id:
                            yield f"id: {body['event_id']}\ndata: {json.dumps(body, sort_keys=True)}\n\n"
                    if done or ((upper is not None or until_id is not None) and not sent and
                                await run_in_threadpool(_at_head, db, after)):
                        return
                    if not sent:
                        if time.monotonic() - quiet > KEEPALIVE_SECONDS:
                            quiet = time.monotonic()
                            yield ": keep-alive\n\n"
                        await asyncio.sleep(POLL_SECONDS)

            return StreamingResponse(events(), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache"})

        return handler

    for name in STREAMS:
        app.add_api_route(f"/v1/events/{name}", stream(name), methods=["GET"], tags=[TAG], include_in_schema=False)


def _at_head(db: Any, after: int) -> bool:
    """Whether every event recorded so far has been read (a bounded replay then ends)."""
    with db.read() as session:
        head = session.exec(select(OutboxEvent.seq).order_by(col(OutboxEvent.seq).desc()).limit(1)).first()
    return head is None or head <= after
