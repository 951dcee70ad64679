"""Token contract rules: permissions, pauses, freezes, allowances, decimals, supply."""
from __future__ import annotations

from datetime import UTC, datetime
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
