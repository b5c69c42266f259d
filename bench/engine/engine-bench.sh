#!/usr/bin/env bash
# Engine benchmark: the same 6-task play (template, xml edit, command, service, wait_for, assert) with
# `orchestrator run` and with `ansible-playbook` (forks 50, pipelining on, facts off) on N lab hosts.
# Usage (root): bench/engine/engine-bench.sh [N ...]   (default: 10 50)
# Needs: the lab's packages (scripts/install-deps.sh), and for ansible's xml task the Debian packages
# `ansible` (community.general) and `python3-lxml`. Results: bench/results/engine-*.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
sizes=("${@:-10 50}")
read -r -a sizes <<< "${sizes[*]}"
rounds=${ROUNDS:-3}

if [[ $(id -u) -ne 0 ]]; then echo "engine-bench.sh needs root (the lab)"; exit 2; fi
for tool in ansible-playbook /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install ansible python3-lxml"; exit 2; }
done
ansible-doc -t module community.general.xml >/dev/null 2>&1 || { echo "community.general.xml missing: apt-get install ansible"; exit 2; }
/usr/bin/python3 -c 'import lxml' 2>/dev/null || { echo "python3-lxml missing: apt-get install python3-lxml"; exit 2; }

dotnet build src/Orchestrator.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
cli="$root/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator.dll"
mkdir -p bench/results
work=$(mktemp -d /tmp/engine-bench.XXXXXX)
cp -r bench/engine/templates bench/engine/orchestrator.yml bench/engine/ansible.yml "$work/"
lab_dir="$work/lab"
cleanup() {
    dotnet "$cli" lab down --dir "$lab_dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

cat > "$work/ansible.cfg" <<CFG
[defaults]
forks = 50
gathering = explicit
host_key_checking = True
stdout_callback = default
[ssh_connection]
pipelining = True
CFG

for n in "${sizes[@]}"; do
    out="bench/results/engine-$n.txt"
    dotnet "$cli" lab down --dir "$lab_dir" >/dev/null 2>&1 || true
    echo "== $n hosts: lab up" | tee "$out"
    dotnet "$cli" lab up --hosts "$n" --name enbench --dir "$lab_dir" >/dev/null
    inv="$lab_dir/inventory.yml"
    # Converge once with each tool (first connections, files in place), untimed.
    dotnet "$cli" run "$work/orchestrator.yml" -i "$inv" -f 50 -e bench_round=0 >/dev/null
    for r in $(seq 1 "$rounds"); do
        cp_dir="$work/cp-$n-$r"; mkdir -p "$cp_dir"
        o=$(/usr/bin/python3 bench/engine/peak_rss.py --log "$work/orch-$n-$r.log" -- dotnet "$cli" run "$work/orchestrator.yml" -i "$inv" -f 50 -e "bench_round=$((r * 2))")
        a=$(cd "$work" && ANSIBLE_CONFIG="$work/ansible.cfg" ANSIBLE_SSH_CONTROL_PATH_DIR="$cp_dir" \
            /usr/bin/python3 "$root/bench/engine/peak_rss.py" --also-cmdline "$cp_dir" --log "$work/ansible-$n-$r.log" -- \
            ansible-playbook ansible.yml -i "$inv" -f 50 -e "bench_round=$((r * 2 + 1))")
        # Stop the ssh ControlMasters this ansible run started (found by its own ControlPath directory).
        for pid in $(grep -l -a -F "$cp_dir" /proc/[0-9]*/cmdline 2>/dev/null | cut -d/ -f3); do kill "$pid" 2>/dev/null || true; done
        echo "round $r orchestrator $o" | tee -a "$out"
        echo "round $r ansible      $a" | tee -a "$out"
        grep -E "^(fs[0-9]+|PLAY RECAP)" "$work/orch-$n-$r.log" | tail -n +2 | awk '{print "  orchestrator " $0}' | head -2 >> "$out"
        grep -E "^fs[0-9]+ " "$work/ansible-$n-$r.log" | awk '{print "  ansible      " $0}' | head -2 >> "$out"
    done
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
done
