"""What the chain service calls in other services: the broker, where the stablecoin issuer's wires land.

The stablecoin servicer takes this protocol; its bootstrap hands it the kernel's broker client, and unit
tests a fake checked against the same shape (`kernel.ports.BrokerClient` narrowed to these calls).
"""
from __future__ import annotations

from typing import Protocol

from fivelayer.v1 import broker_pb2


class Broker(Protocol):
    """A redemption's beneficiary account, checked when it is asked for, and credited by the wire."""

    def GetAccount(self, request: broker_pb2.AccountRequest, /) -> broker_pb2.Account: ...
    def FundAccount(self, request: broker_pb2.FundAccountRequest, /) -> broker_pb2.CashResponse: ...
