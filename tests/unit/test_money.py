"""Decimal parsing, validation and rounding."""
import threading
from decimal import Decimal, getcontext

import pytest
from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.money import fmt, parse_amount, round_down, round_up


@pytest.mark.parametrize("raw, reason", [
    ("", "INVALID_AMOUNT"), ("abc", "INVALID_AMOUNT"), ("0", "INVALID_AMOUNT"), ("-1", "INVALID_AMOUNT"),
    ("NaN", "INVALID_AMOUNT"), ("Infinity", "INVALID_AMOUNT"), ("1.0000000001", "TOO_MANY_DECIMALS"),
    ("1000000000000000000", "INVALID_AMOUNT"), ("12345678901234567890.123456", "INVALID_AMOUNT"),
])
def test_bad_amounts_are_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_amount(raw, "quantity", 9)
    assert caught.value.reason == reason


def test_good_amounts_are_exact() -> None:
    assert parse_amount("0.000000001", "quantity", 9) == Decimal("0.000000001")
    assert parse_amount("1.50", "amount", 2) == Decimal("1.5")
    assert parse_amount("0", "amount", 2, allow_zero=True) == 0


def test_rounding_never_favours_the_rounded_party() -> None:
    assert round_up(Decimal("10.001"), 2) == Decimal("10.01")
    assert round_down(Decimal("10.009"), 2) == Decimal("10.00")
    assert round_up(Decimal("0.1") + Decimal("0.2"), 6) == Decimal("0.300000")


def test_fmt_is_canonical() -> None:
    assert fmt(Decimal("1.500")) == "1.5"
    assert fmt(Decimal("1E+3")) == "1000"
    assert fmt(Decimal("0.00")) == "0"


def test_every_thread_computes_with_fifty_digits() -> None:
    """Requests are answered on pool threads; a decimal context is per thread (found by REST fuzzing: a
    29-digit share quantity raised InvalidOperation in a request thread, at the default 28 digits)."""
    seen: list[object] = []

    def work() -> None:
        seen.append(getcontext().prec)
        tokens = parse_amount("999999999999999999.999999999", "quantity", 9)
        seen.append((tokens * 1000).quantize(Decimal("1e-9")))  # shares at a multiplier of 1000: 30 digits

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen == [50, Decimal("999999999999999999999.999999000")]
