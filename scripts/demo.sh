#!/usr/bin/env bash
# The README's main job, on the built-in lab (needs root):
#   1. install what is missing and build;
#   2. bring up a 3-host lab in the collide scenario (a HEP capture socket sits on an RTP port on every host);
#   3. run calls and show the failures;
#   4. run fix-port-collisions.yml --check --diff and show the diff (nothing changes);
#   5. run it for real;
#   6. run calls again: zero failures;
#   7. print a one-screen before/after summary;
#   8. take the lab down (also when a step fails).
# Environment: DEMO_CALLS (calls per host, default 200), DEMO_RATE (calls/s, default 50), DEMO_DIR (lab directory).
set -euo pipefail
cd "$(dirname "$0")/.."

calls=${DEMO_CALLS:-200}
rate=${DEMO_RATE:-50}
started=$(date +%s)
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [[ $(id -u) -ne 0 ]]; then
    echo "scripts/demo.sh brings up a lab (network namespaces, mounts, sshd): run it as root." >&2
    exit 2
fi

say "1/8 Install what is missing and build"
scripts/install-deps.sh
dotnet build src/Orchestrator.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
orch=$PWD/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator

work=$(mktemp -d /tmp/orchestrator-demo.XXXXXX)
lab=${DEMO_DIR:-$work/lab}
hosts=(fs1 fs2 fs3)
cleanup() {
    local rc=$?
    say "8/8 Take the lab down"
    "$orch" lab down --dir "$lab" || true
    rm -rf "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "2/8 Bring up 3 hosts in the collide scenario"
"$orch" lab up --hosts 3 --scenario collide --name fsdemo --dir "$lab"
inventory=$lab/inventory.yml

# "300 calls to fs1 in 6.1 s: 291 succeeded, 9 failed (9 answered 488)." -> "291 9"; Bind Error lines -> the count.
calls_on() {
    local host=$1 out
    out=$("$orch" lab calls --dir "$lab" --host "$host" --count "$calls" --rate "$rate" 2>&1) || true
    printf '%s\n' "$out" | sed 's/^/   /' >&2
    local ok failed bind
    ok=$(sed -n 's/.*: \([0-9]*\) succeeded.*/\1/p' <<<"$out" | head -n1)
    failed=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' <<<"$out" | head -n1)
    bind=$(sed -n "s/^New 'Bind Error' lines[^:]*: \([0-9]*\).*/\1/p" <<<"$out" | head -n1)
    echo "${ok:-?} ${failed:-?} ${bind:-?}"
}
placement_of() {
    # verify.yml's capture_ports line for each host: "fs1 colliding 20042,20101".
    { "$orch" run playbooks/verify.yml -i "$inventory" -o json 2>/dev/null || true; } | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e.get("type") == "task_result" and e.get("module") == "capture_ports":
        r = e.get("result") or {}
        print(e["host"], r.get("verdict", "?"), ",".join(str(p) for p in r.get("capture_ports", [])))
'
}

say "3/8 Calls before the fix ($calls per host at $rate/s)"
declare -A before after
for h in "${hosts[@]}"; do before[$h]=$(calls_on "$h"); done
placement_before=$(placement_of)
printf '%s\n' "$placement_before" | sed 's/^/   placement: /'

# The repository way, as with ansible-playbook: site.yml (the freeswitch_capture role) with no -i. ansible.cfg names the
# production inventory; ANSIBLE_INVENTORY points this one run at the lab instead.
say "4/8 orchestrator run site.yml --check --diff (plan only: nothing on any host changes)"
ANSIBLE_INVENTORY="$inventory" "$orch" run site.yml --check --diff

say "5/8 orchestrator run site.yml"
fix_started=$(date +%s)
ANSIBLE_INVENTORY="$inventory" "$orch" run site.yml
fix_seconds=$(( $(date +%s) - fix_started ))

say "6/8 Calls after the fix"
for h in "${hosts[@]}"; do after[$h]=$(calls_on "$h"); done
placement_after=$(placement_of)

say "7/8 Summary"
printf '%-6s | %-28s | %-28s\n' host "before: ok/failed, Bind Error" "after: ok/failed, Bind Error"
printf -- '-------+------------------------------+-----------------------------\n'
total_before=0
total_after=0
for h in "${hosts[@]}"; do
    read -r bo bf bb <<<"${before[$h]}"
    read -r ao af ab <<<"${after[$h]}"
    printf '%-6s | %4s ok %4s failed, %4s lines | %4s ok %4s failed, %4s lines\n' "$h" "$bo" "$bf" "$bb" "$ao" "$af" "$ab"
    total_before=$(( total_before + ${bf//[!0-9]/0} ))
    total_after=$(( total_after + ${af//[!0-9]/0} ))
done
echo
echo "placement before:"; printf '%s\n' "$placement_before" | sed 's/^/  /'
echo "placement after:";  printf '%s\n' "$placement_after" | sed 's/^/  /'
echo
echo "failed calls: $total_before before, $total_after after; fix-port-collisions.yml took ${fix_seconds} s; demo took $(( $(date +%s) - started )) s"
if (( total_after != 0 )); then
    echo "calls still fail after the fix" >&2
    exit 1
fi
