"""What control reads of the exchange's perpetuals (the drills' invariants, the rights trace, the dashboard).

An exchange that does not serve the `Perpetuals` service (an older build: gRPC UNIMPLEMENTED) runs no
perp route: no markets, no positions, an empty desk. That is an answer, not an outage; any other
refusal or outage is raised as it came, for the caller to report.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.paging import all_pages
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import common_pb2, perpetuals_pb2

T = TypeVar("T")
NOT_SERVED = Common.UNIMPLEMENTED


class Reads(Protocol):
    """The reads below: control's `ports.Perpetuals` and the dashboard's narrower port both satisfy it."""

    def ListPerpMarkets(self, request: perpetuals_pb2.ListPerpMarketsRequest, /
                        ) -> perpetuals_pb2.ListPerpMarketsResponse: ...
    def GetPerpPositions(self, request: perpetuals_pb2.PerpPositionsRequest, /
                         ) -> perpetuals_pb2.PerpPositionsResponse: ...
    def GetPerpDesk(self, request: common_pb2.Empty, /) -> perpetuals_pb2.PerpDesk: ...


def served(call: Callable[[], T], otherwise: T) -> T:
    """`call()`, or `otherwise` when the exchange serves no perpetuals."""
    try:
        return call()
    except DomainError as error:
        if error.reason == NOT_SERVED:
            return otherwise
        raise


def markets(perps: Reads) -> list[perpetuals_pb2.PerpMarket]:
    return served(lambda: list(all_pages(perps.ListPerpMarkets, perpetuals_pb2.ListPerpMarketsRequest(),
                                          lambda page: page.markets)), [])


def desk(perps: Reads) -> perpetuals_pb2.PerpDesk:
    return served(lambda: perps.GetPerpDesk(common_pb2.Empty()), perpetuals_pb2.PerpDesk())


def positions(perps: Reads, user_id: str) -> list[perpetuals_pb2.PerpPosition]:
    """The user's open positions, every market."""
    return served(lambda: list(perps.GetPerpPositions(perpetuals_pb2.PerpPositionsRequest(user_id=user_id)).positions),
                  [])
