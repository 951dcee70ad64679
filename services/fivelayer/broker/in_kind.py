"""The in-kind mint across services: begin at the broker, ask the issuer, finish.

No unit of work is open while the issuer is asked (it calls back into the broker to confirm).
A refusal by the issuer reverses the journals; an issuer away leaves the request pending and
`resume_pending` asks it again, with the same request id, until it answers.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from decimal import Decimal
from typing import Protocol

from fivelayer.broker import tokenization
from fivelayer.broker.models import AccountRow, TokenizationRow
from fivelayer.broker.orders import Prices
from fivelayer.broker.tokenization import MintAsk
from fivelayer.kernel.clock import ClockSource, request_instant
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.retry import is_transient
from fivelayer.v1 import issuer_pb2

log = logging.getLogger(__name__)
RESUME_AFTER = 5.0   # wall seconds a pending mint waits before the resumer asks the issuer again


class Issuer(Protocol):
    """The issuer SPV, as the broker asks it to mint in kind."""

    def InKindMint(self, request: issuer_pb2.InKindMintRequest, /) -> issuer_pb2.InKindReceipt: ...


def fee_schedule(contracts: Mapping[str, Contract]) -> dict[str, Decimal]:
    """Per underlying symbol, the in-kind fee of the product that tokenizes it (contracts/)."""
    return {c.underlying: c.in_kind_fee_bps for c in contracts.values() if c.kind == "stock"}


class InKindMints:
    def __init__(self, db: Database, clock: ClockSource, prices: Prices, issuer: Issuer,
                 fees: Mapping[str, Decimal]) -> None:
        self.db, self.clock, self.prices, self.issuer, self.fees = db, clock, prices, issuer, fees

    def request(self, correspondent: str, account: AccountRow, ask: MintAsk) -> TokenizationRow:
        """Journal the shares to the issuer and ask it to mint; the request as it stands after. The
        request runs at one instant, which its calls to the issuer (and the callback) carry."""
        with request_instant(self.clock):
            return self._request(correspondent, account, ask)

    def _request(self, correspondent: str, account: AccountRow, ask: MintAsk) -> TokenizationRow:
        now = self.clock.now()
        price = self.prices.price(ask.underlying_symbol, now)[0] if ask.underlying_symbol in self.fees else Decimal(0)
        with self.db.transaction() as session:
            row = tokenization.begin_mint(session, now, correspondent=correspondent, account=account, ask=ask,
                                          price=price, fee_bps=self.fees, wall=time.time())
        if row.status == "pending":
            self.ask_issuer(row)
        with self.db.read() as session:
            return tokenization.get(session, row.request_id)

    def ask_issuer(self, row: TokenizationRow) -> None:
        now = self.clock.now()
        try:
            receipt = self.issuer.InKindMint(issuer_pb2.InKindMintRequest(
                request_id=row.request_id, account_id=row.account_id, underlying_symbol=row.underlying_symbol,
                qty=to_pb(row.qty), network=row.network, wallet_address=row.wallet_address))
        except DomainError as refused:
            if is_transient(refused):
                log.warning("tokenization %s: the issuer is away (%s); left pending", row.request_id, refused)
                return
            with self.db.transaction() as session:
                tokenization.reject_mint(session, now, tokenization.get(session, row.request_id),
                                         f"[{refused.reason}] {refused.message}")
            return
        with self.db.transaction() as session:  # the callback has usually completed it already
            tokenization.complete(session, now, tokenization.get(session, row.request_id),
                                  receipt.id, receipt.tx_hash)

    def resume_pending(self) -> int:
        with self.db.read() as session:
            waiting = tokenization.pending_mints(session, time.time() - RESUME_AFTER)
        for row in waiting:
            with request_instant(self.clock):
                self.ask_issuer(row)
        return len(waiting)
