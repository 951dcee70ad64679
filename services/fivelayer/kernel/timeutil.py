"""UTC instants on the wire and on the command line, and durations like "1d2h"."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from google.protobuf import timestamp_pb2

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common

_DURATION = re.compile(r"(\d+)\s*(w|d|h|m|s)")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


def utc(value: datetime) -> datetime:
    """Attach or convert to UTC; naive datetimes are taken as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def to_ts(value: datetime) -> timestamp_pb2.Timestamp:
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(utc(value))
    return ts


def from_ts(ts: timestamp_pb2.Timestamp) -> datetime:
    return ts.ToDatetime(tzinfo=UTC)


def parse_instant(text: str) -> datetime:
    """Parse an ISO 8601 instant ("2026-11-20T21:00:00Z"); a bare date means 00:00 UTC."""
    try:
        return utc(datetime.fromisoformat(text.strip().replace("Z", "+00:00")))
    except ValueError:
        raise DomainError(Common.INVALID_ARGUMENT, f"not an ISO 8601 instant: {text!r}") from None


def parse_duration(text: str) -> timedelta:
    """Parse "1d", "2h30m", "90s", "1w"; the whole text must be units, and the total positive."""
    compact = text.replace(" ", "").lower()
    parts = _DURATION.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise DomainError(Common.INVALID_DURATION, f"not a duration: {text!r} (use e.g. 1d, 2h30m, 90s)")
    total = sum((timedelta(**{_UNITS[u]: int(n)}) for n, u in parts), timedelta())
    if total <= timedelta(0):
        raise DomainError(Common.INVALID_DURATION, f"duration must be positive: {text!r}")
    return total


def iso(value: datetime) -> str:
    """Canonical UTC text for events and reports."""
    return utc(value).isoformat().replace("+00:00", "Z")
