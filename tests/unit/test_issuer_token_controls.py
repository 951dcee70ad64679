"""The token contracts' switches the issuer holds as their owner (control's chain-level faults ask it:
PauseToken, FreezeAddress), and a drill's stolen key (CompromiseKey): each one keyed contract call,
signed as the SPV, applied once per request id, with an event; a refusal changes nothing."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fivelayer.issuer.service import IssuerServicer
from fivelayer.kernel.clock import FixedClock
from fivelayer.kernel.config import REPO_ROOT
from fivelayer.kernel.contracts import load_contracts
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.outbox import OutboxEvent, typed
from fivelayer.kernel.reference import FAUCET_ADDRESS, ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.rpc import LocalContext
from fivelayer.v1 import chain_pb2, issuer_pb2
from fivelayer.v1 import events_pb2 as ev
from google.protobuf.message import Message
from sqlmodel import col, select

from tests.unit.ledger_chain import LedgerChain, LedgerWallet

AT = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
CONTRACTS = load_contracts(REPO_ROOT / "contracts")
ALICE, THIEF = "0x" + "a1" * 20, "0x" + "de" * 20
D = Decimal


class IssuerWallet(LedgerWallet):
    """The issuer's wallet over the fake chain, keeping the request ids it sent."""

    def __init__(self, chain: LedgerChain) -> None:
        super().__init__(chain, "issuer", [ISSUER_ADDRESS])
        self.sent: list[str] = []

    def SetPause(self, r: chain_pb2.SetPauseRequest) -> chain_pb2.Tx:
        self.sent.append(r.request_id)
        return super().SetPause(r)

    def SetFrozen(self, r: chain_pb2.SetFrozenRequest) -> chain_pb2.Tx:
        self.sent.append(r.request_id)
        return super().SetFrozen(r)

    def Transfer(self, r: chain_pb2.TransferRequest) -> chain_pb2.Tx:
        self.sent.append(r.request_id)
        return super().Transfer(r)


@dataclass
class Clients:
    chain: IssuerWallet
    broker: Any = None        # none of these calls reaches the broker or control's prices
    market_data: Any = None


@dataclass
class World:
    issuer: IssuerServicer
    chain: LedgerChain
    wallet: IssuerWallet

    def token(self, symbol: str) -> chain_pb2.Token:
        return self.chain.GetToken(chain_pb2.TokenRequest(symbol=symbol))

    def fusd(self, address: str) -> Decimal:
        return from_pb(self.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN, address=address)).amount)

    def events(self) -> list[tuple[str, Message | None]]:
        with self.issuer.db.read() as s:
            return [(e.type, typed("issuer", e)) for e in s.exec(select(OutboxEvent).order_by(col(OutboxEvent.seq)))]


@pytest.fixture
def world(tmp_path: Path) -> World:
    clock = FixedClock(AT)
    chain = LedgerChain(Database(f"sqlite:///{tmp_path}/chain.db"), clock)
    chain.genesis(CONTRACTS)
    wallet = IssuerWallet(chain)
    issuer = IssuerServicer(Database(f"sqlite:///{tmp_path}/issuer.db"), clock, Clients(wallet), CONTRACTS)
    chain.Mint(chain_pb2.MintTokensRequest(request_id="faucet", symbol=STABLECOIN, sender=FAUCET_ADDRESS,
                                           to_address=ISSUER_ADDRESS, amount=to_pb(D("1234.5"))))
    chain.Mint(chain_pb2.MintTokensRequest(request_id="m", symbol="AAPLx", sender=ISSUER_ADDRESS, to_address=ALICE,
                                           amount=to_pb(D(3))))
    return World(issuer, chain, wallet)


def refusal(fn: Any, request: Any) -> str:
    with pytest.raises(DomainError) as caught:
        fn(request, LocalContext())
    return caught.value.reason


