#!/usr/bin/env bash
# Memory of one bridge replica as deploy/kubernetes runs it, for the Deployment's requests and limits
# (docs/benchmarks.md, "Kubernetes sizing"). Needs root (it makes a memory cgroup) and `mvn package` first.
#
#   bench/k8s-sizing.sh [products] [movements-per-day] [days] [limit-MiB] [settle-seconds]
#   defaults: 2000 500 400 1024 60 (the simulator's default data); 100000 5000 400 = 2,000,000 movements
#
# Layout as in the image (deploy/container/Dockerfile): jar, hawtio.war, routes/ and config/ in a working directory,
# with deploy/kubernetes/configmap.yaml's properties as config/application-prod.properties and CAMEL_MAIN_PROFILE=prod.
# What cannot run here is overridden by environment variables (as a pod's env would): loopback hosts and free ports,
# the file cluster service instead of the Kubernetes one, paths of a temporary folder instead of the mounts.
# The bridge runs inside a memory cgroup whose limit plays the container limit, so the JVM sizes its heap from it
# with the Deployment's own JAVA_TOOL_OPTIONS (read from deployment.yaml). A standalone simulator (own JVM, outside
# the cgroup) is the deposito, with live movements on.
#
# Prints: time to ready, the max heap the JVM chose, VmRSS sampled every second from start to the end of the settle
# time (peak), VmHWM, the cgroup's peak usage and failcnt, heap after a full GC.
set -euo pipefail
cd "$(dirname "$0")/.."
PRODUCTS=${1:-2000}
PER_DAY=${2:-500}
DAYS=${3:-400}
LIMIT_MIB=${4:-1024}
SETTLE=${5:-60}
JAR=target/deposito-bridge.jar
[ -f "$JAR" ] && [ -f target/hawtio.war ] || { echo "run 'mvn package' first" >&2; exit 1; }

WORK=$(mktemp -d /tmp/k8s-sizing.XXXXXX)
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    CG=/sys/fs/cgroup/k8s-sizing-$$; CG_LIMIT=memory.max; CG_PEAK=memory.peak; CG_FAIL=memory.events
else
    CG=/sys/fs/cgroup/memory/k8s-sizing-$$; CG_LIMIT=memory.limit_in_bytes; CG_PEAK=memory.max_usage_in_bytes
    CG_FAIL=memory.failcnt
