"""Money on the Broker API face through an unmodified `alpaca-py`: an ACH relationship and a
transfer fund a customer at once, the partner's firm account journals cash to it, settled shares
(never unsettled ones) move by journal, the activity feed lists it all and pages; the assets are
the sandbox's universe; refusals come back as the SDK's APIError, saying why."""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from decimal import Decimal

import pytest
from alpaca.broker import BrokerClient
from alpaca.broker.enums import (
    ACHRelationshipStatus,
    BankAccountType,
    JournalEntryType,
    JournalStatus,
    TransferDirection,
    TransferStatus,
    TransferTiming,
)
from alpaca.broker.models import Account, ACHRelationship, Journal, Transfer
from alpaca.broker.requests import (
    CreateACHRelationshipRequest,
    CreateACHTransferRequest,
    CreateBankTransferRequest,
    CreateJournalRequest,
    GetEventsRequest,
    GetJournalsRequest,
    GetTransfersRequest,
)
from alpaca.common.enums import Sort
from alpaca.common.exceptions import APIError
from alpaca.trading.enums import OrderSide, TimeInForce
from alpaca.trading.models import Asset, BaseActivity
from alpaca.trading.requests import GetAssetsRequest, MarketOrderRequest
from fivelayer.kernel import credentials
from fivelayer.kernel.money import from_pb
from fivelayer.v1 import broker_pb2

from .alpaca_flows import (
    activities_request,
    application,
    broker_client,
    list_accounts_request,
    model,
    models,
    open_active_accounts,
    submit_order,
)
from .conftest import Running, SandboxFactory
from .flows import advance_to

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"
ROUTING = "121000358"   # nine digits with a valid ABA check digit


def bank(owner: str, routing: str = ROUTING) -> CreateACHRelationshipRequest:
    return CreateACHRelationshipRequest(account_owner_name=owner, bank_account_type=BankAccountType.CHECKING,
                                        bank_account_number="123456789", bank_routing_number=routing,
                                        nickname="checking")


def ach(relationship_id: uuid.UUID, amount: str, direction: TransferDirection) -> CreateACHTransferRequest:
    return CreateACHTransferRequest(amount=amount, direction=direction, timing=TransferTiming.IMMEDIATE,
                                    relationship_id=relationship_id)


def internal(account: Account) -> str:
    """The broker's own id of an account the face opened (its account number, FL000002 -> acct-000002)."""
    return account.account_number.replace("FL", "acct-")


def refusal(call: Callable[..., object], *args: object) -> APIError:
    with pytest.raises(APIError) as caught:
        call(*args)
    return caught.value


