"""The dashboard's perp column: the markets (oracle, mark, open interest, funding, conditions) and the desk
(who holds each side, the FUSD behind them), read beside the other routes; an exchange that runs no perps
or does not answer marks only its own boxes, and perp events light the perp column."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fivelayer.control.dashboard import events, figures
from fivelayer.control.dashboard.gather import gather
from fivelayer.control.dashboard.ports import Perpetuals
from fivelayer.kernel.errors import refusal
from fivelayer.kernel.money import to_pb
from fivelayer.v1 import common_pb2, perpetuals_pb2

from tests.unit.test_dashboard import SPV, FakeReads, cells_of, figures_of

AT = "2026-11-20T21:00:00Z"


def d(text: str) -> common_pb2.Decimal:
    return to_pb(Decimal(text))


def position(user: str, symbol: str, size: str) -> perpetuals_pb2.PerpPosition:
    return perpetuals_pb2.PerpPosition(user_id=user, symbol=symbol, size=d(size))


@dataclass
class FakePerps:
    reason: str = ""   # a refusal every call answers ("" none)
    markets: list[perpetuals_pb2.PerpMarket] = field(default_factory=lambda: [
        perpetuals_pb2.PerpMarket(symbol="AAPL-PERP", underlying="AAPL", oracle_price=d("231.5"), mark_price=d("232"),
                                  open_interest=d("3"), funding_rate_hourly=d("0.0000125"), oracle_jump=d("0")),
        perpetuals_pb2.PerpMarket(symbol="NVDA-PERP", underlying="NVDA", oracle_price=d("180"), mark_price=d("180"),
                                  open_interest=d("0"), halted=True, halt_reason="fault: halt-perps",
                                  oracle_stale=True, oracle_jump=d("-0.2"))])

    def _answer(self) -> None:
        if self.reason:
            raise refusal(self.reason, f"{self.reason}: the exchange did not answer")

    def ListPerpMarkets(self, request: perpetuals_pb2.ListPerpMarketsRequest, /
                        ) -> perpetuals_pb2.ListPerpMarketsResponse:
        self._answer()
        return perpetuals_pb2.ListPerpMarketsResponse(markets=self.markets)

    def GetPerpPositions(self, request: perpetuals_pb2.PerpPositionsRequest, /
                         ) -> perpetuals_pb2.PerpPositionsResponse:
        self._answer()
        return perpetuals_pb2.PerpPositionsResponse(user_id=request.user_id, positions=[
            position(request.user_id, "AAPL-PERP", "2"), position(request.user_id, "NVDA-PERP", "-0.5")])

    def GetPerpDesk(self, request: common_pb2.Empty, /) -> perpetuals_pb2.PerpDesk:
        self._answer()
        return perpetuals_pb2.PerpDesk(
            margin_held=d("46.4"), insurance_fund=d("-1.25"), maker_capital=d("100000"), fees=d("0.35"),
            total=d("100045.5"), maker_positions=[position("perps:maker", "AAPL-PERP", "-2")],
            fund_positions=[position("perps:insurance", "NVDA-PERP", "0.5")])


class PerpReads(FakeReads):
    def __init__(self, perps: FakePerps) -> None:
        super().__init__()
        self.perps = perps

    @property
    def perpetuals(self) -> Perpetuals:
        return self.perps


def boxes(perps: FakePerps) -> tuple[dict[str, Any], dict[str, Any]]:
    view = figures.layers(gather(PerpReads(perps)), AT)
    return view["boxes"], view["errors"]


def test_the_perp_column_shows_the_markets_and_who_holds_each_side() -> None:
    shown, errors = boxes(FakePerps())
    market, desk = shown["perp_exchange"], shown["perp_desk"]
    assert market["route"] == desk["route"] == "perpetual" and market["service"] == "exchange"
    assert figures_of(market) == {"markets": "2", "open_interest_usd": "696.00",
                                  "state": "NVDA-PERP: not trading normally"}
    assert cells_of(market, "AAPL-PERP") == {"oracle": "231.50", "mark": "232.00", "open_interest": "3",
                                             "funding": "0.0012%", "state": "trading"}
    aapl = next(r["raw"] for r in market["table"]["rows"] if r["key"] == "AAPL-PERP")
    assert (aapl["mark"], aapl["funding"]) == ("232", "0.0000125")   # as the exchange said it
    assert cells_of(market, "NVDA-PERP")["state"] == "halted, oracle stale, oracle -0.2"
    assert figures_of(desk) == {"margin_held": "46.40", "insurance_fund": "-1.25", "maker_capital": "100,000.00",
                                "desk_total": "100,045.50"}
    assert cells_of(desk, "AAPL-PERP") == {"users_long": "2", "users_short": "0", "maker": "-2", "fund": "0"}
    assert cells_of(desk, "NVDA-PERP") == {"users_long": "0", "users_short": "-0.5", "maker": "0", "fund": "0.5"}
    assert errors == {}


def test_an_exchange_without_perps_shows_none_and_one_that_is_down_greys_only_its_boxes() -> None:
    shown, errors = boxes(FakePerps(reason="UNIMPLEMENTED"))
    assert figures_of(shown["perp_exchange"]) == {"markets": "0", "open_interest_usd": "0.00",
                                                  "state": "no perp markets"}
    assert shown["perp_desk"]["table"]["rows"] == [] and errors == {}
    assert figures_of(shown["perp_desk"])["desk_total"] == "0.00"   # none, rather than unknown
    shown, errors = boxes(FakePerps(reason="UNAVAILABLE"))
    assert figures_of(shown["perp_exchange"])["markets"] == "—"
    assert figures_of(shown["perp_desk"])["desk_total"] == "—"
    assert "did not answer" in shown["perp_exchange"]["unavailable"] and set(errors) == {"exchange"}
    assert figures_of(shown["chain"])["stablecoin_supply"] == "10,000"   # the other layers still show


def test_perp_events_light_the_perp_column() -> None:
    assert events.boxes_for("exchange", "perp.fill", {"user_id": "usr-1", "symbol": "AAPL-PERP"}, SPV) == \
        ["user", "perp_exchange"]
    assert events.boxes_for("exchange", "perp.funding", {"symbol": "AAPL-PERP"}, SPV) == ["perp_exchange"]
    assert "perp_exchange" in events.BOXES and "perp_desk" in events.BOXES