fi
cleanup() {
    kill "${BRIDGE:-}" "${SIM:-}" 2>/dev/null || true
    wait 2>/dev/null || true
    rmdir "$CG" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

# ---- the image's working directory
APP=$WORK/app
mkdir -p "$APP/config" "$WORK/secrets" "$WORK/data" "$WORK/shared" "$WORK/tmp" "$WORK/cluster"
cp "$JAR" target/hawtio.war "$APP/"
cp -r routes "$APP/routes"
cp config/*.properties "$APP/config/"
# the ConfigMap's file, as mounted (the block under "application-prod.properties: |", indentation removed)
awk '/^  application-prod.properties: \|/ {on=1; next} on && /^[^ ]/ {on=0} on {sub(/^    /, ""); print}' \
    deploy/kubernetes/configmap.yaml > "$APP/config/application-prod.properties"
JAVA_TOOL_OPTIONS_K8S=$(awk '/name: JAVA_TOOL_OPTIONS/ {getline; sub(/.*value: /, ""); gsub(/"/, ""); print}' \
    deploy/kubernetes/deployment.yaml)
[ -n "$JAVA_TOOL_OPTIONS_K8S" ] || { echo "JAVA_TOOL_OPTIONS not found in deployment.yaml" >&2; exit 1; }

# ---- the secrets, as the Secret's files
head -c 48 /dev/urandom | base64 | tr -d '\n' > "$WORK/secrets/deposito-jwt-secret"
printf 'user.metrics = %s,metrics\n' "sizing-$$" > "$WORK/secrets/management-users.properties"
printf 'sizing-%s\n' "$$" | java -Dhawtio.users-file="$WORK/secrets/hawtio-users.properties" -cp "$JAR" \
    org.depositobridge.console.HawtioUsers add admin >/dev/null

# ---- the deposito: a standalone simulator in its own JVM
SIM_PORT=$(free_port)
java -Xmx3g -cp "$JAR" org.depositobridge.simulator.SimulatorMain --host 127.0.0.1 --port "$SIM_PORT" \
    --products "$PRODUCTS" --days "$DAYS" --movements-per-day "$PER_DAY" --seed 1 --live-per-minute 60 \
    --secret-file "$WORK/secrets/deposito-jwt-secret" > "$WORK/sim.log" 2>&1 &
SIM=$!
until grep -qs 'listening at' "$WORK/sim.log"; do
    kill -0 "$SIM" 2>/dev/null || { cat "$WORK/sim.log" >&2; exit 1; }
    sleep 0.2
done
grep -m1 'products=' "$WORK/sim.log"

# ---- the bridge in a memory cgroup of LIMIT_MIB
mkdir "$CG"
echo $((LIMIT_MIB * 1024 * 1024)) > "$CG/$CG_LIMIT"
API_PORT=$(free_port); MGMT_PORT=$(free_port); HAWTIO_PORT=$(free_port)
T0=$(date +%s%3N)
(
    cd "$APP"
    echo $BASHPID > "$CG/cgroup.procs"
    export CAMEL_MAIN_PROFILE=prod JAVA_TOOL_OPTIONS="$JAVA_TOOL_OPTIONS_K8S -Djava.io.tmpdir=$WORK/tmp"
    # ports as -D: Camel ignores environment variables ending in _PORT for camel.* keys (it takes them for
    # Kubernetes service links), so CAMEL_SERVER_PORT would not override the ConfigMap's 8080
    export CAMEL_SERVER_HOST=127.0.0.1 CAMEL_MANAGEMENT_HOST=127.0.0.1 \
        HAWTIO_USERS_FILE=$WORK/secrets/hawtio-users.properties BRIDGE_DATA_DIR=$WORK/data \
        MANAGEMENT_CREDENTIALS_FILE=$WORK/secrets/management-users.properties \
        DEPOSITO_URL=http://127.0.0.1:$SIM_PORT DEPOSITO_JWT_SECRET_FILE=$WORK/secrets/deposito-jwt-secret \
        REPORTS_DIR=$WORK/shared/reports STOCK_UPDATES_INBOX=$WORK/shared/inbox/stock-updates \
        STOCK_UPDATES_JOURNAL_DIR=$WORK/shared/stock-updates-journal \
        BRIDGE_CLUSTER_SERVICE=file BRIDGE_CLUSTER_FILE_ROOT=$WORK/cluster BRIDGE_CLUSTER_MEMBER_ID=sizing-0 \
        DASHBOARD_API_KEYS=sizing-key LOG_FORMAT=kv
    exec java -Dcamel.server.port="$API_PORT" -Dcamel.management.port="$MGMT_PORT" -Dhawtio.port="$HAWTIO_PORT" \
        -jar deposito-bridge.jar
) > "$WORK/bridge.log" 2>&1 &
BRIDGE=$!
PEAK_KB=0
sample() { local r; r=$(rss_kb "$BRIDGE" 2>/dev/null || echo 0); [ "$r" -gt "$PEAK_KB" ] && PEAK_KB=$r; return 0; }
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MGMT_PORT/observe/health/ready")" = 200 ]; do
    kill -0 "$BRIDGE" 2>/dev/null || { tail -40 "$WORK/bridge.log" >&2; exit 1; }
    [ $(( $(date +%s%3N) - T0 )) -lt 600000 ] || { echo "not ready after 600 s" >&2; tail -40 "$WORK/bridge.log" >&2; exit 1; }
    sample
    sleep 1
done
READY_MS=$(( $(date +%s%3N) - T0 ))
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }
CPU_READY=$(cpu_s "$BRIDGE")
# some dashboard traffic while settling: every dataset the API serves, a few times
for i in $(seq 1 "$SETTLE"); do
    for p in /api/summary /api/providers /api/top-products /api/stock-timeline /api/trends /api/stock-by-provider /api/weekly-sales /api/critical-stock; do
        curl -s -o /dev/null -H 'X-API-Key: sizing-key' "http://127.0.0.1:$API_PORT$p" || true
    done
    sample
    sleep 1
done
MAX_HEAP=$(jcmd "$BRIDGE" VM.flags 2>/dev/null | tr ' ' '\n' | awk -F= '/^-XX:MaxHeapSize=/ {printf "%.0f", $2/1048576}')
CPU_END=$(cpu_s "$BRIDGE")
HWM_KB=$(awk '/VmHWM/ {print $2}' "/proc/$BRIDGE/status")
RSS_KB=$(rss_kb "$BRIDGE")
CG_PEAK_MB=$(( $(cat "$CG/$CG_PEAK") / 1048576 ))
jcmd "$BRIDGE" GC.run >/dev/null
HEAP_AFTER_GC=$(jcmd "$BRIDGE" GC.heap_info | awk '/garbage-first heap|def new generation|PSYoungGen/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K,?/, "", v); printf "%.0f", v/1024}}' | head -1)
DATA_KB=$(du -sk "$WORK/data" | cut -f1)
echo "data: products=$PRODUCTS movements=$((PER_DAY * DAYS)) limit=${LIMIT_MIB}MiB JAVA_TOOL_OPTIONS=\"$JAVA_TOOL_OPTIONS_K8S\""
echo "time to ready: $READY_MS ms (process start to /observe/health/ready 200)"
echo "CPU time: ${CPU_READY} s to ready, ${CPU_END} s at the end of the settle time ($SETTLE s of API traffic)"
echo "max heap chosen by the JVM: ${MAX_HEAP} MB"
echo "RSS peak (1 s samples): $((PEAK_KB / 1024)) MB; VmHWM: $((HWM_KB / 1024)) MB; RSS at end: $((RSS_KB / 1024)) MB"
echo "cgroup peak usage (RSS + page cache): ${CG_PEAK_MB} MB; $CG_FAIL: $(tr '\n' ' ' < "$CG/$CG_FAIL")"
echo "heap after full GC: ${HEAP_AFTER_GC} MB"
echo "bridge.data-dir on disk: $((DATA_KB / 1024)) MB"
grep -c 'event=leadership_gained' "$WORK/bridge.log" | sed 's/^/leadership_gained lines: /'
