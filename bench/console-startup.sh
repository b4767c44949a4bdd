#!/usr/bin/env bash
# Start-up time and memory of the bridge with and without the Hawtio console, as the README runs it
# (java -jar target/deposito-bridge.jar from the repo root). Prints the figures; docs/benchmarks.md has results.
#
#   mvn -B -ntp package -DskipTests && bench/console-startup.sh [runs]
#
# time-to-ready: from launching java to the "Apache Camel ... (deposito-bridge) started" log line (the line's own
#                millisecond timestamp minus the launch time). Runs alternate between the two variants.
# cpu at ready:  user+system CPU time of the JVM when the line was seen (less sensitive to other load).
# RSS idle:      VmRSS 10 s after ready (console: 10 s after event=hawtio_started).
# RSS open:      VmRSS while Chromium has the console open (logged in, routes, diagram, a trace, then the diagram
#                view polling) - needs bin/setup.d/chromium.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
JAR=target/deposito-bridge.jar
[ -f "$JAR" ] && [ -f target/hawtio.war ] || { echo "run 'mvn package' first" >&2; exit 1; }
WORK=$(mktemp -d /tmp/console-bench.XXXXXX)
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
USERS=$WORK/users.properties
PASSWORD=bench-password-$$
printf '%s\n' "$PASSWORD" | java -Dhawtio.users-file="$USERS" -cp "$JAR" org.depositobridge.console.HawtioUsers add bench >/dev/null

now_ms() { date +%s%3N; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
wait_for() { # file pattern timeout_s
    local end=$(( $(date +%s) + $3 ))
    until grep -qs "$2" "$1"; do
        [ "$(date +%s)" -lt "$end" ] || { echo "timeout waiting for '$2' in $1" >&2; tail -20 "$1" >&2; return 1; }
        sleep 0.05
    done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start <hawtio.enabled true|false> <log>: launches the bridge, sets PID, READY_MS and API_PORT.
start() {
    local log=$2
    local t0
    API_PORT=$(free_port)
    t0=$(now_ms)
    java -Dhawtio.enabled="$1" -Dhawtio.port=0 -Dhawtio.users-file="$USERS" -Dbridge.data-dir="$WORK/data" \
         -Dcamel.server.port="$API_PORT" -Dcamel.management.port=0 -jar "$JAR" >"$log" 2>&1 &
    PID=$!
    wait_for "$log" '(deposito-bridge) started in' 60
    local ts
    ts=$(grep -m1 '(deposito-bridge) started in' "$log" | sed -E 's/^ts=([^ ]+) .*/\1/')
    READY_MS=$(( $(date -d "$ts" +%s%3N) - t0 ))
}

stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }

cpu_ms() { awk '{printf "%d", ($14 + $15) * 1000 / '"$(getconf CLK_TCK)"'}' "/proc/$1/stat"; }

declare -A READY RSS CPU
for mode in false true; do
    start "$mode" "$WORK/warmup.log"; stop   # warm-up: page cache, and the console's unpacked WAR
done
# Interleaved, so a change in machine load hits both variants alike.
for i in $(seq "$RUNS"); do
    for mode in false true; do
        log=$WORK/$mode-$i.log
        start "$mode" "$log"
        CPU[$mode]+="$(cpu_ms "$PID") "
        [ "$mode" = true ] && wait_for "$log" 'event=hawtio_started' 60
        sleep 10
        READY[$mode]+="$READY_MS "
        RSS[$mode]+="$(rss_mb "$PID") "
        stop
    done
done

echo "runs=$RUNS machine=\"$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB\" load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
for mode in false true; do
    echo "console_enabled=$mode time_to_ready_ms: ${READY[$mode]}-> median $(echo "${READY[$mode]}" | tr ' ' '\n' | grep . | median)"
    echo "console_enabled=$mode cpu_ms_at_ready:  ${CPU[$mode]}-> median $(echo "${CPU[$mode]}" | tr ' ' '\n' | grep . | median)"
    echo "console_enabled=$mode rss_idle_mb:      ${RSS[$mode]}-> median $(echo "${RSS[$mode]}" | tr ' ' '\n' | grep . | median)"
done

if [ -x /usr/bin/chromium ] && [ -d src/test/browser/node_modules/playwright-core ]; then
    log=$WORK/open.log
    start true "$log"
    wait_for "$log" 'event=hawtio_started' 60
    port=$(grep -m1 'event=hawtio_started' "$log" | sed -E 's/.*url=http:\/\/127.0.0.1:([0-9]+).*/\1/')
    before=$(rss_mb "$PID")
    mkdir -p "$WORK/browser"
    CONSOLE_URL=http://127.0.0.1:$port/hawtio CONSOLE_USER=bench CONSOLE_PASSWORD=$PASSWORD \
        TRAFFIC_URL=http://127.0.0.1:$API_PORT/health ROUTE=api-health OUT_DIR=$WORK/browser HOLD_SECONDS=20 \
        node src/test/browser/console-check.mjs >"$WORK/node.log" 2>&1 &
    NODE=$!
    wait_for "$WORK/node.log" 'step=holding' 180
    sleep 15
    echo "console_enabled=true rss_mb_before_browser: $before rss_mb_browser_open: $(rss_mb "$PID") (after login, routes, diagram, a trace; diagram view open)"
    wait "$NODE" || true
    stop
else
    echo "console_enabled=true rss_mb_browser_open: n/a (no /usr/bin/chromium or playwright-core: run bin/setup.d/chromium.sh)"
fi
