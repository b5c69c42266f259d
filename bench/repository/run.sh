#!/usr/bin/env bash
# Benchmark: loading an Ansible repository of 50 roles, 300 task files and 500 vars files
# (`orchestrator run site.yml --syntax-check` against `ansible-playbook site.yml --syntax-check`), whole processes,
# wall-clock median of several runs, side by side in one run. Checks first that both list the same tasks
# (--list-tasks), so a fast wrong answer cannot pass. No root, no lab.
# Usage: bench/repository/run.sh [ORCHESTRATOR_RUNS] [ANSIBLE_RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
orchestrator_runs=${1:-9}
ansible_runs=${2:-5}
work=$(mktemp -d /tmp/orchestrator-repository-bench.XXXXXX)
chmod 700 "$work"  # Ansible ignores ./ansible.cfg in a world-writable directory
trap 'rm -rf "$work"' EXIT

command -v ansible-playbook >/dev/null || { echo "ansible-playbook not found; run scripts/install-deps.sh" >&2; exit 1; }
# The shipped form: a Release publish for this runtime, precompiled (ReadyToRun, set in the csproj).
rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
dotnet publish src/Orchestrator.Cli -c Release -r "$rid" --self-contained false -o "$work/publish" -nologo -clp:ErrorsOnly >/dev/null
exe="$work/publish/orchestrator"
dotnet build src/Orchestrator.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
built=$PWD/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator

repo="$work/repo"
python3 bench/repository/generate.py "$repo"
roles=$(find "$repo/roles" -mindepth 1 -maxdepth 1 -type d | wc -l)
task_files=$(find "$repo/roles" -path '*/tasks/*.yml' | wc -l)
vars_files=$(find "$repo/roles" \( -path '*/defaults/*' -o -path '*/vars/*' \) -name '*.yml' | wc -l)
cd "$repo"
export HOME="$work" ANSIBLE_LOCAL_TEMP="$work/tmp" ANSIBLE_NOCOLOR=1

# Same tasks first: the task names each tool lists, in order.
task_names() { sed -n 's/^ \{6\}\(.*\)\tTAGS:.*/\1/p'; }
list_ours() { "$exe" run site.yml --list-tasks | task_names; }
list_ansible() { ansible-playbook site.yml --list-tasks | task_names; }
list_ours > "$work/ours.txt"
list_ansible > "$work/ansible.txt"
if ! cmp -s "$work/ours.txt" "$work/ansible.txt" || [[ ! -s "$work/ours.txt" ]]; then
    echo "the task lists differ (or are empty):" >&2
    diff "$work/ansible.txt" "$work/ours.txt" | head -20 >&2
    exit 1
fi
tasks=$(wc -l < "$work/ours.txt")

# Wall-clock milliseconds of one run of a command.
wall_ms() {
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
# Median, in seconds, of the milliseconds in a file (one a line).
median() {
    sort -n "$1" | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.3f", m / 1000}'
}
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.2f", $1 + $2}'; }
rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }

# Interleaved (one run of each in turn), so load on the machine falls on all of them alike.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: > "$work/ours.ms"; : > "$work/theirs.ms"; : > "$work/built.ms"
for i in $(seq "$(( orchestrator_runs > ansible_runs ? orchestrator_runs : ansible_runs ))"); do
    (( i > orchestrator_runs )) || wall_ms "$exe" run site.yml --syntax-check >> "$work/ours.ms"
    (( i > ansible_runs )) || wall_ms ansible-playbook site.yml --syntax-check >> "$work/theirs.ms"
    (( i > orchestrator_runs )) || wall_ms "$built" run site.yml --syntax-check >> "$work/built.ms"
done
ours=$(median "$work/ours.ms")
theirs=$(median "$work/theirs.ms")
ours_built=$(median "$work/built.ms")
ours_cpu=$(cpu "$exe" run site.yml --syntax-check)
theirs_cpu=$(cpu ansible-playbook site.yml --syntax-check)
ours_rss=$(rss "$exe" run site.yml --syntax-check)
theirs_rss=$(rss ansible-playbook site.yml --syntax-check)
ratio=$(awk -v a="$theirs" -v b="$ours" 'BEGIN {printf "%.1f", a / b}')

echo "repository: $roles roles, $task_files task files, $vars_files vars files, $tasks tasks listed identically by both tools"
echo "machine:    $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $load_before before the timed runs, $(cut -d' ' -f1-3 /proc/loadavg) after"
echo "versions:   .NET $(dotnet --version), $(ansible-playbook --version | sed -n 1p)"
printf '%-58s %8s %8s %9s\n' "--syntax-check" "wall s" "cpu s" "peak RSS"
printf '%-58s %8s %8s %7s MB\n' "orchestrator (published, ReadyToRun; median of $orchestrator_runs)" "$ours" "$ours_cpu" "$((ours_rss / 1024))"
printf '%-58s %8s %8s %9s\n' "orchestrator (plain dotnet build; median of $orchestrator_runs)" "$ours_built" "" ""
printf '%-58s %8s %8s %7s MB\n' "ansible-playbook (median of $ansible_runs)" "$theirs" "$theirs_cpu" "$((theirs_rss / 1024))"
echo "ratio: ansible-playbook / orchestrator = ${ratio}x"
