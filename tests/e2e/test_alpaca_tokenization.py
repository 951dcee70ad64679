"""In-kind tokenization (the Instant Tokenization Network flow) through an unmodified `alpaca-py`:
an authorized participant's settled shares become tokens in its wallet, instantly, and come back;
unsettled shares cannot move; a halt, a cut route and insolvency each stop it, saying why."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from alpaca.broker import BrokerClient
from alpaca.broker.enums import BankAccountType, TransferDirection, TransferTiming
from alpaca.broker.models import Account, ACHRelationship, Transfer
from alpaca.broker.requests import CreateACHRelationshipRequest, CreateACHTransferRequest
from alpaca.common.exceptions import APIError
from alpaca.trading.enums import OrderSide, TimeInForce
from alpaca.trading.models import Position
from alpaca.trading.requests import MarketOrderRequest
from fivelayer.kernel import credentials
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.reference import ISSUER_ADDRESS, NETWORK, TOKENIZATION_ISSUER
from fivelayer.v1 import chain_pb2, common_pb2, issuer_pb2
from web3 import Web3

from .alpaca_examples import ITN_MINT
from .alpaca_flows import broker_client, model, open_active_accounts, raw_data, submit_order
from .conftest import Running, SandboxFactory
from .flows import advance_to, sign_as_test_account
from .test_faults import clear_all, inject

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"
WALLET = "0x90f79bf6eb2c4f870365e785982e1f101e93b906"  # test account 3: the AP's own wallet, its own key


def mint(client: BrokerClient, account_id: str, qty: str, client_request_id: str = "") -> dict[str, Any]:
    body = {**ITN_MINT, "qty": qty, "issuer": TOKENIZATION_ISSUER, "network": NETWORK,   # Alpaca's example body
            "wallet_address": WALLET}
    if client_request_id:
        body["client_request_id"] = client_request_id
    reply = client.post(f"/accounts/{account_id}/tokenization/mint", body)
    assert isinstance(reply, dict)
    return reply


def settled_aapl(client: BrokerClient, account_id: str) -> Decimal:
    position = model(client.get_open_position_for_account(account_id, "AAPL"), Position)
    return Decimal(str(position.qty))


def wallet_tokens(run: Running) -> Decimal:
    return from_pb(run.clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol="AAPLx", address=WALLET)).amount)


def participant_with_settled_shares(run: Running, client: BrokerClient) -> str:
    """An authorized participant funded by ACH that bought 10 AAPL on Friday evening: filled at
    Monday's open, settled on Tuesday."""
    account = open_active_accounts(run, client, "ap@example.com")[0]
    bank = model(client.create_ach_relationship_for_account(str(account.id), CreateACHRelationshipRequest(
        account_owner_name="AP Desk LLC", bank_account_type=BankAccountType.CHECKING,
        bank_account_number="123456789", bank_routing_number="121000358")), ACHRelationship)
    model(client.create_transfer_for_account(str(account.id), CreateACHTransferRequest(
        amount="5000", direction=TransferDirection.INCOMING, timing=TransferTiming.IMMEDIATE,
        relationship_id=bank.id)), Transfer)
    submit_order(client, str(account.id), MarketOrderRequest(
        symbol="AAPL", qty=10, side=OrderSide.BUY, time_in_force=TimeInForce.DAY))
    return str(account.id)


