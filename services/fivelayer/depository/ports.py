"""What the depository calls in other services: control's trading universe, once, at genesis, and
the last close of a security whose split pays cash in lieu."""
from __future__ import annotations

from typing import Protocol

from fivelayer.v1 import control_pb2


class MarketData(Protocol):
    def ListSymbols(self, request: control_pb2.ListSymbolsRequest, /) -> control_pb2.ListSymbolsResponse: ...
    def GetPrice(self, request: control_pb2.PriceRequest, /) -> control_pb2.Price: ...
