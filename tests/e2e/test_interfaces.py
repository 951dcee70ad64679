"""The public faces of the services: refusals with reasons, REST problem+json, health, reflection."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import httpx
import pytest
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reference import STABLECOIN
from fivelayer.v1 import chain_pb2
from grpc_health.v1 import health_pb2
from grpc_reflection.v1alpha import reflection_pb2

from .conftest import Running, start_sandbox
from .flows import balances, buy, create_user, deposit

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One sandbox for these tests: none of them moves the clock."""
    running = start_sandbox(Path(tmp_path_factory.mktemp("interfaces")), "2026-11-20T22:00:00Z")
    yield running
    running.stop()


def test_bad_input_is_refused_with_a_reason_and_changes_nothing(shared: Running) -> None:
    c = shared.clients
    bob = create_user(c, "bob")
    deposit(c, bob.user_id, "100", "dep-b")
    before = balances(c, bob.user_id)
    supply = c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).total_supply
    cases = [("AAPLx", "-1", "INVALID_AMOUNT"), ("AAPLx", "0", "INVALID_AMOUNT"), ("AAPLx", "abc", "INVALID_AMOUNT"),
             ("AAPLx", "0.0000000001", "TOO_MANY_DECIMALS"), ("NOPEx", "1", "UNKNOWN_TOKEN"),
             ("AAPLx", "1000", "INSUFFICIENT_FUNDS")]
    for n, (token, quantity, reason) in enumerate(cases):
        with pytest.raises(DomainError) as caught:
            buy(c, bob.user_id, token, quantity, f"bad-{n}")
        assert caught.value.reason == reason, (token, quantity, caught.value)
    with pytest.raises(DomainError) as caught:
        buy(c, "usr-999999", "AAPLx", "1", "bad-user")
    assert caught.value.reason == "UNKNOWN_USER"
    with pytest.raises(DomainError) as caught:
        deposit(c, bob.user_id, "1.0000001", "bad-dep")
    assert caught.value.reason == "TOO_MANY_DECIMALS"
    assert balances(c, bob.user_id) == before
    assert c.chain.GetToken(chain_pb2.TokenRequest(symbol="AAPLx")).total_supply == supply

    # The gRPC status carries the reason as google.rpc.ErrorInfo; a key reused for another body is refused.
    with pytest.raises(DomainError) as caught:
        buy(c, bob.user_id, "AAPLx", "0.1", "dep-b")  # fine: another method's key space
        buy(c, bob.user_id, "AAPLx", "0.2", "dep-b")
    assert caught.value.reason == "IDEMPOTENCY_KEY_REUSED"


def test_rest_face_answers_problem_json(shared: Running) -> None:
    run = shared
    base = run.settings.rest_address("exchange")
    user = httpx.post(f"{base}/v1/Exchange/CreateUser", json={"request_id": "u1", "name": "carol"}).json()
    ok = httpx.post(f"{base}/v1/Exchange/Deposit", json={"request_id": "d1", "user_id": user["user_id"],
                                                         "amount": "250.5"})
    assert ok.status_code == 200
    assert {b["asset"]: b["available"] for b in ok.json()["balances"]}[STABLECOIN] == "250.5"
    bad = httpx.post(f"{base}/v1/Exchange/Buy", json={"request_id": "b1", "user_id": user["user_id"],
                                                      "token": "AAPLx", "quantity": "-3"})
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert bad.json()["reason"] == "INVALID_AMOUNT"
    openapi = httpx.get(f"{base}/openapi.json").json()
    assert "/v1/Exchange/Buy" in openapi["paths"]


def health_check(channel: grpc.Channel) -> grpc.UnaryUnaryMultiCallable[health_pb2.HealthCheckRequest,
                                                                         health_pb2.HealthCheckResponse]:
    """grpc.health.v1.Health/Check as health_pb2_grpc.HealthStub binds it; typed here, since the
    types-grpcio-health-checking stub declares the stub without its methods."""
    return channel.unary_unary("/grpc.health.v1.Health/Check",
                               request_serializer=health_pb2.HealthCheckRequest.SerializeToString,
                               response_deserializer=health_pb2.HealthCheckResponse.FromString)


def reflection_info(channel: grpc.Channel) -> grpc.StreamStreamMultiCallable[
        reflection_pb2.ServerReflectionRequest, reflection_pb2.ServerReflectionResponse]:
    """grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo as reflection_pb2_grpc.ServerReflectionStub
    binds it; typed here, since the types-grpcio-reflection stub types the method as binascii's Incomplete."""
    return channel.stream_stream("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                 request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
                                 response_deserializer=reflection_pb2.ServerReflectionResponse.FromString)


def test_grpc_health_and_reflection(shared: Running) -> None:
    run = shared
    with grpc.insecure_channel(run.settings.grpc_address("broker")) as channel:
        health = health_check(channel)(health_pb2.HealthCheckRequest(service="fivelayer.v1.Broker"))
        assert health.status == health_pb2.HealthCheckResponse.SERVING
        replies = reflection_info(channel)(iter([reflection_pb2.ServerReflectionRequest(list_services="")]))
        names = {s.name for r in replies for s in r.list_services_response.service}
    assert {"fivelayer.v1.Broker", "fivelayer.v1.Events", "grpc.health.v1.Health"} <= names
