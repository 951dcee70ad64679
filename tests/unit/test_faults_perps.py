"""The perpetuals' faults: each kind's parameters checked with a reason that names what is wrong, the
market named by its symbol or its underlying, a market's conditions changed one at a time (a halt and a
stale oracle stand together and end apart; a split's halt is not the fault's to end), every market set
on its own, and a stored fault read back as it was injected."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from fivelayer.control import faults, perp_faults, ports
from fivelayer.control.marketdata import MarketData
from fivelayer.control.models import FaultRow
from fivelayer.kernel import perp_faults as perp_fault_names
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import from_pb, to_pb
from fivelayer.kernel.reasons import Common
from fivelayer.v1 import common_pb2, control_pb2, perpetuals_pb2

NOW = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)
UNDERLYINGS = ("AAPL", "NVDA", "TSLA", "SPY")


def market(underlying: str, **conditions: Any) -> perpetuals_pb2.PerpMarket:
    return perpetuals_pb2.PerpMarket(symbol=f"{underlying}-PERP", underlying=underlying,
                                     oracle_jump=to_pb(Decimal(0)), **conditions)


@dataclass
class FakePerpetuals:
    """The exchange's perps: SetPerpConditions replaces all three conditions of the market(s), as the real one does."""

    markets: dict[str, perpetuals_pb2.PerpMarket] = field(default_factory=lambda: {
        f"{u}-PERP": market(u) for u in UNDERLYINGS})
    calls: list[perpetuals_pb2.SetPerpConditionsRequest] = field(default_factory=list)

    def ListPerpMarkets(self, r: perpetuals_pb2.ListPerpMarketsRequest, /) -> perpetuals_pb2.ListPerpMarketsResponse:
        return perpetuals_pb2.ListPerpMarketsResponse(markets=list(self.markets.values()))

    def GetPerpMarket(self, r: perpetuals_pb2.PerpMarketRequest, /) -> perpetuals_pb2.PerpMarket:
        return self.markets[r.symbol]

    def SetPerpConditions(self, r: perpetuals_pb2.SetPerpConditionsRequest, /
                          ) -> perpetuals_pb2.ListPerpMarketsResponse:
        self.calls.append(r)
        for symbol in [r.symbol] if r.symbol else list(self.markets):
            m = self.markets[symbol]
            m.halted, m.halt_reason, m.oracle_stale = r.halted, r.halt_reason, r.oracle_stale
            m.oracle_jump.CopyFrom(r.oracle_jump)
        return self.ListPerpMarkets(perpetuals_pb2.ListPerpMarketsRequest())

    def conditions(self, symbol: str) -> tuple[bool, str, bool, str]:
        m = self.markets[symbol]
        return m.halted, m.halt_reason, m.oracle_stale, str(from_pb(m.oracle_jump))


@dataclass
class Clients:
    perpetuals: FakePerpetuals = field(default_factory=FakePerpetuals)

    def ports(self) -> ports.Clients:
        return cast(ports.Clients, self)


def inject(kind: str, perps: FakePerpetuals | None = None, **fields: Any) -> faults.Target:
    for name in ("price", "amount", "fraction"):
        if name in fields:
            fields[name] = common_pb2.Decimal(value=fields[name])
    book = perps or FakePerpetuals()
    return faults.validate(control_pb2.InjectFaultRequest(request_id="r", kind=kind, **fields), lambda: "acct-000001",
                           lambda: list(book.markets.values()))


