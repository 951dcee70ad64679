"""Token contract rules: permissions, pauses, freezes, allowances, decimals, supply, the scheduled
multiplier and balances at an instant."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from fivelayer.chain.contract import Chain
from fivelayer.chain.service import ChainServicer
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contracts, role_address
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.ledger import prove
from fivelayer.kernel.reference import FAUCET_ADDRESS, ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.rpc import LocalContext
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import chain_pb2, common_pb2

AT = datetime(2026, 11, 20, 22, 0, tzinfo=UTC)
ISSUER, FAUCET = ISSUER_ADDRESS, FAUCET_ADDRESS
ALICE, BOB = role_address("alice"), role_address("bob")


@pytest.fixture
def servicer(tmp_path: Path) -> ChainServicer:
    servicer = ChainServicer(Database(f"sqlite:///{tmp_path}/chain.db"), FixedClock(AT))
    assert servicer.genesis(load_contracts(REPO_ROOT / "contracts")) == 5
    assert servicer.genesis(load_contracts(REPO_ROOT / "contracts")) == 0  # a restart deploys nothing again
    return servicer


def d(value: str) -> common_pb2.Decimal:
    return common_pb2.Decimal(value=value)


def reason(fn, *args) -> str:
    with pytest.raises(DomainError) as caught:
        fn(*args)
    return caught.value.reason


def test_mint_transfer_burn_and_supply(servicer: ChainServicer) -> None:
    ctx = LocalContext()
    servicer.Mint(chain_pb2.MintTokensRequest(request_id="m1", symbol="AAPLx", sender=ISSUER, to_address=ALICE,
                                              amount=d("2.5")), ctx)
    servicer.Transfer(chain_pb2.TransferRequest(request_id="t1", symbol="AAPLx", sender=ALICE, to_address=ISSUER,
                                                amount=d("1")), ctx)
    servicer.Burn(chain_pb2.BurnTokensRequest(request_id="b1", symbol="AAPLx", sender=ISSUER, amount=d("1")), ctx)
    token = servicer.GetToken(chain_pb2.TokenRequest(symbol="AAPLx"), ctx)
    assert token.total_supply.value == "1.5"
    assert servicer.BalanceOf(chain_pb2.BalanceRequest(symbol="AAPLx", address=ALICE), ctx).amount.value == "1.5"
    latest = servicer.GetBlock(chain_pb2.BlockRequest(), ctx)
    assert latest.number == 7 and latest.txs[0].kind == "burn"  # 5 deployments, then 3 transactions
    with servicer.db.read() as session:
        assert prove(session)[0]


def test_permissions_pauses_and_freezes(servicer: ChainServicer) -> None:
    ctx = LocalContext()
    mint = chain_pb2.MintTokensRequest(request_id="m", symbol="AAPLx", sender=ALICE, to_address=ALICE, amount=d("1"))
    assert reason(servicer.Mint, mint, ctx) == "NOT_MINTER"
    servicer.Mint(chain_pb2.MintTokensRequest(request_id="m0", symbol="AAPLx", sender=ISSUER, to_address=ALICE,
                                              amount=d("3")), ctx)
    pause = chain_pb2.SetPauseRequest(request_id="p", symbol="AAPLx", sender=ALICE, mint_paused=True)
    assert reason(servicer.SetPause, pause, ctx) == "NOT_OWNER"
    servicer.SetPause(chain_pb2.SetPauseRequest(request_id="p1", symbol="AAPLx", sender=ISSUER, mint_paused=True), ctx)
    halted = chain_pb2.MintTokensRequest(request_id="m1", symbol="AAPLx", sender=ISSUER, to_address=ALICE,
                                         amount=d("1"))
    assert reason(servicer.Mint, halted, ctx) == "MINT_PAUSED"
    # A halt of minting leaves transfers of existing tokens working.
    servicer.Transfer(chain_pb2.TransferRequest(request_id="t1", symbol="AAPLx", sender=ALICE, to_address=BOB,
                                                amount=d("1")), ctx)
    servicer.SetFrozen(chain_pb2.SetFrozenRequest(request_id="f1", symbol="AAPLx", sender=ISSUER, address=BOB,
                                                  frozen=True), ctx)
    frozen = chain_pb2.TransferRequest(request_id="t2", symbol="AAPLx", sender=BOB, to_address=ALICE, amount=d("1"))
    assert reason(servicer.Transfer, frozen, ctx) == "ADDRESS_FROZEN"
    servicer.SetPause(chain_pb2.SetPauseRequest(request_id="p2", symbol="AAPLx", sender=ISSUER,
                                                transfers_paused=True), ctx)
    paused = chain_pb2.TransferRequest(request_id="t3", symbol="AAPLx", sender=ALICE, to_address=BOB, amount=d("1"))
    assert reason(servicer.Transfer, paused, ctx) == "TRANSFERS_PAUSED"


def test_allowance_and_bad_amounts_change_nothing(servicer: ChainServicer) -> None:
    ctx = LocalContext()
    servicer.Mint(chain_pb2.MintTokensRequest(request_id="m", symbol=STABLECOIN, sender=FAUCET, to_address=ALICE,
                                              amount=d("100")), ctx)
    servicer.Approve(chain_pb2.ApproveRequest(request_id="a", symbol=STABLECOIN, sender=ALICE, spender=ISSUER,
                                              amount=d("40")), ctx)
    too_much = chain_pb2.TransferFromRequest(request_id="x", symbol=STABLECOIN, sender=ISSUER, from_address=ALICE,
                                             to_address=ISSUER, amount=d("41"))
    assert reason(servicer.TransferFrom, too_much, ctx) == "INSUFFICIENT_ALLOWANCE"
    servicer.TransferFrom(chain_pb2.TransferFromRequest(request_id="y", symbol=STABLECOIN, sender=ISSUER,
                                                        from_address=ALICE, to_address=ISSUER, amount=d("40")), ctx)
    left = servicer.GetAllowance(chain_pb2.AllowanceRequest(symbol=STABLECOIN, owner=ALICE, spender=ISSUER), ctx)
    assert left.amount.value == "0"
    for amount, why in (("0.0000001", "TOO_MANY_DECIMALS"), ("-1", "INVALID_AMOUNT"), ("1000", "INSUFFICIENT_FUNDS")):
        bad = chain_pb2.TransferRequest(request_id=f"bad{amount}", symbol=STABLECOIN, sender=ALICE, to_address=BOB,
                                        amount=d(amount))
        assert reason(servicer.Transfer, bad, ctx) == why
    bad_address = chain_pb2.TransferRequest(request_id="z", symbol=STABLECOIN, sender=ALICE, to_address="bob",
                                            amount=d("1"))
    assert reason(servicer.Transfer, bad_address, ctx) == "INVALID_ADDRESS"
    assert reason(servicer.GetToken, chain_pb2.TokenRequest(symbol="NOPE"), ctx) == "UNKNOWN_TOKEN"
    with servicer.db.read() as session:
        assert Chain(session, AT).balance("FUSD", ALICE) == Decimal("60")


def test_increase_allowance_adds_so_concurrent_orders_never_undo_each_other(servicer: ChainServicer) -> None:
    ctx = LocalContext()
    servicer.Mint(chain_pb2.MintTokensRequest(request_id="m", symbol="FUSD", sender=FAUCET, to_address=ALICE,
                                              amount=d("100")), ctx)
    for rid, amount in (("o1", "30"), ("o2", "20"), ("o1", "30")):  # o1 retried: applied once
        servicer.IncreaseAllowance(chain_pb2.IncreaseAllowanceRequest(
            request_id=rid, symbol="FUSD", sender=ALICE, spender=ISSUER, amount=d(amount)), ctx)
    allowed = servicer.GetAllowance(chain_pb2.AllowanceRequest(symbol="FUSD", owner=ALICE, spender=ISSUER), ctx)
    assert allowed.amount.value == "50"
    zero = chain_pb2.IncreaseAllowanceRequest(request_id="o3", symbol="FUSD", sender=ALICE, spender=ISSUER,
                                              amount=d("0"))
    assert reason(servicer.IncreaseAllowance, zero, ctx) == "INVALID_AMOUNT"


# -- the multiplier takes effect at a stated instant; balances at an instant -----------------------

def multiplier_now(servicer: ChainServicer) -> tuple[str, str]:
    token = servicer.GetToken(chain_pb2.TokenRequest(symbol="AAPLx"), LocalContext())
    return token.multiplier.value, token.scheduled_multiplier.value


def test_a_multiplier_takes_effect_at_its_instant_and_the_old_one_holds_until_then(servicer: ChainServicer) -> None:
    ctx, clock = LocalContext(), servicer.clock
    assert isinstance(clock, FixedClock)
    opens = datetime(2026, 11, 23, 14, 30, tzinfo=UTC)  # the next session's 09:30 New York
    tx = servicer.SetMultiplier(chain_pb2.SetMultiplierRequest(
        request_id="m1", symbol="AAPLx", sender=ISSUER, multiplier=d("1.000791304347"), effective_at=to_ts(opens)), ctx)
    assert from_ts(tx.effective_at) == opens and tx.kind == "multiplier"
    assert multiplier_now(servicer) == ("1", "1.000791304347")        # the old one in force, the new one scheduled
    assert servicer.GetTx(chain_pb2.TxRequest(tx_hash=tx.tx_hash), ctx).effective_at == tx.effective_at
    clock.at = opens - timedelta(microseconds=1)
    assert multiplier_now(servicer) == ("1", "1.000791304347")
    clock.at = opens
    assert multiplier_now(servicer) == ("1.000791304347", "")          # in force from the instant on
    # without an instant, or with one in the past, a change is in force at once: a chain cannot change its past
    past = servicer.SetMultiplier(chain_pb2.SetMultiplierRequest(
        request_id="m2", symbol="AAPLx", sender=ISSUER, multiplier=d("4.003165217388"),
        effective_at=to_ts(opens - timedelta(days=1))), ctx)
    assert from_ts(past.effective_at) == opens and multiplier_now(servicer)[0] == "4.003165217388"
    with servicer.db.read() as session:
        chain = Chain(session, opens)
        assert chain.multiplier_at("AAPLx", opens - timedelta(seconds=1)) == Decimal(1)  # history stands
    not_owner = chain_pb2.SetMultiplierRequest(request_id="m3", symbol="AAPLx", sender=ALICE, multiplier=d("2"))
    assert reason(servicer.SetMultiplier, not_owner, ctx) == "NOT_OWNER"
    too_fine = chain_pb2.SetMultiplierRequest(request_id="m4", symbol="AAPLx", sender=ISSUER,
                                              multiplier=d("1." + "1" * 19))
    assert reason(servicer.SetMultiplier, too_fine, ctx) == "TOO_MANY_DECIMALS"


def test_changes_apply_in_order_of_their_instants(servicer: ChainServicer) -> None:
    ctx, clock = LocalContext(), servicer.clock
    assert isinstance(clock, FixedClock)
    first, second = AT + timedelta(hours=1), AT + timedelta(hours=2)
    for rid, value, at in (("late", "3", second), ("early", "2", first), ("late-again", "5", second)):
        servicer.SetMultiplier(chain_pb2.SetMultiplierRequest(request_id=rid, symbol="AAPLx", sender=ISSUER,
                                                              multiplier=d(value), effective_at=to_ts(at)), ctx)
    assert multiplier_now(servicer) == ("1", "5")   # the last scheduled: of two at one instant, the one set later
    clock.at = first
    assert multiplier_now(servicer) == ("2", "5")
    clock.at = second
    assert multiplier_now(servicer) == ("5", "")


def test_holders_at_an_instant_between_transfers(servicer: ChainServicer) -> None:
    ctx, clock = LocalContext(), servicer.clock
    assert isinstance(clock, FixedClock)
    carol = role_address("carol")
    servicer.Mint(chain_pb2.MintTokensRequest(request_id="m1", symbol="NVDAx", sender=ISSUER, to_address=ALICE,
                                              amount=d("3")), ctx)
    clock.at = AT + timedelta(hours=1)
    servicer.Transfer(chain_pb2.TransferRequest(request_id="t1", symbol="NVDAx", sender=ALICE, to_address=BOB,
                                                amount=d("1.25")), ctx)
    snapshot = AT + timedelta(hours=2)
    clock.at = AT + timedelta(hours=3)
    servicer.Transfer(chain_pb2.TransferRequest(request_id="t2", symbol="NVDAx", sender=BOB, to_address=carol,
                                                amount=d("1.25")), ctx)
    servicer.Mint(chain_pb2.MintTokensRequest(request_id="m2", symbol="NVDAx", sender=ISSUER, to_address=carol,
                                              amount=d("10")), ctx)

    def holders(at: datetime | None = None, supply_only: bool = False) -> chain_pb2.Holders:
        return servicer.HoldersAt(chain_pb2.HoldersAtRequest(symbol="NVDAx", at=to_ts(at) if at else None,
                                                             supply_only=supply_only), ctx)

    then = holders(snapshot)
    assert {(h.address, h.balance.value) for h in then.holders} == {(ALICE, "1.75"), (BOB, "1.25")}
    assert then.total_supply.value == "3" and then.multiplier.value == "1" and from_ts(then.at) == snapshot
    assert [h.address for h in then.holders] == sorted([ALICE, BOB])
    now = holders()
    assert {(h.address, h.balance.value) for h in now.holders} == {(ALICE, "1.75"), (carol, "11.25")}
    assert now.total_supply.value == "13"
    supply = holders(snapshot, supply_only=True)
    assert (list(supply.holders), supply.total_supply.value) == ([], "3")
    assert holders(AT - timedelta(seconds=1)).total_supply.value == "0"   # before the first mint
    later = chain_pb2.HoldersAtRequest(symbol="NVDAx", at=to_ts(clock.at + timedelta(seconds=1)))
    assert reason(servicer.HoldersAt, later, ctx) == "INVALID_ARGUMENT"     # a snapshot is of the past
    assert reason(servicer.HoldersAt, chain_pb2.HoldersAtRequest(symbol="NOPE"), ctx) == "UNKNOWN_TOKEN"
    with servicer.db.read() as session:
        chain = Chain(session, clock.at)
        assert len(chain.holders_at("NVDAx", snapshot, limit=2).holders) == 2
        with pytest.raises(DomainError) as refused:
            chain.holders_at("NVDAx", None, limit=1)                     # bounded: refused past the limit, saying so
        assert refused.value.reason == "TOO_MANY_HOLDERS" and "at most 1" in refused.value.message
        assert chain.holders_at("NVDAx", None, supply_only=True, limit=1).total_supply == Decimal(13)
        assert prove(session)[0]
