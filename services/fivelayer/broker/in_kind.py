"""The in-kind mint across services, a saga (`kernel.saga`): begin at the broker, ask the issuer, finish.

1. begin (one unit of work): `tokenization.begin_mint` checks the ask, journals the shares and the
   fee to the issuer and records the request pending; the plan (`MintPlan`) is what the issuer is
   asked;
2. remote (no unit of work open: the issuer calls back into the broker to confirm): the issuer is
   asked to mint, keyed by the broker's request id, so it mints once however often it is asked;
3. finish (one unit of work): the request completes with the issuer's receipt, or, if the issuer
   refused (minting halted, the SPV insolvent), the journals are reversed and the request is
   rejected with the issuer's reason. A refusal is an answer here, not a failure of the saga: the
   participant is shown the rejected request, as before.

An issuer away leaves the saga's intent: the participant is shown the request pending, and the
resumer (`kernel.saga.resume` over this object, every few seconds) asks the issuer again with the
same plan until it answers. A participant's client request id is the saga's key, so the same key
with the same ask returns the first request and with another ask is refused (IDEMPOTENCY_KEY_REUSED).

`MintPlan` is this saga's typed plan (`kernel.saga.TypedPlan`): stored as canonical JSON and parsed back
with validation, so mypy checks every field the steps read.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from sqlmodel import Session

from fivelayer.broker import accounts, tokenization
from fivelayer.broker.models import AccountRow, TokenizationRow, TokenizationStatus
from fivelayer.broker.orders import Prices
from fivelayer.broker.tokenization import MintAsk
from fivelayer.kernel.clock import ClockSource, request_instant
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.idempotency import idempotency_key
from fivelayer.kernel.money import SHARE_PLACES, parse_amount, to_pb
from fivelayer.kernel.retry import is_transient
from fivelayer.kernel.saga import IntentRow, TypedPlan, TypedSaga, run_saga
from fivelayer.v1 import broker_pb2, issuer_pb2

log = logging.getLogger(__name__)
METHOD = "InKindMint"   # the saga's name: its intents' and stored responses' keys start with it


class Issuer(Protocol):
    """The issuer SPV, as the broker asks it to mint in kind."""

    def InKindMint(self, request: issuer_pb2.InKindMintRequest, /) -> issuer_pb2.InKindReceipt: ...


def fee_schedule(contracts: Mapping[str, Contract]) -> dict[str, Decimal]:
    """Per underlying symbol, the in-kind fee of the product that tokenizes it (contracts/)."""
    return {c.underlying: c.in_kind_fee_bps for c in contracts.values() if c.kind == "stock"}


@dataclass(frozen=True)
class MintPlan(TypedPlan):
    """What the begin step decided: the broker's request and what the issuer is asked to mint.
    `status` is the request's after begin: a request begun before (its client request id seen)
    may already be done, and then the issuer is not asked."""

    request_id: str
    status: str
    account_id: str
    underlying_symbol: str
    qty: str          # the quantity as the request row writes it
    network: str
    wallet_address: str

    @classmethod
    def of(cls, row: TokenizationRow) -> MintPlan:
        return cls(row.request_id, row.status, row.account_id, row.underlying_symbol, str(row.qty), row.network,
                   row.wallet_address)


@dataclass(frozen=True)
class Answer:
    """The issuer's answer: its receipt, or its refusal (a business one; a transient one is no answer)."""

    receipt: issuer_pb2.InKindReceipt | None = None
    refusal: DomainError | None = None


def saga_request(correspondent: str, account: AccountRow, ask: MintAsk) -> broker_pb2.ParticipantMintRequest:
    """The saga's request: keyed by the participant's client request id (one mint per key), or by a
    key of its own when the participant gave none (every such ask is a new mint). The quantity is
    written as the decimal it is, so "4" and "4.0" are the same ask."""
    key = f"{correspondent}:{ask.client_request_id}" if ask.client_request_id else f"{correspondent}:~{uuid.uuid4()}"
    try:
        qty = str(parse_amount(ask.qty, "qty", SHARE_PLACES))
    except DomainError:
        qty = str(ask.qty)   # refused by the begin step, in its order of checks
    return broker_pb2.ParticipantMintRequest(
        request_id=key, correspondent=correspondent, account_id=account.account_id,
        underlying_symbol=ask.underlying_symbol, qty=qty, issuer=ask.issuer, network=ask.network,
        wallet_address=ask.wallet_address, client_request_id=ask.client_request_id)


