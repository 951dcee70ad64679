"""The hot wallet's standing allowance for the issuer: topped up only when an order would not be
covered, never counting the same allowance for two orders in flight, and keyed so a retry after a
crash neither repeats a top-up nor leans on a spent one."""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.exchange.allowance import GRANT, TOKEN_GRANT, StandingAllowance
from fivelayer.issuer import reasons as issuer_reasons
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.reference import EXCHANGE_HOT_WALLET, ISSUER_ADDRESS, STABLECOIN
from fivelayer.v1 import chain_pb2

from tests.unit.chain_logs import TransferLogs

D = Decimal
FLOAT = GRANT[STABLECOIN]


class Wallet(TransferLogs):
    """The hot wallet's approvals, counted; reads counted too (an order inside the float reads nothing)."""

    def __init__(self) -> None:
        super().__init__()
        self.approvals: list[tuple[str, Decimal]] = []
        self.reads = 0

    def IncreaseAllowance(self, r: chain_pb2.IncreaseAllowanceRequest) -> chain_pb2.Tx:
        if r.request_id not in [key for key, _ in self.approvals]:  # the chain's idempotency by request id
            self.grant(r)
        self.approvals.append((r.request_id, from_pb(r.amount)))
        return chain_pb2.Tx(tx_hash=f"0x{len(self.approvals)}")

    def GetAllowance(self, r: chain_pb2.AllowanceRequest) -> chain_pb2.Allowance:
        self.reads += 1
        return super().GetAllowance(r)

    def issuer_draws(self, asset: str, amount: Decimal) -> None:
        self.draw(asset, EXCHANGE_HOT_WALLET, ISSUER_ADDRESS, amount)

    def left(self, asset: str = STABLECOIN) -> Decimal:
        return self.allowances.get((asset, EXCHANGE_HOT_WALLET, ISSUER_ADDRESS), D(0))


@pytest.fixture
def wallet() -> Wallet:
    return Wallet()


def standing(wallet: Wallet) -> StandingAllowance:
    return StandingAllowance(wallet, EXCHANGE_HOT_WALLET, ISSUER_ADDRESS)


def test_the_first_order_opens_a_float_that_later_orders_draw_on(wallet: Wallet) -> None:
    allowance = standing(wallet)
    with allowance.covering("o1", STABLECOIN, D("250.10")):
        wallet.issuer_draws(STABLECOIN, D("250.10"))
    assert wallet.approvals == [("o1:approve:0", D("250.10") + FLOAT)] and wallet.left() == FLOAT
    for n in range(2, 50):
        with allowance.covering(f"o{n}", STABLECOIN, D("250.10")):
            wallet.issuer_draws(STABLECOIN, D("250.10"))
    assert len(wallet.approvals) == 1 and wallet.reads == 1  # 48 orders: no transaction, no read


def test_an_order_beyond_what_is_left_tops_up_by_its_shortfall_plus_the_float(wallet: Wallet) -> None:
    allowance = standing(wallet)
    with allowance.covering("o1", STABLECOIN, D(1)):
        wallet.issuer_draws(STABLECOIN, D(1))
    big = FLOAT + D(5)
    with allowance.covering("o2", STABLECOIN, big):
        wallet.issuer_draws(STABLECOIN, big)
    assert wallet.approvals[-1] == (f"o2:approve:{FLOAT}", D(5) + FLOAT) and wallet.left() == FLOAT


def test_orders_in_flight_are_never_covered_by_the_same_allowance(wallet: Wallet) -> None:
    """Two orders reserved, neither drawn yet, and a third that the chain's figure alone would cover:
    the first two are taken off it, so the third tops up instead of failing at the issuer."""
    allowance = standing(wallet)
    half = FLOAT / 2 + 1
    with allowance.covering("o1", STABLECOIN, D(1)):
        wallet.issuer_draws(STABLECOIN, D(1))
    with allowance.covering("o2", STABLECOIN, half), allowance.covering("o3", STABLECOIN, half):
        assert len(wallet.approvals) == 2       # o3 did not fit beside o2
        wallet.issuer_draws(STABLECOIN, half)
        wallet.issuer_draws(STABLECOIN, half)   # both draws succeed


def test_a_refused_order_leaves_its_allowance_for_the_next(wallet: Wallet) -> None:
    allowance = standing(wallet)
    with pytest.raises(DomainError), allowance.covering("o1", STABLECOIN, D(10)):
        raise DomainError(issuer_reasons.Issuer.MINT_HALTED, "refused by the issuer")
    fresh = standing(wallet)  # a restarted exchange: it reads the chain's figure again
    with fresh.covering("o2", STABLECOIN, FLOAT):
        wallet.issuer_draws(STABLECOIN, FLOAT)
    assert len(wallet.approvals) == 1


def test_a_retry_after_a_crash_reuses_its_top_up_only_while_it_still_covers(wallet: Wallet) -> None:
    allowance = standing(wallet)
    with allowance.covering("o1", STABLECOIN, D(10)):
        pass  # the exchange died before the issuer drew
    with standing(wallet).covering("o1", STABLECOIN, D(10)):  # the saga's retry, after the restart
        wallet.issuer_draws(STABLECOIN, D(10))
    assert [key for key, _ in wallet.approvals] == ["o1:approve:0"]
    wallet.allowances[(STABLECOIN, EXCHANGE_HOT_WALLET, ISSUER_ADDRESS)] = D(3)  # others drew the float meanwhile
    with standing(wallet).covering("o1", STABLECOIN, D(10)):
        wallet.issuer_draws(STABLECOIN, D(10))
    assert [key for key, _ in wallet.approvals] == ["o1:approve:0", "o1:approve:3"]


def test_each_asset_has_its_own_allowance(wallet: Wallet) -> None:
    allowance = standing(wallet)
    with allowance.covering("s1", "AAPLx", D(2)):
        wallet.issuer_draws("AAPLx", D(2))
    assert wallet.approvals == [("s1:approve:0", D(2) + TOKEN_GRANT)] and wallet.left("AAPLx") == TOKEN_GRANT
    assert wallet.left(STABLECOIN) == 0
