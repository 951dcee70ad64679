"""The REST face without processes: what it refuses before a servicer sees it, and what its OpenAPI says."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from fivelayer.kernel.rest import PROBLEM_STATUSES, _message_class, build_rest_app
from fivelayer.v1 import broker_pb2, control_pb2, exchange_pb2
from google.protobuf.descriptor import ServiceDescriptor
from google.protobuf.message import Message

EXCHANGE = exchange_pb2.DESCRIPTOR.services_by_name["Exchange"]
BROKER = broker_pb2.DESCRIPTOR.services_by_name["Broker"]
SANDBOX = control_pb2.DESCRIPTOR.services_by_name["Sandbox"]


class Echo:
    """A servicer that answers every method with an empty response, keeping the requests it got."""

    def __init__(self, *services: ServiceDescriptor) -> None:
        self.seen: list[Message] = []
        self.outputs = {m.name: _message_class(m.output_type) for s in services for m in s.methods}

    def __getattr__(self, name: str) -> Callable[[Message, object], Message]:
        def answer(request: Message, context: object) -> Message:
            self.seen.append(request)
            return self.outputs[name]()
        return answer


@pytest.fixture
def echo() -> Echo:
    return Echo(EXCHANGE, BROKER, SANDBOX)


@pytest.fixture
def client(echo: Echo) -> TestClient:
    return TestClient(build_rest_app("test", [(EXCHANGE, echo), (BROKER, echo), (SANDBOX, echo)]))


def refused(client: TestClient, path: str, content: bytes, reason: str = "INVALID_ARGUMENT") -> dict[str, Any]:
    reply = client.post(path, content=content, headers={"content-type": "application/json"})
    assert reply.status_code == 400, (content, reply.text)
    assert reply.headers["content-type"].startswith("application/problem+json")
    problem: dict[str, Any] = reply.json()
    assert problem["reason"] == reason, (content, problem)
    assert {"type", "title", "status", "detail", "reason"} <= problem.keys()
    return problem


@pytest.mark.parametrize("body", [b"5", b"-1.5e300", b"null", b"true", b'"x"', b"[1]", b"[]", b"{bad", b"\x0b", b" \n",
                                  b"\xff\xfe", b"[" * 100_000])
def test_a_body_that_is_not_a_json_object_is_refused(client: TestClient, echo: Echo, body: bytes) -> None:
    problem = refused(client, "/v1/Exchange/Buy", body)
    assert "JSON" in problem["detail"]
    assert echo.seen == []


@pytest.mark.parametrize("body, reason, field", [
    (b'{"request_id": "r", "nope": 1}', "INVALID_ARGUMENT", "nope"),
    (b'{"requestId": "r"}', "INVALID_ARGUMENT", "requestId"),
    (b'{"request_id": 5}', "INVALID_ARGUMENT", "request_id"),
    (b'{"request_id": null}', "INVALID_ARGUMENT", "request_id"),
    (b'{"request_id": "r", "quantity": 3}', "INVALID_AMOUNT", "quantity"),
    (b'{"request_id": "r", "quantity": {"value": "3"}}', "INVALID_AMOUNT", "quantity"),
    (b'{"request_id": "r", "quantity": "1e3"}', "INVALID_AMOUNT", "quantity"),
    (b'{"request_id": "r", "quantity": ""}', "INVALID_AMOUNT", "quantity"),
])
def test_unknown_fields_and_wrong_types_are_refused(client: TestClient, echo: Echo, body: bytes, reason: str,
                                                    field: str) -> None:
    problem = refused(client, "/v1/Exchange/Buy", body, reason)
    assert problem["metadata"]["field"] == field
    assert echo.seen == []


def test_enums_by_name_and_integers_by_type(client: TestClient, echo: Echo) -> None:
    for side in (b'"SIDEWAYS"', b"1", b"null"):
        refused(client, "/v1/Broker/PlaceOrder", b'{"request_id": "r", "side": ' + side + b"}")
    for body in (b'{"after": "5.0"}', b'{"after": 1.5}', b'{"after": true}', b'{"after": "9223372036854775808"}',
                 b'{"limit": "5"}', b'{"limit": 2147483648}'):
        refused(client, "/v1/Sandbox/ListEvents", body)
    assert echo.seen == []
    for body in (b'{"after": "5", "limit": 2}', b'{"after": 5}', b"", b" {} "):
        assert client.post("/v1/Sandbox/ListEvents", content=body).status_code == 200, body
    assert [r.after for r in echo.seen if isinstance(r, control_pb2.ListEventsRequest)] == [5, 5, 0, 0]


def test_a_good_body_reaches_the_servicer_with_its_decimals(client: TestClient, echo: Echo) -> None:
    reply = client.post("/v1/Exchange/Buy", json={"request_id": "r", "user_id": "u", "token": "AAPLx",
                                                  "quantity": "1.5"})
    assert reply.status_code == 200
    assert reply.json()["order_id"] == ""  # scalars are printed even when empty, as the schema says
    (request,) = echo.seen
    assert isinstance(request, exchange_pb2.TradeRequest)
    assert request.quantity.value == "1.5"


def test_the_openapi_documents_every_refusal_and_what_is_required(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail", "reason"}
    assert {"metadata"} <= problem["properties"].keys()
    operations = {path: item["post"] for path, item in document["paths"].items() if "post" in item}
    assert len(operations) == len(EXCHANGE.methods) + len(BROKER.methods) + len(SANDBOX.methods)
    for path, operation in operations.items():
        responses = operation["responses"]
        assert set(responses) == {"200", *map(str, PROBLEM_STATUSES)}, path
        assert {"400", "404", "409", "422", "429", "503"} <= set(responses)
        for status in PROBLEM_STATUSES:
            assert responses[str(status)]["content"] == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}, (path, status)
        request = operation["requestBody"]["content"]["application/json"]["schema"]
        assert request["additionalProperties"] is False
        assert ("request_id" in request["properties"]) == ("request_id" in request.get("required", [])), path
    buy = operations["/v1/Exchange/Buy"]
    assert buy["requestBody"]["required"] is True
    assert buy["requestBody"]["content"]["application/json"]["schema"]["required"] == ["request_id"]
    user = operations["/v1/Exchange/GetUser"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert set(user["required"]) == {"user_id", "name", "deposit_address", "country"}  # created_at: left out when unset
    events = operations["/v1/Sandbox/ListEvents"]["requestBody"]["content"]["application/json"]["schema"]
    assert events["properties"]["after"]["type"] == ["string", "integer"]
    assert events["properties"]["limit"]["type"] == "integer"