def test_pause_token_sets_both_switches_as_the_owner_once(world: World) -> None:
    pause = issuer_pb2.PauseTokenRequest(request_id="fault:flt-000001:apply", token="AAPLx", mint_paused=True)
    reply = world.issuer.PauseToken(pause, LocalContext())
    assert reply.tx_hash.startswith("0x") and reply.block_number > 0
    token = world.token("AAPLx")
    assert (token.mint_paused, token.transfers_paused) == (True, False)
    mint = chain_pb2.MintTokensRequest(request_id="m2", symbol="AAPLx", sender=ISSUER_ADDRESS, to_address=ALICE,
                                       amount=to_pb(D(1)))
    with pytest.raises(DomainError) as caught:
        world.wallet.Mint(mint)
    assert caught.value.reason == "MINT_PAUSED"
    assert world.issuer.PauseToken(pause, LocalContext()) == reply               # once per request id
    assert world.wallet.sent == ["fault:flt-000001:apply:pause"]
    world.issuer.PauseToken(issuer_pb2.PauseTokenRequest(request_id="p2", token="AAPLx", transfers_paused=True),
                            LocalContext())
    token = world.token("AAPLx")
    assert (token.mint_paused, token.transfers_paused) == (False, True)
    assert [t for t, _ in world.events()] == ["token.paused", "token.paused"]
    # only the issuer's products: the stablecoin's owner is the faucet
    assert refusal(world.issuer.PauseToken, issuer_pb2.PauseTokenRequest(request_id="p3", token=STABLECOIN,
                                                                         mint_paused=True)) == "UNKNOWN_TOKEN"


def test_freeze_address_freezes_one_holder_in_one_token(world: World) -> None:
    freeze = issuer_pb2.FreezeAddressRequest(request_id="f1", token="AAPLx", address=ALICE.upper().replace("0X", "0x"),
                                             frozen=True)
    world.issuer.FreezeAddress(freeze, LocalContext())
    assert list(world.token("AAPLx").frozen) == [ALICE] and list(world.token("NVDAx").frozen) == []
    send = chain_pb2.TransferRequest(request_id="t1", symbol="AAPLx", sender=ALICE, to_address=ISSUER_ADDRESS,
                                     amount=to_pb(D(1)))
    with pytest.raises(DomainError) as caught:
        world.chain.Transfer(send)
    assert caught.value.reason == "ADDRESS_FROZEN"
    world.issuer.FreezeAddress(issuer_pb2.FreezeAddressRequest(request_id="f2", token="AAPLx", address=ALICE),
                               LocalContext())
    world.chain.Transfer(send)
    assert world.wallet.sent == ["f1:freeze", "f2:freeze"]
    assert [t for t, _ in world.events()] == ["token.frozen", "token.unfrozen"]
    bad = issuer_pb2.FreezeAddressRequest(request_id="f3", token="AAPLx", address="alice", frozen=True)
    assert refusal(world.issuer.FreezeAddress, bad) == "INVALID_ADDRESS" and world.wallet.sent[-1] == "f2:freeze"


def test_a_stolen_key_sends_the_whole_treasury_away_and_the_books_are_not_told(world: World) -> None:
    steal = issuer_pb2.CompromiseKeyRequest(request_id="drill:0001:hack", to_address=THIEF, reason="drill")
    reply = world.issuer.CompromiseKey(steal, LocalContext())
    assert world.fusd(ISSUER_ADDRESS) == 0 and world.fusd(THIEF) == D("1234.5")
    assert world.issuer.CompromiseKey(steal, LocalContext()) == reply            # once: nothing taken twice
    assert world.wallet.sent == ["drill:0001:hack:steal"]
    [(kind, payload)] = world.events()
    assert kind == "spv.key_compromised" and isinstance(payload, ev.SpvKeyCompromised)
    assert payload.amount.value == "1234.5"
    again = issuer_pb2.CompromiseKeyRequest(request_id="drill:0002:hack", to_address=THIEF)
    assert refusal(world.issuer.CompromiseKey, again) == "INSUFFICIENT_FUNDS"   # nothing left to take
    own = issuer_pb2.CompromiseKeyRequest(request_id="drill:0003:hack", to_address=ISSUER_ADDRESS)
    assert refusal(world.issuer.CompromiseKey, own) == "INVALID_ARGUMENT"
