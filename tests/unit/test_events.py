"""Typed events: every event a service emits is a declared message, named once, and stored as text
that parses back into the same message."""
from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fivelayer.kernel import events
from fivelayer.kernel.config import SERVICES as SERVICES_BY_NAME
from fivelayer.kernel.db import Database
from fivelayer.kernel.outbox import OutboxEvent, emit, to_message, typed
from fivelayer.v1 import common_pb2, events_pb2, statuses_pb2
from google.protobuf import json_format
from google.protobuf.message import Message
from sqlmodel import col, select

SERVICES = Path(__file__).resolve().parents[2] / "services" / "fivelayer"
AT = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
# the event messages (not the parts some of them share, such as Tally)
MESSAGES = [m for m in events_pb2.DESCRIPTOR.message_types_by_name.values() if events.name_of(m)]


def _calls(path: Path, name: str) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Call) and (getattr(node.func, "id", None) == name
                                               or getattr(node.func, "attr", None) == name)]


def _sources(*under: str) -> list[Path]:
    return sorted(p for folder in under for p in (SERVICES / folder).rglob("*.py"))


def test_every_event_message_is_named_once_in_its_service_and_carried_by_event() -> None:
    keys = [(events.service_of(m), events.name_of(m)) for m in MESSAGES]
    assert all(service and name for service, name in keys), [m.name for m, k in zip(MESSAGES, keys, strict=True)
                                                             if not all(k)]
    assert {service for service, _ in keys} <= set(SERVICES_BY_NAME)
    assert len(set(keys)) == len(keys)
    assert sorted(events.FIELDS) == sorted(keys)       # one field of Event's oneof per (service, event type)
    assert all(events.FIELDS[key].message_type.name == m.name for m, key in zip(MESSAGES, keys, strict=True))


def _messages_in(node: ast.AST) -> set[str]:
    return {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name) and n.value.id == "ev"}


def test_every_emit_site_builds_a_declared_event_message() -> None:
    """Walk every emit call in the services: what it emits is an events_pb2 message (`ev.Name(...)`,
    one a named builder function makes, e.g. the chain's event_message, one of a module's table of them,
    e.g. the exchange's STATUS_EVENTS, or one chosen on the line before, `line = ev.A if ... else ev.B`)
    that declares its type; every service emits so (the outbox has no other way in)."""
    builders = {node.name: _messages_in(node) for path in _sources(".")
                for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.FunctionDef)}
    tables = {target.id: _messages_in(node) for path in _sources(".") for node in ast.parse(path.read_text()).body
              if isinstance(node, ast.Assign | ast.AnnAssign)
              for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
              if isinstance(target, ast.Name)}
    emitted: set[str] = set()
    for path in _sources("."):
        text = path.read_text()
        if not re.search(r"^from fivelayer\.kernel\.outbox import .*\bemit\b", text, re.M):
            continue
        lines = text.splitlines()
        for call in _calls(path, "emit"):
            assert len(call.args) == 3, f"{path}:{call.lineno}: emit(session, at, message)"
            built = call.args[2]
            named = {n.id for n in ast.walk(built) if isinstance(n, ast.Name)}
            names = _messages_in(built) or (builders.get(getattr(built.func, "id", ""), set())
                                            if isinstance(built, ast.Call) else set()) \
                or set().union(*(tables.get(name, set()) for name in named)) \
                or _messages_in(ast.parse(lines[call.lineno - 2].strip()))
            assert names, f"{path}:{call.lineno}: emits no events_pb2 message"
            for name in names:
                descriptor = events_pb2.DESCRIPTOR.message_types_by_name.get(name)
                assert descriptor is not None and events.name_of(descriptor), f"{path}:{call.lineno}: {name}"
            emitted |= names
    assert emitted == {m.name for m in MESSAGES}, "every declared event is emitted somewhere"
    emitters = {service for service in SERVICES_BY_NAME for path in _sources(service) if _calls(path, "emit")}
    assert emitters == set(SERVICES_BY_NAME)


def _filled(message: Message, depth: int = 0) -> Message:
    """Every field of an event set to a telling value (nested messages too), for the round trip."""
    for field in message.DESCRIPTOR.fields:
        value: Any
        if field.message_type is not None:
            target = getattr(message, field.name)
            items: list[Message]
            if field.message_type.full_name == "fivelayer.v1.Decimal":
                items = [common_pb2.Decimal(value="1234.000000001"), common_pb2.Decimal(value="-0.5")]
            elif field.message_type.full_name == "google.protobuf.Timestamp":
                first, second = events_pb2.ClockAdvanced().start, events_pb2.ClockAdvanced().to
                first.FromDatetime(AT)
                second.FromDatetime(AT.replace(microsecond=250000))
                items = [first, second]
            else:
                items = [_filled(type(target.add() if field.is_repeated else target)(), depth + 1) for _ in range(2)]
                if field.is_repeated:
                    del target[:]
            if field.is_repeated:
                for item in items:
                    target.add().CopyFrom(item)
            else:
                target.CopyFrom(items[0])
            continue
        kind = field.type
        if field.enum_type is not None:   # a status: its last value, not the default (which is never stored)
            value = field.enum_type.values[-1].number
        else:
            value = {field.TYPE_STRING: f"{field.name} é", field.TYPE_BOOL: True, field.TYPE_INT32: -7,
                     field.TYPE_INT64: 2**40}[kind]
        if field.is_repeated:
            getattr(message, field.name).extend([value, value])
        else:
            setattr(message, field.name, value)
    return message


