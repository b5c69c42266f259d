#!/usr/bin/env bash
# Benchmark (issue #14): N inline vault values, each with its own salt, on the same generated playbook, orchestrator
# against ansible-playbook, side by side in one run, interleaved, wall-clock median of several runs:
#   (a) --syntax-check: load the playbook (the issue's literal comparison). Neither tool decrypts here: both pass
#       with a wrong vault password, which this script checks first.
#   (b) a run whose one debug task joins every value, so both tools must decrypt all N; both must print the same
#       joined length. CPU seconds (user+sys) show the key-derivation work each tool does.
# The shipped form of orchestrator: a Release publish for this runtime, as bench/repository/run.sh does. No root.
# Usage: bench/vault/vault-bench.sh [N] [RUNS]   (defaults 1000 values, 5 runs of each); writes
# bench/results/vault-N.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-1000}
runs=${2:-5}
root=$PWD
work=$(mktemp -d /tmp/vault-bench.XXXXXX)
chmod 700 "$work"
trap 'rm -rf "$work"' EXIT

command -v ansible-playbook >/dev/null || { echo "ansible-playbook not found; run scripts/install-deps.sh" >&2; exit 1; }
rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
dotnet publish src/Orchestrator.Cli -c Release -r "$rid" --self-contained false -o "$work/publish" -nologo -clp:ErrorsOnly >/dev/null
exe="$work/publish/orchestrator"

cd "$work"
echo bench-password > pw
echo wrong-password > wrong
# The values are encrypted by ansible-vault's library in one Python process (each call draws a fresh salt), with the
# interpreter Ansible runs with (its shebang): a python3 earlier on PATH may not have it.
python=$(head -1 "$(command -v ansible-playbook)" | sed 's/^#! *//; s/^[^ ]*\/env  *//; s/ .*//')
"$python" - "$n" <<'PY' > play.yml
import sys
from ansible.parsing.vault import VaultLib, VaultSecret
n = int(sys.argv[1])
lib = VaultLib([("default", VaultSecret(b"bench-password"))])
print("- hosts: localhost\n  gather_facts: false\n  vars:")
for i in range(n):
    text = lib.encrypt(f"value-{i}").decode()
    print(f"    v{i}: !vault |")
    for line in text.strip().split("\n"):
        print(f"      {line}")
names = ", ".join(f"v{i}" for i in range(n))
print("  tasks:\n    - debug:\n        msg: \"joined length {{ [" + names + "] | join(',') | length }}\"")
PY
expected=$(python3 -c "import sys; n=int(sys.argv[1]); print(sum(len(f'value-{i}') for i in range(n)) + n - 1)" "$n")

# The two commands as scripts, so /usr/bin/time can run them (it counts the CPU of every process they start).
printf '#!/bin/sh\nexec "%s" run play.yml -i localhost, -e ansible_connection=local "$@"\n' "$exe" > ours
printf '#!/bin/sh\nexec env -i PATH=/usr/bin:/bin HOME="%s" ANSIBLE_CONFIG="%s/none.cfg" ANSIBLE_LOCAL_TEMP="%s/tmp" ANSIBLE_NOCOLOR=1 ansible-playbook play.yml -i localhost, -c local "$@"\n' \
    "$work" "$work" "$work" > theirs
chmod +x ours theirs

# Neither tool decrypts on --syntax-check: a wrong password passes.
./ours --syntax-check --vault-password-file wrong > /dev/null || { echo "orchestrator --syntax-check decrypted (failed with a wrong password)" >&2; exit 1; }
./theirs --syntax-check --vault-password-file wrong > /dev/null || { echo "ansible-playbook --syntax-check decrypted (failed with a wrong password)" >&2; exit 1; }
# Both decrypt every value on a run, and print the same joined length.
./ours --vault-password-file pw > ours.out || { cat ours.out >&2; exit 1; }
./theirs --vault-password-file pw > theirs.out || { cat theirs.out >&2; exit 1; }
for tool in ours theirs; do
    grep -Eq "joined length $expected(\"|\$)" "$tool.out" || { echo "$tool did not print joined length $expected:" >&2; cat "$tool.out" >&2; exit 1; }
done

# One timed run: "wall user sys" seconds appended to FILE.
measure() {
    local file=$1; shift
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu" "$@" > /dev/null
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 )) $(cat "$work/cpu")" >> "$file"
}
# Interleaved, so load on the machine falls on both alike.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$runs"); do
    measure syntax.ours ./ours --syntax-check --vault-password-file pw
    measure syntax.theirs ./theirs --syntax-check --vault-password-file pw
    measure run.ours ./ours --vault-password-file pw
    measure run.theirs ./theirs --vault-password-file pw
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Median wall seconds and median CPU seconds (user+sys) of a file of runs.
median_wall() { awk '{print $1 / 1000}' "$1" | sort -g | awk '{a[NR]=$1} END {printf "%.2f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
median_cpu() { awk '{print $2 + $3}' "$1" | sort -g | awk '{a[NR]=$1} END {printf "%.2f", (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

{
    echo "$n inline vault values (each its own salt: one PBKDF2-HMAC-SHA256 key derivation, 10,000 rounds, per value)"
    echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "load:     load average $load_before before, $load_after after; $(uptime | sed 's/^ *//')"
    echo "versions: .NET $(dotnet --version) (published for $rid), $(ansible-playbook --version | sed -n 1p)"
    echo "both tools pass --syntax-check with a wrong vault password (neither decrypts there);"
    echo "both print joined length $expected on the run (both decrypt all $n values)"
    echo
    printf '%-44s %14s %18s %8s\n' "median of $runs interleaved runs" "orchestrator" "ansible-playbook" "ratio"
    printf '%-44s %12s s %16s s %7sx\n' "(a) --syntax-check, wall" "$(median_wall syntax.ours)" "$(median_wall syntax.theirs)" \
        "$(ratio "$(median_wall syntax.theirs)" "$(median_wall syntax.ours)")"
    printf '%-44s %12s s %16s s %7sx\n' "(b) run decrypting every value, wall" "$(median_wall run.ours)" "$(median_wall run.theirs)" \
        "$(ratio "$(median_wall run.theirs)" "$(median_wall run.ours)")"
    printf '%-44s %12s s %16s s %7sx\n' "(b) run decrypting every value, CPU user+sys" "$(median_cpu run.ours)" "$(median_cpu run.theirs)" \
        "$(ratio "$(median_cpu run.theirs)" "$(median_cpu run.ours)")"
    echo
    echo "every run (wall ms, user s, sys s):"
    for f in syntax.ours syntax.theirs run.ours run.theirs; do
        printf '  %-14s %s\n' "$f" "$(tr '\n' ';' < "$f" | sed 's/;$//; s/;/; /g')"
    done
} | tee "$root/bench/results/vault-$n.txt"
