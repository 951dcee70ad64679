"""The client protocols in `kernel.ports` are the proto services: RPC by RPC, message by message."""
from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator

import pytest
from fivelayer.kernel import ports
from fivelayer.v1 import (
    broker_pb2,
    chain_pb2,
    common_pb2,
    control_pb2,
    depository_pb2,
    exchange_pb2,
    issuer_pb2,
    perpetuals_pb2,
)
from google.protobuf.descriptor import ServiceDescriptor
from google.protobuf.message_factory import GetMessageClass

SERVICES = {name: service for module in (common_pb2, control_pb2, chain_pb2, depository_pb2, broker_pb2, issuer_pb2,
                                         exchange_pb2, perpetuals_pb2)
            for name, service in module.DESCRIPTOR.services_by_name.items()}


def test_one_protocol_per_service() -> None:
    protocols = {name.removesuffix("Client") for name, value in vars(ports).items()
                 if inspect.isclass(value) and getattr(value, "_is_protocol", False) and name.endswith("Client")}
    assert protocols == set(SERVICES)


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_each_rpc_with_its_messages(name: str) -> None:
    service: ServiceDescriptor = SERVICES[name]
    protocol = getattr(ports, f"{name}Client")
    declared = {n for n, v in vars(protocol).items() if callable(v) and not n.startswith("_")}
    assert declared == {m.name for m in service.methods}
    for method in service.methods:
        hints = typing.get_type_hints(getattr(protocol, method.name))
        response = GetMessageClass(method.output_type)
        assert hints["request"] is GetMessageClass(method.input_type), method.full_name
        if method.server_streaming:
            assert typing.get_origin(hints["return"]) is Iterator, method.full_name
            assert typing.get_args(hints["return"]) == (response,), method.full_name
        else:
            assert hints["return"] is response, method.full_name
        assert not method.client_streaming
