"""Measure the sandbox on scratch data folders and free ports; print figures, assert nothing.

Parts (all by default; pick some with --only, e.g. `--only mint,cns`):
  start       `fivelayer up` until the six services are healthy; their RSS idle and after the run
  mint        sequential mints through the exchange's gRPC face (Exchange.Buy)
  rest        sequential mints through the exchange's REST face (POST /v1/Exchange/Buy),
              alternating with the gRPC ones when both are selected
  concurrent  sustained mints with N concurrent clients, each its own channel and funded user
  chain       what the chain costs: its transactions per mint so far, a signed transaction's round trip
              through the chain service (simulate, journal, the node's block, receipt), and the replay of
              the whole journal into a fresh node after the node is killed
  week        Clock.Advance over one week with N hedge orders outstanding (mints topped up first)
  year        Clock.Advance over a quiet year on a second, fresh sandbox (wall-time capped), and the job
              runs it took by service and job: that count does not depend on the machine's load
  cns         CNS netting and settlement allocation of 1,000,000 trades, domain code, no RPC

Each figure is one line `<part>.<figure>: <value> ... [target <= X: ok|MISS]`. Progress goes to
stderr, figures to stdout.
"""
from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES_DIR = ROOT / "services"
sys.path[:0] = [str(SERVICES_DIR), str(ROOT)]
# The service processes inherit the environment: make them run this checkout's code as well.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SERVICES_DIR), os.environ.get("PYTHONPATH", "")]))

import grpc  # noqa: E402
import httpx  # noqa: E402

from fivelayer.cli.supervisor import Sandbox, free_port_base, release_port_base  # noqa: E402
from fivelayer.kernel.config import SERVICES, Settings  # noqa: E402
from fivelayer.kernel.rpc import Clients  # noqa: E402
from fivelayer.kernel.timeutil import from_ts, to_ts  # noqa: E402
from fivelayer.v1 import chain_pb2, common_pb2, control_pb2, exchange_pb2  # noqa: E402
from tests.e2e.flows import buy, create_user, deposit  # noqa: E402

PARTS = ("start", "mint", "rest", "concurrent", "chain", "week", "year", "cns")
SANDBOX_PARTS = {"start", "mint", "rest", "concurrent", "chain", "week"}
START = "2026-11-20T22:00:00Z"   # a Friday evening, after the close
TOKEN = "AAPLx"
FUNDING = "10000000"             # FUSD per bench user: far more than its mints cost
LONG = 3600.0                    # gRPC deadline for Clock.Advance (seconds)


# ---------------------------------------------------------------- output

def say(text: str) -> None:
    """Progress, on stderr."""
    print(f"# {text}", file=sys.stderr, flush=True)


def figure(name: str, text: str, target: float | None = None, value: float | None = None, unit: str = "",
           at_least: bool = False) -> None:
    line = f"{name}: {text}"
    if target is not None:
        verdict = "" if value is None else \
            (": ok" if (value >= target if at_least else value <= target) else ": MISS")
        line += f"  [target {'>=' if at_least else '<='} {target:g}{(' ' + unit) if unit else ''}{verdict}]"
    print(line, flush=True)


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return math.nan
    return sorted_values[max(0, math.ceil(q / 100 * len(sorted_values)) - 1)]


