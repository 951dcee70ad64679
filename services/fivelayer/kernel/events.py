"""Typed events (protos/fivelayer/v1/events.proto): the one place an event's name, its message
and its stored text are tied together.

An event's name comes from its message's `event_type` option, its stored text is the message's
canonical proto JSON, and a reader gets the message back (`body`), so no service builds or reads
an event payload by key.
"""
from __future__ import annotations

import json
from typing import Any, cast

from google.protobuf import json_format
from google.protobuf.message import Message

from fivelayer.v1 import common_pb2, events_pb2

BODY = "body"   # the oneof on common_pb2.Event that holds the typed event
# protobuf has two descriptor classes (pure Python and upb) that its stubs do not unify: descriptors are Any here
Descriptor = Any


def name_of(descriptor: Descriptor) -> str:
    """The event type a message declares (its `event_type` option), "" for a message that is no event."""
    return str(descriptor.GetOptions().Extensions[cast(Any, events_pb2.event_type)])


def service_of(descriptor: Descriptor) -> str:
    """The service that emits the event (its `event_service` option)."""
    return str(descriptor.GetOptions().Extensions[cast(Any, events_pb2.event_service)])


def type_of(event: Message) -> str:
    name = name_of(event.DESCRIPTOR)
    if not name:
        raise TypeError(f"{event.DESCRIPTOR.full_name} is not an event: it declares no event_type")
    return name


# (service, event type) -> the field of Event's `body` oneof that carries it
FIELDS: dict[tuple[str, str], Descriptor] = {
    (service_of(field.message_type), name_of(field.message_type)): field
    for field in common_pb2.Event.DESCRIPTOR.oneofs_by_name[BODY].fields}


def to_json(event: Message) -> str:
    """Canonical text: proto field names, sorted keys, no spaces, every scalar field present,
    so identical facts are byte-identical (the timeline's digest depends on it)."""
    return json.dumps(json_format.MessageToDict(event, preserving_proto_field_name=True,
                                                always_print_fields_with_no_presence=True),
                      sort_keys=True, separators=(",", ":"))


def _parse_into(payload: str, message: Message) -> None:
    """Parse stored text into its message. Text stored before a status became an enum holds the status's
    old word (e.g. "queued"): that one field is left unset rather than the event refused, so an older data
    directory still reads (its text, and with it the timeline's digest, is kept as stored)."""
    try:
        json_format.Parse(payload, message)
    except json_format.ParseError:
        message.Clear()
        json_format.Parse(payload, message, ignore_unknown_fields=True)


def parse(service: str, type_: str, payload: str) -> Message | None:
    """The message an event's stored text holds; None for a type this build does not know."""
    field = FIELDS.get((service, type_))
    if field is None:
        return None
    event = common_pb2.Event()
    _parse_into(payload, getattr(event, field.name))
    typed: Message = getattr(event, field.name)
    return typed


def with_body(event: common_pb2.Event) -> common_pb2.Event:
    """Fill an Event's typed `body` from its type and stored text (when the type is known)."""
    field = FIELDS.get((event.service, event.type))
    if field is not None:
        body = getattr(event, field.name)
        body.SetInParent()   # chosen even when every field of it is at its default
        _parse_into(event.payload_json, body)
    return event


def body(event: common_pb2.Event) -> Message | None:
    """The typed event an Event carries, None when its type is unknown to this build."""
    field = event.WhichOneof(BODY)
    return getattr(event, field) if field else None


def plain(event: Message) -> dict[str, Any]:
    """A display form (the dashboard's payload): the message's fields, decimals and instants as
    their text, enums by name, nested messages as dicts; unset decimals and instants are left out."""
    out: dict[str, Any] = {}
    for field in event.DESCRIPTOR.fields:
        value = getattr(event, field.name)
        if field.is_repeated:
            out[field.name] = [_plain_value(field, v) for v in value]
        elif field.message_type is not None and not event.HasField(field.name):
            continue
        else:
            out[field.name] = _plain_value(field, value)
    return out


def _plain_value(field: Descriptor, value: Any) -> Any:
    if field.enum_type is not None:   # a status: its name, as in the stored JSON (an unknown number as itself)
        known = field.enum_type.values_by_number.get(value)
        return known.name if known is not None else value
    if field.message_type is None:
        return value
    if field.message_type.full_name == "fivelayer.v1.Decimal":
        return value.value
    if field.message_type.full_name == "google.protobuf.Timestamp":
        return value.ToJsonString()
    return plain(value)
