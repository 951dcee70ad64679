"""The shared kernel: what every service uses and nothing service-specific.

Clock client, decimal money and quantities, the NYSE calendar, ledger helpers, the event
outbox, idempotency, scheduled jobs, RPC and database plumbing, configuration.
"""
