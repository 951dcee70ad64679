"""The issuer's service layer: each of its sequences and queries written once, for the gRPC face
(`service`), the jobs (`jobs`), the background passes and the saga resumer (`bootstrap`).

The face translates messages into these calls and their answers back into messages; the jobs decide
when to call them. A sequence reads other services with no unit of work open, then changes the books
in short units of work; a pass runs at one sandbox instant (`request_instant`), which its calls carry.
A pass that changes a multiplier does so under `Multipliers.changing`, so the mints priced meanwhile
read the chain again.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from google.protobuf.message import Message
from sqlmodel import Session, col, select

from fivelayer.issuer import distributions as dist
from fivelayer.issuer import estate, ex_dividends, funding, in_kind, notices, offramp, ports, spv, token_controls
from fivelayer.issuer.models import (
    DistributionPayment,
    DistributionRow,
    EstateRow,
    ExDividendRow,
    InKindRow,
    MintRow,
    ProductSwitch,
    RedemptionRow,
)
from fivelayer.issuer.multipliers import Multipliers
from fivelayer.issuer.pricing import Quote, quote
from fivelayer.kernel import calendar
from fivelayer.kernel.background import FailureLog
from fivelayer.kernel.clock import ClockSource, request_instant
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.idempotency import apply_once
from fivelayer.kernel.money import ZERO, from_pb
from fivelayer.kernel.paging import MAX_LIMIT, page, page_by, page_of, whole
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.saga import TypedSaga, run_saga
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, issuer_pb2, statuses_pb2

log = logging.getLogger(__name__)
M = TypeVar("M", bound=Message)


def hedge_fill(now: datetime) -> datetime:
    """When an order placed now fills: now in a session, else at the next open."""
    return now if calendar.market_open_at(now) else calendar.next_open(now)


@dataclass(frozen=True)
class ProductView:
    """A product as the issuer shows it: its contract, the chain's multiplier, its halts, its own account."""

    contract: Contract
    multiplier: Decimal
    switch: ProductSwitch
    account_id: str


@dataclass(frozen=True)
class Products:
    products: list[ProductView]
    customer_id: str        # the SPV as the broker's customer ("" before its accounts are opened)
    next_page_token: str


@dataclass(frozen=True)
class ProductFunding:
    contract: Contract
    figures: funding.Figures
    line: broker_pb2.CreditLine | None   # the broker's line on the product's account (None: away, or none)
    account_id: str


@dataclass(frozen=True)
class Reserves:
    """What backs a product's tokens, each figure from the service that holds it."""

    token: str
    outstanding: Decimal
    position: broker_pb2.BrokerPosition | None
    on_order: Decimal
    broker_cash: common_pb2.Decimal
    treasury: common_pb2.Decimal


