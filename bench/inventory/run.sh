#!/usr/bin/env bash
# Benchmark: `orchestrator inventory --list` against `ansible-inventory --list` on a generated inventory of
# 10,000 hosts (ranges, 50 groups plus parents, group_vars, host_vars). Whole processes, wall-clock time,
# median of several runs. Checks first that both print the same JSON.
# Usage: bench/inventory/run.sh [ORCHESTRATOR_RUNS] [ANSIBLE_RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
orchestrator_runs=${1:-9}
ansible_runs=${2:-5}
work=$(mktemp -d /tmp/orchestrator-inventory-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

command -v ansible-inventory >/dev/null || { echo "ansible-inventory not found; run scripts/install-deps.sh" >&2; exit 1; }
# The shipped form: a Release publish for this runtime, precompiled (ReadyToRun, set in the csproj).
rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
dotnet publish src/Orchestrator.Cli -c Release -r "$rid" --self-contained false -o "$work/publish" -nologo -clp:ErrorsOnly >/dev/null
exe="$work/publish/orchestrator"
# The plain build (dotnet build -c Release, what the tests use) for comparison.
dotnet build src/Orchestrator.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
built=src/Orchestrator.Cli/bin/Release/net10.0/orchestrator

python3 bench/inventory/generate.py "$work/inv"
hosts=$(grep -c . "$work/inv/hosts")

# Same output first: a fast wrong answer is worth nothing.
"$exe" inventory -i "$work/inv/hosts" --list > "$work/ours.json"
ANSIBLE_CONFIG=tests/Orchestrator.Inventory.Tests/Differential/ansible.cfg ansible-inventory -i "$work/inv/hosts" --list > "$work/ansible.json"
if ! cmp -s "$work/ours.json" "$work/ansible.json"; then
    echo "outputs differ:" >&2
    diff "$work/ansible.json" "$work/ours.json" | head -20 >&2
    exit 1
fi
count=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["_meta"]["hostvars"]))' "$work/ours.json")

# Median wall-clock seconds of N runs of a command.
median() {
    local runs=$1; shift
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" > /dev/null
        end=$(date +%s%N)
        times+=("$(( (end - start) / 1000000 ))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.3f", m / 1000}'
}

ours=$(median "$orchestrator_runs" "$exe" inventory -i "$work/inv/hosts" --list)
ours_built=$(median "$orchestrator_runs" "$built" inventory -i "$work/inv/hosts" --list)
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.2f", $1 + $2}'; }
ours_cpu=$(cpu "$exe" inventory -i "$work/inv/hosts" --list)
theirs=$(ANSIBLE_CONFIG=tests/Orchestrator.Inventory.Tests/Differential/ansible.cfg median "$ansible_runs" ansible-inventory -i "$work/inv/hosts" --list)
theirs_cpu=$(ANSIBLE_CONFIG=tests/Orchestrator.Inventory.Tests/Differential/ansible.cfg cpu ansible-inventory -i "$work/inv/hosts" --list)
ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN {printf "%.1f", a / b}')
cpu_ratio=$(awk -v a="$theirs_cpu" -v b="$ours_cpu" 'BEGIN {printf "%.1f", a / b}')

echo "inventory: $count hosts, 50 groups + 16 parents, $(ls "$work/inv/group_vars" | wc -l) group_vars files, $(ls "$work/inv/host_vars" | wc -l) host_vars files, INI ($hosts lines); outputs identical"
echo "machine:   $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "versions:  .NET $(dotnet --version), $(ansible-inventory --version | head -1)"
echo "orchestrator inventory --list (published, ReadyToRun): median ${ours} s wall of ${orchestrator_runs} runs; ${ours_cpu} s CPU (user+sys) in one run"
echo "orchestrator inventory --list (dotnet build -c Release): median ${ours_built} s wall of ${orchestrator_runs} runs"
echo "ansible-inventory --list: median ${theirs} s wall of ${ansible_runs} runs; ${theirs_cpu} s CPU (user+sys) in one run"
echo "speed-up:  ${ratio}x wall, ${cpu_ratio}x CPU"
