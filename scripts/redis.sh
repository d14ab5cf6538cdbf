#!/usr/bin/env bash
# Installs Debian's redis-server and runs a throwaway instance on 127.0.0.1:${KISSOS_REDIS_PORT:-56379}
# (the SignalR backplane of several app instances). Usage: scripts/redis.sh start|stop. Idempotent.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${KISSOS_REDIS_PORT:-56379}
DIR=${KISSOS_PGROOT:-$ROOT/.pgdata}/redis

case "${1:-start}" in
  start)
    if ! command -v redis-server >/dev/null; then
      [ "$(id -u)" = 0 ] || { echo "redis.sh: redis-server missing; run as root to install it" >&2; exit 1; }
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    fi
    if redis-cli -p "$PORT" ping >/dev/null 2>&1; then exit 0; fi
    mkdir -p "$DIR"
    redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$DIR/redis.pid" --dir "$DIR" --logfile "$DIR/redis.log"
    for _ in $(seq 1 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && exit 0; sleep 0.1; done
    echo "redis.sh: redis did not start, see $DIR/redis.log" >&2; exit 1 ;;
  stop) redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
