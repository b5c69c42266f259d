#!/bin/sh
# Decrypting N inline vault values (each with its own salt) on load: orchestrator run vs ansible-playbook, side by
# side on the same playbook. One debug task joins every value, so both tools must decrypt all N.
# Usage: bench/vault/vault-bench.sh [N]   (default 1000; needs a Release build and ansible-core)
set -eu
N=${1:-1000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ORCH=$ROOT/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator
[ -x "$ORCH" ] || { echo "build first: dotnet build Orchestrator.sln -c Release" >&2; exit 1; }
WORK=$(mktemp -d /tmp/vault-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
echo bench-password > pw
# The values are encrypted by ansible-vault's library in one Python process (each call draws a fresh salt), with the
# interpreter Ansible runs with (its shebang): a python3 earlier on PATH may not have it.
PYTHON=$(head -1 "$(command -v ansible-playbook)" | sed 's/^#! *//; s/^[^ ]*\/env  *//; s/ .*//')
"$PYTHON" - "$N" <<'PY' > play.yml
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
print("  tasks:\n    - debug:\n        msg: \"{{ [" + names + "] | join(',') | length }}\"")
PY
clock() { python3 -c 'import time; print(time.monotonic())'; }
t0=$(clock)
"$ORCH" run play.yml -i localhost, -e ansible_connection=local --vault-password-file pw > ours.out
t1=$(clock)
env -i PATH=/usr/bin:/bin HOME="$WORK" ANSIBLE_CONFIG="$WORK/none.cfg" ANSIBLE_LOCAL_TEMP="$WORK/tmp" \
  ansible-playbook play.yml -i localhost, -c local --vault-password-file pw > theirs.out
t2=$(clock)
grep -q '"msg": "[0-9]' theirs.out || { echo "ansible-playbook did not print the joined length" >&2; cat theirs.out >&2; exit 1; }
grep -q 'ok: \[localhost\]' ours.out || { echo "orchestrator run failed" >&2; cat ours.out >&2; exit 1; }
python3 - "$N" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]), *map(float, sys.argv[2:])
ours, theirs = t1 - t0, t2 - t1
print(f"{n} inline vault values, load + decrypt + one debug task (wall time)")
print(f"  orchestrator run : {ours:6.2f} s")
print(f"  ansible-playbook : {theirs:6.2f} s")
print(f"  speed-up         : {theirs / ours:6.1f}x")
PY
