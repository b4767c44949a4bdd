#!/usr/bin/env bash
# Collector pauses of the bridge under API load: each checkout given is started through its own bin/run (default
# simulator data, -Xlog:gc), warmed up for WARMUP seconds, then sent the eight dataset endpoints in turn for <seconds>
# by wrk (-t2 -c32, as bench/api-load.sh). Prints one row per start: req/s, p99, pauses over 5 ms, the longest pause,
# the full collections and the RSS after. Checkouts are run in the order given, so alternate them for a comparison
# (a checkout of another commit: `git worktree add --detach ../before <commit>`, built with `mvn -B -q package -DskipTests`).
#
#   bench/gc-under-load.sh 180 ../before . ../before .
#
# Results: docs/benchmarks.md ("Fifth pass").
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-180}; shift || true
[ $# -gt 0 ] || set -- .
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d /tmp/gc-under-load.XXXXXX)
PID=
trap 'kill $PID 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
KEY=bench-key
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
{ printf 'paths = {'; for e in summary providers stock-timeline top-products trends stock-by-provider weekly-sales critical-stock; do
      printf '"/api/%s",' "$e"; done
  printf '}\ncounter = 0\nwrk.headers["X-API-Key"] = "%s"\n' "$KEY"
  printf 'request = function()\n  counter = counter + 1\n  return wrk.format("GET", paths[(counter %% #paths) + 1])\nend\n'
} >"$WORK/all.lua"
echo "machine=\"$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB\" date=$(date -u +%FT%TZ) seconds=$SECS"
echo "| checkout | req/s | p99 ms | pauses > 5 ms | longest pause ms | full collections (ms) | RSS MB | load |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
n=0
for dir in "$@"; do
    n=$((n + 1)); run="$WORK/$n"; mkdir -p "$run"
    api=$(free_port); mgmt=$(free_port)
    (cd "$dir" && exec env DEPOSITO_TARGET=simulator bin/run -Xlog:gc:file="$run/gc.log" -Dbridge.data-dir="$run/data" \
        -Dcamel.server.port="$api" -Dcamel.management.port="$mgmt" -Dhawtio.port=0 \
        -Dhawtio.users-file="$run/hawtio-users.properties" -Dmanagement.credentials-file="$run/mgmt.properties" \
        -Ddashboard.api-keys=$KEY -Ddashboard.rate-limit=1000000000 -Dreports.dir="$run/reports" \
        -Dstock-updates.inbox="$run/inbox") >"$run/bridge.log" 2>&1 &
    PID=$!
    end=$(( $(date +%s) + 180 ))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$mgmt/observe/health/ready")" = 200 ]; do
        [ "$(date +%s)" -lt "$end" ] && kill -0 $PID 2>/dev/null || { tail -30 "$run/bridge.log" >&2; exit 1; }
        sleep 0.2
    done
    wrk -t2 -c32 -d"${WARMUP:-30}s" -s "$WORK/all.lua" "http://127.0.0.1:$api" >/dev/null
    mark=$(wc -l <"$run/gc.log")
    out=$(wrk -t2 -c32 -d"${SECS}s" --latency -s "$WORK/all.lua" "http://127.0.0.1:$api")
    rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$PID/status")
    rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
    p99=$(echo "$out" | awk '/^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else {sub(/s/,"",v); v*=1000}; printf "%.2f", v}')
    pauses=$(awk -v m="$mark" 'NR > m && /Pause/ {ms=$NF; sub(/ms/, "", ms); if (ms + 0 > 5) big++; if (ms + 0 > max) max = ms + 0
        if (/Pause Full/) {full++; fs = fs (fs ? ", " : "") sprintf("%.0f", ms)}}
        END {printf "%d | %.1f | %d (%s)", big, max, full, fs}' "$run/gc.log")
    echo "| $dir | $rps | $p99 | $pauses | $rss | $(cut -d' ' -f1 /proc/loadavg) |"
    kill $PID; wait $PID 2>/dev/null || true; PID=
done