def latency_text(seconds: list[float]) -> tuple[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    p99 = percentile(ms, 99)
    mean = statistics.fmean(ms) if ms else math.nan
    return (f"n={len(ms)} p50={percentile(ms, 50):.1f} ms p99={p99:.1f} ms mean={mean:.1f} ms "
            f"max={(ms[-1] if ms else math.nan):.1f} ms"), p99


# ---------------------------------------------------------------- processes

def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found


def _proc_kb(path: str, key: str) -> int:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(sandbox: Sandbox) -> dict[str, float]:
    """CPU seconds (user + system) each service has used so far, its children apart as "<service> node"
    (the chain's anvil)."""
    def used(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / TICKS
        except OSError:
            return 0.0
    out: dict[str, float] = {}
    for service, process in sandbox.processes.items():
        pids = _descendants(process.pid)
        out[service] = used(pids[0])
        if len(pids) > 1:
            out[f"{service} node"] = sum(used(p) for p in pids[1:])
    return out


def memory(sandbox: Sandbox) -> dict[str, tuple[float, float]]:
    """(RSS MB, PSS MB) per service process, children included (PSS counts shared pages once)."""
    out = {}
    for service, process in sandbox.processes.items():
        pids = _descendants(process.pid)
        rss = sum(_proc_kb(f"/proc/{p}/status", "VmRSS") for p in pids)
        pss = sum(_proc_kb(f"/proc/{p}/smaps_rollup", "Pss") for p in pids)
        out[service] = (rss / 1024, pss / 1024)
    return out


def report_memory(name: str, sandbox: Sandbox, targeted: bool) -> None:
    per = memory(sandbox)
    total = sum(r for r, _ in per.values())
    pss = sum(p for _, p in per.values())
    parts = " ".join(f"{s}={per[s][0]:.0f}" for s in SERVICES if s in per)
    figure(name, f"{total:.0f} MB RSS summed over six ({parts}; PSS sum {pss:.0f} MB)",
           600 if targeted else None, total, "MB")


class BenchClients(Clients):
    """Clients whose channels get their own TCP connections (no subchannel sharing), so each
    concurrent client is a separate connection, as separate integrators would be."""

    def channel(self, service: str) -> grpc.Channel:
        with self._lock:
            if service not in self._channels:
                self._channels[service] = grpc.insecure_channel(self.settings.grpc_address(service), options=[
                    ("grpc.use_local_subchannel_pool", 1), ("grpc.initial_reconnect_backoff_ms", 100),
                    ("grpc.min_reconnect_backoff_ms", 100), ("grpc.max_reconnect_backoff_ms", 1000)])
            return self._channels[service]


@contextmanager
def scratch_sandbox(label: str, seed: int) -> Iterator[tuple[Sandbox, float]]:
    with tempfile.TemporaryDirectory(prefix=f"fivelayer-bench-{label}-") as tmp:
        settings = Settings(port_base=free_port_base(), data_dir=Path(tmp), seed=seed)
        sandbox = Sandbox(settings, start=START)
        say(f"{label}: starting six services on port base {settings.port_base} in {tmp}")
        began = time.perf_counter()
        sandbox.start_all(timeout=120)
        up = time.perf_counter() - began
        try:
            yield sandbox, up
        finally:
            sandbox.stop_all()
            release_port_base(settings.port_base)


def funded_user(clients: Clients, name: str) -> str:
    user = create_user(clients, name)
    deposit(clients, user.user_id, FUNDING, f"{name}:funding")
    return user.user_id


def advance(clients: Clients, by: timedelta, tally: Counter[str] | None = None) -> tuple[float, int, str]:
    """Advance the clock by `by`; (seconds, jobs run, new now). Counts the runs by "service/job" into `tally`."""
    now = from_ts(clients.clock.Now(common_pb2.Empty()).now)
    request = control_pb2.AdvanceRequest(to=to_ts(now + by))
    began = time.perf_counter()
    reply = clients.clock.Advance(request, timeout=LONG)
    took = time.perf_counter() - began
    if tally is not None:
        tally.update(f"{run.service}/{run.job}" for run in reply.runs)
    return took, len(reply.runs), from_ts(reply.to).isoformat()


# ---------------------------------------------------------------- mints

@dataclass
class MintLog:
    """Every mint the bench placed on the main sandbox (each one a hedge order at the broker)."""

    done: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, n: int = 1) -> None:
        with self.lock:
            self.done += n


def part_sequential(settings: Settings, clients: Clients, user_id: str, args: argparse.Namespace,
                    parts: list[str], log: MintLog) -> None:
    """One client, one mint at a time. With both faces selected, gRPC and REST requests alternate,
    so both see the same number of hedge orders already outstanding (mint cost grows with it)."""
    for n in range(args.warmup):  # untimed: first calls open channels and warm caches in every service
        buy(clients, user_id, TOKEN, "1", f"bench-warmup-{n}")
        log.add()
    faces = {"mint": args.mints if "mint" in parts else 0, "rest": args.rest_mints if "rest" in parts else 0}
    timings: dict[str, list[float]] = {"mint": [], "rest": []}
    errors: Counter[str] = Counter()
    first = log.done
    with httpx.Client(base_url=settings.rest_address("exchange"), timeout=60) as http:
        for n in range(max(faces.values())):
            if n < faces["mint"]:
                began = time.perf_counter()
                buy(clients, user_id, TOKEN, "1", f"bench-grpc-{n}")
                timings["mint"].append(time.perf_counter() - began)
                log.add()
            if n < faces["rest"]:
                body = {"request_id": f"bench-rest-{n}", "user_id": user_id, "token": TOKEN, "quantity": "1"}
                began = time.perf_counter()
                reply = http.post("/v1/Exchange/Buy", json=body)
                elapsed = time.perf_counter() - began
                if reply.status_code == 200:
                    timings["rest"].append(elapsed)
                    log.add()
                else:
                    ctype = reply.headers.get("content-type", "")
                    errors[f"HTTP {reply.status_code} {reply.json().get('reason', '') if 'json' in ctype else ''}"
                           .strip()] += 1
    outstanding = f"hedge orders outstanding {first}->{log.done}"
    both = "alternating with REST, " if faces["mint"] and faces["rest"] else ""
    if faces["mint"]:
        text, p99 = latency_text(timings["mint"])
        figure("mint.grpc_sequential", f"{text} (Exchange.Buy 1 {TOKEN}; {both}{outstanding})", 20, p99, "ms p99")
    if faces["rest"]:
        text, p99 = latency_text(timings["rest"])
        both = "alternating with gRPC, " if faces["mint"] else ""
        figure("mint.rest_sequential", f"{text} errors={sum(errors.values())}{_errors(errors)} "
               f"(POST /v1/Exchange/Buy; {both}{outstanding})", 20, p99, "ms p99")


def part_chain(clients: Clients, args: argparse.Namespace, log: MintLog) -> None:
    network = clients.chain_service.GetNetwork(common_pb2.Empty())
    if log.done:
        figure("chain.tx_per_mint", f"{network.journal_entries / log.done:.2f} transactions journaled per mint "
               f"({network.journal_entries} entries after {log.done} mints, deposits and genesis included)")
    timings = []
    for n in range(args.chain_txs):
        began = time.perf_counter()
        clients.chain_service.Faucet(chain_pb2.FaucetRequest(request_id=f"bench-faucet-{n}",
                                                             to_address="0x" + "be" * 20,
                                                             amount=common_pb2.Decimal(value="1")))
        timings.append(time.perf_counter() - began)
    text, p99 = latency_text(timings)
    figure("chain.send", f"{text} (Chain.Faucet: a signed FUSD mint simulated, journaled, mined, its receipt "
           f"read back)", None, p99, "ms p99")
    entries = clients.chain_service.GetNetwork(common_pb2.Empty()).journal_entries
    os.kill(network.node_pid, 9)
    began = time.perf_counter()
    while True:
        try:
            if clients.chain_service.GetNetwork(common_pb2.Empty()).node_pid != network.node_pid:
                break
        except Exception:  # noqa: BLE001  (the node is restarting)
            pass
        time.sleep(0.05)
    replay = time.perf_counter() - began
    figure("chain.replay", f"{replay:.2f} s to restart the killed node and replay {entries} journal entries "
           f"({replay / max(entries, 1) * 1000:.2f} ms an entry)")


def _errors(errors: Counter[str]) -> str:
    return f" ({', '.join(f'{k} x{v}' for k, v in errors.most_common())})" if errors else ""


def run_clients(settings: Settings, users: list[str], total: int, seconds: float, prefix: str,
                log: MintLog) -> tuple[float, list[float], Counter[str], int]:
    """Each thread its own Clients and user; mint until `total` are done or `seconds` pass.
    Returns (wall seconds, latencies of successes, errors by reason, successes)."""
    claimed = 0
    claim_lock = threading.Lock()
    timings: list[float] = []
    errors: Counter[str] = Counter()
    start = threading.Barrier(len(users) + 1)
    deadline = [0.0]

    def claim() -> int | None:
        nonlocal claimed
        with claim_lock:
            if claimed >= total or time.perf_counter() >= deadline[0]:
                return None
            claimed += 1
            return claimed

    def worker(index: int, user_id: str) -> None:
        clients = BenchClients(settings)
        mine: list[float] = []
        failed: Counter[str] = Counter()
        try:
            clients.exchange.GetBalances(exchange_pb2.UserRequest(user_id=user_id))  # connect before timing
            start.wait()
            while (n := claim()) is not None:
                began = time.perf_counter()
                try:
                    buy(clients, user_id, TOKEN, "1", f"{prefix}-{index}-{n}")
                except Exception as error:  # counted by reason, never fatal
                    failed[getattr(error, "reason", type(error).__name__)] += 1
                    continue
                mine.append(time.perf_counter() - began)
                log.add()
        finally:
            clients.close()
            with claim_lock:
                timings.extend(mine)
                errors.update(failed)

    threads = [threading.Thread(target=worker, args=(i, u), daemon=True) for i, u in enumerate(users)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds + 3600  # provisional, until every thread is ready
    start.wait()
    began = time.perf_counter()
    deadline[0] = began + seconds
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, timings, errors, len(timings)


def part_concurrent(sandbox: Sandbox, clients: Clients, args: argparse.Namespace, log: MintLog) -> None:
    users = [funded_user(clients, f"bench-c{i}") for i in range(args.clients)]
    first = log.done
    say(f"concurrent: {args.clients} clients, up to {args.concurrent_mints} mints or {args.concurrent_seconds:g} s")
    cpu_before = cpu_seconds(sandbox)
    wall, timings, errors, ok = run_clients(sandbox.settings, users, args.concurrent_mints, args.concurrent_seconds,
                                            "bench-conc", log)
    cpu = {s: (used - cpu_before.get(s, 0.0)) * 1000 / max(ok, 1) for s, used in cpu_seconds(sandbox).items()}
    rate = ok / wall if wall else 0.0
    text, p99 = latency_text(timings)
    capped = " (stopped by the --concurrent-seconds cap)" if ok + sum(errors.values()) < args.concurrent_mints else ""
    figure("concurrent.mints_per_s", f"{rate:.1f} mints/s with {args.clients} clients: {ok} mints in {wall:.1f} s"
           f"{capped}", 300, rate, "mints/s", at_least=True)
    figure("concurrent.errors", f"{sum(errors.values())}{_errors(errors)}", 0, sum(errors.values()))
    figure("concurrent.latency", f"{text} (hedge orders outstanding {first}->{log.done})")
    total, chain = sum(cpu.values()), cpu.get("chain", 0.0) + cpu.get("chain node", 0.0)
    figure("concurrent.cpu_per_mint", f"{total:.1f} ms CPU a mint over the six services; the chain's share "
           f"{chain:.1f} ms ({100 * chain / total if total else 0:.0f}%: service {cpu.get('chain', 0.0):.1f}, "
           f"node {cpu.get('chain node', 0.0):.1f}); " + ", ".join(
               f"{s} {ms:.1f}" for s, ms in sorted(cpu.items(), key=lambda kv: -kv[1]) if not s.startswith("chain")))


def live_hedges(clients: Clients) -> Counter[str]:
    mints = clients.issuer.ListMints(common_pb2.Empty(), timeout=LONG).mints
    return Counter(m.hedge_status or "(none)" for m in mints if m.hedge_order_id)


def part_week(settings: Settings, clients: Clients, args: argparse.Namespace, log: MintLog) -> None:
    before = live_hedges(clients)
    missing = args.hedges - sum(before.values())
    if missing > 0:
        say(f"week: topping up {missing} mints (4 clients, at most {args.setup_cap:g} s) to reach "
            f"{args.hedges} hedge orders")
        users = [funded_user(clients, f"bench-w{i}") for i in range(4)]
        wall, _, errors, ok = run_clients(settings, users, missing, args.setup_cap, "bench-week", log)
        say(f"week: topped up {ok} mints in {wall:.1f} s, errors {dict(errors)}")
        before = live_hedges(clients)
    hedges = sum(before.values())
    short = "" if hedges >= args.hedges else \
        f" FEWER THAN {args.hedges}: the top-up was stopped by --setup-cap {args.setup_cap:g} s;"
    say(f"week: hedge orders before the advance {dict(before)}")
    seconds, jobs, now = advance(clients, timedelta(days=7))
    after = live_hedges(clients)
    figure("week.advance", f"{seconds:.2f} s, {jobs} jobs run, {hedges} hedge orders{short} "
           f"(before: {_statuses(before)}; after: {_statuses(after)}), clock now {now}", 5, seconds, "s")


def _statuses(counts: Counter[str]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))


def part_year(args: argparse.Namespace) -> None:
    with scratch_sandbox("year", args.seed) as (sandbox, up):
        say(f"year: sandbox healthy in {up:.2f} s; advancing {args.year_days} days in chunks of "
            f"{args.year_chunk_days} days, wall cap {args.year_cap:g} s")
        clients = Clients(sandbox.settings)
        try:
            days = jobs = 0
            seconds = 0.0
            now = START
            tally: Counter[str] = Counter()
            while days < args.year_days and seconds < args.year_cap:
                step = min(args.year_chunk_days, args.year_days - days)
                took, ran, now = advance(clients, timedelta(days=step), tally)
                days, jobs, seconds = days + step, jobs + ran, seconds + took
                say(f"year: {days} days, {jobs} jobs, {seconds:.1f} s")
        finally:
            clients.close()
    measured = f"{seconds:.2f} s for {days} days, {jobs} jobs run (clock now {now})"
    # the job count does not depend on the machine's load: the honest figure of how much work a quiet year is
    figure("year.job_runs", f"{jobs} over {days} days: " + (", ".join(
        f"{name} {n}" for name, n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))) or "none"))
    if days == 365:
        figure("year.quiet_advance", measured, 10, seconds, "s")
    else:
        why = "stopped by --year-cap" if days < args.year_days else "--year-days"
        estimate = seconds * 365 / days
        figure("year.quiet_advance", f"EXTRAPOLATED {estimate:.1f} s for 365 days, linear from {measured}; "
               f"{why}", 10, estimate, "s")


