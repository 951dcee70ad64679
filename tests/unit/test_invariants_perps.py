"""The drills' invariants with the perp route: the hot wallet's FUSD is the users' balances plus the perp
desk, each perp market's longs equal its shorts (users, insurance fund, maker), and an exchange that
serves no perpetuals has neither a desk nor markets."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from fivelayer.control import ports
from fivelayer.control.drills import invariants
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import chain_pb2, common_pb2, exchange_pb2, issuer_pb2, perpetuals_pb2


def position(user: str, symbol: str, size: str) -> perpetuals_pb2.PerpPosition:
    return perpetuals_pb2.PerpPosition(user_id=user, symbol=symbol, size=to_pb(Decimal(size)))


@dataclass
class FakeExchange:
    fusd: dict[str, str] = field(default_factory=lambda: {"usr-000001": "900", "usr-000002": "50.5"})

    def ListUsers(self, r: exchange_pb2.ListUsersRequest, /) -> exchange_pb2.ListUsersResponse:
        return exchange_pb2.ListUsersResponse(users=[exchange_pb2.User(user_id=u) for u in self.fusd])

    def GetBalances(self, r: exchange_pb2.UserRequest, /) -> exchange_pb2.Balances:
        return exchange_pb2.Balances(user_id=r.user_id, balances=[
            exchange_pb2.AssetBalance(asset="FUSD", available=to_pb(Decimal(self.fusd[r.user_id])))])


@dataclass
class FakeChain:
    hot_wallet_fusd: str = "1250.5"

    def ListTokens(self, r: chain_pb2.ListTokensRequest, /) -> chain_pb2.ListTokensResponse:
        return chain_pb2.ListTokensResponse(tokens=[chain_pb2.Token(symbol="FUSD", kind="stablecoin")])

    def BalanceOf(self, r: chain_pb2.BalanceRequest, /) -> chain_pb2.Balance:
        return chain_pb2.Balance(amount=to_pb(Decimal(self.hot_wallet_fusd)))


class FakeIssuer:
    def ListMints(self, r: issuer_pb2.ListMintsRequest, /) -> issuer_pb2.ListMintsResponse:
        return issuer_pb2.ListMintsResponse()

    def ListRedemptions(self, r: issuer_pb2.ListRedemptionsRequest, /) -> issuer_pb2.ListRedemptionsResponse:
        return issuer_pb2.ListRedemptionsResponse()


@dataclass
class FakePerpetuals:
    served: bool = True
    held: dict[str, list[perpetuals_pb2.PerpPosition]] = field(default_factory=lambda: {
        "usr-000001": [position("usr-000001", "AAPL-PERP", "2.5")],
        "usr-000002": [position("usr-000002", "AAPL-PERP", "-1"), position("usr-000002", "NVDA-PERP", "-3")]})
    desk: perpetuals_pb2.PerpDesk = field(default_factory=lambda: perpetuals_pb2.PerpDesk(
        total=to_pb(Decimal("300")), fund_positions=[position("perps:insurance", "NVDA-PERP", "1")],
        maker_positions=[position("perps:maker", "AAPL-PERP", "-1.5"), position("perps:maker", "NVDA-PERP", "2")]))

    def _check(self) -> None:
        if not self.served:
            raise DomainError(Common.UNIMPLEMENTED, "StatusCode.UNIMPLEMENTED: Method not found!")

    def ListPerpMarkets(self, r: perpetuals_pb2.ListPerpMarketsRequest, /) -> perpetuals_pb2.ListPerpMarketsResponse:
        self._check()
        return perpetuals_pb2.ListPerpMarketsResponse(markets=[
            perpetuals_pb2.PerpMarket(symbol=f"{u}-PERP", underlying=u) for u in ("AAPL", "NVDA", "SPY")])

    def GetPerpPositions(self, r: perpetuals_pb2.PerpPositionsRequest, /) -> perpetuals_pb2.PerpPositionsResponse:
        self._check()
        return perpetuals_pb2.PerpPositionsResponse(user_id=r.user_id, positions=self.held.get(r.user_id, []))

    def GetPerpDesk(self, r: common_pb2.Empty, /) -> perpetuals_pb2.PerpDesk:
        self._check()
        return self.desk


@dataclass
class Clients:
    exchange: FakeExchange = field(default_factory=FakeExchange)
    chain: FakeChain = field(default_factory=FakeChain)
    issuer: FakeIssuer = field(default_factory=FakeIssuer)
    perpetuals: FakePerpetuals = field(default_factory=FakePerpetuals)

    def ports(self) -> ports.Clients:
        return cast(ports.Clients, self)


def test_the_hot_wallets_fusd_is_the_users_balances_and_the_perp_desk() -> None:
    clients = Clients()
    assert invariants.tokens(clients.ports()) == []
    clients.chain.hot_wallet_fusd = "1250.4"
    assert invariants.tokens(clients.ports()) == [
        "FUSD: the exchange's hot wallet holds 1250.4, its users are credited 950.5 and its perp desk holds 300"]


def test_each_perp_markets_longs_equal_its_shorts() -> None:
    clients = Clients()
    assert invariants.perps(clients.ports()) == []
    clients.perpetuals.desk.maker_positions.pop()  # the maker's NVDA long lost
    assert invariants.perps(clients.ports()) == [
        "NVDA-PERP: its positions sum to -2, not 0: longs fall short of shorts"]
    clients.perpetuals.held["usr-000003"] = [position("usr-000003", "SPY-PERP", "4")]
    clients.exchange.fusd["usr-000003"] = "0"
    assert invariants.perps(clients.ports())[-1] == "SPY-PERP: its positions sum to 4, not 0: longs exceed shorts"


def test_an_exchange_that_serves_no_perpetuals_has_no_desk_and_no_markets() -> None:
    clients = Clients(perpetuals=FakePerpetuals(served=False))
    clients.chain.hot_wallet_fusd = "950.5"
    assert invariants.tokens(clients.ports()) == []
    assert invariants.perps(clients.ports()) == []
    assert "perp longs equal shorts" in invariants.CHECKS