@pytest.mark.parametrize("descriptor", MESSAGES, ids=[m.name for m in MESSAGES])
def test_each_event_round_trips_through_the_outbox(descriptor: Any, tmp_path: Path) -> None:
    message = _filled(getattr(events_pb2, descriptor.name)())
    empty = getattr(events_pb2, descriptor.name)()
    db = Database(f"sqlite:///{tmp_path / 'outbox.db'}")
    with db.transaction() as session:
        emit(session, AT, message)
        emit(session, AT, empty)
    with db.read() as session:
        stored = list(session.exec(select(OutboxEvent).order_by(col(OutboxEvent.seq))))
    assert [row.type for row in stored] == [events.type_of(message)] * 2
    service = events.service_of(descriptor)
    assert typed(service, stored[0]) == message and typed(service, stored[1]) == empty
    assert stored[0].payload == events.to_json(message)   # canonical: what parses back prints the same text
    streamed, bare = to_message(service, stored[0]), to_message(service, stored[1])
    assert events.body(streamed) == message and streamed.payload_json == stored[0].payload
    assert events.body(bare) == empty and bare.WhichOneof(events.BODY) is not None


def test_a_message_that_is_no_event_cannot_be_emitted() -> None:
    with pytest.raises(TypeError, match="declares no event_type"):
        events.type_of(common_pb2.Decimal(value="1"))


def test_the_same_name_in_two_services_is_two_messages() -> None:
    """The exchange's and the broker's "order.filled" carry different fields: the stream's service picks."""
    exchange = events.with_body(common_pb2.Event(service="exchange", type="order.filled", payload_json="{}"))
    depository = events.with_body(common_pb2.Event(service="depository", type="order.filled", payload_json="{}"))
    assert exchange.WhichOneof(events.BODY) == "exchange_order_filled"
    assert depository.WhichOneof(events.BODY) is None


def test_an_event_of_a_type_this_build_does_not_know_streams_without_a_body() -> None:
    unknown = to_message("broker", OutboxEvent(seq=1, at=AT, type="some.future_event", payload='{"x":1}'))
    assert unknown.WhichOneof(events.BODY) is None and events.body(unknown) is None
    assert unknown.payload_json == '{"x":1}'


def test_a_status_an_event_carries_shows_by_name() -> None:
    """The stored JSON and the display form (the dashboard, the Broker API's streams) both name the enum value."""
    placed = events_pb2.ExchangeOrderPlaced(order_id="xo-000001", status=statuses_pb2.EXCHANGE_ORDER_STATUS_ACCEPTED)
    assert '"status":"EXCHANGE_ORDER_STATUS_ACCEPTED"' in events.to_json(placed)
    assert events.plain(placed)["status"] == "EXCHANGE_ORDER_STATUS_ACCEPTED"
    assert events.plain(events_pb2.ExchangeOrderPlaced())["status"] == "EXCHANGE_ORDER_STATUS_UNSPECIFIED"


# Event status fields still text, each with the enum it waits for: none left.
TEXT_STATUSES: set[tuple[str, str]] = set()


def test_a_status_an_event_carries_is_an_enum_of_statuses_proto() -> None:
    """No reader takes a status apart from text: every status field of an event is a statuses.proto enum
    (a tax status is a tax form on file, not a record's status, and stays text)."""
    text = {(m.name, f.name) for m in MESSAGES for f in m.fields
            if (f.name.endswith("status") or f.name.startswith("status_")) and not f.name.startswith("tax_")
            and (f.enum_type is None or f.enum_type.file.name != "fivelayer/v1/statuses.proto")}
    assert text == TEXT_STATUSES


def test_the_display_form_names_a_status() -> None:
    """The dashboard, the CLI and the Broker API's streams read `plain`: a status shows as its name."""
    moved = events_pb2.AccountStatusChanged(account_id="acct-000001", status=statuses_pb2.ACCOUNT_STATUS_FROZEN,
                                            reason="a court order")
    assert events.plain(moved) == {"account_id": "acct-000001", "status": "ACCOUNT_STATUS_FROZEN",
                                   "reason": "a court order"}
    assert events.to_json(moved) == ('{"account_id":"acct-000001","reason":"a court order",'
                                     '"status":"ACCOUNT_STATUS_FROZEN"}')


def test_a_status_stored_as_text_before_it_was_an_enum_still_reads() -> None:
    """An older data directory's event keeps its text (and the digest); the old word is left unset."""
    held = events.parse("chain", "stablecoin.wire_held", '{"reason":"halted","redemption_id":"r-1","status":"halted"}')
    assert held == events_pb2.StablecoinWireHeld(redemption_id="r-1", reason="halted")
    with pytest.raises(json_format.ParseError):
        events.parse("chain", "stablecoin.wire_held", '{"redemption_id": 7}')   # anything else is still refused
