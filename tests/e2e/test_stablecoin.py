"""The stablecoin issuer end to end: FUSD redeemed by an integrator's transfer, paid by wire on Fedwire's
calendar into a broker account, across a Friday evening and a weekend; then halted and de-pegged.

One sandbox for the module; the tests run in order on one clock, starting Friday 2026-11-20 16:00 ET.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fivelayer.kernel import evm, keys
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.reference import FAUCET_ADDRESS
from fivelayer.kernel.timeutil import from_ts, to_ts, utc
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2, statuses_pb2
from web3 import Web3

from .conftest import Running, start_sandbox

pytestmark = pytest.mark.e2e

NY = ZoneInfo("America/New_York")
START = "2026-11-20T21:00:00Z"  # Friday 16:00 New York
QUEUED, HALTED = statuses_pb2.STABLECOIN_REDEMPTION_STATUS_QUEUED, statuses_pb2.STABLECOIN_REDEMPTION_STATUS_HALTED
PAID = statuses_pb2.STABLECOIN_REDEMPTION_STATUS_PAID


def et(text: str) -> datetime:
    return utc(datetime.fromisoformat(text).replace(tzinfo=NY))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = start_sandbox(tmp_path_factory.mktemp("stablecoin"), START)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def w3(run: Running) -> Web3:
    return Web3(Web3.HTTPProvider(run.clients.chain_service.GetNetwork(common_pb2.Empty()).rpc_url))


@pytest.fixture(scope="module")
def account(run: Running) -> str:
    return str(run.clients.broker.CreateAccount(broker_pb2.CreateAccountRequest(
        request_id="wire-beneficiary", name="Wire Beneficiary LLC", kind="institutional")).account_id)


def fusd(w3: Web3, run: Running) -> Any:
    address = run.clients.chain_service.GetToken(chain_pb2.TokenRequest(symbol="FUSD")).address
    return w3.eth.contract(address=Web3.to_checksum_address(address), abi=evm.artifact("FUSD")["abi"])


def send_fusd(w3: Web3, run: Running, holder: Any, to: str, amount: int) -> str:
    """The holder signs a FUSD transfer with its own key, as an integrator would."""
    tx = fusd(w3, run).functions.transfer(Web3.to_checksum_address(to), amount * 10**6).build_transaction({
        "from": holder.address, "nonce": w3.eth.get_transaction_count(holder.address), "chainId": keys.CHAIN_ID})
    tx_hash = w3.eth.send_raw_transaction(holder.sign_transaction(tx).raw_transaction)
    assert w3.eth.wait_for_transaction_receipt(tx_hash)["status"] == 1
    return tx_hash.to_0x_hex()


def cash(run: Running, account: str) -> Decimal:
    return from_pb(run.clients.broker.GetCash(broker_pb2.AccountRequest(account_id=account)).settled)


def advance_to(run: Running, at: datetime) -> None:
    run.clients.clock.Advance(control_pb2.AdvanceRequest(to=to_ts(at)))


def now(run: Running) -> datetime:
    return from_ts(run.clients.clock.Now(common_pb2.Empty()).now)


def redeem(run: Running, key: str, tx_hash: str, account: str) -> chain_pb2.StablecoinRedemption:
    return run.clients.stablecoin.Redeem(chain_pb2.StablecoinRedemptionRequest(
        request_id=key, tx_hash=tx_hash, beneficiary_account_id=account))


def reserve(run: Running) -> chain_pb2.StablecoinReserve:
    return run.clients.stablecoin.GetReserve(common_pb2.Empty())


def test_deposits_are_dollars_in_the_reserve(run: Running) -> None:
    alice = keys.test_account(1)
    before = reserve(run)
    run.clients.chain_service.Faucet(chain_pb2.FaucetRequest(request_id="alice", to_address=alice.address.lower(),
                                                             amount=to_pb(Decimal(1000))))
    issued = run.clients.stablecoin.Issue(chain_pb2.IssueStablecoinRequest(
        request_id="wire-in-1", amount=to_pb(Decimal(500)), to_address=alice.address.lower(),
        wire_reference="FED20261120A1"))
    again = run.clients.stablecoin.Issue(chain_pb2.IssueStablecoinRequest(
        request_id="wire-in-1", amount=to_pb(Decimal(500)), to_address=alice.address.lower(),
        wire_reference="FED20261120A1"))
    assert again.tx_hash == issued.tx_hash and issued.kind == "mint"
    after = reserve(run)
    assert from_pb(after.reserve_usd) - from_pb(before.reserve_usd) == Decimal(1500)
    assert from_pb(after.supply) == from_pb(after.reserve_usd)  # every FUSD was issued against a dollar
    assert after.redemption_address == FAUCET_ADDRESS and from_pb(after.redemption_price) == 1
    events = [e.stablecoin_issued for e in run.clients.events("chain").Subscribe(
        common_pb2.SubscribeRequest(after_seq=0)) if e.HasField("stablecoin_issued")]
    assert any(e.wire_reference == "FED20261120A1" and e.amount.value == "500" for e in events)


def test_friday_afternoon_pays_friday(run: Running, w3: Web3, account: str) -> None:
    alice = keys.test_account(1)
    tx_hash = send_fusd(w3, run, alice, FAUCET_ADDRESS, 100)
    redemption = redeem(run, "r-friday", tx_hash, account)
    assert redemption.status == QUEUED and redemption.value_date == "2026-11-20"
    assert from_ts(redemption.pays_at) == now(run) and from_pb(redemption.amount) == 100
    assert redemption.holder == alice.address.lower() and redemption.burn_tx
    assert redeem(run, "r-friday", tx_hash, account).redemption_id == redemption.redemption_id  # same request
    with pytest.raises(DomainError) as twice:
        redeem(run, "r-friday-again", tx_hash, account)
    assert twice.value.reason == "ALREADY_REDEEMED"
    run.clients.clock.Advance(control_pb2.AdvanceRequest(by="1m"))
    paid = run.clients.stablecoin.GetRedemption(chain_pb2.StablecoinRedemptionIdRequest(
        redemption_id=redemption.redemption_id))
    assert paid.status == PAID and from_pb(paid.usd) == 100 and from_pb(paid.price) == 1
    assert cash(run, account) == 100
    assert from_pb(reserve(run).in_transit_usd) == 0


def test_a_transfer_elsewhere_is_not_a_redemption(run: Running, w3: Web3, account: str) -> None:
    tx_hash = send_fusd(w3, run, keys.test_account(1), keys.test_account(2).address, 5)
    with pytest.raises(DomainError) as refused:
        redeem(run, "r-not", tx_hash, account)
    assert refused.value.reason == "NOT_A_REDEMPTION"
    with pytest.raises(DomainError) as unknown:
        redeem(run, "r-nobody", send_fusd(w3, run, keys.test_account(1), FAUCET_ADDRESS, 1), "no-such-account")
    assert unknown.value.reason == "UNKNOWN_ACCOUNT"


def test_friday_evening_pays_monday(run: Running, w3: Web3, account: str) -> None:
    advance_to(run, et("2026-11-20T19:30"))
    quote = run.clients.stablecoin.QuoteWire(chain_pb2.WireQuoteRequest())
    assert quote.value_date == "2026-11-23" and from_ts(quote.pays_at) == et("2026-11-22T21:00")
    redemption = redeem(run, "r-weekend", send_fusd(w3, run, keys.test_account(1), FAUCET_ADDRESS, 50), account)
    assert redemption.status == QUEUED and redemption.value_date == "2026-11-23"
    assert "cut-off" in redemption.reason
    assert from_pb(reserve(run).in_transit_usd) == 50
    advance_to(run, et("2026-11-22T12:00"))  # Sunday noon: nothing yet
    assert cash(run, account) == 100
    advance_to(run, et("2026-11-23T09:00"))  # Monday morning: credited Sunday 21:00 ET
    paid = run.clients.stablecoin.GetRedemption(chain_pb2.StablecoinRedemptionIdRequest(
        redemption_id=redemption.redemption_id))
    assert paid.status == PAID and from_ts(paid.paid_at) == et("2026-11-22T21:00")
    assert cash(run, account) == 150
    sent = [e for e in run.clients.events("chain").Subscribe(common_pb2.SubscribeRequest(after_seq=0))
            if e.HasField("stablecoin_wire_sent") and e.stablecoin_wire_sent.redemption_id == paid.redemption_id]
    assert [(from_ts(e.at), e.stablecoin_wire_sent.request_id) for e in sent] == [
        (et("2026-11-22T21:00"), f"stablecoin:wire:{paid.redemption_id}")]


def test_halted_redemptions_queue_until_reopened_at_a_discount(run: Running, w3: Web3, account: str) -> None:
    halted = run.clients.stablecoin.SetConditions(chain_pb2.SetStablecoinConditionsRequest(
        request_id="halt", redemptions_halted=True, reason="reserve bank failed", stuck_usd=to_pb(Decimal(200))))
    assert halted.redemptions_halted and from_pb(halted.stuck_usd) == 200
    redemption = redeem(run, "r-halted", send_fusd(w3, run, keys.test_account(1), FAUCET_ADDRESS, 20), account)
    assert redemption.status == HALTED and "reserve bank failed" in redemption.reason
    assert not redemption.HasField("pays_at")
    run.clients.clock.Advance(control_pb2.AdvanceRequest(by="1h"))
    assert cash(run, account) == 150
    reopened = run.clients.stablecoin.SetConditions(chain_pb2.SetStablecoinConditionsRequest(
        request_id="depeg", redemption_price=to_pb(Decimal("0.88")), stuck_usd=to_pb(Decimal(200)),
        wire_delay="36h", reason="de-pegged"))
    assert not reopened.redemptions_halted and from_pb(reopened.redemption_price) == Decimal("0.88")
    assert from_pb(reopened.in_transit_usd) == Decimal("17.6")
    queued = run.clients.stablecoin.GetRedemption(chain_pb2.StablecoinRedemptionIdRequest(
        redemption_id=redemption.redemption_id))
    # reopened Monday 10:00 ET, 36 hours later is Tuesday 22:00 ET: Wednesday's window, at once
    assert queued.status == QUEUED and queued.value_date == "2026-11-25"
    assert from_ts(queued.pays_at) == et("2026-11-24T22:00")
    advance_to(run, et("2026-11-25T09:00"))
    paid = run.clients.stablecoin.GetRedemption(chain_pb2.StablecoinRedemptionIdRequest(
        redemption_id=redemption.redemption_id))
    assert paid.status == PAID and from_pb(paid.usd) == Decimal("17.6") and from_pb(paid.price) == Decimal("0.88")
    assert cash(run, account) == Decimal("167.6")
    books = run.clients.books("chain").Prove(common_pb2.Empty())
    assert books.balanced, books.problems


def test_redemptions_page(run: Running) -> None:
    first = run.clients.stablecoin.ListRedemptions(chain_pb2.ListStablecoinRedemptionsRequest(limit=2))
    assert len(first.redemptions) == 2 and first.next_page_token
    rest = run.clients.stablecoin.ListRedemptions(chain_pb2.ListStablecoinRedemptionsRequest(
        page_token=first.next_page_token))
    ids = [r.redemption_id for r in [*first.redemptions, *rest.redemptions]]
    assert len(ids) == len(set(ids)) == 3 and not rest.next_page_token
    mine = run.clients.stablecoin.ListRedemptions(chain_pb2.ListStablecoinRedemptionsRequest(
        holder=keys.test_account(1).address.lower()))
    assert len(mine.redemptions) == 3
