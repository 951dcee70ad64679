"""The REST face: every unary RPC of a service as `POST /v1/<Service>/<Method>` with JSON.

The same servicer objects answer both faces, so the REST layer holds no domain code. Decimals
travel as strings ("12.5", not {"value": "12.5"}), instants as RFC 3339, and errors as
`application/problem+json` with the same reason as the gRPC status.

The published OpenAPI document and what the face accepts and sends are made from the same message
descriptors, so they agree: a body is a JSON object whose fields are the request message's, by their
proto names, each of its JSON type (decimals as plain decimal strings, int64 as a string or an integer,
enums by name); anything else (another JSON value, an unknown field, a wrong type, null) is refused with
400 before the service sees it, and changes nothing. `request_id` is required where the message has one.
A response prints every field that has no presence (scalars, even when zero or empty, and lists), so
those are marked required; a message field (a decimal, an instant, a nested message) is left out when unset.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from google.protobuf import descriptor_pool, json_format, message_factory
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor, ServiceDescriptor
from google.protobuf.message import Message
from starlette.concurrency import run_in_threadpool

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common, Reason, documented
from fivelayer.kernel.rpc import LocalContext

if TYPE_CHECKING:
    from google._upb._message import Descriptor as UpbDescriptor
    from google._upb._message import FieldDescriptor as UpbFieldDescriptor

# Descriptors as messages carry them: generated messages have the upb backend's at run time.
MessageDescriptor: TypeAlias = "Descriptor | UpbDescriptor"
AnyFieldDescriptor: TypeAlias = "FieldDescriptor | UpbFieldDescriptor"
DECIMAL = "fivelayer.v1.Decimal"
TIMESTAMP = "google.protobuf.Timestamp"
REQUEST_ID = "request_id"

# A decimal on the REST face: plain digits, an optional sign and fraction ("12.5", "-3", "0.000000001").
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
INTEGER_PATTERN = r"^-?[0-9]+$"
# An RFC 3339 instant ("2026-11-20T22:00:00Z", "2026-11-20T17:00:00.5-05:00").
INSTANT_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
# request_id: some character that is not white space (an id of blanks is MISSING_REQUEST_ID)
REQUEST_ID_PATTERN = r"\S"
INT32 = (-(2 ** 31), 2 ** 31 - 1)
INT64 = (-(2 ** 63), 2 ** 63 - 1)
UINT32 = (0, 2 ** 32 - 1)
UINT64 = (0, 2 ** 64 - 1)

_RANGES: dict[int, tuple[int, int]] = {
    FieldDescriptor.TYPE_INT32: INT32, FieldDescriptor.TYPE_SINT32: INT32, FieldDescriptor.TYPE_SFIXED32: INT32,
    FieldDescriptor.TYPE_UINT32: UINT32, FieldDescriptor.TYPE_FIXED32: UINT32,
    FieldDescriptor.TYPE_INT64: INT64, FieldDescriptor.TYPE_SINT64: INT64, FieldDescriptor.TYPE_SFIXED64: INT64,
    FieldDescriptor.TYPE_UINT64: UINT64, FieldDescriptor.TYPE_FIXED64: UINT64,
}
# proto3 JSON prints 64-bit integers as strings; a client may send a string or a number
_WIDE = {FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_SINT64, FieldDescriptor.TYPE_SFIXED64,
         FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_FIXED64}
_FLOATS = {FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT}

# Every status a refusal is answered with (kernel/reasons.py HTTP_STATUS), and 429 for a rate limit; each
# service's document appends the reasons it declares with that status (`problem_statuses`).
PROBLEM_STATUSES: dict[int, str] = {
    400: "Bad input: the body is not a JSON object of the request's fields, or a value is invalid "
         "(INVALID_ARGUMENT, INVALID_AMOUNT, TOO_MANY_DECIMALS, MISSING_REQUEST_ID, ...). Nothing changed.",
    401: "A call that needs a correspondent's key and secret was made without them, or with wrong ones "
         "(UNAUTHENTICATED): HTTP Basic, as on the Broker API face",
    403: "Not allowed (NOT_MINTER, ROUTE_CUT, ACCOUNT_FROZEN, ADDRESS_FROZEN, ...)",
    404: "Unknown id or name (UNKNOWN_USER, UNKNOWN_TOKEN, UNKNOWN_SYMBOL, NOT_FOUND, ...)",
    409: "The request_id was already used for a different request (IDEMPOTENCY_KEY_REUSED)",
    422: "Refused by the domain (INSUFFICIENT_FUNDS, MINT_HALTED, MARKET_CLOSED, ISSUER_INSOLVENT, ...)",
    429: "Rate limited: retry later with the same request_id",
    503: "A service this call needs is unavailable (UNAVAILABLE): retry with the same request_id",
    504: "A service this call needs did not answer in time (DEADLINE_EXCEEDED): retry with the same request_id",
    500: "The sandbox failed inside (JOB_FAILED: a scheduled job broke)",
    501: "The service a call needs does not serve it (UNIMPLEMENTED)",
}
PROBLEM = "application/problem+json"
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object", "title": "Problem",
    "description": "RFC 9457 problem details; `reason` is the same machine-readable reason as on the gRPC face.",
    "required": ["type", "title", "status", "detail", "reason"],
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "reason": {"type": "string", "pattern": "^[A-Z][A-Z0-9_]*$"},
        "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


REASONS_KEY = "x-reasons"  # the Problem schema's table of every reason the service declares


def reason_table(service: str) -> dict[str, dict[str, Any]]:
    """The reasons a service's REST face documents (kernel/reasons.py: the kernel's and its own), each with
    its gRPC status, its HTTP status and what it means."""
    return {code: {"grpc": reason.grpc_status.name, "http": reason.http_status, "description": reason.doc}
            for code, reason in sorted(documented(service).items())}


def problem_statuses(service: str) -> dict[int, str]:
    """Each refusal status's description, naming every declared reason answered with it."""
    by_status: dict[int, list[str]] = {}
    for code, row in reason_table(service).items():
        by_status.setdefault(row["http"], []).append(code)
    unlisted = set(by_status) - set(PROBLEM_STATUSES)
    if unlisted:
        raise ValueError(f"{service} declares reasons answered with {sorted(unlisted)}, not in PROBLEM_STATUSES")
    return {status: f"{text.rstrip('.')}. Reasons: {', '.join(by_status[status])}." if status in by_status else text
            for status, text in sorted(PROBLEM_STATUSES.items())}


