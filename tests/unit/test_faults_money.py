"""The money leg's faults: each kind's parameters checked with a reason that names what is wrong, the
stablecoin's conditions changed one at a time (a halt and a de-peg stand together and end apart), a
broker failure made once and never undone, and a stored fault read back as it was injected."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from fivelayer.control import faults, money_faults, ports
from fivelayer.control.marketdata import MarketData
from fivelayer.control.models import FaultRow
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.v1 import broker_pb2, chain_pb2, common_pb2, control_pb2

NOW = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)


def inject(kind: str, **fields: Any) -> faults.Target:
    for name in ("price", "amount", "fraction"):
        if name in fields:
            fields[name] = common_pb2.Decimal(value=fields[name])
    return faults.validate(control_pb2.InjectFaultRequest(request_id="r", kind=kind, **fields), lambda: "acct-000001")


def refused(kind: str, **fields: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        inject(kind, **fields)
    return caught.value


@dataclass
class FakeStablecoin:
    """The stablecoin's issuer: SetConditions replaces every condition at once, as the real one does."""

    reserve: chain_pb2.StablecoinReserve = field(default_factory=lambda: chain_pb2.StablecoinReserve(
        redemption_price=to_pb(Decimal(1)), stuck_usd=to_pb(Decimal(0))))
    calls: list[chain_pb2.SetStablecoinConditionsRequest] = field(default_factory=list)

    def GetReserve(self, r: common_pb2.Empty, /) -> chain_pb2.StablecoinReserve:
        return self.reserve

    def SetConditions(self, r: chain_pb2.SetStablecoinConditionsRequest, /) -> chain_pb2.StablecoinReserve:
        self.calls.append(r)
        self.reserve = chain_pb2.StablecoinReserve(
            redemptions_halted=r.redemptions_halted, redemption_price=r.redemption_price, stuck_usd=r.stuck_usd,
            wire_delay=r.wire_delay, reason=r.reason)
        return self.reserve


@dataclass
class FakeBroker:
    calls: list[broker_pb2.FailBrokerRequest] = field(default_factory=list)

    def FailBroker(self, r: broker_pb2.FailBrokerRequest, /) -> broker_pb2.Liquidation:
        self.calls.append(r)
        return broker_pb2.Liquidation(failed=True, shortfall=r.shortfall)


@dataclass
class Clients:
    stablecoin: FakeStablecoin = field(default_factory=FakeStablecoin)
    broker: FakeBroker = field(default_factory=FakeBroker)

    def ports(self) -> ports.Clients:
        return cast(ports.Clients, self)


def switch(clients: Clients, target: faults.Target, on: bool = True, key: str = "fault:flt-000001:apply") -> None:
    faults.switch(target, on, key, clients.ports(), MarketData(1), NOW)


def conditions(clients: Clients) -> tuple[bool, str, str, str]:
    r = clients.stablecoin.reserve
    return r.redemptions_halted, str(from_pb(r.redemption_price, Decimal(1))), str(from_pb(r.stuck_usd)), r.wire_delay


def test_the_new_kinds_are_domain_faults_and_only_the_broker_failure_is_final() -> None:
    for kind in ("offramp-halt", "depeg", "wire-delay", "broker-failure"):
        assert kind in faults.DOMAIN_KINDS
    assert "broker-failure" in faults.NOT_CLEARABLE
    assert not {"offramp-halt", "depeg", "wire-delay"} & set(faults.NOT_CLEARABLE)


def test_depeg_takes_a_price_below_par_and_or_a_stuck_amount() -> None:
    target = inject("depeg", price="0.880", amount="3300000.00")
    assert target.money == money_faults.MoneyParams(price="0.88", amount="3300000")
    assert target.description() == ("the stablecoin's issuer redeems FUSD at $0.88 and has $3300000 of its reserve "
                                     "stuck at a failed bank")
    assert inject("depeg", price="0.9").money.amount == ""
    assert inject("depeg", amount="100").money.price == ""
    missing = refused("depeg")
    assert missing.reason == "MISSING_FAULT_PARAMETER" and "--price" in missing.message
    for price in ("1", "1.2", "0", "-0.5", "abc", "NaN", "0.1234567"):
        error = refused("depeg", price=price)
        assert error.reason == "INVALID_PRICE" and "--price" in error.message, price
    for amount in ("0", "-5", "ten", "1.001", "Infinity"):
        error = refused("depeg", amount=amount)
        assert error.reason == "INVALID_STUCK_AMOUNT" and "--stuck" in error.message, amount


