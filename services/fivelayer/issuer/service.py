"""The Issuer gRPC face (an xStocks/Ondo-like SPV)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from fivelayer.issuer import (estate, ex_dividends, funding, in_kind, notices, offramp, ports, spv, token_controls,
                              waterfall)
from fivelayer.issuer.models import DistributionStatus, ExDividendStatus
from fivelayer.issuer.spv import HEDGE_STATUS_PB, REDEMPTION_STATUS_PB
from fivelayer.issuer.models import (DistributionPayment, DistributionRow, EstateRow, ExDividendRow, HedgeStatus,
                                     InKindRow, MintRow, PaymentStatus, ProductSwitch, RedemptionRow,
                                     RedemptionStatus)
from fivelayer.issuer.multipliers import Multipliers
from fivelayer.issuer.pricing import quote
from fivelayer.kernel import calendar
from fivelayer.kernel.paging import page, page_by
from fivelayer.kernel.clock import ClockSource, request_instant
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database, get_row
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.money import ZERO, from_pb, to_pb
from fivelayer.kernel.idempotency import apply_once
from fivelayer.kernel.reference import ISSUER_ADDRESS, STABLECOIN
from fivelayer.kernel.rpc import Context, answer, spanning, unary
from fivelayer.kernel.saga import TypedSaga, run_saga
from fivelayer.kernel.timeutil import to_ts
from fivelayer.kernel.paging import whole
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, issuer_pb2, issuer_pb2_grpc, statuses_pb2
from fivelayer.kernel.reasons import Common


def mint_message(m: MintRow) -> issuer_pb2.MintReceipt:
    return issuer_pb2.MintReceipt(mint_id=m.mint_id, request_id=m.request_id, token=m.token,
                                  quantity=to_pb(m.quantity), price=to_pb(m.price), fee=to_pb(m.fee),
                                  cost=to_pb(m.cost), payment_tx=m.payment_tx, mint_tx=m.mint_tx,
                                  hedge_order_id=m.hedge_order_id,
                                  hedge_status=HEDGE_STATUS_PB[HedgeStatus(m.hedge_status)],
                                  hedge_reason=m.hedge_reason, at=to_ts(m.at))


def redemption_message(r: RedemptionRow) -> issuer_pb2.Redemption:
    return issuer_pb2.Redemption(
        redemption_id=r.redemption_id, request_id=r.request_id, token=r.token, quantity=to_pb(r.quantity),
        holder_address=r.holder_address, payout_address=r.payout_address,
        status=REDEMPTION_STATUS_PB[RedemptionStatus(r.status)], burn_tx=r.burn_tx,
        hedge_order_id=r.hedge_order_id, sale_price=to_pb(r.sale_price), fee=to_pb(r.fee), payout=to_pb(r.payout),
        payout_tx=r.payout_tx, requested_at=to_ts(r.requested_at), paid_at=to_ts(r.paid_at) if r.paid_at else None)


def product_message(contract: Contract, multiplier: Decimal, switch: ProductSwitch,
                    account_id: str = "") -> issuer_pb2.Product:
    """A product: its terms from its contract file, its multiplier from the chain, its halts and its own
    broker account from the issuer."""
    return issuer_pb2.Product(
        token=contract.symbol, underlying=contract.underlying, name=contract.name, decimals=contract.decimals,
        multiplier=to_pb(multiplier), mint_fee_bps=to_pb(contract.mint_fee_bps),
        redemption_fee_bps=to_pb(contract.redemption_fee_bps), mint_halted=switch.mint_halted,
        redemption_halted=switch.redemption_halted, halt_reason=switch.reason, terms_json=contract.terms_json(),
        funding_mode=contract.funding_mode, standing=contract.standing, broker_account_id=account_id)


def funding_message(contract: Contract, f: funding.Figures, line: broker_pb2.CreditLine | None,
                    account_id: str) -> issuer_pb2.ProductFunding:
    """A product's money leg: its sub-ledgers, and the broker's line on its own account (what the broker
    has drawn, what is overdue and the interest it charged; the books' figure when the broker is away)."""
    used = from_pb(line.used) if line is not None else f.credit_used
    overdue = from_pb(line.overdue) if line is not None else ZERO
    interest = from_pb(line.interest_charged) if line is not None else ZERO
    return issuer_pb2.ProductFunding(
        token=contract.symbol, funding_mode=contract.funding_mode, buffer=to_pb(f.free),
        buffer_target=to_pb(contract.buffer), committed=to_pb(f.committed + f.reserved),
        stablecoin_held=to_pb(f.held), cash_in_transit=to_pb(f.in_transit), credit_limit=to_pb(contract.credit_limit),
        credit_used=to_pb(used), credit_overdue=to_pb(overdue), interest_paid=to_pb(interest),
        mints_refused=f.refused, next_wire=f.next_wire, broker_account_id=account_id)


def estate_message(row: EstateRow | None, contracts: dict[str, Contract]) -> issuer_pb2.Estate:
    if row is None:
        return issuer_pb2.Estate(insolvent=False)
    s = waterfall.statement_from_json(row.statement)

    def line(x: waterfall.Line) -> issuer_pb2.EstateLine:
        return issuer_pb2.EstateLine(kind=x.kind, description=x.description, quantity=to_pb(x.quantity),
                                     price=to_pb(x.price), value=to_pb(x.value), pool=x.pool)

    def tranche(x: waterfall.Tranche) -> issuer_pb2.EstateTranche:
        return issuer_pb2.EstateTranche(rank=x.rank, kind=x.kind, token=x.token, pool=x.pool,
                                        description=x.description, claim=to_pb(x.claim), paid=to_pb(x.paid))
    terms = "; ".join(f"{c.symbol}: {c.standing}: {c.terms.get('standing', {}).get('clause', '')}"
                      for c in contracts.values() if c.kind == "stock")
    return issuer_pb2.Estate(
        insolvent=True, reason=row.reason, declared_at=to_ts(row.declared_at), assets=[line(a) for a in s.assets],
        gross_assets=to_pb(s.gross_assets), administration_costs=to_pb(s.administration_costs),
        distributable=to_pb(s.distributable), claims=[line(c) for c in s.claims], total_claims=to_pb(s.total_claims),
        recovery_rate=to_pb(s.recovery_rate), broker_account_id=row.broker_account_id, terms=terms,
        tokens=[issuer_pb2.TokenClaimRate(token=t, claim_per_token=to_pb(c), recovery_per_token=to_pb(r),
                                          standing=s.standing.get(t, waterfall.UNSECURED))
                for t, (c, r) in sorted(s.tokens.items())],
        waterfall=[tranche(x) for x in s.waterfall], general_estate=to_pb(s.general_estate),
        sponsor_loan=to_pb(s.sponsor_loan))


def in_kind_message(r: InKindRow) -> issuer_pb2.InKindReceipt:
    return issuer_pb2.InKindReceipt(id=r.receipt_id, kind=r.kind, token=r.token, tokens=to_pb(r.tokens),
                                    shares=to_pb(r.shares), account_id=r.account_id, wallet_address=r.wallet_address,
                                    tx_hash=r.tx_hash, broker_request_id=r.request_id, at=to_ts(r.at))


DISTRIBUTION_STATUS_PB: dict[DistributionStatus, statuses_pb2.DistributionStatus] = {
    DistributionStatus.PENDING: statuses_pb2.DISTRIBUTION_STATUS_PENDING,
    DistributionStatus.APPLIED: statuses_pb2.DISTRIBUTION_STATUS_APPLIED}


def distribution_message(d: DistributionRow) -> issuer_pb2.Distribution:
    return issuer_pb2.Distribution(
        id=d.id, notice_id=d.notice_id, kind=d.kind, token=d.token, action_id=d.action_id, gross=to_pb(d.gross),
        withheld=to_pb(d.withheld), net=to_pb(d.net), shares_bought=to_pb(d.shares_bought),
        multiplier_before=to_pb(d.multiplier_before), multiplier_after=to_pb(d.multiplier_after),
        effective_at=to_ts(d.effective_at) if d.effective_at else None, paid_total=to_pb(d.paid_total),
        holders=d.holders, retained=to_pb(d.retained), clause=d.clause, policy=d.policy,
        status=DISTRIBUTION_STATUS_PB[DistributionStatus(d.status)],
        price=to_pb(d.price), order_id=d.order_id, snapshot_at=to_ts(d.snapshot_at) if d.snapshot_at else None,
        new_shares=d.new_shares, old_shares=d.old_shares, detail=d.detail, last_error=d.last_error, at=to_ts(d.at),
        applied_at=to_ts(d.applied_at) if d.applied_at else None, dividend_equivalent=d.dividend_equivalent,
        tax_871m=to_pb(d.tax_871m), tax_871m_additional=to_pb(d.tax_871m_additional), tax_note=d.tax_note)


PAYMENT_STATUS_PB: dict[PaymentStatus, statuses_pb2.PaymentStatus] = {
    PaymentStatus.PENDING: statuses_pb2.PAYMENT_STATUS_PENDING, PaymentStatus.PAID: statuses_pb2.PAYMENT_STATUS_PAID,
    PaymentStatus.RETAINED: statuses_pb2.PAYMENT_STATUS_RETAINED,
    PaymentStatus.NOTHING_DUE: statuses_pb2.PAYMENT_STATUS_NOTHING_DUE}


def payment_message(p: DistributionPayment) -> issuer_pb2.DistributionPayment:
    return issuer_pb2.DistributionPayment(distribution_id=p.distribution_id, token=p.token, address=p.address,
                                          balance=to_pb(p.balance), amount=to_pb(p.amount),
                                          status=PAYMENT_STATUS_PB[PaymentStatus(p.status)], reason=p.reason,
                                          tx_hash=p.tx_hash)


MAX_LIST = 1000


EX_DIVIDEND_STATUS_PB: dict[ExDividendStatus, statuses_pb2.ExDividendStatus] = {
    ExDividendStatus.SCHEDULING: statuses_pb2.EX_DIVIDEND_STATUS_SCHEDULING,
    ExDividendStatus.SCHEDULED: statuses_pb2.EX_DIVIDEND_STATUS_SCHEDULED}


def ex_dividend_message(r: ExDividendRow) -> issuer_pb2.ExDividend:
    return issuer_pb2.ExDividend(
        action_id=r.action_id, token=r.token, dividend=to_pb(r.dividend), withholding_rate=to_pb(r.withholding_rate),
        reference=to_pb(r.reference), supply=to_pb(r.supply), multiplier_before=to_pb(r.multiplier_before),
        multiplier_after=to_pb(r.multiplier_after), shares_owed=to_pb(r.shares_owed),
        effective_at=to_ts(r.effective_at), snapshot_at=to_ts(r.snapshot_at),
        status=EX_DIVIDEND_STATUS_PB[ExDividendStatus(r.status)], order_id=r.order_id)


def hedge_fill(now: datetime) -> datetime:
    """When an order placed now fills: now in a session, else at the next open."""
    return now if calendar.market_open_at(now) else calendar.next_open(now)


class IssuerServicer(issuer_pb2_grpc.IssuerServicer):
    """`hedging` is the broker with a short retry bound: a mint answers quickly while the broker is
    away, its hedge left pending (and placed by `place_pending_hedges` when the broker returns)."""

    def __init__(self, db: Database, clock: ClockSource, clients: ports.Clients,
                 contracts: dict[str, Contract], hedging: ports.Broker | None = None,
                 stablecoin: ports.Stablecoin | None = None) -> None:
        self.db, self.clock, self.clients, self.contracts = db, clock, clients, contracts
        self.hedging = hedging or clients.broker
        self.stablecoin = stablecoin   # FUSD's issuer: the off-ramp (none in tests that do not wire it)
        self.multipliers = Multipliers(clients.chain, clock)

    def ensure_account(self) -> None:
        """Each product's account at the broker, funded and instructed (once: every step is keyed)."""
        spv.open_broker_accounts(self.db, self.clients.broker, self.clock.now(), self.contracts)
        spv.instruct_votes(self.db, self.clients.broker, self.contracts)

    def place_pending_hedges(self) -> int:
        with request_instant(self.clock):
            return spv.place_pending_hedges(self.db, self.hedging, self.contracts, self.clock.now())

    def apply_notices(self, kinds: tuple[str, ...] = notices.KINDS) -> notices.PassReport:
        """The SPV's corporate-action notices from its broker, applied under each product's contract
        (a reinvesting dividend it learned of late is first taken into the multiplier)."""
        with request_instant(self.clock):
            with self.multipliers.changing():
                ex_dividends.run(self.clients, self.multipliers, self.db, self.contracts, self.clock.now())
                return notices.apply_notices(self.db, self.clients, self.contracts, self.clock.now(), kinds)

    def schedule_ex_dividends(self) -> str:
        """At a close: the reinvesting products' dividends going ex at the next open, into their multiplier."""
        with request_instant(self.clock):
            with self.multipliers.changing():
                return ex_dividends.run(self.clients, self.multipliers, self.db, self.contracts, self.clock.now())

    def _holding(self, token: str, holder: str) -> spv.Holding:
        """The holder's tokens, with the multiplier its sale will fill at (a change due by then counts)."""
        contract = spv.product(self.contracts, token)
        return spv.holding(self.clients.chain, contract, holder,
                           self.multipliers.at(contract.symbol, hedge_fill(self.clock.now())))

    def _products(self) -> list[Contract]:
        return [c for c in self.contracts.values() if c.kind == "stock"]

    @unary
    def ListProducts(self, request: common_pb2.Empty, context: Any) -> issuer_pb2.ListProductsResponse:
        multipliers = {t.symbol: from_pb(t.multiplier, Decimal(1))
                       for t in self.clients.chain.ListTokens(common_pb2.Empty()).tokens}
        with self.db.read() as session:
            accounts = {row.token: row.account_id for row in spv.links(session)}
            return issuer_pb2.ListProductsResponse(
                products=[product_message(c, multipliers[c.symbol], spv.switch(session, c.symbol),
                                          accounts.get(c.symbol, "")) for c in self._products()],
                issuer_address=ISSUER_ADDRESS, broker_account_id=spv.customer_id(session))

    @unary
    def GetQuote(self, request: issuer_pb2.QuoteRequest, context: Any) -> issuer_pb2.Quote:
        contract = spv.product(self.contracts, request.token)
        require(request.side in ("mint", "redeem"), Common.INVALID_ARGUMENT, "side must be mint or redeem")
        multiplier = self.multipliers.of(contract.symbol)
        quantity = spv.tokens(contract, request.quantity)
        price = spv.price_of(self.clients, contract)
        q = quote(contract, multiplier, quantity, price, request.side)
        return issuer_pb2.Quote(token=request.token, quantity=to_pb(quantity), price=to_pb(price),
                                gross=to_pb(q.gross), fee=to_pb(q.fee), total=to_pb(q.total),
                                at=to_ts(self.clock.now()))

    def Mint(self, request: issuer_pb2.MintRequest, context: Context) -> issuer_pb2.MintReceipt:
        """A cash mint (a saga, `kernel.saga`); a refusal for want of funding is counted per product, in a
        unit of work of its own after the refusal (the refusal itself changes nothing)."""
        def work() -> issuer_pb2.MintReceipt:
            try:
                return run_saga(self.db, "Mint", request, lambda: self._mint(request))
            except DomainError as refused:
                if refused.reason in funding.FUNDING_REFUSALS and request.token in self.contracts:
                    with self.db.transaction() as session:
                        funding.count_refusal(session, request.token, refused.reason)
                raise
        return answer(self, context, work)

    def _mint(self, request: issuer_pb2.MintRequest
              ) -> TypedSaga[spv.MintPlan, spv.MintOutcome, issuer_pb2.MintReceipt]:
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
            finish=lambda session, plan, done: mint_message(
                spv.finish_mint(session, self.contracts, now, request.request_id, plan, done)),
            refused=lambda session, plan, error: funding.drop_reservation(session, request.request_id))

    @unary
    def GetFunding(self, request: common_pb2.Empty, context: Any) -> issuer_pb2.FundingResponse:
        """Each product's money leg, from the issuer's books; the broker's line on a broker-credit product's
        account is read (no unit of work open) for what it drew, what is overdue and the interest charged."""
        with self.db.read() as session:
            accounts = {row.token: row.account_id for row in spv.links(session)}
        lines: dict[str, broker_pb2.CreditLine] = {}
        for contract in self._products():
            if contract.funding_mode == "broker-credit" and contract.symbol in accounts:
                try:
                    lines[contract.symbol] = self.clients.broker.GetCreditLine(
                        broker_pb2.AccountRequest(account_id=accounts[contract.symbol]))
                except DomainError:
                    pass   # the broker is away: the books still answer
        with self.db.read() as session:
            shown = [(c, funding.figures(session, c)) for c in self._products()]
            loan = funding.lent(session)
        return issuer_pb2.FundingResponse(products=[funding_message(c, f, lines.get(c.symbol),
                                                                    accounts.get(c.symbol, "")) for c, f in shown],
                                          sponsor_loan=to_pb(loan))

    def run_offramp(self, at: datetime) -> str:
        """The off-ramp's pass (`offramp`): learn which wires landed, send what each product holds."""
        if self.stablecoin is None:
            return "no stablecoin issuer wired"
        return offramp.run(self.db, self.clients, self.stablecoin, self.contracts, at)

    @unary
    def GetMint(self, request: issuer_pb2.IdRequest, context: Any) -> issuer_pb2.MintReceipt:
        with self.db.read() as session:
            return mint_message(get_row(session, MintRow, request.id, "mint"))

    @unary
    def ListMints(self, request: issuer_pb2.ListMintsRequest, context: Any) -> issuer_pb2.ListMintsResponse:
        with self.db.read() as session:
            rows, following = page_by(session, select(MintRow), col(MintRow.mint_id), request.page_token,
                                      request.limit, lambda m: m.mint_id)
            return issuer_pb2.ListMintsResponse(mints=[mint_message(m) for m in rows], next_page_token=following)

    @spanning
    def Redeem(self, request: issuer_pb2.RedeemRequest
               ) -> TypedSaga[spv.RedeemPlan, spv.RedeemOutcome, issuer_pb2.Redemption]:
        chain_view = self._holding(request.token, request.holder_address)
        now = self.clock.now()
        return TypedSaga(
            spv.RedeemPlan,
            begin=lambda session: spv.begin_redeem(
                session, self.contracts, token=request.token, raw_quantity=request.quantity,
                holder=request.holder_address, payout_address=request.payout_address, chain_view=chain_view),
            remote=lambda plan: spv.redeem_remote(self.clients, plan, request.request_id),
            finish=lambda session, plan, done: redemption_message(
                spv.finish_redeem(session, now, request.request_id, plan, done)))

    @unary
    def GetRedemption(self, request: issuer_pb2.IdRequest, context: Any) -> issuer_pb2.Redemption:
        with self.db.read() as session:
            return redemption_message(get_row(session, RedemptionRow, request.id, "redemption"))

    @unary
    def ListRedemptions(self, request: issuer_pb2.ListRedemptionsRequest, context: Any
                        ) -> issuer_pb2.ListRedemptionsResponse:
        with self.db.read() as session:
            rows, following = page_by(session, select(RedemptionRow), col(RedemptionRow.redemption_id),
                                      request.page_token, request.limit, lambda r: r.redemption_id)
            return issuer_pb2.ListRedemptionsResponse(redemptions=[redemption_message(r) for r in rows],
                                                      next_page_token=following)

    @unary
    def SetHalt(self, request: issuer_pb2.SetHaltRequest, context: Any) -> issuer_pb2.Product:
        """The reply shows the product halted (the first, when all are): its multiplier is read from
        the chain first, with no unit of work open."""
        shown = spv.product(self.contracts, request.token) if request.token else self._products()[0]
        multiplier, now = self.multipliers.of(shown.symbol), self.clock.now()

        def halt(session: Session) -> issuer_pb2.Product:
            rows = spv.set_halt(session, self.contracts, now, request.token, request.mint_halted,
                                request.redemption_halted, request.reason)
            return product_message(self.contracts[rows[0].token], multiplier, rows[0])

        return apply_once(self.db, "SetHalt", request, halt)

    @unary
    def GetReserves(self, request: issuer_pb2.QuoteRequest, context: Any) -> issuer_pb2.ReservesResponse:
        contract = spv.product(self.contracts, request.token)
        with self.db.read() as session:
            link = spv.link(session, contract.symbol)
        account = broker_pb2.AccountRequest(account_id=link.account_id)
        supply = from_pb(self.clients.chain.GetToken(chain_pb2.TokenRequest(symbol=contract.symbol)).total_supply)
        positions = {p.symbol: p for p in self.clients.broker.GetPositions(account).positions}
        position = positions.get(contract.underlying)
        open_orders = whole(self.clients.broker.ListOrders, broker_pb2.ListOrdersRequest(account_id=link.account_id,
                                                                                   status=statuses_pb2.ORDER_STATUS_ACCEPTED)).orders
        on_order = sum((from_pb(o.quantity) * (1 if o.side == broker_pb2.BUY else -1) for o in open_orders
                        if o.symbol == contract.underlying), ZERO)
        cash = self.clients.broker.GetCash(account)
        treasury = self.clients.chain.BalanceOf(chain_pb2.BalanceRequest(symbol=STABLECOIN, address=ISSUER_ADDRESS))
        return issuer_pb2.ReservesResponse(
            token=contract.symbol, tokens_outstanding=to_pb(supply),
            shares_settled=position.settled if position else to_pb(ZERO),
            shares_unsettled=position.unsettled if position else to_pb(ZERO), shares_on_order=to_pb(on_order),
            broker_cash=cash.settled, stablecoin_treasury=treasury.amount)

    @spanning
    def DeclareInsolvency(self, request: issuer_pb2.DeclareInsolvencyRequest
                          ) -> TypedSaga[estate.DeclarePlan, estate.Facts, issuer_pb2.Estate]:
        now = self.clock.now()
        return TypedSaga(
            estate.DeclarePlan,
            begin=lambda session: estate.begin_declare(session, self.contracts, now, request.reason),
            remote=lambda plan: estate.declare_remote(self.clients, self.contracts, plan),
            finish=lambda session, plan, facts: estate_message(
                estate.finish_declare(session, self.contracts, now, plan, facts), self.contracts))

    @spanning
    def PauseToken(self, request: issuer_pb2.PauseTokenRequest
                   ) -> TypedSaga[token_controls.PausePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        """The token contract's mint and transfer switches, set as its owner (a fault's, by control)."""
        now = self.clock.now()
        return TypedSaga(
            token_controls.PausePlan,
            begin=lambda session: token_controls.begin_pause(self.contracts, request.token, request.mint_paused,
                                                             request.transfers_paused),
            remote=lambda plan: token_controls.pause_remote(self.clients.chain, request.request_id, plan),
            finish=lambda session, plan, tx: token_controls.finish_pause(session, now, plan, tx))

    @spanning
    def FreezeAddress(self, request: issuer_pb2.FreezeAddressRequest
                      ) -> TypedSaga[token_controls.FreezePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        """Freeze (or unfreeze) one address in a token contract, as its owner."""
        now = self.clock.now()
        return TypedSaga(
            token_controls.FreezePlan,
            begin=lambda session: token_controls.begin_freeze(self.contracts, request.token, request.address,
                                                              request.frozen),
            remote=lambda plan: token_controls.freeze_remote(self.clients.chain, request.request_id, plan),
            finish=lambda session, plan, tx: token_controls.finish_freeze(session, now, plan, tx))

    @spanning
    def CompromiseKey(self, request: issuer_pb2.CompromiseKeyRequest
                      ) -> TypedSaga[token_controls.CompromisePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        """A drill's fault: the SPV's key is stolen and its whole stablecoin treasury sent to `to_address`."""
        amount, now = token_controls.treasury(self.clients.chain), self.clock.now()
        return TypedSaga(
            token_controls.CompromisePlan,
            begin=lambda session: token_controls.begin_compromise(request.to_address, amount, request.reason),
            remote=lambda plan: token_controls.compromise_remote(self.clients.chain, request.request_id, plan),
            finish=lambda session, plan, tx: token_controls.finish_compromise(session, now, plan, tx))

    @unary
    def GetEstate(self, request: common_pb2.Empty, context: Any) -> issuer_pb2.Estate:
        with self.db.read() as session:
            return estate_message(session.get(EstateRow, 1), self.contracts)

    @spanning
    def InKindMint(self, request: issuer_pb2.InKindMintRequest
                   ) -> TypedSaga[in_kind.InKindPlan, in_kind.InKindOutcome, issuer_pb2.InKindReceipt]:
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
            finish=lambda session, plan, done: in_kind_message(in_kind.finish(session, now, "mint", plan, done)))

    @spanning
    def InKindRedeem(self, request: issuer_pb2.InKindRedeemRequest
                     ) -> TypedSaga[in_kind.InKindPlan, in_kind.InKindOutcome, issuer_pb2.InKindReceipt]:
        """Collect the participant's tokens; the broker journals the shares back; burn them."""
        chain_view = self._holding(request.token, request.wallet_address)
        now = self.clock.now()
        return TypedSaga(
            in_kind.InKindPlan,
            begin=lambda session: in_kind.begin_redeem(
                session, self.contracts, request_id=request.request_id, account_id=request.account_id,
                token=request.token, raw_quantity=request.quantity, wallet=request.wallet_address,
                chain_view=chain_view),
            remote=lambda plan: in_kind.redeem_remote(self.clients, plan),
            finish=lambda session, plan, done: in_kind_message(in_kind.finish(session, now, "redeem", plan, done)))

    @unary
    def ListInKind(self, request: issuer_pb2.ListInKindRequest, context: Any) -> issuer_pb2.ListInKindResponse:
        with self.db.read() as session:
            rows, following = page(session, select(InKindRow), [(col(InKindRow.at), datetime),
                                                               (col(InKindRow.receipt_id), str)],
                                   request.page_token, request.limit, lambda r: (r.at, r.receipt_id),
                                   default=MAX_LIST)
            return issuer_pb2.ListInKindResponse(receipts=[in_kind_message(r) for r in rows],
                                                 next_page_token=following)

    @unary
    def ListDistributions(self, request: issuer_pb2.ListDistributionsRequest, context: Any
                          ) -> issuer_pb2.ListDistributionsResponse:
        with self.db.read() as session:
            rows, following = page_by(session, select(DistributionRow), col(DistributionRow.id), request.page_token,
                                      request.limit, lambda d: d.id, default=MAX_LIST)
            return issuer_pb2.ListDistributionsResponse(distributions=[distribution_message(d) for d in rows],
                                                        next_page_token=following)

    @unary
    def ListExDividends(self, request: issuer_pb2.ListExDividendsRequest, context: Any
                        ) -> issuer_pb2.ListExDividendsResponse:
        with self.db.read() as session:
            rows, following = page(session, select(ExDividendRow), [
                (col(ExDividendRow.at), datetime), (col(ExDividendRow.action_id), str),
                (col(ExDividendRow.token), str)],
                request.page_token, request.limit, lambda r: (r.at, r.action_id, r.token), default=MAX_LIST)
            return issuer_pb2.ListExDividendsResponse(ex_dividends=[ex_dividend_message(r) for r in rows],
                                                      next_page_token=following)

    @unary
    def ListDistributionPayments(self, request: issuer_pb2.ListDistributionPaymentsRequest,
                                 context: Any) -> issuer_pb2.ListDistributionPaymentsResponse:
        query = select(DistributionPayment)
        if request.distribution_id:
            query = query.where(DistributionPayment.distribution_id == request.distribution_id)
        if request.address:
            query = query.where(DistributionPayment.address == request.address)
        with self.db.read() as session:
            rows, following = page(session, query, [(col(DistributionPayment.distribution_id), str),
                                                    (col(DistributionPayment.address), str)],
                                   request.page_token, request.limit, lambda p: (p.distribution_id, p.address),
                                   default=MAX_LIST)
            return issuer_pb2.ListDistributionPaymentsResponse(payments=[payment_message(p) for p in rows],
                                                               next_page_token=following)
