"""The REST face: every unary RPC of a service as `POST /v1/<Service>/<Method>` with JSON.

The same servicer objects answer both faces, so the REST layer holds no domain code. Decimals
travel as strings ("12.5", not {"value": "12.5"}), instants as RFC 3339, and errors as
`application/problem+json` with the same reason as the gRPC status.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeAlias

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor, ServiceDescriptor
from google.protobuf import descriptor_pool, message_factory
from google.protobuf.message import Message
from starlette.concurrency import run_in_threadpool

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.rpc import LocalContext

if TYPE_CHECKING:
    from google._upb._message import Descriptor as UpbDescriptor
    from google._upb._message import FieldDescriptor as UpbFieldDescriptor

# Descriptors as messages carry them: generated messages have the upb backend's at run time.
MessageDescriptor: TypeAlias = "Descriptor | UpbDescriptor"
AnyFieldDescriptor: TypeAlias = "FieldDescriptor | UpbFieldDescriptor"
DECIMAL = "fivelayer.v1.Decimal"
TIMESTAMP = "google.protobuf.Timestamp"


def _message_class(descriptor: Descriptor) -> type[Message]:
    return message_factory.GetMessageClass(descriptor_pool.Default().FindMessageTypeByName(descriptor.full_name))


def _is_repeated(field: AnyFieldDescriptor) -> bool:
    return bool(field.is_repeated)


def _inbound(descriptor: MessageDescriptor, body: Any) -> Any:
    """Wrap bare decimal strings into Decimal messages, recursively."""
    if not isinstance(body, dict):
        return body
    out = dict(body)
    for field in descriptor.fields:
        if field.name not in out or field.message_type is None:
            continue
        value = out[field.name]
        convert: Callable[[Any], Any] = (lambda v: {"value": str(v)} if not isinstance(v, dict) else v) \
            if field.message_type.full_name == DECIMAL else functools.partial(_inbound, field.message_type)
        out[field.name] = [convert(v) for v in value] if _is_repeated(field) and isinstance(value, list) \
            else convert(value)
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


_JSON_TYPES = {FieldDescriptor.TYPE_BOOL: "boolean", FieldDescriptor.TYPE_STRING: "string",
               FieldDescriptor.TYPE_INT32: "integer", FieldDescriptor.TYPE_INT64: "string",
               FieldDescriptor.TYPE_ENUM: "string"}


def _schema(descriptor: Descriptor, depth: int = 0) -> dict[str, Any]:
    """A JSON schema of a message, for the OpenAPI document."""
    props: dict[str, Any] = {}
    for field in descriptor.fields:
        if field.message_type is not None:
            name = field.message_type.full_name
            item: dict[str, Any] = {"type": "string", "format": "decimal"} if name == DECIMAL else \
                {"type": "string", "format": "date-time"} if name == TIMESTAMP else \
                _schema(field.message_type, depth + 1) if depth < 4 else {"type": "object"}
        else:
            item = {"type": _JSON_TYPES.get(field.type, "string")}
            if field.enum_type is not None:
                item["enum"] = [v.name for v in field.enum_type.values]
        props[field.name] = {"type": "array", "items": item} if _is_repeated(field) else item
    return {"type": "object", "title": descriptor.name, "properties": props}


def problem_response(error: DomainError) -> JSONResponse:
    return JSONResponse(error.problem(), status_code=error.http_status, media_type="application/problem+json")


def _route(app: FastAPI, service: ServiceDescriptor, method: MethodDescriptor, servicer: object) -> None:
    request_cls = _message_class(method.input_type)
    output = method.output_type
    handler = getattr(servicer, method.name)

    async def endpoint(request: Request) -> JSONResponse:
        raw = await request.body()
        try:
            body = (await request.json()) if raw.strip() else {}
            message = json_format.ParseDict(_inbound(method.input_type, body), request_cls())
        except (ValueError, json_format.ParseError) as exc:
            return problem_response(DomainError("INVALID_ARGUMENT", f"bad request body: {exc}"))
        try:
            response = await run_in_threadpool(handler, message, LocalContext())
        except DomainError as error:
            return problem_response(error)
        return JSONResponse(to_json(response))

    app.add_api_route(
        f"/v1/{service.name}/{method.name}", endpoint, methods=["POST"], name=f"{service.name}.{method.name}",
        tags=[service.name], summary=f"{service.name}.{method.name}",
        openapi_extra={"requestBody": {"content": {"application/json": {"schema": _schema(method.input_type)}}},
                       "responses": {"200": {"description": output.name,
                                             "content": {"application/json": {"schema": _schema(output)}}}}})


def build_rest_app(title: str, services: list[tuple[ServiceDescriptor, object]]) -> FastAPI:
    app = FastAPI(title=f"Fivelayer {title}", description=f"The REST face of the {title} service. "
                  "Every route mirrors a gRPC method of the same name (protos/fivelayer/v1).")
    for service, servicer in services:
        for method in service.methods:
            if not (method.client_streaming or method.server_streaming):
                _route(app, service, method, servicer)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "SERVING", "service": title}

    return app


def to_json(message: Message) -> dict[str, Any]:
    """A message as plain JSON, decimals as strings: what REST answers and `--json` prints."""
    data = json_format.MessageToDict(message, preserving_proto_field_name=True,
                                     always_print_fields_with_no_presence=True)
    return _outbound(message.DESCRIPTOR, data)
