"""A dividend from the depository to the broker's customers, end to end: announced at the
depository over gRPC, paid to participant 0555 on its pay date, allocated by the broker at 10:00 ET
to a US individual (opened on the Broker API face with a tax id: a W-9, nothing withheld), an
offshore institutional account without documentation (30% withheld) and an exchange user resident
in Japan (its W-8BEN passed on by the exchange: the treaty's 10%), shown as notices, as a DIV
activity through an unmodified alpaca-py and on the Japanese user's year-end statement; the tax
withheld in November is deposited with the IRS on December 15."""
from __future__ import annotations

import json
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from alpaca.trading.enums import ActivityType, OrderSide, TimeInForce
from alpaca.trading.models import NonTradeActivity
from alpaca.trading.requests import MarketOrderRequest
from fivelayer.kernel.money import from_pb, round_down
from fivelayer.kernel.paging import all_pages
from fivelayer.v1 import broker_pb2, common_pb2, control_pb2, depository_pb2, exchange_pb2

from .alpaca_flows import activities_request, broker_client, models, open_active_accounts, submit_order
from .conftest import Running, SandboxFactory
from .flows import advance_to, create_user, dec, deposit
from .test_alpaca_money import internal

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"
RATE = Decimal("0.26")


def cli(run: Running, *args: str) -> dict[str, Any]:
    """The `fivelayer` command line against this sandbox, with --json."""
    done = subprocess.run([str(Path(sys.executable).parent / "fivelayer"), *args, "--json"], capture_output=True,
                          text=True, env=run.settings.to_env() | {"PATH": "/usr/bin:/bin"}, timeout=60, check=True)
    reply = json.loads(done.stdout)
    assert isinstance(reply, dict), reply
    return reply


def notices(run: Running, account_id: str) -> list[broker_pb2.Notice]:
    return list(run.clients.broker.ListNotices(broker_pb2.ListNoticesRequest(account_id=account_id)).notices)