def refused(kind: str, **fields: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        inject(kind, **fields)
    return caught.value


def refused_by(perps: FakePerpetuals, kind: str, **fields: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        inject(kind, perps, **fields)
    return caught.value


def switch(clients: Clients, target: faults.Target, on: bool = True, key: str = "fault:flt-000001:apply") -> None:
    faults.switch(target, on, key, clients.ports(), MarketData(1), NOW)


def test_the_perp_kinds_are_domain_faults_and_all_clearable() -> None:
    assert set(perp_faults.KINDS) == {"halt-perps", "oracle-stale", "oracle-jump"}
    for kind in perp_faults.KINDS:
        assert kind in faults.DOMAIN_KINDS and kind in faults.KINDS
        assert kind not in faults.NOT_CLEARABLE
    assert all(k in perp_fault_names.OPTION_HELP["symbol"] for k in perp_faults.KINDS)
    # the CLI's names and help lines (kernel reference data) are control's kinds, each its own line
    assert list(perp_fault_names.HELP) == list(perp_faults.KINDS)
    assert all(perp_faults.KINDS[k].help == line for k, line in perp_fault_names.HELP.items())


def test_a_market_is_named_by_its_symbol_or_its_underlying_or_not_at_all() -> None:
    assert inject("halt-perps", symbol="AAPL-PERP").perp == perp_faults.PerpParams(symbol="AAPL-PERP")
    assert inject("halt-perps", symbol="aapl").symbol == "AAPL-PERP"
    assert inject("oracle-stale", symbol=" nvda-perp ").perp.symbol == "NVDA-PERP"
    assert inject("oracle-stale").perp == perp_faults.PerpParams()   # every market
    error = refused("halt-perps", symbol="MSFT")
    assert error.reason == "UNKNOWN_SYMBOL" and "MSFT" in error.message and "AAPL-PERP" in error.message
    none = FakePerpetuals(markets={})
    error = refused_by(none, "oracle-stale", symbol="AAPL")
    assert error.message == "no perpetual market 'AAPL' at the exchange; it runs none"


def test_no_market_is_asked_for_when_none_is_named() -> None:
    def away() -> list[perpetuals_pb2.PerpMarket]:
        raise AssertionError("the exchange was asked")
    request = control_pb2.InjectFaultRequest(request_id="r", kind="halt-perps")
    assert faults.validate(request, lambda: "acct-000001", away).perp.symbol == ""


def test_oracle_jump_takes_a_fraction_between_minus_nine_tenths_and_nine_not_zero() -> None:
    target = inject("oracle-jump", symbol="TSLA", fraction="-0.20")
    assert target.perp == perp_faults.PerpParams(symbol="TSLA-PERP", fraction="-0.2")
    assert target.description() == "a bad print moves the oracle of TSLA-PERP by -20%"
    assert inject("oracle-jump", fraction="9").description() == (
        "a bad print moves the oracle of every perp market by +900%")
    assert inject("oracle-jump", fraction="-0.9").perp.fraction == "-0.9"
    missing = refused("oracle-jump")
    assert missing.reason == "MISSING_FAULT_PARAMETER" and "--fraction" in missing.message
    for fraction in ("0", "-0.91", "9.5", "-1", "a fifth", "NaN", "Infinity", "0.0000001"):
        error = refused("oracle-jump", fraction=fraction)
        assert error.reason == "INVALID_FRACTION" and "--fraction" in error.message, fraction


def test_a_parameter_the_kind_does_not_take_is_refused() -> None:
    for kind, fields in (("halt-perps", {"fraction": "0.1"}), ("oracle-stale", {"price": "0.9"}),
                         ("oracle-jump", {"fraction": "0.1", "delay": "1d"}), ("halt-perps", {"amount": "5"})):
        assert refused(kind, **fields).reason == "PARAMETER_NOT_USED", kind
    assert refused("halt-perps", fraction="0.1").message == "halt-perps takes no --fraction (it takes --symbol)"
    assert "(it takes --symbol, --fraction)" in refused("oracle-jump", fraction="0.1", delay="1d").message


def test_the_descriptions_say_what_the_market_does() -> None:
    assert inject("halt-perps", symbol="SPY").description() == (
        "the exchange halts SPY-PERP: no orders, no funding, no liquidations")
    assert inject("oracle-stale").description() == (
        "the oracle feed of every perp market stops: oracle and mark hold while the stock moves")


def test_a_halt_and_a_stale_oracle_stand_together_and_end_apart() -> None:
    clients = Clients()
    perps = clients.perpetuals
    halt, stale = inject("halt-perps", symbol="AAPL"), inject("oracle-stale", symbol="AAPL-PERP")
    jump = inject("oracle-jump", symbol="AAPL", fraction="-0.2")
    switch(clients, halt)
    assert perps.conditions("AAPL-PERP") == (True, "fault: halt-perps", False, "0")
    switch(clients, stale, key="fault:flt-000002:apply")
    switch(clients, jump, key="fault:flt-000003:apply")
    assert perps.conditions("AAPL-PERP") == (True, "fault: halt-perps", True, "-0.2")
    switch(clients, halt, on=False, key="fault:flt-000001:clear")
    assert perps.conditions("AAPL-PERP") == (False, "", True, "-0.2")
    switch(clients, jump, on=False, key="fault:flt-000003:clear")
    switch(clients, stale, on=False, key="fault:flt-000002:clear")
    assert perps.conditions("AAPL-PERP") == (False, "", False, "0")
    assert perps.conditions("NVDA-PERP") == (False, "", False, "0")   # no other market touched
    assert [c.request_id for c in perps.calls] == [
        "fault:flt-000001:apply:AAPL-PERP", "fault:flt-000002:apply:AAPL-PERP", "fault:flt-000003:apply:AAPL-PERP",
        "fault:flt-000001:clear:AAPL-PERP", "fault:flt-000003:clear:AAPL-PERP", "fault:flt-000002:clear:AAPL-PERP"]


def test_every_market_is_set_on_its_own_and_a_splits_halt_is_not_the_faults_to_end() -> None:
    clients = Clients()
    perps = clients.perpetuals
    perps.markets["NVDA-PERP"] = market("NVDA", halted=True, halt_reason="split ca-000003")
    perps.markets["TSLA-PERP"].oracle_stale = True
    halt = inject("halt-perps", perps)
    switch(clients, halt)
    assert all(c.symbol for c in perps.calls) and len(perps.calls) == 4   # one market at a time
    assert perps.conditions("TSLA-PERP") == (True, "fault: halt-perps", True, "0")   # its stale oracle kept
    assert perps.conditions("NVDA-PERP") == (True, "split ca-000003", False, "0")   # halted already, by the split
    switch(clients, halt, on=False, key="fault:flt-000001:clear")
    assert perps.conditions("TSLA-PERP") == (False, "", True, "0")
    assert perps.conditions("AAPL-PERP") == (False, "", False, "0")
    assert perps.conditions("NVDA-PERP") == (True, "split ca-000003", False, "0")   # the split's halt stays


def test_a_stored_perp_fault_reads_back_as_injected() -> None:
    target = inject("oracle-jump", symbol="AAPL", fraction="0.5", reason="a fat finger")
    row = FaultRow(fault_id="flt-000003", kind="oracle-jump", description=target.description(), reason=target.reason,
                   injected_at=NOW, symbol=target.symbol, fraction=target.perp.fraction)
    assert faults.target_of(row) == target
    fault = faults.message(row)
    assert (fault.symbol, fault.fraction.value) == ("AAPL-PERP", "0.5")
    everywhere = FaultRow(fault_id="flt-000004", kind="halt-perps", injected_at=NOW,
                          reason="fault injected: halt-perps")
    assert faults.target_of(everywhere) == inject("halt-perps")


def test_an_exchange_that_serves_no_perpetuals_refuses_the_fault_in_words() -> None:
    class Unserved(FakePerpetuals):
        def ListPerpMarkets(self, r: perpetuals_pb2.ListPerpMarketsRequest, /
                            ) -> perpetuals_pb2.ListPerpMarketsResponse:
            raise DomainError(Common.UNIMPLEMENTED, "StatusCode.UNIMPLEMENTED: Method not found!")
    clients = Clients(perpetuals=Unserved())
    with pytest.raises(DomainError) as caught:
        switch(clients, inject("oracle-stale"))
    assert caught.value.reason == "UNIMPLEMENTED" and "serves no perpetuals" in caught.value.message
