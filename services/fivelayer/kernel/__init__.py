"""The shared kernel: what every service uses and nothing service-specific.

Clock client, decimal money and quantities, the NYSE calendar, ledger helpers, the event
outbox, idempotency, scheduled jobs, RPC and database plumbing, configuration.
"""
import sys as _sys

# py_ecc (under eth-account and web3) raises Python's recursion limit to 100,000 when it is first
# imported, after which a deeply nested JSON body overflows the C stack and kills the process instead of
# raising RecursionError. Import it here, once, and put the limit back (signing and ABI coding need no more).
_limit = _sys.getrecursionlimit()
import py_ecc as _py_ecc  # noqa: E402,F401

_sys.setrecursionlimit(_limit)
