#!/usr/bin/env bash
# Stop the broker started by infra/kafka/start.sh (same KAFKA_PORT / PUSHPULL_CACHE). Fine when nothing runs.
set -euo pipefail

KAFKA_PORT="${KAFKA_PORT:-9092}"
CACHE="${PUSHPULL_CACHE:-$HOME/.cache/pushpull}"
PID_FILE="$CACHE/kafka-$KAFKA_PORT.pid"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

say() { echo "[kafka] $*"; }

if [[ ! -f "$PID_FILE" ]]; then
  say "not running (no pid file $PID_FILE)"
  exit 0
fi
pid=$(cat "$PID_FILE")
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
  say "not running (stale pid file removed)"
  rm -f "$PID_FILE"
  exit 0
fi
# Only signal the process if it really is our broker (pid files can outlive a reboot).
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'; then
  say "pid $pid is not a Kafka broker; removing stale pid file"
  rm -f "$PID_FILE"
  exit 0
fi

say "stopping broker (pid $pid)"
kill -TERM "$pid"
for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  say "still running after ${STOP_TIMEOUT}s; killing"
  kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$PID_FILE"
say "stopped"
