"""Steps on the Broker API face through an unmodified `alpaca-py`: an application, a client for a
running sandbox, an account opened and taken to ACTIVE under the sandbox clock; and the narrowing of
alpaca-py's replies, which it types `Model | RawData` for either client mode (`raw_data=True` or not),
to the one a test's client gives."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import TypeVar
from uuid import UUID

from alpaca.broker import BrokerClient
from alpaca.broker.enums import AgreementType, FundingSource, TaxIdType
from alpaca.broker.models import Account, Agreement, Contact, Disclosures, Identity, Order
from alpaca.broker.requests import CreateAccountRequest, GetAccountActivitiesRequest, ListAccountsRequest
from alpaca.common.enums import Sort
from alpaca.common.types import HTTPResult, RawData
from alpaca.trading.enums import ActivityType
from alpaca.trading.requests import OrderRequest
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import common_pb2, control_pb2
from pydantic import BaseModel

from .conftest import PARTNER, Running

M = TypeVar("M", bound=BaseModel)


def model(reply: BaseModel | RawData, cls: type[M]) -> M:
    """The model a client built without `raw_data` replies with (alpaca-py types it with the raw dict),
    checked to be a `cls`."""
    assert isinstance(reply, cls), f"expected a {cls.__name__}, got {type(reply).__name__}: {reply!r}"
    return reply


def models(reply: Sequence[BaseModel] | RawData | Iterator[Sequence[BaseModel]], cls: type[M]) -> list[M]:
    """The list of models a client built without `raw_data` replies with (unpaged, so not an iterator), each
    checked to be a `cls` (a subclass narrows further, e.g. NonTradeActivity of BaseActivity)."""
    assert isinstance(reply, list), f"expected a list, got {type(reply).__name__}: {reply!r}"
    items = [item for item in reply if isinstance(item, cls)]
    assert len(items) == len(reply), f"expected {cls.__name__}s, got {reply!r}"
    return items


def raw_data(reply: BaseModel | HTTPResult) -> RawData:
    """The JSON object a client built with `raw_data=True` replies with (alpaca-py types it with the model),
    or that a plain `client.get`/`client.post` gets (typed dict, list of dicts or anything)."""
    assert isinstance(reply, dict), f"expected the raw JSON object, got {type(reply).__name__}: {reply!r}"
    return reply


def submit_order(client: BrokerClient, account_id: UUID | str, order: OrderRequest) -> Order:
    """client.submit_order_for_account(account_id, order), narrowed to its Order. alpaca-py annotates the
    order as alpaca.broker.requests.OrderRequest, which none of its order requests (MarketOrderRequest,
    LimitOrderRequest, trading's or broker's) subclass; any alpaca.trading.requests.OrderRequest serializes."""
    reply = client.submit_order_for_account(account_id, order)  # type: ignore[arg-type]  # alpaca-py: see above
    return model(reply, Order)


def raw_list(reply: HTTPResult) -> list[RawData]:
    """The JSON array of objects that a plain `client.get` gets (typed dict, list of dicts or anything)."""
    assert isinstance(reply, list) and all(isinstance(item, dict) for item in reply), f"expected objects: {reply!r}"
    return reply


def list_accounts_request(query: str) -> ListAccountsRequest:
    """ListAccountsRequest(query=...): its __init__ (which defaults `sort`) carries no annotations."""
    return ListAccountsRequest(query=query)  # type: ignore[no-untyped-call]  # alpaca-py: untyped __init__


def activities_request(account_id: UUID, *, activity_types: list[ActivityType] | None = None,
                       page_size: int | None = None, direction: Sort | None = None) -> GetAccountActivitiesRequest:
    """GetAccountActivitiesRequest(...): its __init__ (which parses `account_id`) carries no annotations;
    a None is left out of the request as if not given."""
    return GetAccountActivitiesRequest(  # type: ignore[no-untyped-call]  # alpaca-py: untyped __init__
        account_id=account_id, activity_types=activity_types, page_size=page_size, direction=direction)


def application(email: str, given_name: str = "Ada", family_name: str = "Lovelace") -> CreateAccountRequest:
    return CreateAccountRequest(
        contact=Contact(email_address=email, phone_number="555-666-7788", street_address=["20 N San Mateo Dr"],
                        city="San Mateo", state="CA", postal_code="94401", country="USA"),
        identity=Identity(given_name=given_name, family_name=family_name, date_of_birth="1990-01-01",
                          tax_id="666-55-4321", tax_id_type=TaxIdType.USA_SSN, country_of_citizenship="USA",
                          country_of_birth="USA", country_of_tax_residence="USA",
                          funding_source=[FundingSource.EMPLOYMENT_INCOME]),
        disclosures=Disclosures(is_control_person=False, is_affiliated_exchange_or_finra=False,
                                is_politically_exposed=False, immediate_family_exposed=False),
        agreements=[Agreement(agreement=AgreementType.CUSTOMER, signed_at="2026-11-20T21:00:00Z",
                              ip_address="127.0.0.1")])


def broker_client(run: Running, partner: tuple[str, str] = PARTNER) -> BrokerClient:
    return BrokerClient(*partner, url_override=run.settings.rest_address("broker"))


def open_active_accounts(run: Running, client: BrokerClient, *emails: str) -> list[Account]:
    """Open one account per email and advance the sandbox clock two minutes, to ACTIVE."""
    opened = [model(client.create_account(application(email)), Account) for email in emails]
    now = from_ts(run.clients.clock.Now(common_pb2.Empty()).now)
    run.clients.clock.Advance(control_pb2.AdvanceRequest(to=to_ts(now + timedelta(minutes=2))))
    return [model(client.get_account_by_id(account.id), Account) for account in opened]
