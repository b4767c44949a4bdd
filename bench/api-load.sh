#!/usr/bin/env bash
# API throughput of the bridge started as the README starts it (java -jar, config/, embedded simulator with its
# default data), as a ratio to a bare Vert.x server returning the same bytes (bench/BareVertx.java, its own JVM):
# each endpoint's row is compared with the ceiling answering that endpoint's body (0.5 kB for /api/summary, 22 kB for
# /api/critical-stock), measured in the same sitting. Each configuration is one bridge start; configurations and the
# ceiling are measured alternately, so a change in the machine's load hits them alike. docs/benchmarks.md has results.
#
#   mvn -B -q package -DskipTests && bench/api-load.sh [seconds] ['-Dkey=value ...' ...]
#   bench/api-load.sh 5 '' '-Dcamel.debug.standby=false' 'PROFILE=prod'
#
# Every argument after the seconds is one configuration: JVM options for the bridge ('' = as the README runs it),
# optionally starting with PROFILE=<name> (CAMEL_MAIN_PROFILE), JAR=<path> (another build, e.g. the one before a
# change, kept aside; relative to DIR) and DIR=<path> (the folder it starts in, whose config/ and routes/ it reads and
# whose target/deposito-bridge.jar it runs unless JAR says otherwise: a checkout of that build's commit, e.g.
# `git worktree add --detach ../before <commit>` built there, then 'DIR=../before'). Auth and rate limiting stay on
# (the limit is raised above the offered load, so the bucket's cost is in the figure). wrk: 2 threads, 32 connections, loopback.
# "of ceiling (CPU)" = the ceiling's CPU time per request / the bridge's: what req/s would be on idle cores.
# Env: WARMUP=<seconds> of JIT warm-up per configuration (default 30); JFR=1 records the measured part of each configuration and prints where the time goes
# (bench/jfr-api-breakdown.py), JFR_KEEP=<path prefix> keeps each recording; HEAVY=<n> then sends n more requests to /api/summary and prints the RSS, the peak
# RSS, the heap's live set by class and the heap's sizes.
# ROWS='<endpoint> ...': the rows to measure, in that order (default the eight default endpoints once each; an endpoint
# may repeat, e.g. ROWS='summary summary critical-stock' to tell a row's position from its endpoint).
# The launcher: LAUNCH='bin/run' runs the bridge through it instead of plain java -jar.
# MIX=<seconds>: instead of the per-endpoint rows and the ceiling, the collector's pauses under the eight endpoints
# mixed for that long (-Xlog:gc), one row per configuration: req/s, p99, pauses over 5 ms, the longest pause, the full
# collections and the RSS after (docs/benchmarks.md, "Fifth pass"):
#   LAUNCH=bin/run MIX=180 bench/api-load.sh 5 'DIR=../before' '' 'DIR=../before' ''
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-5}; shift || true
[ $# -gt 0 ] || set -- ''
JAR=target/deposito-bridge.jar
[ -f "$JAR" ] || { echo "run 'mvn package' first" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
WORK=$(mktemp -d /tmp/api-load.XXXXXX)
PID=; CEIL=; STARTS=0
# wait for the JVMs to end before removing their folder (a bridge still saving its snapshot would recreate it)
trap 'kill $PID $CEIL 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
KEY=bench-key
ENDPOINTS="summary providers stock-timeline top-products trends stock-by-provider weekly-sales critical-stock"
ROWS=${ROWS:-$ENDPOINTS}   # the rows measured, in order (the warm-up always mixes all eight)
for e in $ROWS; do
    [[ " $ENDPOINTS " == *" $e "* ]] || { echo "ROWS: '$e' is not one of: $ENDPOINTS" >&2; exit 2; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
load() { cut -d' ' -f1 /proc/loadavg; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# wrk_row <url> [seconds] [server pid]: "req/s p99_ms non2xx cpu_us_per_request"
# CPU time per request (the server process's user+system time over the requests it answered) does not depend on
# how many cores the other builds on the machine leave free, so it is the steadier figure on a shared machine.
wrk_row() {
    local out c0 c1
    c0=$(cpu_ticks "${3:-$PID}")
    out=$(wrk -t2 -c32 -d"${2:-$SECONDS_PER}s" --latency -H "X-API-Key: $KEY" "$1")
    c1=$(cpu_ticks "${3:-$PID}")
    echo "$out" | awk -v ticks=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" '
        /requests in/ {req=$1}
        /Requests\/sec/ {rps=$2}
        /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; p99=v}
        /Non-2xx/ {n=$5}
        END {printf "%.0f %.2f %d %.0f\n", rps, p99, n, ticks * 1e6 / hz / (req > 0 ? req : 1)}'
}

start_bridge() { # <config>
    local cfg=$1 profile= jar=$JAR dir=. tok
    while [[ $cfg == PROFILE=* || $cfg == JAR=* || $cfg == DIR=* ]]; do   # leading PROFILE= / JAR= / DIR= tokens
        tok=${cfg%% *}; cfg=${cfg#"$tok"}; cfg=${cfg# }
        case $tok in PROFILE=*) profile=${tok#PROFILE=} ;; JAR=*) jar=${tok#JAR=} ;; DIR=*) dir=${tok#DIR=} ;; esac
    done
    API_PORT=$(free_port); MGMT_PORT=$(free_port)
    # shellcheck disable=SC2206
    STARTS=$((STARTS + 1))
    local opts=($cfg ${MIX:+-Xlog:gc:file=$WORK/gc.$STARTS.log} -Dbridge.data-dir="$WORK/data" -Dcamel.server.port="$API_PORT" -Dcamel.management.port="$MGMT_PORT"
        -Dhawtio.port=0 -Dhawtio.users-file="$WORK/hawtio-users.properties"
        -Dmanagement.credentials-file="$WORK/mgmt.properties" -Ddashboard.api-keys=$KEY
        -Ddashboard.rate-limit=1000000000 -Dreports.dir="$WORK/reports" -Dstock-updates.inbox="$WORK/inbox")
    if [ -n "${LAUNCH:-}" ]; then set -- "$LAUNCH" "${opts[@]}"; else set -- java "${opts[@]}" -jar "$jar"; fi
    # DIR: the working directory the bridge starts in (its config/ and routes/), e.g. a checkout of the commit before
    pushd "$dir" >/dev/null
    env ${profile:+CAMEL_MAIN_PROFILE=$profile} DEPOSITO_TARGET=simulator "$@" >"$WORK/bridge.log" 2>&1 &
    PID=$!
    popd >/dev/null
    local end=$(( $(date +%s) + 180 ))
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MGMT_PORT/observe/health/ready")" = 200 ]; do
        [ "$(date +%s)" -lt "$end" ] && kill -0 $PID 2>/dev/null || { tail -30 "$WORK/bridge.log" >&2; exit 1; }
        sleep 0.2
    done
}

start_ceiling() {
    # the ceiling answers each endpoint's path with the bytes the bridge answers it with (sizes 0.5-22 kB)
    mkdir -p "$WORK/bodies"
    for e in $ENDPOINTS; do curl -sf -H "X-API-Key: $KEY" "http://127.0.0.1:$API_PORT/api/$e" >"$WORK/bodies/$e.json"; done
    rm -f "$WORK/ceiling.port"
    java -cp "$JAR" bench/BareVertx.java "$WORK/bodies" "$WORK/ceiling.port" >"$WORK/ceiling.log" 2>&1 &
    CEIL=$!
    until [ -s "$WORK/ceiling.port" ]; do sleep 0.1; done
}

{ printf 'paths = {'; for e in $ENDPOINTS; do printf '"/api/%s",' "$e"; done
  printf '}\ncounter = 0\nwrk.headers["X-API-Key"] = "%s"\n' "$KEY"
  printf 'request = function()\n  counter = counter + 1\n  return wrk.format("GET", paths[(counter %% #paths) + 1])\nend\n'
} >"$WORK/all.lua"
echo "machine=\"$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB\" java=$(java -version 2>&1 | awk -F'"' 'NR==1 {print $2}') date=$(date -u +%FT%TZ) seconds=$SECONDS_PER"
if [ -n "${MIX:-}" ]; then
    echo "| configuration | req/s | p99 ms | pauses > 5 ms | longest pause ms | full collections (ms) | RSS MB | load |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
else
    echo "| configuration | endpoint | req/s | p99 ms | of ceiling (req/s) | CPU us/request | of ceiling (CPU) | non-2xx | load | ceiling req/s, CPU us/request (same bytes) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
fi
for cfg in "$@"; do
    start_bridge "$cfg"
    name=${cfg:-README defaults}
    if [ -n "${MIX:-}" ]; then
        gclog=$WORK/gc.$STARTS.log
        wrk -t2 -c32 -d"${WARMUP:-30}s" -s "$WORK/all.lua" "http://127.0.0.1:$API_PORT" >/dev/null
        mark=$(wc -l <"$gclog")
        out=$(wrk -t2 -c32 -d"${MIX}s" --latency -s "$WORK/all.lua" "http://127.0.0.1:$API_PORT")
        pauses=$(awk -v m="$mark" 'NR > m && /Pause/ {ms = $NF; sub(/ms/, "", ms); if (ms + 0 > 5) big++
            if (ms + 0 > max) max = ms + 0; if (/Pause Full/) {full++; fs = fs (fs ? ", " : "") sprintf("%.0f", ms)}}
            END {printf "%d | %.1f | %s", big, max, full ? full " (" fs ")" : 0}' "$gclog")
        echo "$out" | awk -v name="$name" -v pauses="$pauses" -v rss="$(rss_mb $PID)" -v load="$(load)" '
            /Requests\/sec/ {rps = $2}
            /^ +99%/ {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else {sub(/s/, "", v); v *= 1000}; p99 = v}
            END {printf "| %s | %.0f | %.2f | %s | %s | %s |\n", name, rps, p99, pauses, rss, load}'
        kill $PID; wait $PID 2>/dev/null || true; PID=
        continue
    fi
    if [ -z "$CEIL" ]; then   # the ceiling's JVM, started once, gets the same warm-up as each bridge
        start_ceiling
        ceil_url=http://127.0.0.1:$(cat "$WORK/ceiling.port")/api/summary
        wrk -t2 -c32 -d"${WARMUP:-30}s" "$ceil_url" >/dev/null
    fi
    ceil_url=http://127.0.0.1:$(cat "$WORK/ceiling.port")/api/summary
    # JIT warm-up: every endpoint in turn for WARMUP seconds (default 30: on a loaded machine the compiler threads
    # compete for the cores too), then the ceiling
    wrk -t2 -c32 -d"${WARMUP:-30}s" -s "$WORK/all.lua" "http://127.0.0.1:$API_PORT" >/dev/null
    wrk_row "$ceil_url" 5 "$CEIL" >/dev/null
    read -r c_rps c_p99 _ c_cpu < <(wrk_row "$ceil_url" "$SECONDS_PER" "$CEIL")
    # the ceiling answering each endpoint's bytes, so each row's ratio compares the same bytes; measured as a block
    # before the bridge's rows, which follow each other without a pause as they always have. A bridge row right after
    # the bridge has idled costs more CPU per request (52-55 us against 33-47 us for the rows after it, 03:08 UTC), as
    # the first row of each configuration always did: 5 s of the eight endpoints mixed (not measured) come between
    declare -A e_rps e_cpu
    for e in $ROWS; do
        [ -n "${e_rps[$e]:-}" ] || read -r "e_rps[$e]" _ _ "e_cpu[$e]" < <(wrk_row "${ceil_url%/summary}/$e" "$SECONDS_PER" "$CEIL")
    done
    wrk -t2 -c32 -d5s -s "$WORK/all.lua" "http://127.0.0.1:$API_PORT" >/dev/null
    [ "${JFR:-0}" = 1 ] && jcmd $PID JFR.start name=bench settings=profile filename="$WORK/api.jfr" >/dev/null
    for e in $ROWS; do
        read -r rps p99 non2xx cpu < <(wrk_row "http://127.0.0.1:$API_PORT/api/$e")
        echo "| $name | /api/$e | $rps | $p99 | $(awk -v a="$rps" -v b="${e_rps[$e]}" 'BEGIN {printf "%.2f", a/b}') | $cpu | $(awk -v a="$cpu" -v b="${e_cpu[$e]}" 'BEGIN {printf "%.2f", b/a}') | $non2xx | $(load) | ${e_rps[$e]}, ${e_cpu[$e]} |"
    done
    unset e_rps e_cpu
    if [ "${JFR:-0}" = 1 ]; then
        jcmd $PID JFR.stop name=bench >/dev/null
        [ -n "${JFR_KEEP:-}" ] && cp "$WORK/api.jfr" "$JFR_KEEP.$(echo "${cfg:-default}" | tr -c 'A-Za-z0-9' _).jfr"
        jfr print --json --events jdk.ExecutionSample --stack-depth 96 "$WORK/api.jfr" | python3 bench/jfr-api-breakdown.py \
            | awk -v p="    [$name] " '{print p $0}'
    fi
    read -r c2_rps c2_p99 _ c2_cpu < <(wrk_row "$ceil_url" "$SECONDS_PER" "$CEIL")
    echo "| $name | bare Vert.x ceiling, /api/summary's bytes (before / after the rows) | $c_rps / $c2_rps | $c_p99 / $c2_p99 | 1.00 | $c_cpu / $c2_cpu | 1.00 | 0 | $(load) | |"
    # the same server handing each request to a worker thread and back, as platform-http does (bench/BareVertx.java)
    read -r h_rps h_p99 _ h_cpu < <(wrk_row "${ceil_url%/api/summary}/hop" "$SECONDS_PER" "$CEIL")
    echo "| $name | ceiling with platform-http's worker hand-over (/hop) | $h_rps | $h_p99 | $(awk -v a="$h_rps" -v b="$c2_rps" 'BEGIN {printf "%.2f", a/b}') | $h_cpu | $(awk -v a="$h_cpu" -v b="$c2_cpu" 'BEGIN {printf "%.2f", b/a}') | 0 | $(load) | |"
    echo "    [$name] rss_mb=$(rss_mb $PID) after the rows above"
    if [ -n "${HEAVY:-}" ]; then
        total=0; t0=$(date +%s)
        while [ "$total" -lt "$HEAVY" ]; do
            out=$(wrk -t2 -c32 -d30s -H "X-API-Key: $KEY" "http://127.0.0.1:$API_PORT/api/summary")
            total=$(( total + $(echo "$out" | awk '/requests in/ {print $1}') ))
        done
        echo "    [$name] rss_mb=$(rss_mb $PID) vmhwm_mb=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$PID/status) after $total more requests in $(( $(date +%s) - t0 )) s"
        # live set: the class histogram collects the heap first (a measurement; the bridge never asks for a GC)
        jcmd $PID GC.class_histogram >"$WORK/histogram.txt"
        { head -18 "$WORK/histogram.txt"; tail -1 "$WORK/histogram.txt"; jcmd $PID GC.heap_info; } | awk -v p="    [$name] " '{print p $0}'
        echo "    [$name] rss_mb=$(rss_mb $PID) after the histogram's collection"
    fi
    kill $PID; wait $PID 2>/dev/null || true; PID=
done