def test_wire_delay_takes_a_positive_duration() -> None:
    assert inject("wire-delay", delay="36H").money == money_faults.MoneyParams(delay="36h")
    assert inject("wire-delay", delay="2d").description() == "every wire the stablecoin's issuer sends is 2d late"
    assert refused("wire-delay").reason == "MISSING_FAULT_PARAMETER"
    for delay in ("soon", "0h", "-1d", "1x"):
        error = refused("wire-delay", delay=delay)
        assert error.reason == "INVALID_DELAY" and "--delay" in error.message, delay


def test_broker_failure_takes_a_fraction_of_property_missing() -> None:
    assert inject("broker-failure", fraction="0.20").money.fraction == "0.2"
    assert inject("broker-failure").money.fraction == "0"  # a failure with its customers' property whole
    assert inject("broker-failure", fraction="0.2").description() == (
        "the broker fails (SIPC liquidation) with 20% of customer property missing")
    for fraction in ("1", "1.5", "-0.1", "a fifth", "0.0000001"):
        error = refused("broker-failure", fraction=fraction)
        assert error.reason == "INVALID_FRACTION" and "--fraction" in error.message, fraction


def test_a_parameter_the_kind_does_not_take_is_refused() -> None:
    for kind, fields in (("offramp-halt", {"price": "0.9"}), ("wire-delay", {"fraction": "0.1"}),
                         ("depeg", {"delay": "1d"}), ("halt-mint", {"amount": "5"}),
                         ("broker-failure", {"price": "0.5"})):
        error = refused(kind, **fields)
        assert error.reason == "PARAMETER_NOT_USED", kind
    assert "offramp-halt takes no --price" in refused("offramp-halt", price="0.9").message
    assert "(it takes --price, --stuck)" in refused("depeg", delay="1d").message


def test_a_halt_and_a_depeg_stand_together_and_end_apart() -> None:
    clients = Clients()
    halt, depeg = inject("offramp-halt", reason="the reserve bank failed"), inject("depeg", price="0.88", amount="1000")
    switch(clients, halt)
    assert conditions(clients) == (True, "1", "0", "")
    assert clients.stablecoin.calls[-1].reason == "the reserve bank failed"
    switch(clients, depeg, key="fault:flt-000002:apply")
    assert conditions(clients) == (True, "0.88", "1000", "")  # the halt stands
    switch(clients, halt, on=False, key="fault:flt-000001:clear")
    assert conditions(clients) == (False, "0.88", "1000", "")  # reopened, at the discount
    assert clients.stablecoin.calls[-1].reason  # still de-pegged: the reason stays
    switch(clients, depeg, on=False, key="fault:flt-000002:clear")
    assert conditions(clients) == (False, "1", "0", "")
    assert clients.stablecoin.calls[-1].reason == ""  # all normal again
    assert [c.request_id for c in clients.stablecoin.calls] == [
        "fault:flt-000001:apply", "fault:flt-000002:apply", "fault:flt-000001:clear", "fault:flt-000002:clear"]


def test_a_depeg_of_the_price_alone_keeps_what_is_stuck_and_a_wire_delay_keeps_the_price() -> None:
    clients = Clients()
    switch(clients, inject("depeg", amount="500"))
    switch(clients, inject("depeg", price="0.95"))
    assert conditions(clients) == (False, "0.95", "500", "")
    switch(clients, inject("wire-delay", delay="36h"))
    assert conditions(clients) == (False, "0.95", "500", "36h")
    switch(clients, inject("wire-delay", delay="36h"), on=False)
    assert conditions(clients) == (False, "0.95", "500", "")


