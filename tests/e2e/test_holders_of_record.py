"""A stablecoin product's holders of record are read on chain at the close of the NYSE session before
the ex-date: a transfer in the last minute of that session makes its receiver a holder of record; one
during the ex-date's session does not (its receiver bought ex-dividend), whatever the record date's
end would say. Both transfers are signed by integrators' own keys with web3.py."""
from __future__ import annotations

from decimal import Decimal

import pytest
from fivelayer.kernel import keys
from fivelayer.kernel.money import from_pb
from fivelayer.kernel.paging import whole
from fivelayer.v1 import depository_pb2, exchange_pb2, issuer_pb2
from web3 import Web3

from .conftest import SandboxFactory
from .flows import advance_to, buy, create_user, dec, deposit, sign_as_test_account

pytestmark = pytest.mark.e2e

FRIDAY_EVENING = "2026-11-20T22:00:00Z"
SELLER, EARLY_BUYER, LATE_BUYER = (keys.test_account(i).address for i in (5, 6, 7))
ONE = 10**18  # one NVDAx in its 18-decimal units


def test_the_holders_of_record_are_those_at_the_close_before_the_ex_date(sandbox_factory: SandboxFactory) -> None:
    c = sandbox_factory(FRIDAY_EVENING).clients
    ada = create_user(c, "ada")
    deposit(c, ada.user_id, "5000", "d1")
    buy(c, ada.user_id, "NVDAx", "2", "b1")
    c.exchange.Withdraw(exchange_pb2.WithdrawRequest(request_id="w1", user_id=ada.user_id, asset="NVDAx",
                                                     amount=dec("2"), to_address=SELLER.lower()))
    # ex-date Monday 30 November: the session before it is the day after Thanksgiving, closing at 13:00
    c.depository.AnnounceDividend(depository_pb2.AnnounceDividendRequest(
        request_id="a1", symbol="NVDA", amount=dec("0.50"), ex_date="2026-11-30", pay_date="2026-12-03", late=True))
    advance_to(c, "2026-11-27T17:59:00Z")                                 # 12:59 New York: a minute before
    sign_as_test_account(c, 5, "NVDAx", "transfer", [Web3.to_checksum_address(EARLY_BUYER), ONE])
    advance_to(c, "2026-11-30T15:00:00Z")                                 # 10:00 on the ex-date
    sign_as_test_account(c, 5, "NVDAx", "transfer", [Web3.to_checksum_address(LATE_BUYER), ONE])
    advance_to(c, "2026-12-04T15:00:00Z")                                 # paid, passed on

    def paid(address: str) -> Decimal:
        payments = c.issuer.ListDistributionPayments(issuer_pb2.ListDistributionPaymentsRequest(
            address=address.lower())).payments
        return sum((from_pb(p.amount) for p in payments), Decimal(0))

    [distribution] = [d for d in whole(c.issuer.ListDistributions, issuer_pb2.ListDistributionsRequest()).distributions
                      if d.token == "NVDAx"]
    assert distribution.snapshot_at.ToJsonString() == "2026-11-27T18:00:00Z"
    assert paid(SELLER) == paid(EARLY_BUYER) > 0                           # one token each at the close
    assert paid(LATE_BUYER) == 0                                           # bought ex-dividend
