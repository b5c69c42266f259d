#!/usr/bin/env bash
# Compliance sweep figures for docs/benchmarks.md: one pass of `orchestrator sweep` with the shipped policy over a
# collide lab of N hosts: wall time and the controller's peak memory (max RSS of the orchestrator process).
# Usage (root): bench/compliance/sweep-bench.sh [N ...]     default: 10 50
# Builds the CLI (Release); for each N: lab up (collide), one warm-up pass (not counted), then 3 timed passes with
# --forks N; lab down. Results go to bench/results/compliance-<date>.txt as well as stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $(id -u) -eq 0 ]] || { echo "sweep-bench: needs root (the lab creates namespaces)" >&2; exit 1; }
sizes=("$@")
((${#sizes[@]})) || sizes=(10 50)
runs=${SWEEP_BENCH_RUNS:-3}

dotnet build src/Orchestrator.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
cli=$PWD/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator
mkdir -p bench/results
out=bench/results/compliance-$(date +%Y%m%d-%H%M%S).txt
log() { echo "$*" | tee -a "$out"; }
work=$(mktemp -d /tmp/orchestrator-sweep-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

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
        /usr/bin/time -f '%e %M' -o "$work/time" "${sweep[@]}" >/dev/null 2>"$work/err" || rc=$?
        # /usr/bin/time writes "Command exited with non-zero status N" first when the sweep exits non-zero.
        read -r wall maxrss < <(tail -n 1 "$work/time")
        walls+=("$wall"); rss+=("$maxrss")
        log "hosts=$n run=$i exit=$rc wall_s=$wall controller_max_rss_mib=$(echo "scale=1; $maxrss / 1024" | bc) $(tail -1 "$work/err")"
    done
    best=$(printf '%s\n' "${walls[@]}" | sort -n | head -1)
    median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
    log "hosts=$n summary: wall best ${best} s, median ${median} s; controller peak RSS $(echo "scale=1; $peak / 1024" | bc) MiB"
    "$cli" lab down --dir "$dir" >/dev/null
done
log "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
