"""Issuer rows as the messages of issuer.proto, where more than the gRPC face answers with them: a
redemption is also the stored response of its payout saga (`spv.pay_redemption`)."""
from __future__ import annotations

from fivelayer.issuer.models import RedemptionRow, RedemptionStatus
from fivelayer.kernel.money import to_pb
from fivelayer.kernel.statuses import by_name
from fivelayer.kernel.timeutil import to_ts
from fivelayer.v1 import issuer_pb2, statuses_pb2

REDEMPTION_STATUS_PB = by_name(RedemptionStatus, statuses_pb2.RedemptionStatus)


def redemption_message(r: RedemptionRow) -> issuer_pb2.Redemption:
    return issuer_pb2.Redemption(
        redemption_id=r.redemption_id, request_id=r.request_id, token=r.token, quantity=to_pb(r.quantity),
        holder_address=r.holder_address, payout_address=r.payout_address,
        status=REDEMPTION_STATUS_PB[RedemptionStatus(r.status)], burn_tx=r.burn_tx,
        hedge_order_id=r.hedge_order_id, sale_price=to_pb(r.sale_price), fee=to_pb(r.fee), payout=to_pb(r.payout),
        payout_tx=r.payout_tx, requested_at=to_ts(r.requested_at), paid_at=to_ts(r.paid_at) if r.paid_at else None)
