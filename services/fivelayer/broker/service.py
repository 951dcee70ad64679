"""The Broker gRPC face (an Alpaca-like broker API)."""
from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from fivelayer.broker import (
    accounts,
    credit,
    failure,
    liquidation,
    orders,
    partners,
    proxy_voting,
    tax,
    tokenization,
    voting,
    withholding,
)
from fivelayer.broker import corporate_actions as ca
from fivelayer.broker import reasons as broker_reasons
from fivelayer.broker.accounts import ACCOUNT_STATUS_PB
from fivelayer.broker.handlers import Handlers
from fivelayer.broker.models import (
    AccountRow,
    AccountStatus,
    NoticeRow,
    OrderRow,
    OrderStatus,
    TokenizationRow,
    TokenizationStatus,
    VotingFormRow,
)
from fivelayer.broker.orders import Venue
from fivelayer.broker.venue import ACTION_STATUS_PB
from fivelayer.kernel.clock import ClockSource
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import DomainError, require
from fivelayer.kernel.idempotency import MAX_BATCH, apply_once
from fivelayer.kernel.money import ZERO, quantize, to_pb
from fivelayer.kernel.paging import page_by, page_of
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import abort, mutation, unary
from fivelayer.kernel.statuses import by_name, inverse
from fivelayer.kernel.timeutil import to_ts, utc
from fivelayer.v1 import broker_pb2, broker_pb2_grpc, common_pb2, statuses_pb2

SIDE_NAMES = {broker_pb2.BUY: "buy", broker_pb2.SELL: "sell"}
SIDE_ENUM = {v: k for k, v in SIDE_NAMES.items()}



def account_message(row: AccountRow, api_key: str = "") -> broker_pb2.Account:
    return broker_pb2.Account(account_id=row.account_id, name=row.name, kind=row.kind,
                              status=ACCOUNT_STATUS_PB[AccountStatus(row.status)],
                              status_reason=row.status_reason, api_key=api_key, route_enabled=row.route_enabled,
                              created_at=to_ts(row.created_at), tax_profile=row.tax_profile,
                              withholding_rate=to_pb(row.withholding_rate), tax_country=row.tax_country,
                              tax_basis=accounts.tax_of(row).basis, customer_id=accounts.customer_of(row))


def tax_statement_message(s: withholding.Statement) -> broker_pb2.TaxStatement:
    return broker_pb2.TaxStatement(
        account_id=s.account_id, year=s.year, recipient=s.recipient, withholding_agent=withholding.WITHHOLDING_AGENT,
        tax_status=s.tax_status, country=s.country, basis=s.basis, final=s.final, gross=to_pb(s.gross),
        withheld=to_pb(s.withheld), lines=[broker_pb2.TaxStatementLine(
            form=line.form, income_code=line.income_code, tax_status=line.status, country=line.country,
            rate=to_pb(line.rate), gross=to_pb(line.gross), withheld=to_pb(line.withheld), payments=line.payments)
            for line in s.lines])


def notice_message(n: NoticeRow) -> broker_pb2.Notice:
    return broker_pb2.Notice(
        notice_id=n.notice_id, kind=n.kind, action_id=n.action_id, account_id=n.account_id, symbol=n.symbol,
        shares=to_pb(n.shares), rate=to_pb(n.rate), gross=to_pb(n.gross), withheld=to_pb(n.withheld), net=to_pb(n.net),
        withholding_rate=to_pb(n.withholding_rate), new_shares=n.new_shares, old_shares=n.old_shares,
        shares_after=to_pb(n.shares_after), cash_in_lieu=to_pb(n.cash_in_lieu), record_date=n.record_date,
        pay_date=n.pay_date, effective_date=n.effective_date, meeting_date=n.meeting_date,
        proposals=json.loads(n.proposals or "[]"), at=to_ts(n.at), tax_status=n.tax_status, tax_country=n.tax_country,
        ex_date=n.ex_date)


