#!/usr/bin/env bash
# Leadership hand-over with the DEFAULT file-lock settings (bridge.cluster.file.acquire-lock-interval 2s x
# heartbeat-timeout-multiplier 5 = 10 s lease): two bridge processes (java -jar) on one cluster folder. Each round
# kills the current leader (SIGKILL, then in the last round SIGTERM, a normal stop), times until the other replica
# logs event=leadership_gained, and starts the killed one again as the new follower.
#
#   bench/cluster-failover.sh [sigkill-rounds]     (default 3; prints one line per round; docs/benchmarks.md)
#
# Each bridge runs its own small embedded simulator (leadership does not depend on the data).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
JAR=target/deposito-bridge.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
WORK=$(mktemp -d /tmp/cluster-failover.XXXXXX)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done' EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
ms_of() { date -d "$1" +%s%3N; }

start() { # name -> pid in $WORK/<name>.pid
  local name=$1
  mkdir -p "$WORK/$name"
  # in a subshell: not a job of this shell, so bash prints no "Killed" line for it
  (java -Xmx256m -Dcamel.server.port="$(free_port)" -Dcamel.management.port="$(free_port)" -Dhawtio.enabled=false \
    -Dbridge.data-dir="$WORK/$name" -Dreports.dir="$WORK/reports" -Dstock-updates.inbox="$WORK/inbox" \
    -Dstock-updates.journal-dir="$WORK/journal" -Dbridge.cluster.enabled=true \
    -Dbridge.cluster.file.root="$WORK/cluster" -Dbridge.cluster.member-id="$name" \
    -Dsimulator.products=300 -Dsimulator.history-days=30 -Dsimulator.movements-per-day=100 \
    -jar "$JAR" > "$WORK/$name.log" 2>&1 & echo $! > "$WORK/$name.pid")
  PIDS+=("$(cat "$WORK/$name.pid")")
}

wait_for() { # file pattern timeout-seconds
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "timeout waiting for '$2' in $1" >&2; tail -20 "$1" >&2; exit 1; }
    sleep 0.05
  done
}

gained_ms() { ms_of "$(grep -m1 'event=leadership_gained' "$1" | sed -E 's/^ts=([^ ]+) .*/\1/')"; }

leader=b0; follower=b1
start "$leader"; wait_for "$WORK/$leader.log" 'event=leadership_gained' 120
start "$follower"; wait_for "$WORK/$follower.log" 'Apache Camel .* started' 120
echo "machine: $(nproc) cores, $(date -u +%FT%TZ); lease 10 s (2 s x 5); per round: signal -> other replica leads"
round=0
for signal in $(for _ in $(seq "$ROUNDS"); do echo KILL; done) TERM; do
  round=$((round + 1))
  sleep 5   # the follower has read several heartbeats, as a long-running follower would have
  t0=$(date +%s%3N)
  kill -s "$signal" "$(cat "$WORK/$leader.pid")"
  wait_for "$WORK/$follower.log" 'event=leadership_gained' 60
  echo "round $round SIG$signal: takeover $(( $(gained_ms "$WORK/$follower.log") - t0 )) ms"
  while kill -0 "$(cat "$WORK/$leader.pid")" 2>/dev/null; do sleep 0.05; done
  next="b$((round + 1))"
  start "$next"; wait_for "$WORK/$next.log" 'Apache Camel .* started' 120
  leader=$follower; follower=$next
done
echo "logs: $WORK"
