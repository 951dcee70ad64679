"""The container files hold what issue 21 asks of them. CI has no Docker engine, so the image is never built
here: the Dockerfile is read as instructions (a slim Python base, pinned dependencies, anvil from `npm ci`, a
non-root user, the one entry script, a HEALTHCHECK on gRPC health), compose.yaml as data (one container per
service on PostgreSQL, health checks, restart policies, named volumes, secrets, only integrator-facing ports),
and `docker-compose config -q` runs where a compose binary exists and is skipped, saying so, where none does."""
from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
from fivelayer.kernel.config import SERVICES, host_variable

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "compose.yaml"
ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
CONSTRAINTS = ROOT / "docker" / "constraints.txt"
INIT_SQL = ROOT / "docker" / "postgres-init.sql"
# What a team's integrators reach from outside (compose.yaml says why): gRPC base+i, REST base+100+i.
PUBLISHED = {"control": {50050, 50150}, "chain": {50151}, "broker": {50053, 50153},
             "issuer": {50054, 50154}, "exchange": {50055, 50155}, "depository": set()}


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) for each Dockerfile instruction, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    parsed = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            parsed.append((word.upper(), " ".join(rest.split())))
    return parsed


def stages() -> list[list[tuple[str, str]]]:
    """The Dockerfile's stages, each from its FROM on."""
    found: list[list[tuple[str, str]]] = []
    for instruction in instructions(DOCKERFILE.read_text()):
        if instruction[0] == "FROM":
            found.append([])
        found[-1].append(instruction)
    return found


def _args(stage: list[tuple[str, str]], name: str) -> list[str]:
    return [args for word, args in stage if word == name]


def test_the_image_runs_on_a_slim_python_311_base() -> None:
    final = stages()[-1]
    assert re.fullmatch(r"python:3\.11-slim(-\w+)?", final[0][1]), final[0]
    assert all("slim" in stage[0][1] for stage in stages()), "every stage starts from a slim image"


def test_the_python_dependencies_are_installed_at_build_time_from_the_pins() -> None:
    runs = " ".join(args for stage in stages() for args in _args(stage, "RUN"))
    assert "pip install --constraint docker/constraints.txt ." in runs
    pins = {line.split("==")[0].lower().replace("_", "-"): line.split("==")[1]
            for line in CONSTRAINTS.read_text().splitlines() if line and not line.startswith("#")}
    assert "fivelayer" not in pins and not any(line.startswith("-e") for line in CONSTRAINTS.read_text().splitlines())
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = [re.split(r"[<>=\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-") for requirement in wanted]
    assert [n for n in names if n not in pins] == [], "every runtime dependency is pinned in docker/constraints.txt"


def test_the_chains_node_comes_from_npm_ci_and_only_its_binary_is_kept() -> None:
    node = next(stage for stage in stages() if "AS node" in stage[0][1])
    assert any("npm ci" in run for run in _args(node, "RUN"))
    final = stages()[-1]
    copies = _args(final, "COPY")
    assert "--from=node /out/anvil /opt/fivelayer/bin/anvil" in copies
    assert not any("node_modules" in copy for copy in copies)
    env = " ".join(_args(final, "ENV"))
    for setting in ("FIVELAYER_ANVIL=/opt/fivelayer/bin/anvil", "FIVELAYER_CONTRACTS=/opt/fivelayer/contracts",
                    "FIVELAYER_BIND=0.0.0.0"):
        assert setting in env


def test_the_image_runs_as_a_non_root_user_through_the_one_entry_script() -> None:
    final = stages()[-1]
    users = _args(final, "USER")
    assert users and users[-1].split(":")[0] not in ("root", "0"), users
    assert _args(final, "ENTRYPOINT") == ['["/usr/local/bin/fivelayer-service"]']
    assert "docker/entrypoint.sh /usr/local/bin/fivelayer-service" in _args(final, "COPY")
    assert os.access(ENTRYPOINT, os.X_OK), "the entry script is executable (git keeps the mode)"


def test_the_image_has_a_healthcheck_on_grpc_health() -> None:
    (check,) = _args(stages()[-1], "HEALTHCHECK")
    assert 'CMD ["python", "-m", "fivelayer.kernel.healthcheck"]' in check


def test_the_build_context_holds_what_the_dockerfile_copies() -> None:
    allowed = [line[1:].rstrip("/") for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.startswith("!")]
    for stage in stages():
        for copy in _args(stage, "COPY"):
            if copy.startswith("--from="):
                continue
            for source in copy.split()[:-1]:
                assert source.split("/")[0] in allowed, f"{source} is kept out of the build context"
                assert list(ROOT.glob(source)), f"{source} is not in the repository"


def compose() -> dict[str, Any]:
    yaml = importlib.import_module("yaml")  # PyYAML (mkdocs brings it) ships no type information
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())  # the merge keys (<<) resolved
    return loaded


def test_compose_runs_one_container_per_service_and_postgres() -> None:
    services = compose()["services"]
    assert set(services) == {*SERVICES, "postgres"}
    for name in SERVICES:
        service = services[name]
        assert service["build"] == "." and service["command"] == [name]
        assert service["restart"] == "unless-stopped"
        assert service["depends_on"]["postgres"] == {"condition": "service_healthy"}
        assert service["healthcheck"]["test"] == ["CMD", "python", "-m", "fivelayer.kernel.healthcheck", name]
        env = service["environment"]
        assert {host_variable(s): s for s in SERVICES}.items() <= env.items(), "each peer is found by its name"
        assert env["FIVELAYER_DB_URL"].endswith("@postgres:5432/fivelayer_{service}")
    assert services["postgres"]["restart"] == "unless-stopped" and "healthcheck" in services["postgres"]


def test_each_service_has_its_own_database_on_a_named_volume() -> None:
    document = compose()
    postgres = document["services"]["postgres"]
    assert "pgdata:/var/lib/postgresql/data" in postgres["volumes"]
    assert "pgdata" in document["volumes"]
    assert any(v.startswith("./docker/postgres-init.sql:/docker-entrypoint-initdb.d/") for v in postgres["volumes"])
    created = re.findall(r"CREATE DATABASE (\w+);", INIT_SQL.read_text())
    assert created == [f"fivelayer_{s}" for s in SERVICES]


def test_only_the_integrator_facing_ports_are_published() -> None:
    services = compose()["services"]
    assert "ports" not in services["postgres"]
    for name, wanted in PUBLISHED.items():
        published = {int(p.split(":")[0]) for p in services[name].get("ports", [])}
        assert published == wanted, name


def test_the_partner_secrets_are_docker_secrets_read_through_FILE_variables() -> None:
    document = compose()
    declared = document["secrets"]
    for name in SERVICES:
        service = document["services"][name]
        env = service["environment"]
        assert not [v for v in env if v.endswith("_SECRET")], f"{name}: a secret in plain environment"
        files = {v: path for v, path in env.items() if v.endswith("_SECRET_FILE")}
        for path in files.values():
            secret = path.removeprefix("/run/secrets/")
            assert secret in service["secrets"] and secret in declared
    assert set(document["services"]["broker"]["secrets"]) == set(declared)


def _compose_command() -> list[str] | None:
    """docker-compose (Debian's package, v1) or the `docker compose` plugin, whichever exists."""
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return None


def test_docker_compose_config_accepts_the_file() -> None:
    command = _compose_command()
    if command is None:
        pytest.skip("no compose binary here (neither docker-compose nor the `docker compose` plugin): "
                    "`docker-compose config -q` not run; the structure tests above still read compose.yaml")
    done = subprocess.run([*command, "-f", str(COMPOSE), "config", "-q"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