class IssuerHandlers:
    """`hedging` is the broker with a short retry bound: a mint answers quickly while the broker is
    away, its hedge left pending (and placed by `place_pending_hedges` when the broker returns)."""

    def __init__(self, db: Database, clock: ClockSource, clients: ports.Clients,
                 contracts: dict[str, Contract], hedging: ports.Broker | None = None,
                 stablecoin: ports.Stablecoin | None = None) -> None:
        self.db, self.clock, self.clients, self.contracts = db, clock, clients, contracts
        self.hedging = hedging or clients.broker
        self.stablecoin = stablecoin   # FUSD's issuer: the off-ramp (none in tests that do not wire it)
        self.multipliers = Multipliers(clients.chain, clock)
        self.notice_failures = FailureLog("notice pass", log)   # a notice that fails: logged once per cause

    # -- products ---------------------------------------------------------------------------------

    def stock_products(self) -> list[Contract]:
        return [c for c in self.contracts.values() if c.kind == "stock"]

    def holding(self, token: str, holder: str) -> spv.Holding:
        """The holder's tokens, with the multiplier its sale will fill at (a change due by then counts)."""
        contract = spv.product(self.contracts, token)
        return spv.holding(self.clients.chain, contract, holder,
                           self.multipliers.at(contract.symbol, hedge_fill(self.clock.now())))

    def products(self, limit: int, token: str) -> Products:
        """A page of the products, by token; their multipliers read from the chain first."""
        shown, following = page_of(self.stock_products(), lambda c: (c.symbol,), [str], token, limit)
        multipliers = {t.symbol: from_pb(t.multiplier, Decimal(1))
                       for t in whole(self.clients.chain.ListTokens, chain_pb2.ListTokensRequest()).tokens}
        with self.db.read() as session:
            accounts = {row.token: row.account_id for row in spv.links(session)}
            return Products([ProductView(c, multipliers[c.symbol], spv.switch(session, c.symbol),
                                         accounts.get(c.symbol, "")) for c in shown],
                            spv.customer_id(session), following)

    def set_halt(self, request: issuer_pb2.SetHaltRequest, answer: Callable[[ProductView], M]) -> M:
        """Halt (or resume) one product or all, once by the request's id; `answer` shows the product halted
        (the first, when all), its multiplier read from the chain before the unit of work."""
        shown = spv.product(self.contracts, request.token) if request.token else self.stock_products()[0]
        multiplier, now = self.multipliers.of(shown.symbol), self.clock.now()

        def halt(session: Session) -> M:
            rows = spv.set_halt(session, self.contracts, now, request.token, request.mint_halted,
                                request.redemption_halted, request.reason)
            return answer(ProductView(self.contracts[rows[0].token], multiplier, rows[0], ""))

        return apply_once(self.db, "SetHalt", request, halt)

    def funding(self) -> tuple[list[ProductFunding], Decimal]:
        """Each product's money leg, from the issuer's books, and the sponsor's loan; the broker's line on a
        broker-credit product's account is read (no unit of work open) for what it drew, what is overdue and
        the interest charged."""
        with self.db.read() as session:
            accounts = {row.token: row.account_id for row in spv.links(session)}
        lines: dict[str, broker_pb2.CreditLine] = {}
        for contract in self.stock_products():
            if contract.funding_mode == "broker-credit" and contract.symbol in accounts:
                try:
                    lines[contract.symbol] = self.clients.broker.GetCreditLine(
                        broker_pb2.AccountRequest(account_id=accounts[contract.symbol]))
                except DomainError:
                    pass   # the broker is away: the books still answer
        with self.db.read() as session:
            shown = [ProductFunding(c, funding.figures(session, c), lines.get(c.symbol), accounts.get(c.symbol, ""))
                     for c in self.stock_products()]
            return shown, funding.lent(session)

    def reserves(self, token: str) -> Reserves:
        """Tokens outstanding (chain), the shares held and on order and the cash (broker), the treasury (chain)."""
        contract = spv.product(self.contracts, token)
        with self.db.read() as session:
            link = spv.link(session, contract.symbol)
        account = broker_pb2.AccountRequest(account_id=link.account_id)
        supply = from_pb(self.clients.chain.GetToken(chain_pb2.TokenRequest(symbol=contract.symbol)).total_supply)
        positions = {p.symbol: p for p in self.clients.broker.GetPositions(account).positions}
        open_orders = whole(self.clients.broker.ListOrders, broker_pb2.ListOrdersRequest(
            account_id=link.account_id, status=statuses_pb2.ORDER_STATUS_ACCEPTED)).orders
        on_order = sum((from_pb(o.quantity) * (1 if o.side == broker_pb2.BUY else -1) for o in open_orders
                        if o.symbol == contract.underlying), ZERO)
        cash = self.clients.broker.GetCash(account)
        treasury = self.clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN, address=ISSUER_ADDRESS))
        return Reserves(contract.symbol, supply, positions.get(contract.underlying), on_order, cash.settled,
                        treasury.amount)

    def quote(self, token: str, raw_quantity: common_pb2.Decimal, side: str) -> tuple[Decimal, Decimal, Quote]:
        """(tokens, price, quote) of a mint or a redemption now, at the chain's multiplier."""
        contract = spv.product(self.contracts, token)
        require(side in ("mint", "redeem"), Common.INVALID_ARGUMENT, "side must be mint or redeem")
        multiplier = self.multipliers.of(contract.symbol)
        quantity = spv.tokens(contract, raw_quantity)
        price = spv.price_of(self.clients, contract)
        return quantity, price, quote(contract, multiplier, quantity, price, side)

    # -- requests that span services: their sagas (`kernel.saga`), each answered by the face's `answer` ----

    def mint(self, request: issuer_pb2.MintRequest, answer: Callable[[MintRow], M]) -> M:
        """A cash mint, once; a refusal for want of funding is counted per product, in a unit of work of
        its own after the refusal (the refusal itself changes nothing)."""
        try:
            return run_saga(self.db, "Mint", request, lambda: self._mint(request, answer))
        except DomainError as refused:
            if refused.reason in funding.FUNDING_REFUSALS and request.token in self.contracts:
                with self.db.transaction() as session:
                    funding.count_refusal(session, request.token, refused.reason)
            raise

    def _mint(self, request: issuer_pb2.MintRequest, answer: Callable[[MintRow], M]
              ) -> TypedSaga[spv.MintPlan, spv.MintOutcome, M]:
        """Priced at the chain's multiplier now; hedged at the one in force when the hedge fills."""
        contract = spv.product(self.contracts, request.token)
        price, multiplier = spv.price_of(self.clients, contract), self.multipliers.of(contract.symbol)
        now = self.clock.now()
        hedge_multiplier = self.multipliers.at(contract.symbol, hedge_fill(now))
        return TypedSaga(
            spv.MintPlan,
            begin=lambda session: spv.begin_mint(
                session, self.contracts, token=request.token, raw_quantity=request.quantity,
                payer=request.payer_address, recipient=request.recipient_address,
                raw_max_cost=request.max_cost.value, price=price, multiplier=multiplier,
                hedge_multiplier=hedge_multiplier, request_id=request.request_id, now=now),
            remote=lambda plan: spv.mint_remote(self.clients, self.hedging, plan, request.request_id, contract),
            finish=lambda session, plan, done: answer(
                spv.finish_mint(session, self.contracts, now, request.request_id, plan, done)),
            refused=lambda session, plan, error: funding.drop_reservation(session, request.request_id))

    def redeem(self, request: issuer_pb2.RedeemRequest, answer: Callable[[RedemptionRow], M]
               ) -> TypedSaga[spv.RedeemPlan, spv.RedeemOutcome, M]:
        """Sell, then collect and burn; paid once the sale settles (`pay_settled`)."""
        chain_view = self.holding(request.token, request.holder_address)
        now = self.clock.now()
        return TypedSaga(
            spv.RedeemPlan,
            begin=lambda session: spv.begin_redeem(
                session, self.contracts, token=request.token, raw_quantity=request.quantity,
                holder=request.holder_address, payout_address=request.payout_address, chain_view=chain_view),
            remote=lambda plan: spv.redeem_remote(self.clients, plan, request.request_id),
            finish=lambda session, plan, done: answer(spv.finish_redeem(session, now, request.request_id, plan, done)))

    def declare_insolvency(self, request: issuer_pb2.DeclareInsolvencyRequest, answer: Callable[[EstateRow], M]
                           ) -> TypedSaga[estate.DeclarePlan, estate.Facts, M]:
        now = self.clock.now()
        return TypedSaga(
            estate.DeclarePlan,
            begin=lambda session: estate.begin_declare(session, self.contracts, now, request.reason),
            remote=lambda plan: estate.declare_remote(self.clients, self.contracts, plan),
            finish=lambda session, plan, facts: answer(
                estate.finish_declare(session, self.contracts, now, plan, facts)))

    def pause_token(self, request: issuer_pb2.PauseTokenRequest
                    ) -> TypedSaga[token_controls.PausePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        """The token contract's mint and transfer switches, set as its owner (a fault's, by control)."""
        now = self.clock.now()
        return TypedSaga(
            token_controls.PausePlan,
            begin=lambda session: token_controls.begin_pause(self.contracts, request.token, request.mint_paused,
                                                             request.transfers_paused),
            remote=lambda plan: token_controls.pause_remote(self.clients.chain, request.request_id, plan),
            finish=lambda session, plan, tx: token_controls.finish_pause(session, now, plan, tx))

    def freeze_address(self, request: issuer_pb2.FreezeAddressRequest
                       ) -> TypedSaga[token_controls.FreezePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        """Freeze (or unfreeze) one address in a token contract, as its owner."""
        now = self.clock.now()
        return TypedSaga(
            token_controls.FreezePlan,
            begin=lambda session: token_controls.begin_freeze(self.contracts, request.token, request.address,
                                                              request.frozen),
            remote=lambda plan: token_controls.freeze_remote(self.clients.chain, request.request_id, plan),
            finish=lambda session, plan, tx: token_controls.finish_freeze(session, now, plan, tx))

    def compromise_key(self, request: issuer_pb2.CompromiseKeyRequest
                       ) -> TypedSaga[token_controls.CompromisePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        """A drill's fault: the SPV's key is stolen and its whole stablecoin treasury sent to `to_address`."""
        amount, now = token_controls.treasury(self.clients.chain), self.clock.now()
        return TypedSaga(
            token_controls.CompromisePlan,
            begin=lambda session: token_controls.begin_compromise(request.to_address, amount, request.reason),
            remote=lambda plan: token_controls.compromise_remote(self.clients.chain, request.request_id, plan),
            finish=lambda session, plan, tx: token_controls.finish_compromise(session, now, plan, tx))

    def in_kind_mint(self, request: issuer_pb2.InKindMintRequest, answer: Callable[[InKindRow], M]
                     ) -> TypedSaga[in_kind.InKindPlan, in_kind.InKindOutcome, M]:
        """The broker has journaled the participant's shares to the SPV: mint the tokens to the wallet."""
        contract = in_kind.product_of_underlying(self.contracts, request.underlying_symbol)
        multiplier = self.multipliers.of(contract.symbol)
        now = self.clock.now()
        return TypedSaga(
            in_kind.InKindPlan,
            begin=lambda session: in_kind.begin_mint(
                session, self.contracts, request_id=request.request_id, account_id=request.account_id,
                underlying=request.underlying_symbol, raw_qty=request.qty, network=request.network,
                wallet=request.wallet_address, multiplier=multiplier),
            remote=lambda plan: in_kind.mint_remote(self.clients, plan),
            finish=lambda session, plan, done: answer(in_kind.finish(session, now, "mint", plan, done)))

    def in_kind_redeem(self, request: issuer_pb2.InKindRedeemRequest, answer: Callable[[InKindRow], M]
                       ) -> TypedSaga[in_kind.InKindPlan, in_kind.InKindOutcome, M]:
        """Collect the participant's tokens; the broker journals the shares back; burn them."""
        chain_view = self.holding(request.token, request.wallet_address)
        now = self.clock.now()
        return TypedSaga(
            in_kind.InKindPlan,
            begin=lambda session: in_kind.begin_redeem(
                session, self.contracts, request_id=request.request_id, account_id=request.account_id,
                token=request.token, raw_quantity=request.quantity, wallet=request.wallet_address,
                chain_view=chain_view),
            remote=lambda plan: in_kind.redeem_remote(self.clients, plan),
            finish=lambda session, plan, done: answer(in_kind.finish(session, now, "redeem", plan, done)))

    # -- records ----------------------------------------------------------------------------------

    def get_mint(self, mint_id: str) -> MintRow:
        with self.db.read() as session:
            return get_row(session, MintRow, mint_id, "mint")

    def get_redemption(self, redemption_id: str) -> RedemptionRow:
        with self.db.read() as session:
            return get_row(session, RedemptionRow, redemption_id, "redemption")

    def estate(self) -> EstateRow | None:
        with self.db.read() as session:
            return session.get(EstateRow, 1)

    def mints(self, limit: int, token: str) -> tuple[list[MintRow], str]:
        with self.db.read() as session:
            return page_by(session, select(MintRow), col(MintRow.mint_id), token, limit, lambda m: m.mint_id)

    def redemptions(self, limit: int, token: str) -> tuple[list[RedemptionRow], str]:
        with self.db.read() as session:
            return page_by(session, select(RedemptionRow), col(RedemptionRow.redemption_id), token, limit,
                           lambda r: r.redemption_id)

    def in_kind(self, limit: int, token: str) -> tuple[list[InKindRow], str]:
        with self.db.read() as session:
            return page(session, select(InKindRow), [(col(InKindRow.at), datetime), (col(InKindRow.receipt_id), str)],
                        token, limit, lambda r: (r.at, r.receipt_id), default=MAX_LIMIT)

    def distributions(self, limit: int, token: str) -> tuple[list[DistributionRow], str]:
        with self.db.read() as session:
            return page_by(session, select(DistributionRow), col(DistributionRow.id), token, limit, lambda d: d.id,
                           default=MAX_LIMIT)

    def ex_dividends(self, limit: int, token: str) -> tuple[list[ExDividendRow], str]:
        with self.db.read() as session:
            return page(session, select(ExDividendRow), [(col(ExDividendRow.at), datetime),
                                                         (col(ExDividendRow.action_id), str),
                                                         (col(ExDividendRow.token), str)],
                        token, limit, lambda r: (r.at, r.action_id, r.token), default=MAX_LIMIT)

    def payments(self, distribution_id: str, address: str, limit: int, token: str
                 ) -> tuple[list[DistributionPayment], str]:
        """A distribution's lines (of one distribution, one holder, or every one), by distribution and holder."""
        query = select(DistributionPayment)
        if distribution_id:
            query = query.where(DistributionPayment.distribution_id == distribution_id)
        if address:
            query = query.where(DistributionPayment.address == address)
        with self.db.read() as session:
            return page(session, query, [(col(DistributionPayment.distribution_id), str),
                                         (col(DistributionPayment.address), str)],
                        token, limit, lambda p: (p.distribution_id, p.address), default=MAX_LIMIT)

    # -- passes (the jobs, the background passes and the resumer) ---------------------------------

    def ensure_account(self) -> None:
        """Each product's account at the broker, funded and instructed (once: every step is keyed)."""
        spv.open_broker_accounts(self.db, self.clients.broker, self.clock.now(), self.contracts)
        spv.instruct_votes(self.db, self.clients.broker, self.contracts)

    def place_pending_hedges(self) -> int:
        with request_instant(self.clock):
            return spv.place_pending_hedges(self.db, self.hedging, self.contracts, self.clock.now())

    def pay_settled(self, at: datetime) -> tuple[int, int]:
        """Redemptions whose sale settled paid (a saga each), the mints' hedges followed: (paid, settled)."""
        return spv.pay_settled(self.db, self.clients, self.contracts, at)

    def pay_redemption(self, request: issuer_pb2.PayoutRequest) -> issuer_pb2.Redemption:
        """One payout saga carried on (the resumer's call): the plan it stored decides what is paid."""
        with request_instant(self.clock):
            return spv.pay_redemption(self.db, self.clients, self.contracts, request, self.clock.now())

    def apply_notices(self, kinds: tuple[str, ...] = notices.KINDS) -> notices.PassReport:
        """The SPV's corporate-action notices from its broker, applied under each product's contract
        (a reinvesting dividend it learned of late is first taken into the multiplier)."""
        with request_instant(self.clock):
            with self.multipliers.changing():
                ex_dividends.run(self.clients, self.multipliers, self.db, self.contracts, self.clock.now())
                return notices.apply_notices(self.db, self.clients, self.contracts, self.clock.now(), kinds,
                                             self.notice_failures)

    def apply_notice(self, request: issuer_pb2.NoticeRequest) -> None:
        """One notice saga carried on (the resumer's call), from the distribution its begin step made."""
        with request_instant(self.clock):
            with self.multipliers.changing():
                notices.apply_notice(self.db, self.clients, request, self.clock.now())

    def schedule_ex_dividends(self) -> str:
        """At a close: the reinvesting products' dividends going ex at the next open, into their multiplier."""
        with request_instant(self.clock):
            with self.multipliers.changing():
                return ex_dividends.run(self.clients, self.multipliers, self.db, self.contracts, self.clock.now())

    def run_offramp(self, at: datetime) -> str:
        """The off-ramp's pass (`offramp`): learn which wires landed, send what each product holds."""
        if self.stablecoin is None:
            return "no stablecoin issuer wired"
        return offramp.run(self.db, self.clients, self.stablecoin, self.contracts, at)

    # -- what the jobs ask before they fire -------------------------------------------------------

    def accounts(self) -> list[str]:
        """The products' own accounts at the broker, by product."""
        with self.db.read() as session:
            return [row.account_id for row in spv.links(session)]

    def waiting_notices(self, known: list[broker_pb2.Notice]) -> list[broker_pb2.Notice]:
        """Of the `known` notices, those on a product's underlying the SPV has not applied."""
        with self.db.read() as session:
            return notices.waiting(session, self.contracts, known)

    def first_unscheduled_ex_dividend(self, dividends: list[broker_pb2.Announcement]) -> datetime | None:
        """The close before the ex date of the first reinvesting product's dividend not scheduled yet."""
        reinvesting = {c.underlying: c.symbol for c in self.stock_products() if c.dividend_policy == "reinvest"}
        due = [(a.action_id, reinvesting[a.symbol], a.ex_date) for a in dividends
               if a.symbol in reinvesting and a.ex_date] if reinvesting else []
        if not due:
            return None
        with self.db.read() as session:
            scheduled = ex_dividends.scheduled(session, [d[0] for d in due])
        return min((dist.holders_of_record_at(date.fromisoformat(ex)) for action_id, token, ex in due
                    if (action_id, token) not in scheduled), default=None)
