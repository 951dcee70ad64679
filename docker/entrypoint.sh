#!/bin/sh
# The image's one entry point: `fivelayer-service SERVICE` (or FIVELAYER_SERVICE=SERVICE) runs that one service
# in the foreground as `python -m fivelayer.SERVICE`, configured only by environment variables (kernel/config.py,
# kernel/credentials.py; docs/containers.md lists them). exec: the service is the container's main process, so
# `docker stop`'s SIGTERM reaches it and it stops cleanly.
set -eu
service="${1:-${FIVELAYER_SERVICE:-}}"
case "$service" in
  control|chain|depository|broker|issuer|exchange)
    # The health command (python -m fivelayer.kernel.healthcheck) reads the same variable.
    FIVELAYER_SERVICE="$service"
    export FIVELAYER_SERVICE
    exec python -m "fivelayer.$service" ;;
  *)
    echo "usage: fivelayer-service control|chain|depository|broker|issuer|exchange (or set FIVELAYER_SERVICE);" \
         "got '$service'" >&2
    exit 64 ;;
esac
