#!/usr/bin/env bash
# Compliance sweep figures for docs/benchmarks.md: one pass of `orchestrator sweep` with the shipped policy over a
# collide lab of N hosts: wall time and the controller's peak memory (max RSS of the orchestrator process).
# Usage (root): bench/compliance/sweep-bench.sh [N ...]     default: 10 50
# Publishes the CLI as it ships (Release, ReadyToRun, like bench/inventory); for each N: lab up (collide), one warm-up pass (not counted), then 3 timed passes with
# --forks N, and 3 runs of `exec --become -- true` on the same hosts (the floor: connecting and sudo alone); lab down. Results go to bench/results/compliance-<date>.txt as well as stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $(id -u) -eq 0 ]] || { echo "sweep-bench: needs root (the lab creates namespaces)" >&2; exit 1; }
sizes=("$@")
((${#sizes[@]})) || sizes=(10 50)
runs=${SWEEP_BENCH_RUNS:-3}

mkdir -p bench/results
out=bench/results/compliance-$(date +%Y%m%d-%H%M%S).txt
log() { echo "$*" | tee -a "$out"; }
# CPU time the whole machine spent busy (controller, sshds, the hosts' shells, simulators): all of it shares the 2 cores.
busy_jiffies() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
hz=$(getconf CLK_TCK)
work=$(mktemp -d /tmp/orchestrator-sweep-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet publish src/Orchestrator.Cli -c Release -r "$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')" --self-contained false \
    -o "$work/publish" -nologo -clp:ErrorsOnly >/dev/null
cli=$work/publish/orchestrator

# The shipped policy without its remediation playbook references (no remediation here; the sweep only reads).
grep -v 'playbook: ../playbooks/' policies/freeswitch-capture.yml > "$work/policy.yml"

log "# compliance sweep benchmark $(date -Is) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
log "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${sizes[@]}"; do
    name="cob$n"
    dir="/tmp/orchestrator-lab-bench/$name"
    "$cli" lab down --dir "$dir" >/dev/null
    "$cli" lab up --hosts "$n" --scenario collide --name "$name" --dir "$dir" >/dev/null
    sleep 5
    sweep=("$cli" sweep -i "$dir/inventory.yml" --policy "$work/policy.yml" --become --forks "$n" --db "$work/h$n.db"
           --report "json:$work/r$n.json")
    "${sweep[@]}" >/dev/null 2>&1 || true   # warm-up: page cache, sshd, first JIT of the simulators' fs_cli
    walls=(); rss=()
    for i in $(seq 1 "$runs"); do
        rc=0
        b0=$(busy_jiffies)
        /usr/bin/time -f '%e %M' -o "$work/time" "${sweep[@]}" >/dev/null 2>"$work/err" || rc=$?
        # /usr/bin/time writes "Command exited with non-zero status N" first when the sweep exits non-zero.
        read -r wall maxrss < <(tail -n 1 "$work/time")
        cpu=$(echo "scale=1; ($(busy_jiffies) - $b0) / $hz" | bc)
        walls+=("$wall"); rss+=("$maxrss")
        log "hosts=$n run=$i exit=$rc wall_s=$wall controller_max_rss_mib=$(echo "scale=1; $maxrss / 1024" | bc) machine_busy_cpu_s=$cpu $(tail -1 "$work/err")"
    done
    best=$(printf '%s\n' "${walls[@]}" | sort -n | head -1)
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    log "hosts=$n summary: wall best ${best} s, median ${median} s; controller peak RSS $(echo "scale=1; $peak / 1024" | bc) MiB"
    # The floor of a pass on this machine: reaching the same hosts and running `sudo true`, nothing else.
    for i in $(seq 1 "$runs"); do
        b0=$(busy_jiffies); t0=$EPOCHREALTIME
        "$cli" exec -i "$dir/inventory.yml" --become -f "$n" -- true >/dev/null 2>&1
        log "hosts=$n floor run=$i (exec --become -- true): wall_s=$(echo "$EPOCHREALTIME - $t0" | bc) machine_busy_cpu_s=$(echo "scale=1; ($(busy_jiffies) - $b0) / $hz" | bc)"
    done
    "$cli" lab down --dir "$dir" >/dev/null
done
log "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