# ---------------------------------------------------------------- CNS (domain code, no RPC)

def cns_trades(n: int, participants: int, symbols: int, seed: int) -> tuple[list, dict, dict, dict]:
    """n trades, deterministic from `seed`: buyer != seller among `participants`, ~`symbols`
    symbols, quantities with up to 6 decimals, amounts in cents. Also open fails, holdings of
    the shorts and CNS's holdings, for the allocation step."""
    from fivelayer.depository.netting import Trade

    rng = random.Random(seed)
    people = [f"{100 + i:04d}" for i in range(participants)]
    tickers = [f"SYM{i:02d}" for i in range(symbols)]
    prices = [rng.randrange(1_000, 90_000) for _ in tickers]  # cents
    cent = Decimal("0.01")
    trades = []
    for _ in range(n):
        b, s = rng.sample(range(participants), 2)
        k = rng.randrange(symbols)
        scale = rng.choice((0, 0, 3, 6))
        quantity = Decimal(rng.randrange(1, 500 * 10 ** scale)).scaleb(-scale)
        price = Decimal(prices[k] + rng.randrange(-200, 201)).scaleb(-2)
        trades.append(Trade(people[b], people[s], tickers[k], quantity, (quantity * price).quantize(cent)))
    fails = {(rng.choice(people), rng.choice(tickers)): Decimal(rng.randrange(-50, 51)) for _ in range(30)}
    held = {(p, t): Decimal(rng.randrange(0, 20_000)) for p in people for t in tickers}
    in_transit = {t: Decimal(rng.randrange(0, 100)) for t in tickers}
    return trades, {k: v for k, v in fails.items() if v}, held, in_transit