def test_a_dividend_reaches_a_us_individual_gross_and_an_offshore_spv_net_of_30_percent(
        sandbox_factory: SandboxFactory) -> None:
    run = sandbox_factory(FRIDAY_EVENING)
    client = broker_client(run)
    [ada] = open_active_accounts(run, client, "ada@example.com")                      # 22:02, ACTIVE
    ada_id = internal(ada)
    spv = run.clients.broker.CreateAccount(broker_pb2.CreateAccountRequest(
        request_id="spv", name="Offshore Holdings Ltd", kind="institutional"))
    assert (spv.tax_profile, from_pb(spv.withholding_rate)) == ("undocumented_foreign", Decimal("0.3"))
    assert run.clients.broker.GetAccount(broker_pb2.AccountRequest(account_id=ada_id)).tax_profile == "w9"
    kenji = create_user(run.clients, "kenji", "JPN")                                   # resident in Japan
    deposit(run.clients, kenji.user_id, "10000", "dep-kenji")
    run.clients.exchange.BuyStock(exchange_pb2.TradeRequest(request_id="kenji-buy", user_id=kenji.user_id,
                                                            symbol="AAPL", quantity=dec("10")))
    kenji_id = run.clients.exchange.GetBrokerAccount(exchange_pb2.UserRequest(user_id=kenji.user_id)).account_id
    kenji_account = run.clients.broker.GetAccount(broker_pb2.AccountRequest(account_id=kenji_id))
    assert (kenji_account.tax_profile, kenji_account.tax_country, from_pb(kenji_account.withholding_rate)) == (
        "w8ben", "JPN", Decimal("0.1"))
    assert "US-Japan treaty" in kenji_account.tax_basis
    for rid, account_id in (("f-ada", ada_id), ("f-spv", spv.account_id)):
        run.clients.broker.FundAccount(broker_pb2.FundAccountRequest(request_id=rid, account_id=account_id,
                                                                     amount=dec("100000")))
    submit_order(client, ada.id, MarketOrderRequest(symbol="AAPL", qty=10, side=OrderSide.BUY,
                                                    time_in_force=TimeInForce.DAY))
    run.clients.broker.PlaceOrder(broker_pb2.PlaceOrderRequest(
        request_id="spv-buy", account_id=spv.account_id, api_key=spv.api_key, symbol="AAPL", side=broker_pb2.BUY,
        quantity=common_pb2.Decimal(value="7.3")))
    action = run.clients.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id="div", symbol="AAPL", amount=dec(str(RATE)), ex_date="2026-11-25", pay_date="2026-11-30",
        late=True))   # short notice, forced past SEC Rule 10b-17
    assert action.kind == "dividend" and action.record_date == "2026-11-25"

    advance_to(run.clients, "2026-11-30T15:05:00Z")           # filled Monday, settled Tuesday; paid, allocated
    [ada_notice] = notices(run, ada_id)
    [spv_notice] = notices(run, spv.account_id)
    assert (ada_notice.kind, ada_notice.action_id, from_pb(ada_notice.shares)) == ("dividend", action.action_id,
                                                                                    Decimal(10))
    assert (from_pb(ada_notice.gross), from_pb(ada_notice.withheld), from_pb(ada_notice.net)) == (
        Decimal("2.60"), Decimal(0), Decimal("2.60"))
    gross = round_down(Decimal("7.3") * RATE, 2)                                        # 1.898 -> 1.89
    withheld = (gross * Decimal("0.3")).quantize(Decimal("0.01"), ROUND_HALF_UP)       # 0.567 -> 0.57
    assert (from_pb(spv_notice.gross), from_pb(spv_notice.withheld), from_pb(spv_notice.net),
            from_pb(spv_notice.withholding_rate)) == (gross, withheld, gross - withheld, Decimal("0.3"))

    [div] = models(client.get_account_activities(activities_request(ada.id, activity_types=[ActivityType.DIV])),
                   NonTradeActivity)
    assert (div.activity_type, div.net_amount, div.qty, div.per_share_amount, div.symbol) == (
        ActivityType.DIV, 2.6, 10, 0.26, "AAPL")
    assert client.get_account_activities(activities_request(ada.id, activity_types=[ActivityType.DIVNRA])) == []
    report = run.clients.books("broker").Prove(common_pb2.Empty())
    assert report.balanced, list(report.problems)

    listed = cli(run, "broker", "notices", spv.account_id)["notices"]
    assert [(n["kind"], n["gross"], n["withheld"], n["net"]) for n in listed] == [
        ("dividend", str(gross), str(withheld), str(gross - withheld))]
    [kenji_notice] = notices(run, kenji_id)                                              # the treaty rate: 10%
    assert (from_pb(kenji_notice.gross), from_pb(kenji_notice.withheld), from_pb(kenji_notice.net),
            kenji_notice.tax_status, kenji_notice.tax_country) == (
        Decimal("2.60"), Decimal("0.26"), Decimal("2.34"), "w8ben", "JPN")
    statement = cli(run, "broker", "tax-statement", kenji_id, "--year", "2026")
    assert (statement["recipient"], statement["tax_status"], statement["country"], statement["gross"],
            statement["withheld"], statement["final"]) == ("kenji", "w8ben", "JPN", "2.6", "0.26", False)
    assert statement["lines"] == [{"form": "1042-S", "income_code": "06", "tax_status": "w8ben", "country": "JPN",
                                   "rate": "0.1", "gross": "2.6", "withheld": "0.26", "payments": 1}]

    treaty = cli(run, "broker", "tax-profile", ada_id, "w8ben", "--country", "GBR")
    assert (treaty["tax_profile"], treaty["tax_country"], treaty["withholding_rate"]) == ("w8ben", "GBR", "0.15")

    advance_to(run.clients, "2026-12-15T17:05:00Z")            # November's tax is deposited: the accounts empty
    events = list(all_pages(run.clients.sandbox.ListEvents, control_pb2.ListEventsRequest(service="broker"),
                            lambda page: page.events))
    deposits = [e.event.tax_deposited for e in events if e.event.HasField("tax_deposited")]
    assert [(d.form, d.period, from_pb(d.amount), d.left.value) for d in deposits] == [
        ("1042", "2026-11", withheld + Decimal("0.26"), "0")]
    report = run.clients.books("broker").Prove(common_pb2.Empty())
    assert report.balanced, list(report.problems)
