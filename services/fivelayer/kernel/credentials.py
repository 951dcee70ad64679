"""API credentials in the shape real brokers hand out: a key id and a secret.

Kernel code because two sides need it: the CLI that starts a sandbox names its demo partner, and
the broker stores partners' secrets (hashed, in `broker/partners.py`).
"""
from __future__ import annotations

import secrets


def new_credentials() -> tuple[str, str]:
    """A fresh key id and secret."""
    return "PK" + secrets.token_hex(9).upper(), secrets.token_urlsafe(30)
