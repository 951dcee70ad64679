"""Every REST face, fuzzed: schemathesis generates requests from each service's published OpenAPI document.

One sandbox; for each of the six services, every operation is called with generated bodies, valid ones
(positive) and invalid ones (negative: wrong types, unknown fields, values outside the schema, bodies that
are not JSON objects), and every response is checked: no server error, a documented status code and content
type, a body that matches the published schema, invalid input refused with a 4xx. Positive cases often name
ids of a small world made first (a user, an account, tokens, addresses) so they reach past "unknown user";
Clock.Set and Clock.Advance are kept within two days of the sandbox's time. The run is bounded and
derandomized (the same cases every time); the cases tried per service are printed (`pytest -s`), and a
failure lists each distinct problem once with a curl command that replays it.

Schemathesis 4.x, its Python API: schemathesis.openapi.from_dict, APIOperation.as_strategy(generation_mode=...)
under hypothesis' @given, Case.call and Case.validate_response(checks=[schemathesis.checks....]).
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from fivelayer.kernel.config import SERVICES
from fivelayer.kernel.rest import INSTANT_PATTERN
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.result import Err, Ok
from schemathesis.errors import FailureGroup

from .conftest import start_sandbox

pytestmark = pytest.mark.e2e

START = "2026-11-20T22:00:00Z"
# cases per operation and per mode (positive, negative); FIVELAYER_FUZZ_EXAMPLES=200 for a longer hunt, and
# FIVELAYER_FUZZ_SEED=<n> to draw other cases than the fixed (derandomized) ones
MAX_EXAMPLES = int(os.environ.get("FIVELAYER_FUZZ_EXAMPLES", "10"))
SEED = os.environ.get("FIVELAYER_FUZZ_SEED")
HORIZON = timedelta(days=2)   # how far a fuzzed Clock.Set or Clock.Advance may move the sandbox clock
MAX_SPEED = 60                # and how fast a fuzzed realtime clock may run
# no 5xx; a documented status and content type; a body as the schema says; invalid input refused (4xx)
CHECKS = [schemathesis.checks.not_a_server_error, schemathesis.checks.status_code_conformance,
          schemathesis.checks.content_type_conformance, schemathesis.checks.response_schema_conformance,
          schemathesis.checks.negative_data_rejection]
# this file's settings, not a schemathesis.toml found on the way; examples shown as sent ("token" is a token
# symbol here, not a secret to mask)
CONFIG = schemathesis.Config.from_dict({"output": {"sanitization": {"enabled": False}}})
# control last: its clock operations move the sandbox's time, which the others' cases do not need
ORDER = [s for s in SERVICES if s != "control"] + ["control"]
CLOCK_MOVES = {"/v1/Clock/Set", "/v1/Clock/Advance"}


@dataclass
class Finding:
    operation: str
    title: str
    status: int
    example: str
    count: int = 1


@dataclass
class Tally:
    service: str
    cases: int = 0
    failed_cases: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    answers: Counter[tuple[str, int]] = field(default_factory=Counter)   # (operation, status): how often
    findings: dict[tuple[str, str, int], Finding] = field(default_factory=dict)

    def add(self, operation: str, title: str, status: int, example: str) -> None:
        key = (operation, title, status)
        if key in self.findings:
            self.findings[key].count += 1
        else:
            self.findings[key] = Finding(operation, title, status, example)

    def line(self) -> str:
        answers = ", ".join(f"{status}: {n}" for status, n in sorted(self.statuses.items()))
        return f"rest fuzz: {self.service} {self.cases} cases, {self.failed_cases} failures ({answers})"


def _instant(text: object) -> datetime | None:
    """An instant the clock would read (as the REST face's pattern has it), in UTC; None for anything else."""
    if not isinstance(text, str) or not re.fullmatch(INSTANT_PATTERN, text):
        return None
    try:
        value = datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
        return value.astimezone(UTC)
    except OverflowError:  # within a day of year 1 or year 9999
        return datetime.max.replace(tzinfo=UTC) if text[:4] > "5000" else None
    except ValueError:  # e.g. 23:59:60, or the 31st of a 30-day month
        return None


def _duration(text: object) -> timedelta | None:
    if not isinstance(text, str):
        return None
    parts = re.findall(r"(\d+)\s*([wdhms])", text.replace(" ", "").lower())
    units = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes", "s": "seconds"}
    try:
        return sum((timedelta(**{units[u]: int(n)}) for n, u in parts), timedelta())
    except (OverflowError, ValueError):
        return timedelta.max


def tame_clock(now: Callable[[], datetime]) -> Callable[[Any], Any]:
    """Keep a fuzzed Clock.Set or Clock.Advance within HORIZON of the sandbox's time (and a realtime clock
    at most MAX_SPEED fast), so a generated year-9999 instant does not run ten thousand years of jobs.
    Only values the clock would accept are changed, so a negative case stays negative."""
    def tame(case: Any) -> Any:
        body = case.body
        if not isinstance(body, dict):
            return case
        limit = now() + HORIZON
        for name in ("at", "to"):
            instant = _instant(body.get(name))
            if instant is not None and instant > limit:
                body[name] = (limit - timedelta(hours=1)).isoformat().replace("+00:00", "Z")
        span = _duration(body.get("by"))
        if span is not None and span > HORIZON:
            body["by"] = "1h"
        speed = body.get("speed")
        if isinstance(speed, str):
            try:
                if float(speed) > MAX_SPEED:
                    body["speed"] = str(MAX_SPEED)
            except ValueError:
                pass
        return case
    return tame


def _clock_now(base: str) -> Callable[[], datetime]:
    def now() -> datetime:
        reply = requests.post(f"{base}/v1/Clock/Now", json={}, timeout=30)
        return datetime.fromisoformat(reply.json()["now"].replace("Z", "+00:00"))
    return now


def _post(base: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    reply = requests.post(f"{base}{path}", json=body, timeout=60)
    assert reply.status_code == 200, (path, body, reply.status_code, reply.text)
    result: dict[str, Any] = reply.json()
    return result


def known_values(rest: Callable[[str], str]) -> dict[str, list[str]]:
    """A small world made through the REST faces (a user who bought a token, a funded broker account
    with an order), and the ids and names it has, by field name: a positive case often names one of these
    instead of a random string, so it reaches past "unknown user" into the services' logic."""
    exchange, broker = rest("exchange"), rest("broker")
    user = _post(exchange, "/v1/Exchange/CreateUser", {"request_id": "fuzz-user", "name": "fuzz"})
    _post(exchange, "/v1/Exchange/Deposit", {"request_id": "fuzz-dep", "user_id": user["user_id"], "amount": "5000"})
    order = _post(exchange, "/v1/Exchange/Buy", {"request_id": "fuzz-buy", "user_id": user["user_id"],
                                                 "token": "AAPLx", "quantity": "2"})
    account = _post(broker, "/v1/Broker/CreateAccount", {"request_id": "fuzz-acct", "name": "fuzz",
                                                         "kind": "individual"})
    _post(broker, "/v1/Broker/FundAccount", {"request_id": "fuzz-fund", "account_id": account["account_id"],
                                             "amount": "100000"})
    placed = _post(broker, "/v1/Broker/PlaceOrder", {"request_id": "fuzz-order", "account_id": account["account_id"],
                                                     "api_key": account["api_key"], "symbol": "AAPL",
                                                     "side": "BUY", "quantity": "3"})
    perp = _post(exchange, "/v1/Perpetuals/PlacePerpOrder", {"request_id": "fuzz-perp", "user_id": user["user_id"],
                                                             "symbol": "AAPL-PERP", "side": "PERP_SIDE_BUY",
                                                             "type": "PERP_ORDER_TYPE_MARKET", "size": "1",
                                                             "leverage": 5})
    tokens = _post(rest("chain"), "/v1/Chain/ListTokens", {})["tokens"]
    participants = _post(rest("depository"), "/v1/Depository/ListParticipants", {})["participants"]
    mints = _post(rest("issuer"), "/v1/Issuer/ListMints", {})["mints"]
    drills = _post(rest("control"), "/v1/Drills/ListDrills", {})["drills"]
    addresses = sorted({user["deposit_address"], *(t["owner"] for t in tokens), *(t["minter"] for t in tokens)})
    symbols = [t["symbol"] for t in tokens] + [t["underlying"] for t in tokens if t["underlying"]] + ["AAPL-PERP"]
    known = {
        "user_id": [user["user_id"]], "account_id": [account["account_id"]], "api_key": [account["api_key"]],
        "token": [t["symbol"] for t in tokens], "asset": [t["symbol"] for t in tokens], "symbol": symbols,
        "participant_id": [p["participant_id"] for p in participants],
        "order_id": [order["order_id"], placed["order_id"], perp["order_id"]], "client_order_id": ["fuzz-order"],
        "id": [m["mint_id"] for m in mints], "name": [d["name"] for d in drills], "service": list(SERVICES),
        "side": ["mint", "redeem"], "kind": ["individual", "institutional"],
        "status": ["active", "frozen", "estate", "filled", "new"],
        # a session, a weekend, and days before and after the calendar the sandbox knows (2020..2030)
        "settlement_date": ["2026-11-23", "2026-11-21", "2019-12-31", "2031-01-01"],
    }
    for name in ("amount", "quantity", "price", "max_cost", "multiplier", "speed"):
        known[name] = ["1", "0.5", "0.000000001", "0", "999999999999999999.999999999", "12345678901234567890.5"]
    for name in ("address", "sender", "owner", "spender", "to_address", "from_address", "payer_address",
                 "recipient_address", "holder_address", "payout_address"):
        known[name] = addresses
    for name in ("buyer", "seller"):
        known[name] = known["participant_id"]
    return known


def with_known(strategy: st.SearchStrategy[Any], known: dict[str, list[str]],
               properties: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Positive cases whose fields often name a known id or amount instead of a random string (a string for
    a string, in a field the request has: the case stays valid)."""
    @st.composite
    def cases(draw: st.DrawFn) -> Any:
        case = draw(strategy)

        def swap(body: Any, names: dict[str, Any]) -> None:
            if isinstance(body, list):
                for item in body:
                    swap(item, names)
            if not isinstance(body, dict):
                return
            for name, spec in names.items():
                if name in known and spec.get("type") == "string" and "enum" not in spec and draw(st.integers(0, 3)):
                    body[name] = draw(st.sampled_from(known[name]))
                elif isinstance(body.get(name), list | dict):
                    swap(body[name], spec.get("properties") or spec.get("items", {}).get("properties") or {})

        swap(case.body, properties)
        return case
    return cases()


def _properties(document: dict[str, Any], path: str) -> dict[str, Any]:
    """The request body's properties of a POST operation, from the OpenAPI document."""
    body = document["paths"][path].get("post", {}).get("requestBody", {})
    schema = body.get("content", {}).get("application/json", {}).get("schema", {})
    properties: dict[str, Any] = schema.get("properties", {})
    return properties


def _run_cases(tally: Tally, label: str, base: str, session: requests.Session, strategy: Any,
               max_examples: int) -> None:
    """Call and check `max_examples` cases drawn (derandomized) from `strategy`; tally each failing check."""
    @settings(max_examples=max_examples, derandomize=SEED is None, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @seed(int(SEED or 0))
    @given(case=strategy)
    def run(case: Any) -> None:
        tally.cases += 1
        try:
            response = case.call(base_url=base, session=session, timeout=60)
        except requests.RequestException as exc:
            tally.add(label, f"no response: {type(exc).__name__}", 0, case.as_curl_command())
            return
        tally.statuses[response.status_code] += 1
        tally.answers[label, response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as group:
            tally.failed_cases += 1
            example = f"{case.as_curl_command()}\n      -> {response.status_code} {response.text[:300]}"
            for failure in group.exceptions:
                tally.add(label, failure.title, response.status_code, example)

    run()


def fuzz_service(service: str, base: str, known: dict[str, list[str]] | None = None,
                 max_examples: int = MAX_EXAMPLES) -> Tally:
    """Run every operation of one service's REST face with generated cases; tally what fails."""
    document = requests.get(f"{base}/openapi.json", timeout=30).json()
    schema = schemathesis.openapi.from_dict(document, config=CONFIG)
    tally = Tally(service)
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results), \
        f"{service}: {[result.err() for result in results if isinstance(result, Err)]}"
    operations = [result.ok() for result in results if isinstance(result, Ok)]
    assert operations, f"{service}: no operations in /openapi.json"
    with requests.Session() as session:
        for operation in operations:
            label = f"{operation.method.upper()} {operation.path}"
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                strategy: st.SearchStrategy[Any] = operation.as_strategy(generation_mode=mode)
                if known and mode is GenerationMode.POSITIVE:
                    strategy = with_known(strategy, known, _properties(document, operation.path))
                if operation.path in CLOCK_MOVES:
                    strategy = strategy.map(tame_clock(_clock_now(base)))
                try:
                    _run_cases(tally, label, base, session, strategy, max_examples)
                except Unsatisfiable:  # nothing to negate: GET /healthz takes no input
                    assert mode is GenerationMode.NEGATIVE, f"{service}: no valid case for {label}"
    return tally


def report(tallies: list[Tally], limit: int = 40) -> str:
    """The cases per service, then each distinct failure (service, operation, check, status) once, server
    errors first, with how often and a curl command that replays it."""
    findings = sorted(((t.service, f) for t in tallies for f in t.findings.values()),
                      key=lambda item: (not (item[1].status >= 500 or item[1].status == 0), item[0]))
    lines = [t.line() for t in tallies]
    lines += [f"{service} {f.operation}: {f.title} (HTTP {f.status}, {f.count}x)\n      {f.example}"
              for service, f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"... and {len(findings) - limit} more")
    return "\n".join(lines)


def flatten_perps(base: str, user_id: str) -> None:
    """Close what the exchange's cases left open at the perp markets (the fuzz user's positions and resting
    orders, after lifting any fuzzed conditions): a market with positions is updated every minute in sessions,
    and control's cases move the clock up to two days."""
    _post(base, "/v1/Perpetuals/SetPerpConditions", {"request_id": "fuzz-flatten-conditions"})
    for order in _post(base, "/v1/Perpetuals/ListPerpOrders", {"user_id": user_id, "limit": 1000})["orders"]:
        if order["status"] in ("PERP_ORDER_STATUS_OPEN", "PERP_ORDER_STATUS_PARTIALLY_FILLED"):
            _post(base, "/v1/Perpetuals/CancelPerpOrder", {"request_id": f"fuzz-flatten-{order['order_id']}",
                                                           "order_id": order["order_id"]})
    for position in _post(base, "/v1/Perpetuals/GetPerpPositions", {"user_id": user_id})["positions"]:
        size = position["size"]
        _post(base, "/v1/Perpetuals/PlacePerpOrder", {
            "request_id": f"fuzz-flatten-{position['symbol']}", "user_id": user_id, "symbol": position["symbol"],
            "side": "PERP_SIDE_BUY" if size.startswith("-") else "PERP_SIDE_SELL",
            "type": "PERP_ORDER_TYPE_MARKET", "size": size.lstrip("-"), "reduce_only": True})
    assert not _post(base, "/v1/Perpetuals/GetPerpPositions", {"user_id": user_id})["positions"]


def test_every_rest_face_survives_fuzzing(tmp_path: Path) -> None:
    running = start_sandbox(tmp_path / "fuzz", START)
    try:
        tallies = []
        known = known_values(running.settings.rest_address)
        for service in ORDER:
            tally = fuzz_service(service, running.settings.rest_address(service), known)
            print(tally.line())
            tallies.append(tally)
            if service == "exchange":
                flatten_perps(running.settings.rest_address("exchange"), known["user_id"][0])
    finally:
        running.stop()
    assert all(t.cases > 0 for t in tallies)
    if any(t.findings for t in tallies):
        pytest.fail("REST fuzzing found failures:\n" + report(tallies), pytrace=False)