def problem_schema(service: str) -> dict[str, Any]:
    """The Problem schema of one service's document: `reason` lists the codes it declares (a service
    also relays the codes of the services it calls, so the list documents, it does not restrict)."""
    table = reason_table(service)
    reason = {**PROBLEM_SCHEMA["properties"]["reason"],
              "description": "The machine-readable reason. This service declares: " + ", ".join(table)
              + "; it also relays the reasons of the services it calls."}
    return {**PROBLEM_SCHEMA, "properties": {**PROBLEM_SCHEMA["properties"], "reason": reason},
            REASONS_KEY: table}


def _message_class(descriptor: Descriptor) -> type[Message]:
    return message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName(descriptor.full_name))


def _is_repeated(field: AnyFieldDescriptor) -> bool:
    return bool(field.is_repeated)


def _refuse(where: str, message: str, reason: Reason = Common.INVALID_ARGUMENT) -> DomainError:
    return DomainError(reason, f"{where}: {message}", field=where)


def _value(field: AnyFieldDescriptor, value: Any, where: str) -> Any:
    """One value of a field, checked against its JSON type, in protobuf's JSON mapping."""
    if value is None:
        raise _refuse(where, "must not be null (leave the field out instead)")
    if field.message_type is not None:
        name = field.message_type.full_name
        if name == DECIMAL:
            if not isinstance(value, str) or not re.fullmatch(DECIMAL_PATTERN, value):
                raise _refuse(where, f'a decimal is a string of digits like "12.5", got {json.dumps(value)}',
                              Common.INVALID_AMOUNT)
            return {"value": value}
        if name == TIMESTAMP:
            if not isinstance(value, str) or not re.fullmatch(INSTANT_PATTERN, value):
                raise _refuse(where, f'an instant is an RFC 3339 string like "2026-11-20T22:00:00Z", '
                              f"got {json.dumps(value)}")
            return value
        return _inbound(field.message_type, value, where)
    if field.enum_type is not None:
        names = [v.name for v in field.enum_type.values]
        if not isinstance(value, str) or value not in names:
            raise _refuse(where, f"must be one of {', '.join(names)}, got {json.dumps(value)}")
        return value
    kind = field.type
    if kind == FieldDescriptor.TYPE_BOOL:
        if not isinstance(value, bool):
            raise _refuse(where, f"must be true or false, got {json.dumps(value)}")
        return value
    if kind in _RANGES:
        low, high = _RANGES[kind]
        number = int(value) if isinstance(value, str) and kind in _WIDE and re.fullmatch(INTEGER_PATTERN, value) \
            else value if isinstance(value, int) and not isinstance(value, bool) else None
        if number is None or not low <= number <= high:
            raise _refuse(where, f"must be an integer from {low} to {high}"
                          f"{' (a number or a string of digits)' if kind in _WIDE else ''}, got {json.dumps(value)}")
        return value
    if kind in _FLOATS:
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise _refuse(where, f"must be a number, got {json.dumps(value)}")
        return value
    if not isinstance(value, str):  # string, and bytes (base64 text)
        raise _refuse(where, f"must be a string, got {json.dumps(value)}")
    return value


