#!/usr/bin/env bash
# Start-up of the bridge as the README runs it, with the embedded simulator's default data. docs/benchmarks.md has
# results.
#
#   mvn -B -q package -DskipTests && bench/startup.sh [runs] [launcher ...]
#   bench/startup.sh 3 'java -jar' bin/run
#
# Launchers: 'java -jar' (plain java -jar target/deposito-bridge.jar) or a script taking JVM options as arguments
# (default: bin/run). Per launcher, per run, from the moment the process is launched:
#   listening  the API port answers HTTP (the start-up gate's 503 counts: the port is open and serving)
#   ready      /observe/health/ready answers 200 (the data is servable)
# and the CPU time (user + system, all threads) the bridge's JVM had used at each moment: on this shared 2-core
# machine the wall times move with the other builds' load, the CPU times far less.
# first with an empty data folder (cold: the first sync from the simulator), then again with the snapshot the cold
# run left on disk (warm). Launchers and runs alternate, so a change in the machine's load hits them alike.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}; shift || true
[ $# -gt 0 ] || set -- bin/run
[ -f target/deposito-bridge.jar ] || { echo "run 'mvn package' first" >&2; exit 1; }
WORK=$(mktemp -d /tmp/startup-bench.XXXXXX)
PID=
# run() executes in a subshell (process substitution): the bridge's pid goes through a file so the trap can stop it
trap 'kill "$(cat "$WORK/pid" 2>/dev/null)" 2>/dev/null || true; sleep 2; rm -rf "$WORK"' EXIT

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# cpu_ms <pid>: user + system time of the process so far (/proc/<pid>/stat fields 14 and 15, in clock ticks)
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# run <launcher> <data-dir>: prints "listening_ms ready_ms listening_cpu_ms ready_cpu_ms cds"
run() {
    local api mgmt t0 listening= ready= code dir=$2 cpu_l= cpu_r= cds
    api=$(free_port); mgmt=$(free_port)
    t0=$(now_ms)
    local opts=(-Dbridge.data-dir="$dir" -Dcamel.server.port="$api" -Dcamel.management.port="$mgmt" -Dhawtio.port=0
        -Dhawtio.users-file="$WORK/hawtio-users.properties" -Dmanagement.credentials-file="$WORK/mgmt.properties"
        -Dreports.dir="$WORK/reports" -Dstock-updates.inbox="$WORK/inbox")
    # 'java -jar': the README's former command, JVM options before -jar; any other launcher takes them as arguments
    if [ "$1" = "java -jar" ]; then set -- java "${opts[@]}" -jar target/deposito-bridge.jar; else set -- $1 "${opts[@]}"; fi
    "$@" >"$WORK/bridge.log" 2>&1 &
    PID=$!
    echo $PID >"$WORK/pid"
    while [ -z "$ready" ]; do
        kill -0 $PID 2>/dev/null || { tail -20 "$WORK/bridge.log" >&2; exit 1; }
        [ $(( $(now_ms) - t0 )) -lt 300000 ] || { echo "not ready after 300 s" >&2; exit 1; }
        if [ -z "$listening" ]; then
            code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$api/health" || true)
            [ "$code" != 000 ] && listening=$(( $(now_ms) - t0 )) && cpu_l=$(cpu_ms $PID)
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$mgmt/observe/health/ready" || true)
        [ "$code" = 200 ] && ready=$(( $(now_ms) - t0 )) && cpu_r=$(cpu_ms $PID) && listening=${listening:-$ready} \
            && cpu_l=${cpu_l:-$cpu_r}
        sleep 0.02
    done
    # bin/run's class-data archive (it execs java, so $PID is the JVM): used, being written at exit, or none
    cds=none
    tr '\0' ' ' <"/proc/$PID/cmdline" | grep -q 'SharedArchiveFile=' && cds=used
    tr '\0' ' ' <"/proc/$PID/cmdline" | grep -q 'ArchiveClassesAtExit=' && cds=written
    # the warm run needs the snapshot the cold run saves (on its own thread, soon after the sync)
    until [ -s "$dir/snapshot.bin" ]; do sleep 0.1; done
    kill $PID; wait $PID 2>/dev/null || true; PID=
    echo "$listening $ready $cpu_l $cpu_r $cds"
}

declare -A L_COLD R_COLD L_WARM R_WARM CL_COLD CR_COLD CL_WARM CR_WARM CDS_RUNS
n=0
for i in $(seq "$RUNS"); do
    for launcher in "$@"; do
        n=$((n + 1)); dir=$WORK/data-$n
        read -r l r cl cr cds < <(run "$launcher" "$dir")
        L_COLD[$launcher]+="$l "; R_COLD[$launcher]+="$r "; CL_COLD[$launcher]+="$cl "; CR_COLD[$launcher]+="$cr "
        CDS_RUNS[$launcher]+="$cds "
        read -r l r cl cr cds < <(run "$launcher" "$dir")
        L_WARM[$launcher]+="$l "; R_WARM[$launcher]+="$r "; CL_WARM[$launcher]+="$cl "; CR_WARM[$launcher]+="$cr "
        CDS_RUNS[$launcher]+="$cds "
        rm -rf "$dir"
    done
done
echo "runs=$RUNS machine=\"$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB\" date=$(date -u +%FT%TZ) load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
for launcher in "$@"; do
    for kind in cold warm; do
        if [ $kind = cold ]; then l=${L_COLD[$launcher]} r=${R_COLD[$launcher]} cl=${CL_COLD[$launcher]} cr=${CR_COLD[$launcher]}
        else l=${L_WARM[$launcher]} r=${R_WARM[$launcher]} cl=${CL_WARM[$launcher]} cr=${CR_WARM[$launcher]}; fi
        echo "[$launcher] $kind: listening_ms ${l}-> median $(echo "$l" | median); ready_ms ${r}-> median $(echo "$r" | median)"
        echo "[$launcher] $kind: cpu_ms at listening ${cl}-> median $(echo "$cl" | median); at ready ${cr}-> median $(echo "$cr" | median)"
    done
    echo "[$launcher] class-data archive per start (cold, warm, ...): ${CDS_RUNS[$launcher]}"
done
