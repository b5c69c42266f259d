#!/usr/bin/env bash
# Lab figures for docs/benchmarks.md: how long `lab up` takes for N hosts, and what each host costs in memory.
# Usage (root): bench/lab/lab-bench.sh [N ...]    default: 5 50
# Builds the CLI (Release), then for each N: lab up (timed), lab status, memory per host (RSS and PSS of the
# processes in the host's namespaces, and the machine's MemAvailable drop), 20 calls on fs1, lab down (timed).
# Results go to bench/results/lab-<date>.txt as well as stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $(id -u) -eq 0 ]] || { echo "lab-bench: needs root (the lab creates namespaces)" >&2; exit 1; }
sizes=("$@")
((${#sizes[@]})) || sizes=(5 50)

dotnet build src/Orchestrator.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
cli=src/Orchestrator.Cli/bin/Release/net10.0/orchestrator
mkdir -p bench/results
out=bench/results/lab-$(date +%Y%m%d-%H%M%S).txt
log() { echo "$*" | tee -a "$out"; }

mem_available_kib() { awk '/MemAvailable/ {print $2}' /proc/meminfo; }

log "# lab benchmark $(date -Is) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
log "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${sizes[@]}"; do
    name="bench$n"
    dir="/tmp/orchestrator-lab-bench/$name"
    "$cli" lab down --dir "$dir" >/dev/null
    before=$(mem_available_kib)
    start=$(date +%s.%N)
    "$cli" lab up --hosts "$n" --name "$name" --dir "$dir" >/tmp/lab-bench-up.txt
    end=$(date +%s.%N)
    sleep 5 # let the simulators settle after start
    after=$(mem_available_kib)
    up=$(echo "$end - $start" | bc)
    rss=0; pss=0; procs=0
    for i in $(seq 1 "$n"); do
        for pid in $(ip netns pids "olab-$name-fs$i"); do
            r=$(awk '/^Rss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
            p=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
            rss=$((rss + r)); pss=$((pss + p)); procs=$((procs + 1))
        done
    done
    calls=$("$cli" lab calls --dir "$dir" --host fs1 --count 20 --rate 10 | head -1)
    dstart=$(date +%s.%N)
    "$cli" lab down --dir "$dir" >/dev/null
    dend=$(date +%s.%N)
    down=$(echo "$dend - $dstart" | bc)
    log "hosts=$n up_s=$(printf %.1f "$up") down_s=$(printf %.1f "$down") processes=$procs" \
        "rss_per_host_mib=$(echo "scale=1; $rss / $n / 1024" | bc) pss_per_host_mib=$(echo "scale=1; $pss / $n / 1024" | bc)" \
        "memavailable_drop_per_host_mib=$(echo "scale=1; ($before - $after) / $n / 1024" | bc)"
    log "  steps: $(grep -E '^ *[0-9.]+ s ' /tmp/lab-bench-up.txt | tr -s ' ' | paste -sd';')"
    log "  calls: $calls"
done
log "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
