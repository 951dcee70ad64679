"""Point alpaca-py at Fivelayer (README, "Point alpaca-py at Fivelayer"): open an account, fund it by
ACH, buy on a Friday evening, watch the fill at Monday's open and settlement on Tuesday, then turn
settled shares into tokens in kind. Only the clock moves through `fivelayer clock advance`; every
other step is the unmodified SDK.

Run against `fivelayer up --start 2026-11-20T21:00:00Z --port-base 55050 --partner-key PKDEMO
--partner-secret demo-secret-123`.
"""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from alpaca.broker import BrokerClient
from alpaca.broker.enums import BankAccountType, TransferDirection, TransferTiming
from alpaca.broker.models import Agreement, Contact, Disclosures, Identity
from alpaca.broker.requests import (CreateAccountRequest, CreateACHRelationshipRequest, CreateACHTransferRequest,
                                    GetAccountActivitiesRequest)
from alpaca.trading.enums import OrderSide, TimeInForce
from alpaca.trading.requests import GetCalendarRequest, MarketOrderRequest

PORT_BASE = 55050
client = BrokerClient("PKDEMO", "demo-secret-123", url_override=f"http://127.0.0.1:{PORT_BASE + 103}")
# the same partner reading raw JSON: positions carry the settled / unsettled split as extra fields
raw = BrokerClient("PKDEMO", "demo-secret-123", url_override=f"http://127.0.0.1:{PORT_BASE + 103}", raw_data=True)


def position(account_id: str) -> str:
    held = raw.get_open_position_for_account(account_id, "AAPL")
    assert isinstance(held, dict)
    return f"{held['qty']} AAPL ({held['qty_settled']} settled, {held['qty_unsettled']} unsettled)"


def advance(to: str) -> None:
    """The sandbox clock is the one thing Alpaca's own sandbox cannot move."""
    fivelayer = Path(sys.executable).with_name("fivelayer")
    subprocess.run([str(fivelayer), "--port-base", str(PORT_BASE), "clock", "advance", "--to", to], check=True,
                   capture_output=True)


account = client.create_account(CreateAccountRequest(
    contact=Contact(email_address="ada@example.com", phone_number="555-666-7788",
                    street_address=["20 N San Mateo Dr"], city="San Mateo", state="CA", postal_code="94401"),
    identity=Identity(given_name="Ada", family_name="Lovelace", date_of_birth="1990-01-01",
                      tax_id="666-55-4321", tax_id_type="USA_SSN", country_of_citizenship="USA",
                      country_of_birth="USA", country_of_tax_residence="USA", funding_source=["employment_income"]),
    disclosures=Disclosures(is_control_person=False, is_affiliated_exchange_or_finra=False,
                            is_politically_exposed=False, immediate_family_exposed=False),
    agreements=[Agreement(agreement="customer_agreement", signed_at="2026-11-20T21:00:00Z", ip_address="127.0.0.1")]))
acct = str(account.id)
print("opened", account.account_number, account.status.value)
advance("2026-11-20T21:02:00Z")
print("two minutes later:", client.get_account_by_id(acct).status.value)

bank = client.create_ach_relationship_for_account(acct, CreateACHRelationshipRequest(
    account_owner_name="Ada Lovelace", bank_account_type=BankAccountType.CHECKING,
    bank_account_number="123456789", bank_routing_number="121000358"))
transfer = client.create_transfer_for_account(acct, CreateACHTransferRequest(
    amount="10000", direction=TransferDirection.INCOMING, timing=TransferTiming.IMMEDIATE, relationship_id=str(bank.id)))
print("ACH in:", transfer.amount, transfer.status.value, "| cash", client.get_trade_account_by_id(acct).cash)

order = client.submit_order_for_account(acct, MarketOrderRequest(symbol="AAPL", qty=10, side=OrderSide.BUY,
                                                                   time_in_force=TimeInForce.DAY))
print("Friday 16:02 ET buy:", order.status.value, "| market open:", client.get_clock().is_open)
advance("2026-11-23T15:00:00Z")
order = client.get_order_for_account_by_id(acct, order.id)
print("Monday 10:00 ET:", order.status.value, order.filled_qty, "@", order.filled_avg_price, "|", position(acct))
advance("2026-11-24T22:00:00Z")
print("Tuesday 17:00 ET, after settlement:", position(acct))

minted = client.post(f"/accounts/{acct}/tokenization/mint", {
    "underlying_symbol": "AAPL", "qty": "4", "issuer": "fivelayer", "network": "fivechain",
    "wallet_address": "0x90F79bf6EB2c4f870365E785982E1f101E93b906"})  # test account 3: the AP's own wallet
assert isinstance(minted, dict)
print("in-kind mint:", minted["status"], minted["qty"], "AAPL -> AAPLx, fees", minted["fees"], "USD |", position(acct))

for activity in client.get_account_activities(GetAccountActivitiesRequest(account_id=acct)):
    print("activity:", activity.activity_type.value, activity.model_dump().get("qty") or activity.model_dump().get("net_amount"))
days = client.get_calendar(GetCalendarRequest(start=date(2026, 11, 25), end=date(2026, 11, 30)))
print("sessions:", ", ".join(f"{d.date:%a %d} {d.close:%H:%M}" for d in days))
