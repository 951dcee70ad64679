"""Measure the sandbox: `fivelayer up` until healthy, one mint request, an advance over a week.

Prints its figures; asserts nothing (`make bench`). Uses a scratch data folder and free ports.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.flows import advance_to, buy, create_user, deposit  # noqa: E402

from fivelayer.cli.supervisor import Sandbox, free_port_base  # noqa: E402
from fivelayer.kernel.config import Settings  # noqa: E402
from fivelayer.kernel.rpc import Clients  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mints", type=int, default=50, help="how many mint requests to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(port_base=free_port_base(), data_dir=Path(tmp))
        sandbox = Sandbox(settings, start="2026-11-20T22:00:00Z")
        began = time.perf_counter()
        sandbox.start_all()
        up_seconds = time.perf_counter() - began
        clients = Clients(settings)
        try:
            user = create_user(clients, "bench")
            deposit(clients, user.user_id, "10000000", "bench-dep")
            timings = []
            for n in range(args.mints):
                t0 = time.perf_counter()
                buy(clients, user.user_id, "AAPLx", "1", f"bench-buy-{n}")
                timings.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            advance = advance_to(clients, "2026-11-27T23:00:00Z")
            advance_seconds = time.perf_counter() - t0
        finally:
            clients.close()
            sandbox.stop_all()
    timings.sort()
    print(f"fivelayer up until all six services healthy: {up_seconds:.2f} s")
    print(f"mint request (exchange buy -> issuer -> chain + broker), {len(timings)} requests: "
          f"median {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {timings[int(len(timings) * 0.95) - 1] * 1000:.1f} ms, "
          f"max {timings[-1] * 1000:.1f} ms")
    print(f"advance one week (Fri evening -> next Fri evening, {len(advance.runs)} jobs, "
          f"{args.mints} hedge fills and their settlement): {advance_seconds:.2f} s")


if __name__ == "__main__":
    main()
