# One image for the six Fivelayer services: `docker run ... fivelayer <service>` runs one of them, configured only
# by environment variables (docs/containers.md lists them; compose.yaml runs the six on PostgreSQL).
# tests/unit/test_compose.py checks this file's shape, since CI has no Docker engine to build it.

# The chain's node: anvil exactly as package-lock.json pins it (`npm ci`), only its platform binary kept.
FROM node:20-bookworm-slim AS node
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund \
 && arch="$(uname -m)" \
 && case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac \
 && install -D -m 0755 "node_modules/@foundry-rs/anvil-linux-$arch/bin/anvil" /out/anvil \
 && /out/anvil --version

# The package and its dependencies, at the versions docker/constraints.txt pins, in a virtualenv copied whole into
# the final stage; the NYSE/bank calendar table is built here once (kernel/calendar.py) so no service imports pandas.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 FIVELAYER_CACHE=/opt/fivelayer/cache
RUN python -m venv /opt/venv
WORKDIR /src
COPY docker/constraints.txt docker/constraints.txt
COPY pyproject.toml ./
COPY services services
RUN /opt/venv/bin/pip install --constraint docker/constraints.txt . \
 && /opt/venv/bin/python -c "from fivelayer.kernel import calendar; calendar.table()"

FROM python:3.11-slim-bookworm
# A system user without a login shell or a password; the services write only their data folder.
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/fivelayer --create-home --shell /usr/sbin/nologin \
    fivelayer
COPY --from=build /opt/venv /opt/venv
COPY --from=build /opt/fivelayer/cache /opt/fivelayer/cache
COPY --from=node /out/anvil /opt/fivelayer/bin/anvil
# The token contracts' parameters (their ABI and bytecode are package data, installed with the package).
COPY contracts/*.toml /opt/fivelayer/contracts/
COPY docker/entrypoint.sh /usr/local/bin/fivelayer-service
# An installed package has no checkout beside it: say where the node and the contracts are. Listen on every
# interface of the container; the data folder keeps the chain's node log (and SQLite files when no FIVELAYER_DB_URL).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    FIVELAYER_ANVIL=/opt/fivelayer/bin/anvil \
    FIVELAYER_CONTRACTS=/opt/fivelayer/contracts \
    FIVELAYER_CACHE=/opt/fivelayer/cache \
    FIVELAYER_DATA_DIR=/var/lib/fivelayer \
    FIVELAYER_BIND=0.0.0.0
USER fivelayer:fivelayer
WORKDIR /var/lib/fivelayer
# gRPC on base+0..5, REST on base+100..105 (the chain's JSON-RPC face is its REST port's /rpc).
EXPOSE 50050-50055 50150-50155
# Asks the gRPC health of the service FIVELAYER_SERVICE names (compose.yaml gives each container its own check).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "fivelayer.kernel.healthcheck"]
ENTRYPOINT ["/usr/local/bin/fivelayer-service"]