MEETING_STATUS_PB = by_name(voting.MeetingStatus, statuses_pb2.MeetingStatus)


def voting_form_message(v: proxy_voting.FormView) -> broker_pb2.VotingForm:
    f, m = v.form, v.meeting
    proposals = []
    for p in v.agenda:
        told, cast = v.instructions.get(p.proposal_id), v.cast.get(p.proposal_id)
        proposals.append(broker_pb2.VotingProposal(
            proposal_id=p.proposal_id, text=p.text, routine=p.routine, board_recommendation=p.board,
            instruction=told.choice if told else "", instructed_at=to_ts(told.at) if told else None,
            vote=cast.vote if cast else "", how=cast.how if cast else ""))
    return broker_pb2.VotingForm(
        form_id=f.form_id, action_id=f.action_id, account_id=f.account_id, symbol=f.symbol, shares=to_pb(f.shares),
        votes=to_pb(v.votes), record_date=m.record_date, meeting_date=m.meeting_date, cutoff=to_ts(utc(m.cutoff)),
        status=MEETING_STATUS_PB[voting.MeetingStatus(m.status)], do_not_vote=v.do_not_vote, proposals=proposals,
        notice_id=f.notice_id,
        cast_at=to_ts(m.cast_at) if m.cast_at else None)


def vote_tally_message(t: proxy_voting.TallyView) -> broker_pb2.VoteTally:
    m = t.meeting
    return broker_pb2.VoteTally(
        action_id=m.action_id, symbol=m.symbol, record_date=m.record_date, meeting_date=m.meeting_date,
        cutoff=to_ts(utc(m.cutoff)), status=MEETING_STATUS_PB[voting.MeetingStatus(m.status)],
        broker_vote_method=voting.BROKER_VOTE_METHOD,
        cast_at=to_ts(m.cast_at) if m.cast_at else None,
        proposals=[broker_pb2.ProposalTally(
            proposal_id=p.proposal.proposal_id, text=p.proposal.text, routine=p.proposal.routine,
            board_recommendation=p.proposal.board, votes_for=to_pb(p.votes_for), votes_against=to_pb(p.votes_against),
            abstentions=to_pb(p.abstentions), instructed=to_pb(p.instructed), broker_votes=to_pb(p.broker_votes),
            broker_non_votes=to_pb(p.broker_non_votes), not_voted=to_pb(p.not_voted), fractions=to_pb(p.fractions),
            entitled=to_pb(p.entitled)) for p in t.tallies],
        lines=[broker_pb2.VoteLine(form_id=line.form_id, account_id=line.account_id, proposal_id=line.proposal_id,
                                   shares=to_pb(line.shares), vote=line.vote, how=line.how, detail=line.detail)
               for line in t.lines])


ORDER_STATUS_PB = by_name(OrderStatus, statuses_pb2.OrderStatus)
ORDER_STATUS_OF_PB = inverse(ORDER_STATUS_PB)


def order_message(o: OrderRow) -> broker_pb2.Order:
    return broker_pb2.Order(
        order_id=o.order_id, client_order_id=o.client_order_id, account_id=o.account_id, symbol=o.symbol,
        side=SIDE_ENUM[o.side], quantity=to_pb(o.quantity), status=ORDER_STATUS_PB[OrderStatus(o.status)],
        filled_quantity=to_pb(o.filled_quantity),
        filled_avg_price=to_pb(o.filled_avg_price), submitted_at=to_ts(o.submitted_at),
        filled_at=to_ts(o.filled_at) if o.filled_at else None, trade_date=o.trade_date,
        settlement_date=o.settlement_date, settled=o.settled, reject_reason=o.reject_reason)


TOKENIZATION_STATUS_PB = by_name(TokenizationStatus, statuses_pb2.TokenizationStatus)