def test_ach_funds_at_once_the_firm_journals_cash_and_only_settled_shares_move(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = broker_client(run)
    ada, bo = open_active_accounts(run, client, "ada@example.com", "bo@example.com")     # 22:02, ACTIVE
    [firm] = models(client.list_accounts(list_accounts_request("firm")), Account)

    link = model(client.create_ach_relationship_for_account(ada.id, bank("Ada Lovelace")), ACHRelationship)
    assert link.status == ACHRelationshipStatus.APPROVED                                  # at once, as Alpaca's sandbox
    assert [r.id for r in models(client.get_ach_relationships_for_account(ada.id), ACHRelationship)] == [link.id]
    deposit = model(client.create_transfer_for_account(ada.id, ach(link.id, "5000.25", TransferDirection.INCOMING)),
                    Transfer)
    assert (deposit.status, deposit.amount) == (TransferStatus.COMPLETE, "5000.25")       # credited at once
    cash = run.clients.broker.GetCash(broker_pb2.AccountRequest(account_id=internal(ada)))
    assert from_pb(cash.settled) == Decimal("5000.25")

    advance_to(run.clients, "2026-11-20T22:03:00Z")
    bonus = model(client.create_journal(CreateJournalRequest(
        from_account=firm.id, to_account=ada.id, entry_type=JournalEntryType.CASH, amount=100.1,
        description="welcome bonus")), Journal)
    assert (bonus.status, bonus.net_amount) == (JournalStatus.EXECUTED, 100.1)
    cash = run.clients.broker.GetCash(broker_pb2.AccountRequest(account_id=internal(ada)))
    assert from_pb(cash.settled) == Decimal("5100.35")                                   # exact cents, no float

    submit_order(client, ada.id, MarketOrderRequest(symbol="AAPL", qty=10, side=OrderSide.BUY,
                                                    time_in_force=TimeInForce.DAY))
    shares = CreateJournalRequest(from_account=ada.id, to_account=bo.id, entry_type=JournalEntryType.SECURITY,
                                  symbol="AAPL", qty=4)
    advance_to(run.clients, "2026-11-23T15:00:00Z")                                       # filled at Monday's open
    unsettled = refusal(client.create_journal, shares)
    assert unsettled.status_code == 422 and "only settled shares can be journaled" in str(unsettled)
    advance_to(run.clients, "2026-11-24T22:00:00Z")                                       # settled on Tuesday
    moved = model(client.create_journal(shares), Journal)
    assert (moved.status, moved.symbol, moved.qty) == (JournalStatus.EXECUTED, "AAPL", 4)
    held = run.clients.broker.GetPositions(broker_pb2.AccountRequest(account_id=internal(bo))).positions
    assert [(p.symbol, from_pb(p.settled)) for p in held] == [("AAPL", Decimal(4))]

    securities = models(client.get_journals(GetJournalsRequest(entry_type=JournalEntryType.SECURITY)), Journal)
    assert [(j.id, j.status) for j in securities][0] == (moved.id, JournalStatus.EXECUTED)
    assert [j.status for j in securities][1:] == [JournalStatus.REJECTED]                 # the unsettled try, kept
    assert model(client.get_journal_by_id(bonus.id), Journal).from_account == firm.id
    assert [t.id for t in models(client.get_transfers_for_account(ada.id, GetTransfersRequest(
        direction=TransferDirection.INCOMING)), Transfer)] == [deposit.id]

    feed = models(client.get_account_activities(activities_request(ada.id)), BaseActivity)
    assert [a.activity_type.value for a in feed] == ["JNLS", "FILL", "JNLC", "CSD"]        # newest first
    assert [getattr(a, "net_amount", None) for a in feed] == [0, None, 100.1, 5000.25]
    paged = models(client.get_account_activities(activities_request(ada.id, page_size=1, direction=Sort.ASC)),
                   BaseActivity)
    assert [a.id for a in paged] == [a.id for a in reversed(feed)]                         # page_token walks them

    replay = GetEventsRequest(since_id=0, until_id=10**9)
    journal_events = [json.loads(e) for e in client.get_journal_events(replay)]
    assert [(e["journal_id"], e["status_to"]) for e in journal_events][-1] == (str(moved.id), "EXECUTED")
    assert [(e["transfer_id"], e["status_to"]) for e in map(json.loads, client.get_transfer_events(replay))] == [
        (str(deposit.id), "QUEUED"), (str(deposit.id), "COMPLETE")]


def other_partner(run: Running) -> tuple[str, str]:
    """Another correspondent of the same sandbox: the exchange's credentials."""
    key_name, secret_name = credentials.env_names("exchange")
    return run.sandbox.service_partners[key_name], run.sandbox.service_partners[secret_name]


def test_refusals_say_why_and_the_assets_are_the_universe(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = broker_client(run)
    [ada] = open_active_accounts(run, client, "ada@example.com")
    [firm] = models(client.list_accounts(list_accounts_request("firm")), Account)

    bad = refusal(client.create_ach_relationship_for_account, ada.id, bank("Ada", routing="123456789"))
    assert bad.status_code == 400 and "routing number" in str(bad)
    link = model(client.create_ach_relationship_for_account(ada.id, bank("Ada")), ACHRelationship)
    too_much = refusal(client.create_transfer_for_account, ada.id, ach(link.id, "50000000.01",
                                                                       TransferDirection.INCOMING))
    assert too_much.status_code == 400 and "at most 50,000,000" in str(too_much)
    overdraft = refusal(client.create_transfer_for_account, ada.id, ach(link.id, "10", TransferDirection.OUTGOING))
    assert overdraft.status_code == 422 and "withdrawable" in str(overdraft)
    wire = refusal(client.create_transfer_for_account, ada.id, CreateBankTransferRequest(
        amount="10", direction=TransferDirection.INCOMING, timing=TransferTiming.IMMEDIATE, bank_id=uuid.uuid4()))
    assert "not served yet" in str(wire)
    done = model(client.create_transfer_for_account(ada.id, ach(link.id, "10", TransferDirection.INCOMING)), Transfer)
    assert "only a QUEUED transfer" in str(refusal(client.cancel_transfer_for_account, ada.id, done.id))

    cash = CreateJournalRequest(from_account=ada.id, to_account=firm.id, entry_type=JournalEntryType.CASH, amount=11)
    short = refusal(client.create_journal, cash)
    assert short.status_code == 422 and "10 USD withdrawable" in str(short)
    theirs = model(BrokerClient(*other_partner(run), url_override=run.settings.rest_address("broker"))
                   .create_account(application("cy@example.com")), Account)
    stranger = refusal(client.create_journal, CreateJournalRequest(
        from_account=firm.id, to_account=theirs.id, entry_type=JournalEntryType.CASH, amount=1))
    assert stranger.status_code == 404 and str(theirs.id) in str(stranger)               # another's does not exist
    fresh = model(client.create_account(application("di@example.com")), Account)         # SUBMITTED
    early = refusal(client.create_journal, CreateJournalRequest(
        from_account=firm.id, to_account=fresh.id, entry_type=JournalEntryType.CASH, amount=1))
    assert early.status_code == 422 and "ACTIVE" in str(early)
    executed = model(client.create_journal(CreateJournalRequest(from_account=firm.id, to_account=ada.id,
                                                                entry_type=JournalEntryType.CASH, amount=1)), Journal)
    assert "only a pending journal" in str(refusal(client.cancel_journal_by_id, executed.id))
    client.delete_ach_relationship_for_account(ada.id, link.id)
    assert client.get_ach_relationships_for_account(ada.id) == []
    assert "CANCELED" in str(refusal(client.create_transfer_for_account, ada.id,
                                     ach(link.id, "1", TransferDirection.INCOMING)))

    assets = models(client.get_all_assets(GetAssetsRequest()), Asset)
    assert [a.symbol for a in assets] == ["AAPL", "MSFT", "NVDA", "SPY", "TSLA"]
    spy = model(client.get_asset("SPY"), Asset)
    assert (spy.exchange.value, spy.fractionable, spy.tradable) == ("ARCA", True, True)
    assert model(client.get_asset(str(spy.id)), Asset).symbol == "SPY"
    unknown = refusal(client.get_asset, "ZZZZ")
    assert unknown.status_code == 404 and "no asset" in str(unknown)
