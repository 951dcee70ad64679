"""API credentials in the shape real brokers hand out: a key id and a secret.

Kernel code because several sides need them: the CLI that starts a sandbox names its demo partner
and the correspondents the issuer SPV and the exchange are at the broker; the broker stores
partners' secrets (hashed, in `broker/partners.py`); the issuer and the exchange present theirs
on every call to the broker, as HTTP Basic in the `authorization` metadata, as the Broker API
face takes them.

Each credential variable may instead name a file, `<VAR>_FILE` (a Docker or Kubernetes secret mounted
in the container), so a key never has to sit in the environment a `docker inspect` shows.
"""
from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

SERVICE_PARTNERS = ("issuer", "exchange")   # services that reach the broker as its correspondents
AUTHORIZATION = "authorization"


def new_credentials() -> tuple[str, str]:
    """A fresh key id and secret."""
    return "PK" + secrets.token_hex(9).upper(), secrets.token_urlsafe(30)


def env_names(service: str) -> tuple[str, str]:
    return f"FIVELAYER_{service.upper()}_PARTNER_KEY", f"FIVELAYER_{service.upper()}_PARTNER_SECRET"


class SecretError(RuntimeError):
    """A credential variable that cannot be read: both it and its `_FILE` set, or the file unreadable."""


def secret_env(name: str, env: Mapping[str, str] | None = None) -> str:
    """The value of the credential variable `name`: its own value, else the content of the file that
    `<name>_FILE` names (a trailing newline, which editors and `echo` add, stripped); "" when neither is set."""
    env = os.environ if env is None else env
    value, path = env.get(name, ""), env.get(f"{name}_FILE", "")
    if value and path:
        raise SecretError(f"both {name} and {name}_FILE are set: give one")
    return read_secret_file(f"{name}_FILE", path).rstrip("\r\n") if path else value


def read_secret_file(variable: str, path: str) -> str:
    """The text of the secret file `variable` names; SecretError, saying which, when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise SecretError(f"{variable} names {path}, which cannot be read: {error.strerror}") from None


def demo_partner() -> tuple[str, str]:
    """The Broker API's demo correspondent a sandbox names (FIVELAYER_PARTNER_KEY and _SECRET, or their
    _FILE forms); ("", "") when none."""
    return secret_env("FIVELAYER_PARTNER_KEY"), secret_env("FIVELAYER_PARTNER_SECRET")


def service_environment() -> dict[str, str]:
    """Credentials for each service that is a correspondent, as the environment of a sandbox: a
    fixed key id (the accounts it opened stay its own across restarts) and a fresh secret."""
    env = {}
    for service in SERVICE_PARTNERS:
        key_name, secret_name = env_names(service)
        env[key_name], env[secret_name] = f"PKSANDBOX{service.upper()}", new_credentials()[1]
    return env


def service_partner(service: str) -> tuple[str, str] | None:
    """The credentials a service was started with, if it is a correspondent of the broker."""
    key_name, secret_name = env_names(service)
    key, secret = secret_env(key_name), secret_env(secret_name)
    return (key, secret) if key and secret else None


def basic(key: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


def parse_basic(header: str) -> tuple[str, str] | None:
    """(key, secret) from an HTTP Basic `authorization` value, or None when it is not one."""
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        key, sep, secret = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return (key, secret) if sep else None


TEAM_PARTNERS = "FIVELAYER_PARTNERS"             # KEY:SECRET,KEY:SECRET: one partner per integrator
TEAM_PARTNERS_FILE = "FIVELAYER_PARTNERS_FILE"   # or a file of KEY:SECRET lines (a container's secret)


def team_partners() -> list[tuple[str, str]]:
    """The partners a shared sandbox's broker is started with, besides the demo one: each
    integrator (a developer, a CI pipeline) its own key and secret, hence its own accounts.
    A malformed entry raises ValueError naming it (without its secret): the broker must not start
    with a partner silently missing."""
    entries = [e for e in os.environ.get(TEAM_PARTNERS, "").split(",") if e.strip()]
    path = os.environ.get(TEAM_PARTNERS_FILE, "")
    if path:
        lines = read_secret_file(TEAM_PARTNERS_FILE, path).splitlines()
        entries += [line for line in lines if line.strip() and not line.startswith("#")]
    pairs = []
    for entry in entries:
        key, sep, secret = entry.strip().partition(":")
        if not sep or not key or not secret:
            raise ValueError(f"{TEAM_PARTNERS}: an entry is KEY:SECRET, got one starting {key[:12]!r}")
        pairs.append((key, secret))
    return pairs