def part_cns(args: argparse.Namespace) -> None:
    from fivelayer.depository import settlement
    from fivelayer.depository.netting import gross_value, net_positions, net_value

    say(f"cns: generating {args.cns_trades} trades (seed {args.seed}; not timed)")
    began = time.perf_counter()
    trades, fails, held, in_transit = cns_trades(args.cns_trades, args.cns_participants, args.cns_symbols,
                                                 args.seed)
    say(f"cns: generated in {time.perf_counter() - began:.1f} s; timing")
    timed: dict[str, float] = {}

    def timer(name: str, fn: Callable[[], object]) -> object:
        began = time.perf_counter()
        result = fn()
        timed[name] = time.perf_counter() - began
        return result

    positions = timer("net_positions", lambda: net_positions(trades, fails))
    gross = timer("gross_value", lambda: gross_value(trades))
    net = timer("net_value", lambda: net_value(positions))
    settled = timer("allocate", lambda: settlement.allocate(positions, held, in_transit))
    failed = timer("failed_positions", lambda: settlement.failed_positions(positions, settled))
    statuses = timer("trade_statuses", lambda: settlement.trade_statuses(trades, failed))
    total = sum(timed.values())
    parts = " ".join(f"{k}={v:.2f}s" for k, v in timed.items())
    figure("cns.net_and_settle", f"{total:.2f} s for {len(trades)} trades ({parts}); {len(positions)} positions, "
           f"gross {gross} net {net}, {len(failed)} failing positions, "
           f"{sum(1 for s in statuses if s == 'failed')} failing trades", 5, total, "s")


