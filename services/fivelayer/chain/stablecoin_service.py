"""The Stablecoin gRPC face: the FUSD issuer, played by the chain service (it holds the faucet's key).

Requests are checked and read into domain values, the service layer (`chain.stablecoin_handlers`) called,
and its rows written back as messages.
"""
from __future__ import annotations

from typing import Any

from fivelayer.chain import stablecoin
from fivelayer.chain.service import tx_message
from fivelayer.chain.stablecoin_handlers import REDEMPTION_ADDRESS, Reserve, StablecoinIssuer
from fivelayer.chain.stablecoin_models import StablecoinRedemption, status_pb
from fivelayer.kernel.addresses import check_address, is_tx_hash
from fivelayer.kernel.errors import require
from fivelayer.kernel.money import STABLECOIN_PLACES, parse_amount, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.rpc import unary
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import chain_pb2, chain_pb2_grpc, common_pb2


def redemption_message(row: StablecoinRedemption) -> chain_pb2.StablecoinRedemption:
    message = chain_pb2.StablecoinRedemption(
        redemption_id=row.redemption_id, request_id=row.request_id, holder=row.holder, amount=to_pb(row.amount),
        beneficiary_account_id=row.beneficiary_account_id, status=status_pb(row),
        requested_at=to_ts(row.requested_at),
        value_date=row.value_date, burn_tx=row.burn_tx, reason=row.reason)
    if row.price is not None:
        message.price.CopyFrom(to_pb(row.price))
    if row.usd is not None:
        message.usd.CopyFrom(to_pb(row.usd))
    if row.pays_at is not None:
        message.pays_at.CopyFrom(to_ts(row.pays_at))
    if row.paid_at is not None:
        message.paid_at.CopyFrom(to_ts(row.paid_at))
    return message


def reserve_message(reserve: Reserve) -> chain_pb2.StablecoinReserve:
    conditions = reserve.conditions
    return chain_pb2.StablecoinReserve(
        supply=to_pb(reserve.supply), reserve_usd=to_pb(reserve.held), stuck_usd=to_pb(reserve.stuck),
        in_transit_usd=to_pb(reserve.in_transit), redemption_price=to_pb(conditions.price),
        redemptions_halted=conditions.halted, wire_delay=conditions.wire_delay, reason=conditions.reason,
        redemption_address=REDEMPTION_ADDRESS)


class StablecoinServicer(chain_pb2_grpc.StablecoinServicer):
    def __init__(self, issuer: StablecoinIssuer) -> None:
        self.issuer = issuer
        self.clock = issuer.clock   # each request at its one instant (`kernel.rpc.answer`)

    @unary
    def GetReserve(self, request: common_pb2.Empty, context: Any) -> chain_pb2.StablecoinReserve:
        return reserve_message(self.issuer.reserve())

    @unary
    def GetRedemption(self, request: chain_pb2.StablecoinRedemptionIdRequest,
                      context: Any) -> chain_pb2.StablecoinRedemption:
        return redemption_message(self.issuer.redemption(request.redemption_id))

    @unary
    def ListRedemptions(self, request: chain_pb2.ListStablecoinRedemptionsRequest,
                        context: Any) -> chain_pb2.ListStablecoinRedemptionsResponse:
        holder = check_address(request.holder, "holder") if request.holder else ""
        rows, following = self.issuer.redemptions(holder, request.limit, request.page_token)
        return chain_pb2.ListStablecoinRedemptionsResponse(redemptions=[redemption_message(r) for r in rows],
                                                           next_page_token=following)

    @unary
    def QuoteWire(self, request: chain_pb2.WireQuoteRequest, context: Any) -> chain_pb2.WireQuote:
        """When a wire asked at `at` (now if unset) would be sent: the wire delay in force, then Fedwire's rule."""
        quote = self.issuer.quote(from_ts(request.at) if request.HasField("at") else None)
        return chain_pb2.WireQuote(value_date=quote.value_date.isoformat(), pays_at=to_ts(quote.pays_at),
                                   rule=quote.rule)

    @unary
    def Issue(self, request: chain_pb2.IssueStablecoinRequest, context: Any) -> chain_pb2.Tx:
        """FUSD 1:1 for dollars received."""
        require(bool(request.request_id), Common.MISSING_REQUEST_ID, "Issue needs a request_id")
        to = check_address(request.to_address, "to_address")
        amount = parse_amount(request.amount.value, "amount", STABLECOIN_PLACES)
        return tx_message(self.issuer.issue(request.request_id, to, amount, request.wire_reference))

    @unary
    def Redeem(self, request: chain_pb2.StablecoinRedemptionRequest,
               context: Any) -> chain_pb2.StablecoinRedemption:
        require(bool(request.request_id), Common.MISSING_REQUEST_ID, "Redeem needs a request_id")
        require(is_tx_hash(request.tx_hash), Common.INVALID_ARGUMENT,
                f"tx_hash must be 0x followed by 64 hex characters, got {request.tx_hash!r}", field="tx_hash")
        require(bool(request.beneficiary_account_id), Common.INVALID_ARGUMENT, "a redemption names the broker account "
                "its wire credits", field="beneficiary_account_id")
        return redemption_message(self.issuer.redeem(request.request_id, request.tx_hash.lower(),
                                                     request.beneficiary_account_id))

    @unary
    def SetConditions(self, request: chain_pb2.SetStablecoinConditionsRequest,
                      context: Any) -> chain_pb2.StablecoinReserve:
        """The off-ramp's state: halting holds every wire not yet sent; reopening schedules them from now."""
        wanted = stablecoin.conditions(request.redemptions_halted, request.redemption_price.value,
                                       request.wire_delay, request.stuck_usd.value, request.reason)
        return reserve_message(self.issuer.set_conditions(request, request.request_id, wanted))
