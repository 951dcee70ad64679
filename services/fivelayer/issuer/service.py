"""The Issuer gRPC face (an xStocks/Ondo-like SPV)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from fivelayer.issuer import estate, funding, in_kind, ports, spv, token_controls, waterfall
from fivelayer.issuer.handlers import IssuerHandlers
from fivelayer.issuer.messages import redemption_message
from fivelayer.issuer.models import (
    DistributionPayment,
    DistributionRow,
    DistributionStatus,
    EstateRow,
    ExDividendRow,
    ExDividendStatus,
    HedgeStatus,
    InKindRow,
    MintRow,
    PaymentStatus,
    ProductSwitch,
)
from fivelayer.issuer.spv import HEDGE_STATUS_PB
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.contracts import Contract
from fivelayer.kernel.db import Database
from fivelayer.kernel.money import ZERO, from_pb, to_pb
from fivelayer.kernel.reference import ISSUER_ADDRESS
from fivelayer.kernel.rpc import Context, answer, spanning, unary
from fivelayer.kernel.saga import TypedSaga
from fivelayer.kernel.statuses import by_name
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, issuer_pb2, issuer_pb2_grpc, statuses_pb2


def mint_message(m: MintRow) -> issuer_pb2.MintReceipt:
    return issuer_pb2.MintReceipt(mint_id=m.mint_id, request_id=m.request_id, token=m.token,
                                  quantity=to_pb(m.quantity), price=to_pb(m.price), fee=to_pb(m.fee),
                                  cost=to_pb(m.cost), payment_tx=m.payment_tx, mint_tx=m.mint_tx,
                                  hedge_order_id=m.hedge_order_id,
                                  hedge_status=HEDGE_STATUS_PB[HedgeStatus(m.hedge_status)],
                                  hedge_reason=m.hedge_reason, at=to_ts(m.at))


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


DISTRIBUTION_STATUS_PB = by_name(DistributionStatus, statuses_pb2.DistributionStatus)


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


PAYMENT_STATUS_PB = by_name(PaymentStatus, statuses_pb2.PaymentStatus)


def payment_message(p: DistributionPayment) -> issuer_pb2.DistributionPayment:
    return issuer_pb2.DistributionPayment(distribution_id=p.distribution_id, token=p.token, address=p.address,
                                          balance=to_pb(p.balance), amount=to_pb(p.amount),
                                          status=PAYMENT_STATUS_PB[PaymentStatus(p.status)], reason=p.reason,
                                          tx_hash=p.tx_hash)


EX_DIVIDEND_STATUS_PB = by_name(ExDividendStatus, statuses_pb2.ExDividendStatus)


def ex_dividend_message(r: ExDividendRow) -> issuer_pb2.ExDividend:
    return issuer_pb2.ExDividend(
        action_id=r.action_id, token=r.token, dividend=to_pb(r.dividend), withholding_rate=to_pb(r.withholding_rate),
        reference=to_pb(r.reference), supply=to_pb(r.supply), multiplier_before=to_pb(r.multiplier_before),
        multiplier_after=to_pb(r.multiplier_after), shares_owed=to_pb(r.shares_owed),
        effective_at=to_ts(r.effective_at), snapshot_at=to_ts(r.snapshot_at),
        status=EX_DIVIDEND_STATUS_PB[ExDividendStatus(r.status)], order_id=r.order_id)


class IssuerServicer(issuer_pb2_grpc.IssuerServicer):
    """The gRPC face: each call translated to the service layer (`handlers`) and its answer back into
    messages; a call that spans services runs the saga the handlers build (`kernel.rpc.spanning`), answered
    in this face's messages. `PayRedemption` and `ApplyNotice` are no RPCs: they are the sagas of the payout
    and notice passes, which the resumer (`kernel.saga.resume` over this object) carries on."""

    def __init__(self, db: Database, clock: ClockSource, clients: ports.Clients,
                 contracts: dict[str, Contract], hedging: ports.Broker | None = None,
                 stablecoin: ports.Stablecoin | None = None) -> None:
        self.handlers = IssuerHandlers(db, clock, clients, contracts, hedging, stablecoin)
        self.db, self.clock, self.contracts = db, clock, contracts   # `spanning` runs sagas on db, at clock

    @unary
    def ListProducts(self, request: issuer_pb2.ListProductsRequest, context: Any) -> issuer_pb2.ListProductsResponse:
        shown = self.handlers.products(request.limit, request.page_token)
        return issuer_pb2.ListProductsResponse(
            products=[product_message(p.contract, p.multiplier, p.switch, p.account_id) for p in shown.products],
            issuer_address=ISSUER_ADDRESS, broker_account_id=shown.customer_id,
            next_page_token=shown.next_page_token)

    @unary
    def GetQuote(self, request: issuer_pb2.QuoteRequest, context: Any) -> issuer_pb2.Quote:
        quantity, price, q = self.handlers.quote(request.token, request.quantity, request.side)
        return issuer_pb2.Quote(token=request.token, quantity=to_pb(quantity), price=to_pb(price),
                                gross=to_pb(q.gross), fee=to_pb(q.fee), total=to_pb(q.total),
                                at=to_ts(self.clock.now()))

    def Mint(self, request: issuer_pb2.MintRequest, context: Context) -> issuer_pb2.MintReceipt:
        """A cash mint (a saga, `kernel.saga`), not `spanning`: a funding refusal is also counted."""
        return answer(self, context, lambda: self.handlers.mint(request, mint_message))

    @unary
    def GetFunding(self, request: common_pb2.Empty, context: Any) -> issuer_pb2.FundingResponse:
        shown, loan = self.handlers.funding()
        return issuer_pb2.FundingResponse(products=[funding_message(p.contract, p.figures, p.line, p.account_id)
                                                    for p in shown], sponsor_loan=to_pb(loan))

    @unary
    def GetMint(self, request: issuer_pb2.IdRequest, context: Any) -> issuer_pb2.MintReceipt:
        return mint_message(self.handlers.get_mint(request.id))

    @unary
    def ListMints(self, request: issuer_pb2.ListMintsRequest, context: Any) -> issuer_pb2.ListMintsResponse:
        rows, following = self.handlers.mints(request.limit, request.page_token)
        return issuer_pb2.ListMintsResponse(mints=[mint_message(m) for m in rows], next_page_token=following)

    @spanning
    def Redeem(self, request: issuer_pb2.RedeemRequest
               ) -> TypedSaga[spv.RedeemPlan, spv.RedeemOutcome, issuer_pb2.Redemption]:
        return self.handlers.redeem(request, redemption_message)

    def PayRedemption(self, request: issuer_pb2.PayoutRequest, context: Any) -> issuer_pb2.Redemption:
        """Not an RPC: a payout saga (`spv.pay_redemption`) that the resumer (`kernel.saga.resume`) carries on."""
        return answer(self, context, lambda: self.handlers.pay_redemption(request))

    def ApplyNotice(self, request: issuer_pb2.NoticeRequest, context: Any) -> common_pb2.Empty:
        """Not an RPC: a notice saga (`notices.apply_notice`) that the resumer carries on."""
        def work() -> common_pb2.Empty:
            self.handlers.apply_notice(request)
            return common_pb2.Empty()
        return answer(self, context, work)

    @unary
    def GetRedemption(self, request: issuer_pb2.IdRequest, context: Any) -> issuer_pb2.Redemption:
        return redemption_message(self.handlers.get_redemption(request.id))

    @unary
    def ListRedemptions(self, request: issuer_pb2.ListRedemptionsRequest, context: Any
                        ) -> issuer_pb2.ListRedemptionsResponse:
        rows, following = self.handlers.redemptions(request.limit, request.page_token)
        return issuer_pb2.ListRedemptionsResponse(redemptions=[redemption_message(r) for r in rows],
                                                  next_page_token=following)

    @unary
    def SetHalt(self, request: issuer_pb2.SetHaltRequest, context: Any) -> issuer_pb2.Product:
        """The reply shows the product halted (the first, when all are)."""
        return self.handlers.set_halt(request, lambda p: product_message(p.contract, p.multiplier, p.switch))

    @unary
    def GetReserves(self, request: issuer_pb2.QuoteRequest, context: Any) -> issuer_pb2.ReservesResponse:
        r = self.handlers.reserves(request.token)
        return issuer_pb2.ReservesResponse(
            token=r.token, tokens_outstanding=to_pb(r.outstanding),
            shares_settled=r.position.settled if r.position else to_pb(ZERO),
            shares_unsettled=r.position.unsettled if r.position else to_pb(ZERO), shares_on_order=to_pb(r.on_order),
            broker_cash=r.broker_cash, stablecoin_treasury=r.treasury)
    @spanning
    def DeclareInsolvency(self, request: issuer_pb2.DeclareInsolvencyRequest
                          ) -> TypedSaga[estate.DeclarePlan, estate.Facts, issuer_pb2.Estate]:
        return self.handlers.declare_insolvency(request, lambda row: estate_message(row, self.contracts))

    @spanning
    def PauseToken(self, request: issuer_pb2.PauseTokenRequest
                   ) -> TypedSaga[token_controls.PausePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        return self.handlers.pause_token(request)

    @spanning
    def FreezeAddress(self, request: issuer_pb2.FreezeAddressRequest
                      ) -> TypedSaga[token_controls.FreezePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        return self.handlers.freeze_address(request)

    @spanning
    def CompromiseKey(self, request: issuer_pb2.CompromiseKeyRequest
                      ) -> TypedSaga[token_controls.CompromisePlan, chain_pb2.Tx, issuer_pb2.TokenControlReply]:
        return self.handlers.compromise_key(request)

    @unary
    def GetEstate(self, request: common_pb2.Empty, context: Any) -> issuer_pb2.Estate:
        return estate_message(self.handlers.estate(), self.contracts)

    @spanning
    def InKindMint(self, request: issuer_pb2.InKindMintRequest
                   ) -> TypedSaga[in_kind.InKindPlan, in_kind.InKindOutcome, issuer_pb2.InKindReceipt]:
        return self.handlers.in_kind_mint(request, in_kind_message)

    @spanning
    def InKindRedeem(self, request: issuer_pb2.InKindRedeemRequest
                     ) -> TypedSaga[in_kind.InKindPlan, in_kind.InKindOutcome, issuer_pb2.InKindReceipt]:
        return self.handlers.in_kind_redeem(request, in_kind_message)

    @unary
    def ListInKind(self, request: issuer_pb2.ListInKindRequest, context: Any) -> issuer_pb2.ListInKindResponse:
        rows, following = self.handlers.in_kind(request.limit, request.page_token)
        return issuer_pb2.ListInKindResponse(receipts=[in_kind_message(r) for r in rows], next_page_token=following)

    @unary
    def ListDistributions(self, request: issuer_pb2.ListDistributionsRequest, context: Any
                          ) -> issuer_pb2.ListDistributionsResponse:
        rows, following = self.handlers.distributions(request.limit, request.page_token)
        return issuer_pb2.ListDistributionsResponse(distributions=[distribution_message(d) for d in rows],
                                                    next_page_token=following)

    @unary
    def ListExDividends(self, request: issuer_pb2.ListExDividendsRequest, context: Any
                        ) -> issuer_pb2.ListExDividendsResponse:
        rows, following = self.handlers.ex_dividends(request.limit, request.page_token)
        return issuer_pb2.ListExDividendsResponse(ex_dividends=[ex_dividend_message(r) for r in rows],
                                                  next_page_token=following)

    @unary
    def ListDistributionPayments(self, request: issuer_pb2.ListDistributionPaymentsRequest,
                                 context: Any) -> issuer_pb2.ListDistributionPaymentsResponse:
        rows, following = self.handlers.payments(request.distribution_id, request.address, request.limit,
                                                 request.page_token)
        return issuer_pb2.ListDistributionPaymentsResponse(payments=[payment_message(p) for p in rows],
                                                           next_page_token=following)