# ---------------------------------------------------------------- main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts (default all: {','.join(PARTS)})")
    parser.add_argument("--mints", type=int, default=200, help="sequential gRPC mints")
    parser.add_argument("--warmup", type=int, default=5, help="untimed gRPC mints before the sequential ones")
    parser.add_argument("--rest-mints", type=int, default=200, help="sequential REST mints")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument("--concurrent-mints", type=int, default=560, help="mints over all concurrent clients")
    parser.add_argument("--concurrent-seconds", type=float, default=30, help="wall cap of the concurrent part")
    parser.add_argument("--chain-txs", type=int, default=200, help="sequential chain transactions")
    parser.add_argument("--hedges", type=int, default=1000, help="hedge orders outstanding for the week")
    parser.add_argument("--setup-cap", type=float, default=180,
                        help="wall cap (s) of the untimed top-up mints before the week; the week then runs "
                             "with fewer hedges and says so")
    parser.add_argument("--year-days", type=int, default=365, help="days of the quiet year to advance")
    parser.add_argument("--year-chunk-days", type=int, default=7,
                        help="days per Advance call in the year (365: one call, no cap)")
    parser.add_argument("--year-cap", type=float, default=60,
                        help="stop the year after this many seconds and extrapolate")
    parser.add_argument("--cns-trades", type=int, default=1_000_000)
    parser.add_argument("--cns-participants", type=int, default=50)
    parser.add_argument("--cns-symbols", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    print(f"bench: parts={','.join(p for p in PARTS if p in parts)} python={sys.version.split()[0]} "
          f"cpus={os.cpu_count()} loadavg={_load()} code={SERVICES_DIR}", flush=True)
    began = time.perf_counter()

    if SANDBOX_PARTS & set(parts):
        log = MintLog()
        with scratch_sandbox("main", args.seed) as (sandbox, up):
            figure("start.healthy", f"{up:.2f} s (six services started together, until each health check "
                   f"answers SERVING)", 3, up, "s")
            report_memory("start.rss_idle", sandbox, targeted=True)
            clients = Clients(sandbox.settings)
            try:
                if {"mint", "rest"} & set(parts):
                    user_id = funded_user(clients, "bench")
                    part_sequential(sandbox.settings, clients, user_id, args, parts, log)
                if "concurrent" in parts:
                    part_concurrent(sandbox, clients, args, log)
                if "chain" in parts:
                    part_chain(clients, args, log)
                if "week" in parts:
                    part_week(sandbox.settings, clients, args, log)
            finally:
                clients.close()
            report_memory("start.rss_after_run", sandbox, targeted=False)
            say(f"main sandbox: {log.done} mints placed by the bench")
    if "year" in parts:
        part_year(args)
    if "cns" in parts:
        part_cns(args)
    print(f"bench: done in {time.perf_counter() - began:.0f} s, loadavg={_load()}", flush=True)


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