def test_settled_shares_become_tokens_at_once_and_come_back(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = broker_client(run)
    account = participant_with_settled_shares(run, client)

    advance_to(run.clients, "2026-11-23T15:00:00Z")                     # filled at Monday's open, unsettled
    with pytest.raises(APIError) as unsettled:
        mint(client, account, "4")
    assert "settled" in str(unsettled.value)                            # only settled shares can move
    assert client.get(f"/accounts/{account}/tokenization/requests") == []

    advance_to(run.clients, "2026-11-24T22:00:00Z")                     # settled on Tuesday
    assert settled_aapl(client, account) == Decimal(10)
    done = mint(client, account, "4", client_request_id="ap-mint-1")
    assert (done["status"], done["type"], done["qty"], done["underlying_symbol"]) == ("completed", "mint", "4", "AAPL")
    assert Decimal(done["fees"]) > 0 and done["tx_hash"].startswith("0x")
    assert wallet_tokens(run) == Decimal(4)                             # minted at once: no order, no T+1 wait
    assert settled_aapl(client, account) == Decimal(6)                  # journaled to the issuer's account
    assert mint(client, account, "4", client_request_id="ap-mint-1")["id"] == done["id"]  # the same request, once
    found = client.get(f"/accounts/{account}/tokenization/requests:by_client_request_id",
                       {"client_request_id": "ap-mint-1"})
    assert isinstance(found, dict) and found["id"] == done["id"]
    assert raw_data(client.get(f"/accounts/{account}/tokenization/requests/{done['id']}"))["status"] == "completed"

    # redemption runs back: the wallet approves the issuer, the issuer confirms through the redeem callback
    internal = model(client.get_account_by_id(account), Account).account_number.replace("FL", "acct-")
    sign_as_test_account(run.clients, 3, "AAPLx", "approve", [Web3.to_checksum_address(ISSUER_ADDRESS), 10**18])
    receipt = run.clients.issuer.InKindRedeem(issuer_pb2.InKindRedeemRequest(
        request_id="ap-redeem-1", account_id=internal, token="AAPLx", quantity=to_pb(Decimal(1)),
        wallet_address=WALLET))
    assert receipt.kind == "redeem" and wallet_tokens(run) == Decimal(3)
    assert settled_aapl(client, account) == Decimal(7)
    listed = client.get(f"/accounts/{account}/tokenization/requests")
    assert isinstance(listed, list) and [(r["type"], r["status"]) for r in listed] == [
        ("redeem", "completed"), ("mint", "completed")]
    found = client.get(f"/accounts/{account}/tokenization/requests:by_issuer_request_id",
                       {"issuer_request_id": receipt.id})
    assert isinstance(found, dict) and found["type"] == "redeem"

    # an issuer integrating over the Broker API confirms through the REST callback, with its own keys
    key_name, secret_name = credentials.env_names("issuer")
    issuer = broker_client(run, (run.sandbox.service_partners[key_name], run.sandbox.service_partners[secret_name]))
    body = {"underlying_symbol": "AAPL", "qty": "2", "wallet_address": WALLET, "issuer_request_id": "ext-redeem-1",
            "tx_hash": "0x" + "cd" * 32}
    confirmed = issuer.post(f"/accounts/{account}/tokenization/callback/redeem", body)
    assert isinstance(confirmed, dict) and confirmed["status"] == "completed"
    assert raw_data(issuer.post(f"/accounts/{account}/tokenization/callback/redeem", body))["id"] == confirmed["id"]
    assert settled_aapl(client, account) == Decimal(9)                  # journaled back once
    with pytest.raises(APIError) as not_an_issuer:                      # a partner that issues nothing cannot
        client.post(f"/accounts/{account}/tokenization/callback/redeem", {**body, "issuer_request_id": "x"})
    assert not_an_issuer.value.status_code == 403 and settled_aapl(client, account) == Decimal(9)


def test_a_halt_a_cut_route_and_insolvency_stop_in_kind_mints(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = broker_client(run)
    account = participant_with_settled_shares(run, client)
    advance_to(run.clients, "2026-11-24T22:00:00Z")
    c = run.clients

    inject(c, "halt-mint", "f1", token="AAPLx")                         # the issuer refuses: the journal is reversed
    halted = mint(client, account, "2")
    assert halted["status"] == "rejected" and "MINT_HALTED" in halted["reject_reason"]
    assert settled_aapl(client, account) == Decimal(10) and wallet_tokens(run) == 0
    clear_all(c, "c1")

    inject(c, "route-cut", "f2")                                        # the issuer's own account, by default
    with pytest.raises(APIError) as cut:
        mint(client, account, "2")
    assert "ROUTE_CUT" in str(cut.value) and settled_aapl(client, account) == Decimal(10)
    clear_all(c, "c2")

    issuer_account = c.issuer.ListProducts(issuer_pb2.ListProductsRequest()).broker_account_id
    inject(c, "insolvency", "f3")
    with pytest.raises(APIError) as insolvent:
        mint(client, account, "2")
    assert issuer_account in str(insolvent.value) and "estate" in str(insolvent.value)
    assert settled_aapl(client, account) == Decimal(10) and wallet_tokens(run) == 0
    assert c.clock.Now(common_pb2.Empty()).now.ToJsonString().startswith("2026-11-24T22:00")