def test_a_broker_failure_is_made_once_and_never_undone() -> None:
    clients = Clients()
    target = inject("broker-failure", fraction="0.2", reason="drill: the broker fails")
    switch(clients, target)
    assert clients.broker.calls == [broker_pb2.FailBrokerRequest(
        request_id="fault:flt-000001:apply", reason="drill: the broker fails", shortfall=to_pb(Decimal("0.2")))]
    with pytest.raises(DomainError) as caught:
        switch(clients, target, on=False)
    assert caught.value.reason == "FAULT_NOT_CLEARABLE" and "SIPC liquidation" in caught.value.message
    assert len(clients.broker.calls) == 1


def test_a_stored_money_fault_reads_back_as_injected() -> None:
    target = inject("depeg", price="0.88", amount="2500")
    row = FaultRow(fault_id="flt-000003", kind="depeg", description=target.description(), reason=target.reason,
                   injected_at=NOW, price=target.money.price, amount=target.money.amount)
    assert faults.target_of(row) == target
    fault = faults.message(row)
    assert (fault.price.value, fault.amount.value, fault.fraction.value, fault.delay) == ("0.88", "2500", "", "")
    delayed = FaultRow(fault_id="flt-000004", kind="wire-delay", injected_at=NOW, delay="1d")
    assert faults.message(delayed).delay == "1d"
    assert faults.target_of(delayed).money == money_faults.MoneyParams(delay="1d")


# --- the drills' schedules and arithmetic ---------------------------------------------------------

def test_the_money_drills_schedule_their_faults_with_parameters() -> None:
    from fivelayer.control.drills import money_drills as m
    from fivelayer.control.drills.scenarios import DRILLS  # the registry first: it imports money_drills
    depeg, broker = DRILLS["stablecoin-depeg"], DRILLS["broker-insolvency"]
    halt, discount = (f.request(f"drill:x:fault:{n}") for n, f in enumerate(depeg.faults))
    # Fri 11:00 to Mon 9:00
    assert (halt.kind, halt.for_duration, halt.HasField("price")) == ("offramp-halt", "252000s", False)
    assert (discount.kind, discount.price.value, discount.amount.value) == ("depeg", "0.88", "10000")
    assert discount.for_duration == f"{int((m.PAR_AGAIN - m.BANK_FAILS).total_seconds())}s"
    [fail] = [f.request("r") for f in broker.faults]
    assert (fail.kind, fail.fraction.value, fail.for_duration) == ("broker-failure", "0.2", "")
    for request in (halt, discount, fail):  # each passes control's own checks
        faults.validate(request, lambda: "acct-000001")
    assert m.BANK_FAILS.weekday() == 4 and m.REOPENS.weekday() == 0 and m.PAR_AGAIN.weekday() == 1


def test_a_depeg_leaves_the_redeemer_short_by_the_discount() -> None:
    from fivelayer.control.drills.money_drills import discount_shortfall
    from fivelayer.control.drills.scenarios import DRILLS  # noqa: F401
    assert discount_shortfall([(Decimal(100_000), Decimal("88000.00")), (Decimal("10.5"), Decimal("9.24"))]) == \
        Decimal("12001.26")
    assert discount_shortfall([]) == 0


def test_the_spvs_recovery_is_spread_over_its_holders_ahead_of_the_sponsor() -> None:
    from fivelayer.control.drills.money_drills import spread_recovery
    from fivelayer.control.drills.scenarios import DRILLS  # noqa: F401
    claims = {"ada": Decimal("1000.00"), "bo": Decimal("3000.00")}
    assert spread_recovery(claims, Decimal(3000)) == (Decimal("0.75"), {"ada": Decimal("750.00"),
                                                                         "bo": Decimal("2250.00")})
    assert spread_recovery(claims, Decimal(1_000_000)) == (Decimal(1), claims)  # the rest is the sponsor's
    rate, paid = spread_recovery({"a": Decimal("1.00"), "b": Decimal("2.00")}, Decimal(1))
    assert rate == Decimal("0.333333") and paid == {"a": Decimal("0.33"), "b": Decimal("0.66")}  # down to the cent
    assert spread_recovery({}, Decimal(5))[1] == {}