def tokenization_message(row: TokenizationRow) -> broker_pb2.TokenizationRequest:
    return broker_pb2.TokenizationRequest(
        id=row.request_id, client_request_id=row.client_request_id, kind=row.kind,
        status=TOKENIZATION_STATUS_PB[TokenizationStatus(row.status)],
        account_id=row.account_id, issuer=row.issuer, network=row.network, underlying_symbol=row.underlying_symbol,
        qty=to_pb(row.qty), wallet_address=row.wallet_address, fees=to_pb(row.fees),
        issuer_request_id=row.issuer_request_id, tx_hash=row.tx_hash, reject_reason=row.reject_reason,
        created_at=to_ts(row.created_at), updated_at=to_ts(row.updated_at))


def credit_line_message(v: credit.View) -> broker_pb2.CreditLine:
    s = v.standing
    return broker_pb2.CreditLine(
        account_id=v.account_id, limit=to_pb(v.limit), annual_rate=to_pb(v.annual_rate), used=to_pb(s.used),
        available=to_pb(v.available), due=to_pb(s.due), due_at=to_ts(s.due_at) if s.due_at else None,
        overdue=to_pb(s.overdue), interest_charged=to_pb(v.interest_charged))


def liquidation_message(session: Session, limit: int, token: str) -> broker_pb2.Liquidation:
    row = failure.state(session)
    if row is None:
        return broker_pb2.Liquidation(failed=False, rule=liquidation.RULE)
    customers, following = failure.page(session, limit, token)
    return broker_pb2.Liquidation(
        failed=True, reason=row.reason, failed_at=to_ts(utc(row.failed_at)), shortfall=to_pb(row.shortfall),
        customer_property=to_pb(row.customer_property), total_net_equity=to_pb(row.total_net_equity),
        pro_rata_rate=to_pb(row.pro_rata_rate), sipc_advanced=to_pb(row.sipc_advanced),
        next_page_token=following, rule=f"{liquidation.RULE}. Timing: {liquidation.TIMING_SOURCE}",
        customers=[broker_pb2.CustomerRecovery(
            account_id=c.account_id, name=c.name, securities=to_pb(c.securities), cash=to_pb(c.cash),
            net_equity=to_pb(c.net_equity), from_property=to_pb(c.from_property),
            sipc_securities=to_pb(c.sipc_securities), sipc_cash=to_pb(c.sipc_cash), recovered=to_pb(c.recovered),
            loss=to_pb(c.loss), property_at=to_ts(utc(c.property_at)), sipc_at=to_ts(utc(c.sipc_at)),
            account_ids=json.loads(c.account_ids or "[]") or [c.account_id])
            for c in customers])


# What stays open once the broker has failed, besides every read: the failure itself (its replay).
OPEN_AFTER_FAILURE = frozenset({"FailBroker"})


def refused_once_failed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """A mutating rpc that the broker's failure closes: BROKER_FAILED, unless this very request was
    applied before (its stored answer is replayed, as any idempotent retry)."""

    @functools.wraps(fn)
    def wrapper(self: BrokerServicer, request: Any, context: Any) -> Any:
        try:
            if not failure.applied(self.db, name, request):
                failure.check_open(self.db)
        except DomainError as error:
            abort(context, error)
        return fn(self, request, context)

    return wrapper


def guard_mutations(cls: type[BrokerServicer]) -> type[BrokerServicer]:
    """The one guard point of the gRPC face (and the REST face made from it): every rpc whose
    request carries a request_id is a mutation (each mutating call is idempotent by a client key)."""
    for method in broker_pb2.DESCRIPTOR.services_by_name["Broker"].methods:
        if method.name not in OPEN_AFTER_FAILURE and "request_id" in method.input_type.fields_by_name:
            setattr(cls, method.name, refused_once_failed(method.name, getattr(cls, method.name)))
    return cls


