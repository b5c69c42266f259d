#!/usr/bin/env bash
# Transport figures for docs/benchmarks.md: the orchestrator's SSH transport against OpenSSH and Ansible,
# on the same lab hosts, in the same run, interleaved so both sides see the same machine load.
# Usage (root): bench/transport/transport-bench.sh [HOSTS] [RUNS]     default: 50 5
#   1. brings up a lab "trbench" with HOSTS hosts (or reuses it when it is already up),
#   2. on fs1: per-command latency on an open connection (vs ssh with ControlMaster), connection setup
#      (vs ssh host true), 10 MB upload (exec channel vs an SFTP connection),
#   3. RUNS times, alternating: `orchestrator exec -f HOSTS -- true` on all hosts, then
#      `ansible all -m command -a true -f HOSTS` with pipelining, with cold and with warm ControlPersist masters.
# Results go to bench/results/transport-<date>.txt as well as stdout. KEEP_LAB=1 leaves the lab up;
# LAB_DIR=DIR uses (or creates) the lab in DIR instead of /tmp/orchestrator-transport-bench/lab.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $(id -u) -eq 0 ]] || { echo "transport-bench: needs root (the lab creates namespaces)" >&2; exit 1; }
hosts=${1:-50}
runs=${2:-5}
dir=${LAB_DIR:-/tmp/orchestrator-transport-bench/lab}
name=trbench

# The CLI as it ships: a Release publish for this runtime, precompiled (ReadyToRun), as bench/inventory uses it.
publish=$(mktemp -d /tmp/orchestrator-transport-bench-publish.XXXXXX)
trap 'rm -rf "$publish"' EXIT
dotnet publish src/Orchestrator.Cli -c Release -r "$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')" --self-contained false \
    -o "$publish" -nologo -clp:ErrorsOnly >/dev/null
dotnet build bench/transport/TransportBench -c Release -nologo -clp:ErrorsOnly >/dev/null
cli="$publish/orchestrator"
bench="dotnet bench/transport/TransportBench/bin/Release/net10.0/TransportBench.dll"
mkdir -p bench/results
out=bench/results/transport-$(date +%Y%m%d-%H%M%S).txt
log() { echo "$*" | tee -a "$out"; }

if [[ ! -f $dir/lab.json ]] || [[ $(grep -c 'ansible_host' "$dir/inventory.yml" 2>/dev/null || echo 0) -ne $hosts ]]; then
    "$cli" lab down --dir "$dir" >/dev/null
    "$cli" lab up --hosts "$hosts" --name "$name" --dir "$dir" >/dev/null
fi
inventory=$dir/inventory.yml

log "# transport benchmark $(date -Is)"
log "# machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
log "# $(ssh -V 2>&1), $(/usr/sbin/sshd -V 2>&1 | head -1 || true), $(ansible --version | head -1)"
log "# lab: $hosts hosts; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
log ""
$bench latency "$inventory" fs1 10 20 | tee -a "$out"
log "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
$bench connect "$inventory" fs1 5 8 | tee -a "$out"
log "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
$bench upload "$inventory" fs1 3 2 | tee -a "$out"
log "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"
log ""

seconds() { local s=$EPOCHREALTIME; "$@" >/tmp/transport-bench-run.txt 2>&1 || { cat /tmp/transport-bench-run.txt >&2; return 1; }; echo "$EPOCHREALTIME - $s" | bc; }
export ANSIBLE_PIPELINING=True ANSIBLE_FORKS=$hosts ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_STDOUT_CALLBACK=minimal
ours=(); cold=(); warm=()
for i in $(seq "$runs"); do
    ours+=("$(seconds "$cli" exec -i "$inventory" -f "$hosts" -- true)")
    grep -q "$hosts changed, 0 failed, 0 unreachable" /tmp/transport-bench-run.txt || { cat /tmp/transport-bench-run.txt; exit 1; }
    cp=$(mktemp -d /tmp/transport-bench-cp.XXXXXX)
    cold+=("$(ANSIBLE_SSH_CONTROL_PATH_DIR=$cp seconds ansible all -i "$inventory" -m command -a true -f "$hosts")")
    [[ $(grep -c 'CHANGED' /tmp/transport-bench-run.txt) -eq $hosts ]] || { cat /tmp/transport-bench-run.txt; exit 1; }
    warm+=("$(ANSIBLE_SSH_CONTROL_PATH_DIR=$cp seconds ansible all -i "$inventory" -m command -a true -f "$hosts")")
    [[ $(grep -c 'CHANGED' /tmp/transport-bench-run.txt) -eq $hosts ]] || { cat /tmp/transport-bench-run.txt; exit 1; }
    for s in "$cp"/*; do [[ -S $s ]] && ssh -o ControlPath="$s" -O exit x 2>/dev/null || true; done
    rm -rf "$cp"
    log "run $i: orchestrator exec ${ours[-1]} s, ansible cold ${cold[-1]} s, ansible warm masters ${warm[-1]} s (load $(cut -d' ' -f1 /proc/loadavg))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mo=$(median "${ours[@]}"); mc=$(median "${cold[@]}"); mw=$(median "${warm[@]}")
log "exec of \`true\` on $hosts hosts, forks $hosts, wall time of the whole command (median of $runs):"
log "  orchestrator exec: $mo s; ansible -m command (pipelining): cold $mc s, warm ControlPersist masters $mw s"
log "  speed-up: $(echo "scale=1; $mc / $mo" | bc)x against cold ansible, $(echo "scale=1; $mw / $mo" | bc)x against warm"
log "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ${KEEP_LAB:-0} != 1 ]]; then "$cli" lab down --dir "$dir" >/dev/null; fi
