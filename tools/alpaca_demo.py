"""Point alpaca-py at Fivelayer: open an account and read the market clock (README, "Point alpaca-py at
Fivelayer"). Run against `fivelayer up --port-base 55050 --partner-key PKDEMO --partner-secret demo-secret-123`."""
from alpaca.broker import BrokerClient
from alpaca.broker.models import Agreement, Contact, Disclosures, Identity
from alpaca.broker.requests import CreateAccountRequest

client = BrokerClient("PKDEMO", "demo-secret-123", url_override="http://127.0.0.1:55153")
account = client.create_account(CreateAccountRequest(
    contact=Contact(email_address="ada@example.com", phone_number="555-666-7788",
                    street_address=["20 N San Mateo Dr"], city="San Mateo", state="CA", postal_code="94401"),
    identity=Identity(given_name="Ada", family_name="Lovelace", date_of_birth="1990-01-01",
                      tax_id="666-55-4321", tax_id_type="USA_SSN", country_of_citizenship="USA",
                      country_of_birth="USA", country_of_tax_residence="USA", funding_source=["employment_income"]),
    disclosures=Disclosures(is_control_person=False, is_affiliated_exchange_or_finra=False,
                            is_politically_exposed=False, immediate_family_exposed=False),
    agreements=[Agreement(agreement="customer_agreement", signed_at="2026-11-20T21:00:00Z", ip_address="127.0.0.1")]))
print(account.account_number, account.status.value)
print(client.get_clock())