def _inbound(descriptor: MessageDescriptor, body: Any, path: str = "") -> dict[str, Any]:
    """A JSON body checked against the request message and turned into protobuf's JSON mapping
    (bare decimal strings wrapped into Decimal messages), recursively; a DomainError (400) if it does
    not fit: not an object, an unknown field, a value of the wrong type."""
    if not isinstance(body, dict):
        raise DomainError(Common.INVALID_ARGUMENT, f"{path or 'the body'} must be a JSON object "
                          f"({descriptor.name}), got {type(body).__name__ if body is not None else 'null'}",
                          field=path or "body")
    fields = {f.name: f for f in descriptor.fields}
    out: dict[str, Any] = {}
    for name, value in body.items():
        where = f"{path}.{name}" if path else name
        field = fields.get(name)
        if field is None:
            raise _refuse(where, f"unknown field ({descriptor.name} has "
                          f"{', '.join(fields) if fields else 'no fields'})")
        if _is_repeated(field):
            if not isinstance(value, list):
                raise _refuse(where, f"must be a list, got {json.dumps(value)}")
            out[name] = [_value(field, v, f"{where}[{i}]") for i, v in enumerate(value)]
        else:
            out[name] = _value(field, value, where)
    return out


def _outbound(descriptor: MessageDescriptor, body: Any) -> Any:
    """Flatten Decimal messages into strings, recursively."""
    if not isinstance(body, dict):
        return body
    out = dict(body)
    for field in descriptor.fields:
        if field.name not in out or field.message_type is None:
            continue
        value = out[field.name]
        convert: Callable[[Any], Any] = (lambda v: v.get("value", "") if isinstance(v, dict) else v) \
            if field.message_type.full_name == DECIMAL else functools.partial(_outbound, field.message_type)
        out[field.name] = [convert(v) for v in value] if isinstance(value, list) else convert(value)
    return out


def _field_schema(field: AnyFieldDescriptor, inbound: bool, depth: int) -> dict[str, Any]:
    if field.message_type is not None:
        name = field.message_type.full_name
        if name == DECIMAL:
            return {"type": "string", "format": "decimal", "pattern": DECIMAL_PATTERN}
        if name == TIMESTAMP:
            return {"type": "string", "format": "date-time", "pattern": INSTANT_PATTERN}
        return message_schema(field.message_type, inbound, depth + 1)
    if field.enum_type is not None:
        return {"type": "string", "enum": [v.name for v in field.enum_type.values]}
    kind = field.type
    if kind == FieldDescriptor.TYPE_BOOL:
        return {"type": "boolean"}
    if kind in _RANGES:
        low, high = _RANGES[kind]
        if kind in _WIDE:  # printed as a string; read from a string or a number
            wide: dict[str, Any] = {"type": ["string", "integer"] if inbound else "string",
                                    "format": "int64", "pattern": INTEGER_PATTERN}
            return {**wide, "minimum": low, "maximum": high} if inbound else wide
        return {"type": "integer", "format": "int32", "minimum": low, "maximum": high}
    if kind in _FLOATS:
        return {"type": "number"}
    return {"type": "string"}


def message_schema(descriptor: MessageDescriptor, inbound: bool, depth: int = 0) -> dict[str, Any]:
    """The JSON schema of a message as the REST face reads it (`inbound`) or prints it, for the OpenAPI
    document: no other fields; a request's `request_id` required; a response's fields without presence
    (always printed) required."""
    if depth > 8:  # no message here nests that deep; a recursive one would stop here
        return {"type": "object"}
    props: dict[str, Any] = {}
    required: list[str] = []
    for field in descriptor.fields:
        item = _field_schema(field, inbound, depth)
        props[field.name] = {"type": "array", "items": item} if _is_repeated(field) else item
        if inbound and field.name == REQUEST_ID and field.type == FieldDescriptor.TYPE_STRING:
            props[field.name] = {**item, "minLength": 1, "pattern": REQUEST_ID_PATTERN,
                                 "description": "the client's idempotency key: the same id and body apply once"}
            required.append(field.name)
        elif not inbound and not field.has_presence:
            required.append(field.name)
    schema: dict[str, Any] = {"type": "object", "title": descriptor.name, "properties": props,
                              "additionalProperties": False}
    if required:
        schema["required"] = required
    exclusive = [[f.name for f in oneof.fields] for oneof in descriptor.oneofs if len(oneof.fields) > 1]
    if inbound and exclusive:  # at most one member of a oneof
        schema["allOf"] = [{"not": {"required": [a, b]}} for names in exclusive
                           for i, a in enumerate(names) for b in names[i + 1:]]
    return schema