@guard_mutations
class BrokerServicer(broker_pb2_grpc.BrokerServicer):
    def __init__(self, db: Database, clock: ClockSource, venue: Venue, seed: int,
                 in_kind_fees: Mapping[str, Decimal] | None = None, depository: ca.Depository | None = None) -> None:
        self.db, self.clock, self.venue, self.seed = db, clock, venue, seed
        self.in_kind_fees = dict(in_kind_fees or {})  # per underlying: the in-kind fee (contracts/)
        self.depository = depository                  # its corporate actions, passed on as announcements
        self.handlers = Handlers(db, venue)            # price, one unit of work, report fills

    def _prices(self, account_id: str, *symbols: str) -> orders.PriceBook:
        """Prices of `symbols` and of the account's waiting buys (its buying power), read now,
        before any unit of work opens."""
        return self.handlers.account_prices(self.clock.now(), account_id, *symbols, side="buy")

    def _cash(self, session: Session, account_id: str, prices: orders.PriceBook) -> broker_pb2.CashResponse:
        accounts.get(session, account_id)
        settled, unsettled = orders.cash_view(session, account_id)
        power = orders.buying_power(session, prices, account_id, prices.at)
        return broker_pb2.CashResponse(account_id=account_id, settled=to_pb(settled), unsettled=to_pb(unsettled),
                                       buying_power=to_pb(max(power, ZERO)))

    @unary
    def CreateAccount(self, request: broker_pb2.CreateAccountRequest, context: Any) -> broker_pb2.Account:
        """Open an account; one opened by a correspondent (the issuer SPV, the exchange) is theirs,
        on the Broker API face too. With `customer_account_id`, another account of that account's
        customer (`accounts.open_for_customer`); without, a new customer."""
        partner = partners.from_metadata(self.db, context)

        def open_(session: Session) -> broker_pb2.Account:
            if request.customer_account_id:
                row, api_key = accounts.open_for_customer(
                    session, self.clock.now(), self.seed, request.customer_account_id, partner, name=request.name,
                    kind=request.kind, country=request.country_of_tax_residence, tax_status=request.tax_status)
            else:
                row, api_key = accounts.open_account(session, self.clock.now(), self.seed, request.name,
                                                     request.kind, country=request.country_of_tax_residence,
                                                     tax_status=request.tax_status)
            if partner:
                row.correspondent, row.external_id = partner, accounts.external_id(row.account_id)
                session.add(row)
            return account_message(row, api_key)

        return apply_once(self.db, "CreateAccount", request, open_)

    @unary
    def GetAccount(self, request: broker_pb2.AccountRequest, context: Any) -> broker_pb2.Account:
        with self.db.read() as session:
            return account_message(accounts.get(session, request.account_id))

    @unary
    def ListAccounts(self, request: broker_pb2.ListAccountsRequest, context: Any) -> broker_pb2.ListAccountsResponse:
        with self.db.read() as session:
            rows, following = page_by(session, select(AccountRow), col(AccountRow.account_id), request.page_token,
                                      request.limit, lambda a: a.account_id)
            return broker_pb2.ListAccountsResponse(accounts=[account_message(r) for r in rows],
                                                   next_page_token=following)

    @unary
    def FundAccount(self, request: broker_pb2.FundAccountRequest, context: Any) -> broker_pb2.CashResponse:
        prices = self._prices(request.account_id)

        def fund(session: Session, prices: orders.PriceBook) -> broker_pb2.CashResponse:
            accounts.fund(session, prices.at, request.account_id, request.amount)
            credit.repay(session, prices.at, request.account_id, f"wire:{request.request_id}")  # the draw first
            return self._cash(session, request.account_id, prices)

        return self.handlers.change_once("FundAccount", request, prices, fund)

    @unary
    def PlaceOrder(self, request: broker_pb2.PlaceOrderRequest, context: Any) -> broker_pb2.Order:
        """Priced first, placed (and filled in a session) in one short unit of work, then the fill
        is reported to the depository."""
        prices = self._prices(request.account_id, request.symbol)

        def place(session: Session, prices: orders.PriceBook) -> broker_pb2.Order:
            return order_message(orders.place(
                session, prices, prices.at, client_order_id=request.request_id, account_id=request.account_id,
                api_key=request.api_key, symbol=request.symbol, side=SIDE_NAMES.get(request.side, ""),
                raw_quantity=request.quantity))

        return self.handlers.change_once("PlaceOrder", request, prices, place, fills="new")

    @unary
    def GetOrder(self, request: broker_pb2.OrderRequest, context: Any) -> broker_pb2.Order:
        with self.db.read() as session:
            return order_message(orders.find(session, request.account_id, request.order_id, request.client_order_id))

    @unary
    def ListOrders(self, request: broker_pb2.ListOrdersRequest, context: Any) -> broker_pb2.ListOrdersResponse:
        with self.db.read() as session:
            accounts.get(session, request.account_id)
            query = select(OrderRow).where(OrderRow.account_id == request.account_id)
            if request.status != statuses_pb2.ORDER_STATUS_UNSPECIFIED:
                require(request.status in ORDER_STATUS_OF_PB, Common.INVALID_ARGUMENT,
                        f"no order status {request.status}")
                query = query.where(OrderRow.status == ORDER_STATUS_OF_PB[request.status])
            if request.order_ids:
                require(len(request.order_ids) <= MAX_BATCH, Common.INVALID_ARGUMENT,
                        f"ask for at most {MAX_BATCH} order ids at once, got {len(request.order_ids)}")
                query = query.where(col(OrderRow.order_id).in_(list(request.order_ids)))
            rows, following = page_by(session, query, col(OrderRow.order_id), request.page_token, request.limit,
                                      lambda o: o.order_id)
            return broker_pb2.ListOrdersResponse(orders=[order_message(o) for o in rows], next_page_token=following)

    @mutation
    def CancelOrder(self, request: broker_pb2.CancelOrderRequest, session: Session) -> broker_pb2.Order:
        order = orders.find(session, request.account_id, request.order_id)
        orders.cancel(session, self.clock.now(), order, "canceled by the customer")
        return order_message(order)

    @unary
    def GetPositions(self, request: broker_pb2.AccountRequest, context: Any) -> broker_pb2.AccountPositions:
        with self.db.read() as session:
            accounts.get(session, request.account_id)
            return broker_pb2.AccountPositions(account_id=request.account_id, positions=[
                broker_pb2.BrokerPosition(symbol=s, settled=to_pb(settled), unsettled=to_pb(unsettled),
                                          total=to_pb(settled + unsettled))
                for s, settled, unsettled in orders.positions(session, request.account_id)])

    @unary
    def GetInventory(self, request: common_pb2.Empty, context: Any) -> broker_pb2.AccountPositions:
        """The broker's own fractional inventory (`orders.INVENTORY`), which with its customers'
        positions makes up its whole-share position at the depository."""
        with self.db.read() as session:
            return broker_pb2.AccountPositions(account_id=orders.INVENTORY, positions=[
                broker_pb2.BrokerPosition(symbol=s, settled=to_pb(settled), unsettled=to_pb(unsettled),
                                          total=to_pb(settled + unsettled))
                for s, settled, unsettled in orders.inventory(session)])

    @unary
    def GetCash(self, request: broker_pb2.AccountRequest, context: Any) -> broker_pb2.CashResponse:
        prices = self._prices(request.account_id)
        with self.db.read() as session:
            return self._cash(session, request.account_id, prices)

    @mutation
    def SetRoute(self, request: broker_pb2.SetRouteRequest, session: Session) -> broker_pb2.Account:
        return account_message(accounts.set_route(session, self.clock.now(), request.account_id, request.enabled,
                                                  request.reason))

    @mutation
    def SetAccountStatus(self, request: broker_pb2.SetAccountStatusRequest, session: Session) -> broker_pb2.Account:
        settable = {ACCOUNT_STATUS_PB[s]: s for s in accounts.STATUSES}
        names = dict((v, k) for k, v in statuses_pb2.AccountStatus.items())
        require(request.status in settable, Common.INVALID_ARGUMENT, "status must be one of " + ", ".join(
            statuses_pb2.AccountStatus.Name(s) for s in settable)
            + f", not {names.get(request.status, request.status)}")
        return account_message(accounts.set_status(session, self.clock.now(), request.account_id,
                                                   settable[request.status], request.reason))

    @unary
    def GetSipc(self, request: broker_pb2.AccountRequest, context: Any) -> broker_pb2.SipcResponse:
        """SIPC's protection of the account's customer: its limits are per customer, so the figures
        are of all the customer's accounts together (one account for a traditional customer)."""
        with self.db.read() as session:
            row = accounts.get(session, request.account_id)
            held = failure.holdings(session, [a.account_id for a in accounts.customer_accounts(session, row)])
        prices = orders.price_book(self.venue, held.shares, self.clock.now())
        value = held.value(prices, prices.at)
        cash = held.cash
        # a debit (a credit line drawn) comes off the securities claim: SIPC protects net equity
        claim_securities, claim_cash = liquidation.claim_parts(liquidation.CustomerBook(
            request.account_id, "", value, cash))
        securities, protected_cash, total = orders.sipc(claim_securities, claim_cash)
        return broker_pb2.SipcResponse(
            account_id=request.account_id, securities_value=to_pb(quantize(value, 2)), cash=to_pb(cash),
            protected_securities=to_pb(quantize(securities, 2)), protected_cash=to_pb(protected_cash),
            protected_total=to_pb(quantize(total, 2)))

    @unary
    def RegisterTokenizationIssuer(self, request: broker_pb2.RegisterTokenizationIssuerRequest,
                                   context: Any) -> broker_pb2.TokenizationIssuer:
        partner = partners.require_partner(self.db, context)

        def register(session: Session) -> broker_pb2.TokenizationIssuer:
            row = tokenization.register_issuer(session, request.issuer, request.account_id, partner,
                                               request.underlying_symbol)
            return broker_pb2.TokenizationIssuer(issuer=row.issuer, account_id=row.account_id,
                                                 underlying_symbol=row.underlying_symbol)

        return apply_once(self.db, "RegisterTokenizationIssuer", request, register)

    @unary
    def TokenizationCallback(self, request: broker_pb2.TokenizationCallbackRequest,
                             context: Any) -> broker_pb2.TokenizationRequest:
        """The issuer confirms a mint it made, or a redemption whose tokens it has collected."""
        partner = partners.require_partner(self.db, context)
        now = self.clock.now()
        if request.kind == "mint":
            with self.db.transaction() as session:
                row = tokenization.confirm_mint(session, now, partner, request.tokenization_request_id,
                                                request.issuer_request_id, request.tx_hash)
                return tokenization_message(row)
        require(request.kind == "redeem", Common.INVALID_ARGUMENT, f"kind must be mint or redeem, got {request.kind!r}")
        price = self.venue.price(request.underlying_symbol, now)[0] \
            if request.underlying_symbol in self.in_kind_fees else ZERO
        with self.db.transaction() as session:
            return tokenization_message(tokenization.confirm_redeem(
                session, now, correspondent=partner, account=accounts.get(session, request.account_id),
                symbol=request.underlying_symbol, raw_qty=request.qty, wallet=request.wallet_address,
                issuer_request_id=request.issuer_request_id, tx_hash=request.tx_hash, price=price,
                fee_bps=self.in_kind_fees))

    @unary
    def ListTokenizationRequests(self, request: broker_pb2.ListTokenizationRequestsRequest,
                                 context: Any) -> broker_pb2.ListTokenizationRequestsResponse:
        with self.db.read() as session:
            rows, following = page_by(session, tokenization.listed_query(account_id=request.account_id),
                                      col(TokenizationRow.request_id), request.page_token, request.limit,
                                      lambda r: r.request_id, descending=True)
            return broker_pb2.ListTokenizationRequestsResponse(requests=[tokenization_message(r) for r in rows],
                                                               next_page_token=following)

    @mutation
    def SetTaxProfile(self, request: broker_pb2.SetTaxProfileRequest, session: Session) -> broker_pb2.Account:
        """Record the form on file: the tax status and country that set the account's withholding."""
        return account_message(accounts.set_tax_profile(session, self.clock.now(), request.account_id,
                                                        request.tax_profile, request.country))

    @unary
    def GetTaxStatement(self, request: broker_pb2.TaxStatementRequest, context: Any) -> broker_pb2.TaxStatement:
        """A recipient's year of dividends and tax withheld (a 1042-S, or a 1099-DIV, in substance)."""
        now = self.clock.now()
        year = request.year or int(tax.period_of(now)[:4])
        with self.db.read() as session:
            return tax_statement_message(withholding.statement(session, request.account_id, year, now))

    @unary
    def ListNotices(self, request: broker_pb2.ListNoticesRequest, context: Any) -> broker_pb2.ListNoticesResponse:
        """What the broker passed on from corporate actions: dividends (gross, withheld, net), splits
        (shares before and after, cash in lieu), meeting notices; oldest first."""
        with self.db.read() as session:
            rows, following = page_by(session, ca.notices_query(session, ca.NoticeFilter(request.account_id,
                                                                                         request.kind)),
                                      col(NoticeRow.notice_id), request.page_token, request.limit,
                                      lambda n: n.notice_id, default=ca.MAX_NOTICES)
            return broker_pb2.ListNoticesResponse(notices=[notice_message(n) for n in rows], next_page_token=following)

    @unary
    def ListAnnouncements(self, request: broker_pb2.ListAnnouncementsRequest,
                          context: Any) -> broker_pb2.ListAnnouncementsResponse:
        require(request.kind in ca.KINDS, Common.INVALID_ARGUMENT,
                f"kind must be one of {', '.join(ca.KINDS)}, got {request.kind!r}")
        symbol = request.symbol.strip().upper()
        if self.depository is None:
            raise DomainError(Common.UNAVAILABLE, "this broker reads no depository: it has no announcements")
        chosen, following = page_of(   # the depository's answer, read whole, paged here by action id
            [a for a in self.depository.corporate_actions(request.kind) if not symbol or a.symbol == symbol],
            lambda a: (a.action_id,), [str], request.page_token, request.limit)
        return broker_pb2.ListAnnouncementsResponse(announcements=[
            broker_pb2.Announcement(action_id=a.action_id, kind=a.kind, symbol=a.symbol, amount=to_pb(a.amount),
                                    ex_date=a.ex_date, record_date=a.record_date, pay_date=a.pay_date,
                                    effective_date=a.effective_date, new_shares=a.new_shares,
                                    old_shares=a.old_shares, status=ACTION_STATUS_PB[a.status])
            for a in chosen], next_page_token=following)

    @unary
    def ListVotingForms(self, request: broker_pb2.ListVotingFormsRequest,
                        context: Any) -> broker_pb2.ListVotingFormsResponse:
        """Voting instruction forms, oldest first: of one account or all, of one meeting or all."""
        with self.db.read() as session:
            rows, following = page_by(session, proxy_voting.forms_query(session, request.account_id, request.action_id),
                                      col(VotingFormRow.form_id), request.page_token, request.limit,
                                      lambda f: f.form_id)
            return broker_pb2.ListVotingFormsResponse(
                forms=[voting_form_message(proxy_voting.view(session, f)) for f in rows], next_page_token=following)

    @mutation
    def InstructVote(self, request: broker_pb2.VoteInstructionRequest, session: Session) -> broker_pb2.VotingForm:
        """A beneficial owner's instruction on one proposal, taken until the cutoff."""
        form = proxy_voting.instruct(session, self.clock.now(), request.account_id, request.proposal_id,
                                     request.choice, form_id=request.form_id, action_id=request.action_id)
        session.flush()
        return voting_form_message(proxy_voting.view(session, form))

    @mutation
    def SetStandingVotingInstruction(self, request: broker_pb2.StandingVotingInstructionRequest,
                                     session: Session) -> broker_pb2.StandingVotingInstruction:
        """An owner's standing instruction: do not vote its uninstructed shares in these symbols."""
        rows = proxy_voting.set_standing(session, self.clock.now(), request.account_id, list(request.symbols),
                                         request.do_not_vote, request.reason)
        return broker_pb2.StandingVotingInstruction(account_id=request.account_id, symbols=[r.symbol for r in rows],
                                                    do_not_vote=request.do_not_vote, reason=rows[0].reason,
                                                    set_at=to_ts(rows[0].at))

    @mutation
    def SetCreditLine(self, request: broker_pb2.SetCreditLineRequest, session: Session) -> broker_pb2.CreditLine:
        """Open, change or close (limit 0) an account's credit line (`credit`)."""
        now = self.clock.now()
        credit.set_line(session, now, request.account_id, request.limit, request.annual_rate)
        return credit_line_message(credit.view(session, request.account_id, now))

    @unary
    def GetCreditLine(self, request: broker_pb2.AccountRequest, context: Any) -> broker_pb2.CreditLine:
        now = self.clock.now()
        with self.db.read() as session:
            return credit_line_message(credit.view(session, request.account_id, now))

    @unary
    def FailBroker(self, request: broker_pb2.FailBrokerRequest, context: Any) -> broker_pb2.Liquidation:
        """The broker fails (once): its customers' books valued at this instant's prices, shared by
        the trustee and SIPC (`liquidation`); from here on every change is refused BROKER_FAILED."""
        prices = self.handlers.prices(self.clock.now(), failure.held_symbols)

        def fail(session: Session, prices: orders.PriceBook) -> broker_pb2.Liquidation:
            failure.fail(session, prices, prices.at, request.request_id, request.reason, request.shortfall)
            return liquidation_message(session, 0, "")

        return self.handlers.change_once("FailBroker", request, prices, fail)

    @unary
    def ResetPartner(self, request: broker_pb2.ResetPartnerRequest,
                     context: Any) -> broker_pb2.ResetPartnerResponse:
        """An operator's call (`fivelayer reset --partner KEY`): empty one partner's accounts
        (`partners.reset`); a partner's own key cannot reset another's."""
        if partners.from_metadata(self.db, context):
            raise DomainError(broker_reasons.Broker.PERMISSION_DENIED,
                              "a partner cannot reset partners: this is an operator's call")

        def reset(session: Session) -> broker_pb2.ResetPartnerResponse:
            done = partners.reset(session, self.clock.now(), request.partner_key, request.request_id)
            return broker_pb2.ResetPartnerResponse(
                partner_key=done.partner_key, closed_account_ids=done.closed, orders_canceled=done.orders_canceled,
                cash_returned=to_pb(done.cash_returned), firm_account_id=done.firm_account_id,
                firm_cash_adjustment=to_pb(done.firm_adjustment))

        return apply_once(self.db, "ResetPartner", request, reset)

    @unary
    def GetLiquidation(self, request: broker_pb2.LiquidationRequest, context: Any) -> broker_pb2.Liquidation:
        """The trustee's figures, customers paged by account id (not failed: failed is false)."""
        with self.db.read() as session:
            return liquidation_message(session, request.limit, request.page_token)

    @unary
    def GetVoteTally(self, request: broker_pb2.VoteTallyRequest, context: Any) -> broker_pb2.VoteTally:
        """Where each share's vote went in one meeting, per proposal and per form."""
        with self.db.read() as session:
            return vote_tally_message(proxy_voting.tally_of(session, request.action_id))
