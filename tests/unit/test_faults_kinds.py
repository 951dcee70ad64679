"""A fault kind is declared once: control's registry (`control/faults.py`, with the money leg's and the
perpetuals' declarations it takes in) and the kernel's catalogue (`kernel/faults.py`, which the CLI and the
network faults read) name the same kinds in the same order, and every list a reader shows comes from them."""
from __future__ import annotations

import subprocess
import sys

import pytest
from fivelayer.control import faults, money_faults, perp_faults
from fivelayer.kernel import netfaults
from fivelayer.kernel import perp_faults as perp_fault_names
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.faults import CATALOGUE, DOMAIN, FAMILIES, MONEY, NETWORK, PERPS, choices, inject_help, names
from fivelayer.v1 import common_pb2, control_pb2


def test_control_declares_each_kind_of_the_catalogue_once_in_its_order() -> None:
    assert list(faults.KINDS) == list(CATALOGUE)
    assert list(money_faults.KINDS) == list(names(MONEY))
    assert list(perp_faults.KINDS) == list(names(PERPS))
    assert netfaults.NETWORK_KINDS == names(NETWORK)
    assert faults.DOMAIN_KINDS == names(DOMAIN) + names(MONEY) + names(PERPS)
    assert set(FAMILIES) == {f.family for f in CATALOGUE.values()}
    assert faults.NOT_CLEARABLE == ("insolvency", "reorg", "broker-failure")
    assert all(faults.why_not_clearable(k) for k in faults.NOT_CLEARABLE)
    assert all(faults.KINDS[k].effect is None for k in names(NETWORK))      # the faulted service enforces them
    assert all(faults.KINDS[k].effect is not None for k in faults.DOMAIN_KINDS)
    assert list(perp_fault_names.HELP) == list(names(PERPS))


def test_the_cli_lists_every_kind_with_its_help_without_importing_control() -> None:
    text = inject_help()
    assert all(f"`{info.help}`" in text for info in CATALOGUE.values())
    assert all(name in choices() for name in CATALOGUE)
    probe = ("import sys; from fivelayer.cli import main; "
             "assert main.FAULT_INJECT_HELP == main.fault_kinds.inject_help(); "
             "print(sorted(m for m in sys.modules if m.startswith('fivelayer.control')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_an_unknown_kind_is_refused_naming_every_kind() -> None:
    with pytest.raises(DomainError) as caught:
        faults.validate(control_pb2.InjectFaultRequest(request_id="r", kind="nope"), lambda: "acct-000001")
    assert caught.value.reason == "UNKNOWN_FAULT" and caught.value.http_status == 400
    assert all(name in caught.value.message for name in CATALOGUE)


@pytest.mark.parametrize("kind", [k for k in CATALOGUE if k not in ("depeg",)])
def test_a_kind_that_takes_no_price_refuses_one_before_anything_else(kind: str) -> None:
    """Every kind's check starts from the same rule: a parameter the kind would ignore is refused."""
    request = control_pb2.InjectFaultRequest(request_id="r", kind=kind, price=common_pb2.Decimal(value="0.9"),
                                             service="broker", depth=1, token="AAPLx", participant_id="0555",
                                             symbol="AAPL", settlement_date="2026-11-20")
    with pytest.raises(DomainError) as caught:
        faults.validate(request, lambda: "acct-000001", lambda: [])
    assert caught.value.reason == "PARAMETER_NOT_USED", (kind, caught.value)


def test_each_network_kind_does_its_own_thing_to_a_request_it_hits() -> None:
    """kernel/netfaults.py: latency waits, error and outage refuse (the first refusal wins), lost-reply
    drops the answer, rate-limit refuses past its limit a window."""
    table = netfaults.FaultTable(wall=lambda: 100.0)
    table.apply([common_pb2.NetworkFault(fault_id="flt-1", kind="latency", latency_ms=250),
                 common_pb2.NetworkFault(fault_id="flt-2", kind="error", grpc_code="NOT_FOUND", http_status=404),
                 common_pb2.NetworkFault(fault_id="flt-3", kind="outage"),
                 common_pb2.NetworkFault(fault_id="flt-4", kind="lost-reply", method="Mint")])
    outcome = table.decide("grpc", "", "Buy")
    assert outcome.delay == 0.25 and outcome.refuse == "error" and outcome.http_status == 404
    assert outcome.grpc_code.name == "NOT_FOUND" and not outcome.drop_reply and "flt-2" in outcome.message
    assert table.decide("rest", "", "Mint").drop_reply
    limited = netfaults.FaultTable(wall=lambda: 100.0)
    limited.apply([common_pb2.NetworkFault(fault_id="flt-5", kind="rate-limit", limit=2, window_seconds=60)])
    first, second, third = (limited.decide("grpc", "", "Buy") for _ in range(3))
    assert not first.refuse and first.headers["X-RateLimit-Remaining"] == "1" and not second.refuse
    assert third.refuse == "rate-limit" and third.http_status == 429 and "Retry-After" in third.headers
    assert [h.hits for h in limited.hits()] == [1]