def problem_response(error: DomainError) -> JSONResponse:
    return JSONResponse(error.problem(), status_code=error.http_status, media_type=PROBLEM)


def _read_body(raw: bytes) -> Any:
    """The body as JSON; no body at all is an empty object (a request message with every field unset).
    White space alone is not a JSON document."""
    if not raw:
        return {}
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # bad JSON, bad UTF-8, nesting too deep
        raise DomainError(Common.INVALID_ARGUMENT, f"the body is not valid JSON: {exc}", field="body") from None


M = TypeVar("M", bound=Message)


def parse_message(cls: type[M], raw: bytes) -> M:
    """A request body read exactly as the REST face reads a request message (fields by their proto
    names, decimals as strings, ...); a DomainError (400) if it does not fit. Other HTTP faces on a
    service (control's dashboard) use it for the requests they pass on."""
    body = _inbound(cls.DESCRIPTOR, _read_body(raw))
    try:
        return json_format.ParseDict(body, cls())
    except (ValueError, json_format.ParseError) as exc:
        raise DomainError(Common.INVALID_ARGUMENT, f"bad request body: {exc}", field="body") from None


def _route(app: FastAPI, service: ServiceDescriptor, method: MethodDescriptor, servicer: object,
           statuses: dict[int, str]) -> None:
    request_cls = _message_class(method.input_type)
    output = method.output_type
    handler = getattr(servicer, method.name)

    async def endpoint(request: Request) -> JSONResponse:
        try:
            body = _inbound(method.input_type, _read_body(await request.body()))
            message = json_format.ParseDict(body, request_cls())
        except DomainError as error:
            return problem_response(error)
        except (ValueError, json_format.ParseError) as exc:
            return problem_response(DomainError(Common.INVALID_ARGUMENT, f"bad request body: {exc}", field="body"))
        try:
            credentials = request.headers.get("authorization", "")  # a correspondent's key and secret, as on gRPC
            context = LocalContext((("authorization", credentials),) if credentials else ())
            response = await run_in_threadpool(handler, message, context)
        except DomainError as error:
            return problem_response(error)
        return JSONResponse(to_json(response))

    request_schema = message_schema(method.input_type, inbound=True)
    problems = {str(status): {"description": text, "content": {PROBLEM: {"schema": {
        "$ref": "#/components/schemas/Problem"}}}} for status, text in statuses.items()}
    app.add_api_route(
        f"/v1/{service.name}/{method.name}", endpoint, methods=["POST"], name=f"{service.name}.{method.name}",
        tags=[service.name], summary=f"{service.name}.{method.name}",
        openapi_extra={"requestBody": {"required": "required" in request_schema,
                                       "content": {"application/json": {"schema": request_schema}}},
                       "responses": {"200": {"description": output.name, "content": {
                           "application/json": {"schema": message_schema(output, inbound=False)}}}, **problems}})


class RestApp(FastAPI):
    """A service's REST face; its OpenAPI document carries the Problem schema with the service's reasons."""

    service = ""

    def openapi(self) -> dict[str, Any]:
        if not self.openapi_schema:
            document = super().openapi()
            document.setdefault("components", {}).setdefault("schemas", {})["Problem"] = problem_schema(self.service)
        return self.openapi_schema or {}


def build_rest_app(title: str, services: list[tuple[ServiceDescriptor, object]]) -> FastAPI:
    """The REST face of the service named `title` ("broker", ...): its reasons are those declared under
    that name in kernel/reasons.py's registry (its reasons module is imported by its own code)."""
    app = RestApp(title=f"Fivelayer {title}", description=f"The REST face of the {title} service. "
                  "Every route mirrors a gRPC method of the same name (protos/fivelayer/v1): POST the request "
                  "message as a JSON object (decimals as strings), get the response message as JSON, or a "
                  "refusal as application/problem+json with a machine-readable `reason`.")
    app.service = title
    statuses = problem_statuses(title)
    for service, servicer in services:
        for method in service.methods:
            if not (method.client_streaming or method.server_streaming):
                _route(app, service, method, servicer, statuses)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "SERVING", "service": title}

    return app


def to_json(message: Message) -> dict[str, Any]:
    """A message as plain JSON, decimals as strings: what REST answers and `--json` prints."""
    data = json_format.MessageToDict(message, preserving_proto_field_name=True,
                                     always_print_fields_with_no_presence=True)
    body: dict[str, Any] = _outbound(message.DESCRIPTOR, data)
    return body
