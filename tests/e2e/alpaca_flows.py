"""Steps on the Broker API face through an unmodified `alpaca-py`: an application, a client for a
running sandbox, an account opened and taken to ACTIVE under the sandbox clock."""
from __future__ import annotations

from datetime import timedelta

from alpaca.broker import BrokerClient
from alpaca.broker.models import Account, Agreement, Contact, Disclosures, Identity
from alpaca.broker.requests import CreateAccountRequest

from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import common_pb2, control_pb2

from .conftest import PARTNER, Running


def application(email: str, given_name: str = "Ada", family_name: str = "Lovelace") -> CreateAccountRequest:
    return CreateAccountRequest(
        contact=Contact(email_address=email, phone_number="555-666-7788", street_address=["20 N San Mateo Dr"],
                        city="San Mateo", state="CA", postal_code="94401", country="USA"),
        identity=Identity(given_name=given_name, family_name=family_name, date_of_birth="1990-01-01",
                          tax_id="666-55-4321", tax_id_type="USA_SSN", country_of_citizenship="USA",
                          country_of_birth="USA", country_of_tax_residence="USA",
                          funding_source=["employment_income"]),
        disclosures=Disclosures(is_control_person=False, is_affiliated_exchange_or_finra=False,
                                is_politically_exposed=False, immediate_family_exposed=False),
        agreements=[Agreement(agreement="customer_agreement", signed_at="2026-11-20T21:00:00Z",
                              ip_address="127.0.0.1")])


def broker_client(run: Running, partner: tuple[str, str] = PARTNER) -> BrokerClient:
    return BrokerClient(*partner, url_override=run.settings.rest_address("broker"))


def open_active_accounts(run: Running, client: BrokerClient, *emails: str) -> list[Account]:
    """Open one account per email and advance the sandbox clock two minutes, to ACTIVE."""
    opened = [client.create_account(application(email)) for email in emails]
    now = from_ts(run.clients.clock.Now(common_pb2.Empty()).now)
    run.clients.clock.Advance(control_pb2.AdvanceRequest(to=to_ts(now + timedelta(minutes=2))))
    return [client.get_account_by_id(account.id) for account in opened]
