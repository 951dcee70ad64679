"""The rights trace of a perp position: the holder has the oracle's price and funding, not the stock: no
dividend, no vote, no SIPC, an unsecured claim on the exchange and a liquidation price; and an exchange
user's trace shows the perp route beside the others."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from fivelayer.control import ports, rights_trace
from fivelayer.control.rights import LOST, TRANSFORMED, PerpView, Position, Right, trace_perp
from fivelayer.kernel.money import to_pb
from fivelayer.v1 import common_pb2, exchange_pb2, issuer_pb2, perpetuals_pb2

D = Decimal
NOTE = ("AAPL-PERP: AAPL pays a cash dividend of 0.26 per share; a perp holds no shares, so no adjustment is made "
        "and the perp holder gets nothing.")


def view(**overrides: object) -> PerpView:
    fields: dict[str, object] = dict(
        symbol="AAPL-PERP", underlying="AAPL", size=D("2.5"), entry_price=D("230"), oracle_price=D("231.5"),
        mark_price=D("232"), margin=D("57.5"), leverage=10, maintenance_rate=D("0.05"), maintenance_margin=D("29"),
        liquidation_price=D("219.473684210"), unrealized_pnl=D("5"), equity=D("62.5"), funding=D("-0.123456"))
    fields.update(overrides)
    return PerpView(**fields)  # type: ignore[arg-type]


def rights_of(position: Position) -> dict[str, Right]:
    return {r.right: r for r in position.rights}


def test_a_perp_holder_has_the_price_and_funding_and_loses_dividends_votes_and_sipc() -> None:
    position = trace_perp(view())
    assert (position.asset, position.route, position.quantity) == ("AAPL-PERP", "perpetual", D("2.5"))
    assert {r.right: r.outcome for r in position.rights} == {
        "price exposure": TRANSFORMED, "dividends": LOST, "voting": LOST, "redemption": TRANSFORMED,
        "SIPC protection": LOST, "recovery in insolvency": TRANSFORMED, "liquidation risk": TRANSFORMED}
    assert {s.layer for r in position.rights for s in r.steps} == {"exchange"}   # no share anywhere
    rights = rights_of(position)
    exposure = rights["price exposure"]
    assert "long 2.5 AAPL on the oracle (231.5; mark 232)" in exposure.steps[-1].detail
    assert "so far paid 0.123456 FUSD" in exposure.steps[-1].detail
    assert "funding" in exposure.steps[-1].rule
    assert exposure.reached == ("2.5 AAPL-PERP = 580.00 USD at the mark 232; unrealized PnL 5.00 FUSD, "
                                "funding so far -0.123456 FUSD")
    assert rights["dividends"].reached == "nothing"
    assert "no adjustment" in rights["dividends"].steps[0].rule
    assert "unsecured" in rights["recovery in insolvency"].steps[0].detail
    assert "general unsecured creditor" in rights["recovery in insolvency"].steps[0].rule
    assert "62.50 FUSD" in rights["recovery in insolvency"].reached
    liquidation = rights["liquidation risk"]
    assert "isolated margin 57.5 FUSD at 10x; maintenance 0.05 of the notional (29.00 FUSD now)" in \
        liquidation.steps[0].detail
    assert liquidation.reached == ("liquidated if the mark reaches 219.47 (-5.40% from the mark); "
                                   "at most the margin (57.5 FUSD) is lost")


def test_a_dividend_that_went_ex_is_cited_from_the_exchanges_note() -> None:
    dividends = rights_of(trace_perp(view(dividends=[NOTE])))["dividends"]
    assert dividends.steps[0].detail == NOTE and dividends.reached == "nothing (1 dividend(s) went ex while held)"


def test_a_short_fully_margined_long_and_a_halted_market() -> None:
    short = rights_of(trace_perp(view(size=D("-1"), funding=D("0.5"), conditions="halted: fault: halt-perps")))
    assert "short 1 AAPL" in short["price exposure"].steps[-1].detail
    assert "received 0.5" in short["price exposure"].steps[-1].detail
    assert short["price exposure"].steps[-1].detail.endswith("; halted: fault: halt-perps")
    safe = rights_of(trace_perp(view(leverage=1, liquidation_price=None)))["liquidation risk"]
    assert safe.reached.startswith("no liquidation price above zero")


# --- gathering: the user's perp positions beside the other routes ------------------------------------

@dataclass
class FakePerpetuals:
    history: list[perpetuals_pb2.PerpHistoryEntry] = field(default_factory=list)
    asked: list[perpetuals_pb2.PerpHistoryRequest] = field(default_factory=list)

    def ListPerpMarkets(self, r: perpetuals_pb2.ListPerpMarketsRequest, /) -> perpetuals_pb2.ListPerpMarketsResponse:
        return perpetuals_pb2.ListPerpMarketsResponse(markets=[perpetuals_pb2.PerpMarket(
            symbol="AAPL-PERP", underlying="AAPL", oracle_price=to_pb(D("231.5")), maintenance_rate=to_pb(D("0.05")),
            oracle_stale=True)])

    def GetPerpPositions(self, r: perpetuals_pb2.PerpPositionsRequest, /) -> perpetuals_pb2.PerpPositionsResponse:
        return perpetuals_pb2.PerpPositionsResponse(user_id=r.user_id, positions=[perpetuals_pb2.PerpPosition(
            user_id=r.user_id, symbol="AAPL-PERP", size=to_pb(D("-2")), entry_price=to_pb(D("230")),
            margin=to_pb(D("46")), leverage=10, mark_price=to_pb(D("232")), unrealized_pnl=to_pb(D("-4")),
            equity=to_pb(D("42")), maintenance_margin=to_pb(D("23.2")), funding=to_pb(D("0.01")))])

    def GetPerpHistory(self, r: perpetuals_pb2.PerpHistoryRequest, /) -> perpetuals_pb2.PerpHistoryResponse:
        self.asked.append(r)
        return perpetuals_pb2.PerpHistoryResponse(entries=self.history)


class FakeExchange:
    def GetBalances(self, r: exchange_pb2.UserRequest, /) -> exchange_pb2.Balances:
        return exchange_pb2.Balances(user_id=r.user_id)

    def GetBrokerAccount(self, r: exchange_pb2.UserRequest, /) -> exchange_pb2.BrokerAccount:
        return exchange_pb2.BrokerAccount()


class FakeIssuer:
    def ListProducts(self, r: issuer_pb2.ListProductsRequest, /) -> issuer_pb2.ListProductsResponse:
        return issuer_pb2.ListProductsResponse()

    def GetEstate(self, r: common_pb2.Empty, /) -> issuer_pb2.Estate:
        return issuer_pb2.Estate()

    def ListDistributions(self, r: issuer_pb2.ListDistributionsRequest, /) -> issuer_pb2.ListDistributionsResponse:
        return issuer_pb2.ListDistributionsResponse()


@dataclass
class Clients:
    perpetuals: FakePerpetuals = field(default_factory=FakePerpetuals)
    exchange: FakeExchange = field(default_factory=FakeExchange)
    issuer: FakeIssuer = field(default_factory=FakeIssuer)

    def ports(self) -> ports.Clients:
        return cast(ports.Clients, self)


def test_an_exchange_users_trace_includes_her_perp_positions() -> None:
    clients = Clients()
    clients.perpetuals.history = [perpetuals_pb2.PerpHistoryEntry(
        kind=perpetuals_pb2.PERP_ENTRY_KIND_DIVIDEND, symbol="AAPL-PERP", note=NOTE)]
    trace = rights_trace.gather(clients.ports(), "usr-000001")
    [position] = trace.positions
    assert (position.asset, position.route, position.quantity) == ("AAPL-PERP", "perpetual", D("-2"))
    rights = rights_of(position)
    assert "the oracle feed is stale" in rights["price exposure"].steps[-1].detail
    assert rights["dividends"].steps[0].detail == NOTE
    assert rights["liquidation risk"].reached.startswith("no liquidation price")
    [asked] = clients.perpetuals.asked
    assert (asked.user_id, asked.symbol, asked.kind) == ("usr-000001", "AAPL-PERP",
                                                         perpetuals_pb2.PERP_ENTRY_KIND_DIVIDEND)
    message = rights_trace.to_message(trace)
    assert [(p.route, p.quantity.value) for p in message.positions] == [("perpetual", "-2")]

