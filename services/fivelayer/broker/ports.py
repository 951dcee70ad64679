"""What the broker calls in other services: control's prices and the depository.

`venue.RemoteVenue` adapts these to the broker's `orders.Venue`, the one port its order rules use.
"""
from __future__ import annotations

from typing import Protocol

from fivelayer.v1 import control_pb2, depository_pb2


class MarketData(Protocol):
    def GetPrice(self, request: control_pb2.PriceRequest, /) -> control_pb2.Price: ...


class Depository(Protocol):
    def SubmitTrades(self, request: depository_pb2.SubmitTradesRequest, /) -> depository_pb2.SubmitTradesResponse: ...
    def ListTrades(self, request: depository_pb2.ListTradesRequest, /) -> depository_pb2.ListTradesResponse: ...
    def ListCorporateActions(self, request: depository_pb2.ListCorporateActionsRequest, /
                             ) -> depository_pb2.ListCorporateActionsResponse: ...
    def ListEntitlements(self, request: depository_pb2.ListEntitlementsRequest, /
                         ) -> depository_pb2.ListEntitlementsResponse: ...


class Clients(Protocol):
    @property
    def market_data(self) -> MarketData: ...
    @property
    def depository(self) -> Depository: ...