class InKindMints:
    """The in-kind mint saga of the broker. `InKindMint` is also the method `kernel.saga.resume`
    calls to carry on an intent the issuer has not answered."""

    def __init__(self, db: Database, clock: ClockSource, prices: Prices, issuer: Issuer,
                 fees: Mapping[str, Decimal]) -> None:
        self.db, self.clock, self.prices, self.issuer, self.fees = db, clock, prices, issuer, fees

    def request(self, correspondent: str, account: AccountRow, ask: MintAsk) -> TokenizationRow:
        """Journal the shares to the issuer and ask it to mint; the request as it stands after
        (pending while the issuer is away)."""
        request = saga_request(correspondent, account, ask)
        try:
            request_id = self.InKindMint(request, None).id
        except DomainError as error:
            if not is_transient(error):
                raise
            log.warning("in-kind mint %s: the issuer is away (%s); left pending", request.request_id, error)
            with self.db.read() as session:
                intent = session.get(IntentRow, idempotency_key(METHOD, request))
                if intent is None:
                    raise
                request_id = MintPlan.from_json(intent.plan).request_id
        with self.db.read() as session:
            return tokenization.get(session, request_id)

    def InKindMint(self, request: broker_pb2.ParticipantMintRequest, context: Any) -> broker_pb2.TokenizationRequest:
        """Run (or carry on) the saga once per request id; the response names the broker's request.
        The request runs at one instant, which its calls to the issuer (and the callback) carry."""
        with request_instant(self.clock):
            return run_saga(self.db, METHOD, request, lambda: self._saga(request))

    def _saga(self, request: broker_pb2.ParticipantMintRequest
              ) -> TypedSaga[MintPlan, Answer, broker_pb2.TokenizationRequest]:
        now = self.clock.now()
        symbol = request.underlying_symbol
        price = self.prices.price(symbol, now)[0] if symbol in self.fees else Decimal(0)   # read before any unit
        ask = MintAsk(underlying_symbol=symbol, qty=request.qty, issuer=request.issuer, network=request.network,
                      wallet_address=request.wallet_address, client_request_id=request.client_request_id)

        def begin(session: Session) -> MintPlan:
            account = accounts.get(session, request.account_id)
            row = tokenization.begin_mint(session, now, correspondent=request.correspondent, account=account,
                                          ask=ask, price=price, fee_bps=self.fees)
            return MintPlan.of(row)

        def finish(session: Session, mint: MintPlan, answer: Answer) -> broker_pb2.TokenizationRequest:
            row = tokenization.get(session, mint.request_id)
            if answer.refusal is not None:
                tokenization.reject_mint(session, self.clock.now(), row,
                                         f"[{answer.refusal.reason}] {answer.refusal.message}")
            elif answer.receipt is not None:   # the callback has usually completed it already
                tokenization.complete(session, self.clock.now(), row, answer.receipt.id, answer.receipt.tx_hash)
            return broker_pb2.TokenizationRequest(id=row.request_id)

        return TypedSaga(MintPlan, begin=begin, remote=self._ask_issuer, finish=finish)

    def _ask_issuer(self, mint: MintPlan) -> Answer:
        """Ask the issuer to mint (keyed by the request id); its refusal is an answer, its absence
        (a transient failure) leaves the saga waiting."""
        if mint.status != TokenizationStatus.PENDING:
            return Answer()   # a request begun and answered before: nothing to ask
        try:
            return Answer(receipt=self.issuer.InKindMint(issuer_pb2.InKindMintRequest(
                request_id=mint.request_id, account_id=mint.account_id, underlying_symbol=mint.underlying_symbol,
                qty=to_pb(Decimal(mint.qty)), network=mint.network, wallet_address=mint.wallet_address)))
        except DomainError as refused:
            if is_transient(refused):
                raise
            return Answer(refusal=refused)

