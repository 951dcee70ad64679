"""The broker's Broker API face, driven through an unmodified `alpaca-py` BrokerClient: partner
keys, accounts opened and moving to ACTIVE under the sandbox clock, the clock and the calendar,
and refusals raised as the SDK's APIError."""
from __future__ import annotations

import json
from datetime import date

import pytest
from alpaca.broker import BrokerClient
from alpaca.broker.models import Account
from alpaca.broker.requests import GetEventsRequest, UpdatableContact, UpdateAccountRequest
from alpaca.common.exceptions import APIError
from alpaca.trading.enums import OrderSide, TimeInForce
from alpaca.trading.models import Calendar, Clock
from alpaca.trading.requests import GetCalendarRequest, MarketOrderRequest
from fivelayer.kernel import credentials
from fivelayer.v1 import broker_pb2, common_pb2

from .alpaca_flows import (
    application,
    broker_client,
    list_accounts_request,
    model,
    models,
    open_active_accounts,
    submit_order,
)
from .conftest import PARTNER, SandboxFactory
from .flows import advance_to, dec
from .test_faults import inject

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"


def test_an_unmodified_alpaca_client_opens_accounts_and_reads_the_clock(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    url = run.settings.rest_address("broker")
    client = BrokerClient(*PARTNER, url_override=url)
    account = model(client.create_account(application("ada@example.com")), Account)
    assert str(account.status).endswith("SUBMITTED")
    refused = model(client.create_account(application("bo+rejected@example.com")), Account)
    assert model(client.get_account_by_id(account.id), Account).id == account.id
    [firm] = models(client.list_accounts(list_accounts_request("firm")), Account)  # the partner's firm (sweep) account
    assert {a.id for a in models(client.list_accounts(), Account)} == {firm.id, account.id, refused.id}

    advance_to(run.clients, "2026-11-20T22:01:00Z")
    assert str(model(client.get_account_by_id(account.id), Account).status).endswith("APPROVED")
    advance_to(run.clients, "2026-11-20T22:02:00Z")
    assert str(model(client.get_account_by_id(account.id), Account).status).endswith("ACTIVE")
    assert str(model(client.get_account_by_id(refused.id), Account).status).endswith("REJECTED")

    clock = model(client.get_clock(), Clock)
    assert not clock.is_open and clock.next_open.isoformat().startswith("2026-11-23T09:30")
    days = models(client.get_calendar(GetCalendarRequest(start=date(2026, 11, 23), end=date(2026, 11, 30))), Calendar)
    assert [d.date.isoformat() for d in days] == ["2026-11-23", "2026-11-24", "2026-11-25", "2026-11-27",
                                                  "2026-11-30"]               # Thanksgiving is no session
    assert days[3].close.strftime("%H:%M") == "13:00"                            # the day after closes early
    assert run.clients.clock.Now(common_pb2.Empty()).now.ToJsonString() == "2026-11-20T22:02:00Z"


def test_keys_are_checked_and_a_partner_sees_only_its_own_accounts(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    url = run.settings.rest_address("broker")
    account = model(BrokerClient(*PARTNER, url_override=url).create_account(application("ada@example.com")), Account)
    with pytest.raises(APIError) as wrong:
        BrokerClient(PARTNER[0], "not-the-secret", url_override=url).list_accounts()
    assert wrong.value.status_code == 401 and "UNAUTHENTICATED" in str(wrong.value)
    with pytest.raises(APIError) as unknown:
        BrokerClient(*PARTNER, url_override=url).get_account_by_id("00000000-0000-0000-0000-000000000000")
    assert unknown.value.status_code == 404 and "NOT_FOUND" in str(unknown.value)
    bad = application("x@example.com").model_dump(mode="json")
    bad.pop("disclosures")
    with pytest.raises(APIError) as incomplete:
        BrokerClient(*PARTNER, url_override=url)._request("POST", "/accounts", bad)
    assert incomplete.value.status_code == 400 and "disclosures" in str(incomplete.value)
    client = BrokerClient(*PARTNER, url_override=url)
    [firm] = models(client.list_accounts(list_accounts_request("firm")), Account)
    # its firm account and the one it opened
    assert [a.id for a in models(client.list_accounts(), Account)] == [firm.id, account.id]


def test_an_account_is_updated_and_closed_through_the_sdk(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = BrokerClient(*PARTNER, url_override=run.settings.rest_address("broker"))
    account = model(client.create_account(application("ada@example.com")), Account)
    updated = model(client.update_account(account.id, UpdateAccountRequest(
        contact=UpdatableContact(email_address="ada.lovelace@example.com"))), Account)
    assert updated.contact is not None and updated.contact.email_address == "ada.lovelace@example.com"
    assert updated.contact.city == "San Mateo"                                   # the rest of it kept
    client.close_account(account.id)
    assert str(model(client.get_account_by_id(account.id), Account).status).endswith("ACCOUNT_CLOSED")
    with pytest.raises(APIError) as closed:
        client.update_account(account.id, UpdateAccountRequest(
            contact=UpdatableContact(email_address="again@example.com")))
    assert closed.value.status_code == 422 and "ACCOUNT_CLOSED" in str(closed.value)


def test_event_streams_replay_and_resume_and_another_partner_sees_nothing(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = broker_client(run)
    account = open_active_accounts(run, client, "ada@example.com")[0]
    replay = GetEventsRequest(since_id=0, until_id=10**9)   # a bounded replay ends at the newest event
    moves = [m for e in client.get_account_status_events(replay)
             if (m := json.loads(e))["event_type"] == "account.status_updated"]
    assert [(m["account_id"], m["status_from"], m["status_to"]) for m in moves] == [
        (str(account.id), "SUBMITTED", "APPROVED"), (str(account.id), "APPROVED", "ACTIVE")]
    run.clients.broker.FundAccount(broker_pb2.FundAccountRequest(
        request_id="fund", account_id=account.account_number.replace("FL", "acct-"), amount=dec("1000")))
    submit_order(client, str(account.id), MarketOrderRequest(symbol="AAPL", qty=1, side=OrderSide.BUY,
                                                             time_in_force=TimeInForce.DAY))
    trades = [json.loads(e) for e in client.get_trade_events(replay)]
    assert [t["event"] for t in trades] == ["new"] and trades[0]["order"]["symbol"] == "AAPL"
    advance_to(run.clients, "2026-11-23T14:31:00Z")                             # filled at Monday's open
    resumed = [json.loads(e) for e in client.get_trade_events(
        GetEventsRequest(since_id=trades[-1]["event_id"], until_id=10**9))]  # resume after the last id seen
    assert [t["event"] for t in resumed] == ["fill"] and resumed[0]["order"]["status"] == "filled"

    key_name, secret_name = credentials.env_names("issuer")                   # the issuer SPV is a partner too
    other = broker_client(run, (run.sandbox.service_partners[key_name], run.sandbox.service_partners[secret_name]))
    with pytest.raises(APIError) as hidden:
        other.get_account_by_id(account.id)
    assert hidden.value.status_code == 404
    with pytest.raises(APIError) as unmoved:
        submit_order(other, str(account.id), MarketOrderRequest(
            symbol="AAPL", qty=1, side=OrderSide.SELL, time_in_force=TimeInForce.DAY))
    assert unmoved.value.status_code == 404
    assert list(other.get_trade_events(replay)) == []
    assert str(account.id) not in {a.id for a in models(other.list_accounts(), Account)}


def test_network_faults_reach_the_broker_api_face(sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = broker_client(run)
    client._retry_codes = []  # the SDK retries 429 after 3 s by default; see the refusal itself
    inject(run.clients, "rate-limit", "f1", service="broker", network=common_pb2.NetworkFault(
        face="rest", method="/v1/clock", limit=1, window_seconds=60))
    assert not model(client.get_clock(), Clock).is_open
    with pytest.raises(APIError) as limited:
        client.get_clock()
    assert limited.value.status_code == 429 and "RATE_LIMITED" in str(limited.value)
    assert limited.value.response.headers["X-RateLimit-Limit"] == "1"
    assert client.get_calendar(GetCalendarRequest(start=date(2026, 11, 23), end=date(2026, 11, 23)))  # other routes
